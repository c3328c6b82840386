/** Neighbours in the item space, for the item map. */
import { Rng } from '../model/random';
import { tf } from '../tf';

/** A seeded sample of n of M indices, ascending (all of them when n ≥ M or n ≤ 0). */
export function sampleIndices(M: number, n: number, seed: number): Int32Array {
  if (n <= 0 || n >= M) return Int32Array.from({ length: M }, (_, i) => i);
  const idx = Int32Array.from({ length: M }, (_, i) => i);
  const rng = new Rng(seed ^ 0x5eed);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(M - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.subarray(0, n).sort();
}

export interface KnnGraph {
  /** M × k, self first (UMAP's convention) */
  indices: number[][];
  /** Euclidean distances between unit vectors: sqrt(2 − 2 cos) */
  distances: number[][];
}

/**
 * Exact k nearest neighbours (cosine) of the unit rows of hn (M × d), self included, in blocks of
 * rows: each block is one matMul and one topk on the active backend. `onBlock` is awaited after
 * each block (to yield, report progress, or throw to abandon the search).
 */
export async function exactKnn(
  hn: Float32Array,
  d: number,
  k: number,
  onBlock?: (done: number, total: number) => Promise<void> | void,
): Promise<KnnGraph> {
  const M = hn.length / d;
  const kk = Math.min(k, M);
  const all = tf.tensor2d(hn, [M, d]);
  const indices: number[][] = new Array(M);
  const distances: number[][] = new Array(M);
  const block = Math.max(64, Math.min(1024, Math.floor(4_000_000 / Math.max(M, 1))));
  try {
    for (let start = 0; start < M; start += block) {
      const size = Math.min(block, M - start);
      const { values, indices: idx } = tf.tidy(() => {
        const q = tf.slice(all, [start, 0], [size, d]);
        return tf.topk(tf.matMul(q, all, false, true), kk, true);
      });
      const [v, ix] = await Promise.all([values.data(), idx.data()]);
      values.dispose();
      idx.dispose();
      for (let r = 0; r < size; r++) {
        const row = start + r;
        const ids: number[] = [];
        const dist: number[] = [];
        // Put the item itself first even when a duplicate vector ties with it.
        ids.push(row);
        dist.push(0);
        for (let p = 0; p < kk && ids.length < kk; p++) {
          const j = ix[r * kk + p];
          if (j === row) continue;
          ids.push(j);
          dist.push(Math.sqrt(Math.max(0, 2 - 2 * v[r * kk + p])));
        }
        indices[row] = ids;
        distances[row] = dist;
      }
      await onBlock?.(start + size, M);
    }
  } finally {
    all.dispose();
  }
  return { indices, distances };
}

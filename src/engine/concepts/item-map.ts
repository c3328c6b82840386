/**
 * The 2-D item map: exact cosine k-nearest neighbours of the normalised item vectors (tfjs, in
 * row blocks), then UMAP (umap-js) on that graph, a few epochs at a time so the worker stays
 * responsive and progress can be reported.
 */
import { UMAP } from 'umap-js';
import { Rng } from '../../core/model/random';
import { tf } from '../../core/tf';
import type { MapOptions, MapProgress } from '../../protocol/concepts';
import { nextMacrotask } from '../host/yield';

/**
 * 200 epochs (umap-js would pick 500 below 10 000 points) keep the demo's map under half a minute
 * on a slow machine. Above 10 000 items a seeded sample is laid out, as the Embedding Projector
 * does for UMAP and t-SNE: the exact neighbour search is O(M²·d) and umap-js builds its graph in
 * one synchronous step.
 */
export const DEFAULT_MAP_OPTIONS: MapOptions = { nEpochs: 200, nNeighbors: 15, minDist: 0.1, seed: 42, sample: 10_000 };

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

/** Thrown when a newer model replaced the one being mapped. */
export class Superseded extends Error {
  constructor() {
    super('the model changed while the map was being computed');
  }
}

export interface KnnGraph {
  /** M × k, self first (UMAP's convention) */
  indices: number[][];
  /** Euclidean distances between unit vectors: sqrt(2 − 2 cos) */
  distances: number[][];
}

/**
 * Exact k nearest neighbours (cosine) of the unit rows of hn (M × d), self included, in blocks of
 * rows: each block is one matMul and one topk on the active backend.
 */
export async function exactKnn(
  hn: Float32Array,
  d: number,
  k: number,
  onBlock?: (done: number, total: number) => void,
  check?: () => void,
): Promise<KnnGraph> {
  const M = hn.length / d;
  const kk = Math.min(k, M);
  const all = tf.tensor2d(hn, [M, d]);
  const indices: number[][] = new Array(M);
  const distances: number[][] = new Array(M);
  const block = Math.max(64, Math.min(1024, Math.floor(4_000_000 / Math.max(M, 1))));
  try {
    for (let start = 0; start < M; start += block) {
      check?.();
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
      onBlock?.(start + size, M);
      await nextMacrotask();
    }
  } finally {
    all.dispose();
  }
  return { indices, distances };
}

// Rough shares of the total time, for one progress bar over the three stages.
const STAGE_WEIGHT = { neighbours: 0.3, graph: 0.1, layout: 0.6 };

/**
 * UMAP coordinates (M × 2) of the unit item vectors hn, reproducible for a given seed.
 * `check` throws (e.g. Superseded) to abandon the run between steps.
 */
export async function itemMap(
  hn: Float32Array,
  d: number,
  options: MapOptions,
  onProgress: (p: MapProgress) => void,
  check: () => void = () => {},
): Promise<Float32Array> {
  const M = hn.length / d;
  const nNeighbors = Math.max(2, Math.min(options.nNeighbors, M - 1));
  const report = (stage: MapProgress['stage'], done: number, total: number) => {
    let fraction = 1;
    if (stage !== 'done') {
      const before = stage === 'neighbours' ? 0 : stage === 'graph' ? STAGE_WEIGHT.neighbours : STAGE_WEIGHT.neighbours + STAGE_WEIGHT.graph;
      fraction = before + STAGE_WEIGHT[stage] * (total > 0 ? done / total : 0);
    }
    onProgress({ stage, done, total, fraction });
  };
  if (M < 3) {
    // Too few points for a neighbour graph: lay them on a line.
    const coords = new Float32Array(M * 2);
    for (let i = 0; i < M; i++) coords[i * 2] = i;
    report('done', 1, 1);
    return coords;
  }
  report('neighbours', 0, M);
  const knn = await exactKnn(hn, d, nNeighbors, (done, total) => report('neighbours', done, total), check);
  check();
  report('graph', 0, 1);
  await nextMacrotask();
  const rng = new Rng(options.seed);
  const umap = new UMAP({ nComponents: 2, nNeighbors, nEpochs: options.nEpochs, minDist: options.minDist, random: () => rng.uniform() });
  umap.setPrecomputedKNN(knn.indices, knn.distances);
  // The search graph only serves umap.transform(), which is never called here; skip building it.
  (umap as unknown as { makeSearchGraph: () => undefined }).makeSearchGraph = () => undefined;
  const X: number[][] = new Array(M);
  for (let i = 0; i < M; i++) X[i] = Array.from(hn.subarray(i * d, (i + 1) * d));
  const nEpochs = umap.initializeFit(X);
  report('graph', 1, 1);
  let last = performance.now();
  for (let epoch = 0; epoch < nEpochs; ) {
    check();
    // About 40 ms of work between yields.
    do {
      epoch = umap.step();
    } while (epoch < nEpochs && performance.now() - last < 40);
    report('layout', epoch, nEpochs);
    await nextMacrotask();
    last = performance.now();
  }
  const embedding = umap.getEmbedding();
  const coords = new Float32Array(M * 2);
  for (let i = 0; i < M; i++) {
    coords[i * 2] = embedding[i][0];
    coords[i * 2 + 1] = embedding[i][1];
  }
  report('done', nEpochs, nEpochs);
  return coords;
}

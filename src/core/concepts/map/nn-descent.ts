/**
 * Approximate k nearest neighbours of unit vectors (cosine), by NN-descent (Dong, Charikar and Li,
 * WWW 2011) seeded with a random-projection forest, as pynndescent does for UMAP: each round costs
 * O(M·c²·d) for c candidates per point, where the exact search costs O(M²·d).
 */
import { Rng } from '../../model/random';

export interface NeighbourGraph {
  /** neighbours per point (the point itself excluded) */
  k: number;
  /** M × k, nearest first */
  indices: Int32Array;
  /** M × k Euclidean distances between the unit vectors, √(2 − 2 cos), ascending */
  distances: Float32Array;
}

export interface NnDescentOptions {
  k: number;
  seed: number;
  /** awaited now and then (every few thousand points), with the rounds done and the most there can be */
  onProgress?: (done: number, total: number) => Promise<void> | void;
}

/** Fixed-size max-heaps, one per row: the root holds the farthest of the row's k best. */
class RowHeaps {
  readonly idx: Int32Array;
  readonly key: Float32Array;
  readonly fresh: Uint8Array;

  constructor(
    rows: number,
    readonly k: number,
  ) {
    this.idx = new Int32Array(rows * k).fill(-1);
    this.key = new Float32Array(rows * k).fill(Infinity);
    this.fresh = new Uint8Array(rows * k);
  }

  /** Adds j to row i unless it is no closer than the row's farthest or already there. */
  push(i: number, j: number, key: number, fresh: number): boolean {
    const idx = this.idx;
    const keys = this.key;
    const k = this.k;
    const base = i * k;
    if (key >= keys[base]) return false;
    for (let p = base; p < base + k; p++) if (idx[p] === j) return false;
    let at = 0;
    for (;;) {
      const l = 2 * at + 1;
      if (l >= k) break;
      const c = l + 1 < k && keys[base + l + 1] > keys[base + l] ? l + 1 : l;
      if (keys[base + c] <= key) break;
      keys[base + at] = keys[base + c];
      idx[base + at] = idx[base + c];
      this.fresh[base + at] = this.fresh[base + c];
      at = c;
    }
    keys[base + at] = key;
    idx[base + at] = j;
    this.fresh[base + at] = fresh;
    return true;
  }
}

function cosineGap(x: Float32Array, d: number, a: number, b: number): number {
  let s = 0;
  const oa = a * d;
  const ob = b * d;
  for (let j = 0; j < d; j++) s += x[oa + j] * x[ob + j];
  return 1 - s;
}

/** Leaves of one random-projection tree: hyperplanes through the origin between two random points. */
function forEachLeaf(x: Float32Array, d: number, M: number, leafSize: number, rng: Rng, leaf: (members: Int32Array) => void): void {
  const order = Int32Array.from({ length: M }, (_, i) => i);
  const normal = new Float32Array(d);
  const stack: number[] = [0, M];
  while (stack.length > 0) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    const n = end - start;
    if (n <= leafSize) {
      leaf(order.subarray(start, end));
      continue;
    }
    const a = order[start + rng.int(n)];
    let b = order[start + rng.int(n)];
    for (let tries = 0; b === a && tries < 8; tries++) b = order[start + rng.int(n)];
    for (let j = 0; j < d; j++) normal[j] = x[a * d + j] - x[b * d + j];
    let lo = start;
    let hi = end - 1;
    while (lo <= hi) {
      const p = order[lo];
      let s = 0;
      for (let j = 0; j < d; j++) s += x[p * d + j] * normal[j];
      if (s > 0 || (s === 0 && rng.uniform() < 0.5)) lo++;
      else {
        order[lo] = order[hi];
        order[hi--] = p;
      }
    }
    // Identical points give an empty side: split them down the middle instead.
    const mid = lo === start || lo === end ? start + (n >> 1) : lo;
    stack.push(start, mid, mid, end);
  }
}

/** k approximate nearest neighbours of each unit row of x (M × d). Deterministic for a seed. */
export async function nnDescent(x: Float32Array, d: number, options: NnDescentOptions): Promise<NeighbourGraph> {
  const M = x.length / d;
  const k = Math.min(options.k, M - 1);
  const rng = new Rng(options.seed ^ 0x6e6e64);
  const heaps = new RowHeaps(M, k);
  const rounds = Math.max(5, Math.round(Math.log2(M)));
  const report = options.onProgress ?? (() => undefined);

  const trees = Math.min(12, 4 + Math.round(Math.sqrt(Math.sqrt(M)) / 2));
  const leafSize = Math.max(k + 1, 24);
  for (let t = 0; t < trees; t++) {
    forEachLeaf(x, d, M, leafSize, rng, (members) => {
      for (let p = 0; p < members.length; p++) {
        for (let q = p + 1; q < members.length; q++) {
          const gap = cosineGap(x, d, members[p], members[q]);
          heaps.push(members[p], members[q], gap, 1);
          heaps.push(members[q], members[p], gap, 1);
        }
      }
    });
  }
  // A point that shared its leaves with too few others gets random neighbours to start from.
  for (let i = 0; i < M; i++) {
    // The root holds an empty slot (key ∞) while the row has one.
    for (let tries = 0; heaps.idx[i * k] < 0 && tries < 8 * k; tries++) {
      const j = (i + 1 + rng.int(M - 1)) % M;
      heaps.push(i, j, cosineGap(x, d, i, j), 1);
    }
  }
  await report(0, rounds);

  const c = Math.min(60, k);
  const fresh = new RowHeaps(M, c);
  const old = new RowHeaps(M, c);
  for (let round = 0; round < rounds; round++) {
    fresh.idx.fill(-1);
    fresh.key.fill(Infinity);
    old.idx.fill(-1);
    old.key.fill(Infinity);
    // Sample up to c new and c old candidates per point, its reverse neighbours included (random priorities).
    for (let i = 0; i < M; i++) {
      for (let p = i * k; p < (i + 1) * k; p++) {
        const j = heaps.idx[p];
        if (j < 0) continue;
        const into = heaps.fresh[p] ? fresh : old;
        const priority = rng.uniform();
        into.push(i, j, priority, 0);
        into.push(j, i, priority, 0);
      }
    }
    for (let i = 0; i < M; i++) {
      for (let p = i * k; p < (i + 1) * k; p++) {
        if (!heaps.fresh[p]) continue;
        const j = heaps.idx[p];
        for (let q = i * c; q < (i + 1) * c; q++) {
          if (fresh.idx[q] === j) {
            heaps.fresh[p] = 0;
            break;
          }
        }
      }
    }
    let updates = 0;
    for (let i = 0; i < M; i++) {
      for (let p = i * c; p < (i + 1) * c; p++) {
        const a = fresh.idx[p];
        if (a < 0) continue;
        for (let q = p + 1; q < (i + 1) * c; q++) {
          const b = fresh.idx[q];
          if (b < 0) continue;
          const gap = cosineGap(x, d, a, b);
          if (heaps.push(a, b, gap, 1)) updates++;
          if (heaps.push(b, a, gap, 1)) updates++;
        }
        for (let q = i * c; q < (i + 1) * c; q++) {
          const b = old.idx[q];
          if (b < 0 || b === a) continue;
          const gap = cosineGap(x, d, a, b);
          if (heaps.push(a, b, gap, 1)) updates++;
          if (heaps.push(b, a, gap, 1)) updates++;
        }
      }
      if ((i & 4095) === 4095) await report(round + i / M, rounds);
    }
    await report(round + 1, rounds);
    if (updates <= 0.001 * k * M) break;
  }
  return sortedRows(heaps, M, k);
}

/** The heaps as rows sorted nearest first, with cosine gaps turned into Euclidean distances. */
function sortedRows(heaps: RowHeaps, M: number, k: number): NeighbourGraph {
  const indices = new Int32Array(M * k);
  const distances = new Float32Array(M * k);
  const order = Int32Array.from({ length: k }, (_, p) => p);
  for (let i = 0; i < M; i++) {
    const base = i * k;
    order.sort((p, q) => heaps.key[base + p] - heaps.key[base + q] || heaps.idx[base + p] - heaps.idx[base + q]);
    for (let p = 0; p < k; p++) {
      indices[base + p] = heaps.idx[base + order[p]];
      distances[base + p] = Math.sqrt(Math.max(0, 2 * heaps.key[base + order[p]]));
    }
    for (let p = 0; p < k; p++) order[p] = p;
  }
  return { k, indices, distances };
}

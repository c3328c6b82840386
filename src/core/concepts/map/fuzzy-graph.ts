/**
 * UMAP's fuzzy simplicial set (McInnes, Healy and Melville 2018, §3; umap-learn's
 * fuzzy_simplicial_set): per point a distance offset ρ (its nearest neighbour) and a scale σ such
 * that its k memberships sum to log2(k + 1), then the fuzzy union w_ij + w_ji − w_ij·w_ji.
 */
import type { NeighbourGraph } from './nn-descent';

/** Directed edges, each undirected pair present both ways with the same weight. */
export interface FuzzyGraph {
  head: Int32Array;
  tail: Int32Array;
  weight: Float32Array;
}

const SMOOTH_TOLERANCE = 1e-5;
const MIN_SCALE = 1e-3;

/** Memberships exp(−max(0, d − ρ)/σ) of each row's neighbours, M × k. */
function memberships(g: NeighbourGraph): Float32Array {
  const { k, distances } = g;
  const M = distances.length / k;
  const target = Math.log2(k + 1);
  const w = new Float32Array(M * k);
  for (let i = 0; i < M; i++) {
    const base = i * k;
    let rho = 0;
    let mean = 0;
    for (let p = base; p < base + k; p++) {
      mean += distances[p];
      if (rho === 0 && distances[p] > 0) rho = distances[p];
    }
    mean /= k;
    let lo = 0;
    let hi = Infinity;
    let sigma = 1;
    for (let it = 0; it < 64; it++) {
      let sum = 0;
      for (let p = base; p < base + k; p++) {
        const gap = distances[p] - rho;
        sum += gap > 0 ? Math.exp(-gap / sigma) : 1;
      }
      if (Math.abs(sum - target) < SMOOTH_TOLERANCE) break;
      if (sum > target) {
        hi = sigma;
        sigma = (lo + hi) / 2;
      } else {
        lo = sigma;
        sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2;
      }
    }
    sigma = Math.max(sigma, MIN_SCALE * mean);
    for (let p = base; p < base + k; p++) {
      const gap = distances[p] - rho;
      w[p] = gap > 0 ? Math.exp(-gap / sigma) : 1;
    }
  }
  return w;
}

/** The symmetric graph, without edges under max weight / nEpochs (they would never be sampled). */
export function fuzzyGraph(g: NeighbourGraph, nEpochs: number): FuzzyGraph {
  const { k, indices } = g;
  const M = indices.length / k;
  const w = memberships(g);
  const reverse = (j: number, i: number) => {
    for (let p = j * k; p < (j + 1) * k; p++) if (indices[p] === i) return w[p];
    return -1;
  };
  const head: number[] = [];
  const tail: number[] = [];
  const weight: number[] = [];
  let max = 0;
  for (let i = 0; i < M; i++) {
    for (let p = i * k; p < (i + 1) * k; p++) {
      const j = indices[p];
      if (j < 0 || j === i) continue;
      const back = reverse(j, i);
      const both = back < 0 ? w[p] : w[p] + back - w[p] * back;
      head.push(i);
      tail.push(j);
      weight.push(both);
      // j's own row does not list i, so j's side of the pair is written here.
      if (back < 0) {
        head.push(j);
        tail.push(i);
        weight.push(both);
      }
      if (both > max) max = both;
    }
  }
  const floor = max / Math.max(1, nEpochs);
  const keep: number[] = [];
  for (let e = 0; e < weight.length; e++) if (weight[e] >= floor) keep.push(e);
  return {
    head: Int32Array.from(keep, (e) => head[e]),
    tail: Int32Array.from(keep, (e) => tail[e]),
    weight: Float32Array.from(keep, (e) => weight[e]),
  };
}

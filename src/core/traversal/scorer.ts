import type { TopN } from './latent-scorer';

/**
 * What a traversal needs of a user's live scorer: coordinate (k, j) of the latent moves, the top-n
 * follows in O(M). MacridVAE's LatentScorer (K components) and β-Mult-VAE's LinearScorer (K = 1)
 * both are one.
 */
export interface TraversalScorer {
  readonly K: number;
  readonly d: number;
  readonly M: number;
  offset(k: number, j: number): number;
  value(k: number, j: number): number;
  setValue(k: number, j: number, value: number): void;
  setOffset(k: number, j: number, offset: number): void;
  resetOffsets(): void;
  /** the whole model's top-n, history excluded */
  topN(n: number): TopN;
  /** component k's own top-n (the whole model's for K = 1) */
  componentTopN(k: number, n: number): TopN;
  /** the items of componentTopN(k, n) were z_kj at `value`, computed without changing the state (where a scorer can do it cheaper) */
  componentProbe?(k: number, j: number, value: number, n: number): Int32Array;
  snapshot(): object;
  restore(s: object): void;
}

/** The history as a mask of length M (1 = left out of every ranking); `who` names the scorer in the error. */
export function exclusionMask(excluded: Int32Array, M: number, who: string): Uint8Array {
  const mask = new Uint8Array(M);
  for (const i of excluded) {
    if (!Number.isInteger(i) || i < 0 || i >= M) throw new RangeError(`${who}: excluded item ${i} out of range`);
    mask[i] = 1;
  }
  return mask;
}

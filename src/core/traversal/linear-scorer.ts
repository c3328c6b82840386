import { topNIndices } from '../rank/top-n';
import type { TopN } from './latent-scorer';
import { exclusionMask, type TraversalScorer } from './scorer';

interface LinearSnapshot {
  offsets: Float64Array;
  s: Float64Array;
}

/**
 * Live scores of a linear decoder, s_i = b_i + Σ_j z_j W_ji: β-Mult-VAE's (its logits; the softmax
 * keeps their order), so its d latent dimensions can be traversed like one MacridVAE component.
 * W is row-major d × M (row j contiguous), as the model stores it. A move of z_j costs O(M).
 */
export class LinearScorer implements TraversalScorer {
  readonly K = 1;
  readonly d: number;
  readonly M: number;
  readonly z0: Float64Array;
  private readonly excluded: Uint8Array;
  private readonly offsets: Float64Array;
  private readonly s0: Float64Array;
  private readonly s: Float64Array;

  constructor(
    private readonly W: Float32Array,
    b: Float32Array,
    z: Float32Array | Float64Array,
    excluded: Int32Array = new Int32Array(0),
  ) {
    const M = b.length;
    const d = z.length;
    if (W.length !== d * M) throw new RangeError(`LinearScorer: W has ${W.length} values, expected d·M = ${d * M}`);
    this.d = d;
    this.M = M;
    this.z0 = Float64Array.from(z);
    this.excluded = exclusionMask(excluded, M, 'LinearScorer');
    this.offsets = new Float64Array(d);
    const s0 = Float64Array.from(b);
    for (let j = 0; j < d; j++) {
      const zj = this.z0[j];
      if (zj === 0) continue;
      const row = j * M;
      for (let i = 0; i < M; i++) s0[i] += zj * W[row + i];
    }
    this.s0 = s0;
    this.s = s0.slice();
  }

  private check(k: number, j: number): void {
    if (k !== 0) throw new RangeError(`LinearScorer: component ${k} out of range 0..0`);
    if (!Number.isInteger(j) || j < 0 || j >= this.d) throw new RangeError(`LinearScorer: dimension ${j} out of range 0..${this.d - 1}`);
  }

  offset(k: number, j: number): number {
    this.check(k, j);
    return this.offsets[j];
  }

  value(k: number, j: number): number {
    this.check(k, j);
    return this.z0[j] + this.offsets[j];
  }

  setValue(k: number, j: number, value: number): void {
    this.check(k, j);
    this.setOffset(k, j, value - this.z0[j]);
  }

  setOffset(k: number, j: number, offset: number): void {
    this.check(k, j);
    if (!Number.isFinite(offset)) throw new RangeError(`LinearScorer: offset must be finite (got ${offset})`);
    const delta = offset - this.offsets[j];
    if (delta === 0) return;
    this.offsets[j] = offset;
    if (this.offsets.every((o) => o === 0)) {
      this.s.set(this.s0);
      return;
    }
    const { W, M, s } = this;
    const row = j * M;
    for (let i = 0; i < M; i++) s[i] += delta * W[row + i];
  }

  resetOffsets(): void {
    this.offsets.fill(0);
    this.s.set(this.s0);
  }

  /** The decoder's logits of all M items for the current z (read-only view). */
  scores(): Float64Array {
    return this.s;
  }

  topN(n: number): TopN {
    const items = topNIndices(this.s, n, { exclude: this.excluded });
    return { items, scores: Float32Array.from(items, (i) => this.s[i]) };
  }

  componentTopN(k: number, n: number): TopN {
    this.check(k, 0);
    return this.topN(n);
  }

  snapshot(): LinearSnapshot {
    return { offsets: this.offsets.slice(), s: this.s.slice() };
  }

  restore(snap: object): void {
    const { offsets, s } = snap as LinearSnapshot;
    if (offsets.length !== this.d || s.length !== this.M) throw new RangeError('LinearScorer.restore: snapshot is from another scorer');
    this.offsets.set(offsets);
    this.s.set(s);
  }
}

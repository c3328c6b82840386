import type { ItemSpace } from './item-space';
import { topNIndices } from '../rank/top-n';
import { exclusionMask } from './scorer';

export interface TopN {
  /** Item indices, best first (ties → lower index). */
  items: Int32Array;
  /** The score of each listed item (see the method that produced it for its units). */
  scores: Float32Array;
}

/** Opaque copy of a scorer's state, from {@link LatentScorer.snapshot}. */
export interface ScorerSnapshot {
  readonly offsets: Float64Array;
  readonly a: Float64Array;
  readonly t: Float64Array;
  readonly p: Float64Array;
  readonly rest: Float64Array;
  readonly activeK: number;
  readonly sq: Float64Array;
  readonly scale: Float64Array;
}

/**
 * Live MacridVAE decoder scores (SPEC §1.5) for one user whose latent z = [z_1..z_K] is edited one
 * coordinate at a time (the traversal panel, SPEC §5.3):
 *
 *   score_i = log Σ_k c_ik exp(s_ik),   s_ik = (ĥ_i · z_k) / (‖z_k‖ τ),
 *   ‖z_k‖ = sqrt(max(Σ z_k², 1e-12))  (tf.nn.l2_normalize).
 *
 * Cached state, all float64, component-major (K × M):
 *  - a_ik = ĥ_i · z_k for the current (un-normalised) z_k;
 *  - t_ik = c_ik exp(s_ik), the mixture terms (|s| ≤ 1/τ, so exp is finite in float64);
 *  - p_i = Σ_k t_ik, and rest_i = Σ_{k' ≠ k*} t_ik' for the component k* edited last.
 *
 * Changing coordinate (k, j) by δ then costs O(M) (+ O(d) for ‖z_k‖, recomputed exactly from z_k):
 * a_ik += δ ĥ_ij, one exp per item, p_i = rest_i + t_ik. The first edit after switching to another
 * component rebuilds rest in O(MK). Nothing ever costs M·K·d after construction. Ranking uses p
 * directly (log is monotone); logs are only taken for the listed items or by {@link scores}.
 */
export class LatentScorer {
  readonly space: ItemSpace;
  /** The user's original z (K × d, row-major), float64. */
  readonly z0: Float64Array;
  /** Excluded items (the user's history) as a mask of length M. */
  readonly excluded: Uint8Array;

  private readonly offsets: Float64Array; // K × d
  private readonly a0: Float64Array; // K × M at zero offsets
  private readonly t0: Float64Array;
  private readonly p0: Float64Array;
  private readonly sq0: Float64Array;
  private readonly scale0: Float64Array;
  private readonly a: Float64Array;
  private readonly t: Float64Array;
  private readonly p: Float64Array;
  private readonly rest: Float64Array;
  private activeK = -1;
  /** log c_ik, for componentProbe */
  private logC: Float64Array | null = null;
  private probeKey: Float64Array | null = null;
  /** ‖z_k‖² of the current z. */
  private readonly sq: Float64Array;
  /** 1 / (‖z_k‖ τ) of the current z. */
  private readonly scale: Float64Array;
  private scoreCache: Float32Array | null = null;

  constructor(space: ItemSpace, z: Float32Array | Float64Array, excluded: Int32Array = new Int32Array(0)) {
    const { M, K, d, hnT, cT } = space;
    if (z.length !== K * d) throw new RangeError(`LatentScorer: z has ${z.length} values, expected K·d = ${K * d}`);
    this.space = space;
    this.z0 = Float64Array.from(z);
    this.excluded = exclusionMask(excluded, M, 'LatentScorer');
    this.offsets = new Float64Array(K * d);

    const a0 = new Float64Array(K * M);
    const t0 = new Float64Array(K * M);
    const p0 = new Float64Array(M);
    const sq0 = new Float64Array(K);
    const scale0 = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const base = k * M;
      for (let j = 0; j < d; j++) {
        const zkj = this.z0[k * d + j];
        sq0[k] += zkj * zkj;
        if (zkj === 0) continue;
        const col = j * M;
        for (let i = 0; i < M; i++) a0[base + i] += zkj * hnT[col + i];
      }
      scale0[k] = 1 / (Math.sqrt(Math.max(sq0[k], 1e-12)) * space.tau);
      const sc = scale0[k];
      for (let i = 0; i < M; i++) {
        const ti = cT[base + i] * Math.exp(a0[base + i] * sc);
        t0[base + i] = ti;
        p0[i] += ti;
      }
    }
    this.a0 = a0;
    this.t0 = t0;
    this.p0 = p0;
    this.sq0 = sq0;
    this.scale0 = scale0;
    this.a = a0.slice();
    this.t = t0.slice();
    this.p = p0.slice();
    this.rest = new Float64Array(M);
    this.sq = sq0.slice();
    this.scale = scale0.slice();
  }

  get M(): number {
    return this.space.M;
  }
  get K(): number {
    return this.space.K;
  }
  get d(): number {
    return this.space.d;
  }

  /** Current offset of coordinate (k, j) relative to the original z. */
  offset(k: number, j: number): number {
    this.check(k, j);
    return this.offsets[k * this.space.d + j];
  }

  /** Current value z_kj = z0_kj + offset(k, j). */
  value(k: number, j: number): number {
    this.check(k, j);
    const at = k * this.space.d + j;
    return this.z0[at] + this.offsets[at];
  }

  /** Current z (K × d, row-major): the original z plus all offsets. */
  currentZ(): Float32Array {
    const out = new Float32Array(this.z0.length);
    for (let x = 0; x < out.length; x++) out[x] = this.z0[x] + this.offsets[x];
    return out;
  }

  /** Set the absolute value of coordinate (k, j) (a slider showing z_kj itself). */
  setValue(k: number, j: number, value: number): void {
    this.check(k, j);
    this.setOffset(k, j, value - this.z0[k * this.space.d + j]);
  }

  /**
   * Set the offset of coordinate (k, j) relative to the user's original z; other offsets are kept.
   * O(M) (+ O(MK) on the first edit after switching component).
   */
  setOffset(k: number, j: number, offset: number): void {
    this.check(k, j);
    if (!Number.isFinite(offset)) throw new RangeError(`LatentScorer: offset must be finite (got ${offset})`);
    const { M, d, hnT, cT, tau } = this.space;
    const at = k * d + j;
    const delta = offset - this.offsets[at];
    if (delta === 0) return;
    this.offsets[at] = offset;

    let sq = 0;
    let allZero = true;
    for (let jj = 0; jj < d; jj++) {
      const o = this.offsets[k * d + jj];
      if (o !== 0) allZero = false;
      const v = this.z0[k * d + jj] + o;
      sq += v * v;
    }
    this.sq[k] = sq;
    const sc = 1 / (Math.sqrt(Math.max(sq, 1e-12)) * tau);
    this.scale[k] = sc;

    if (this.activeK !== k) this.rebuildRest(k);
    const { a, t, p, rest } = this;
    const base = k * M;
    if (allZero) {
      // Back at the original z_k: restore the exact cached state (no drift from += δ).
      a.set(this.a0.subarray(base, base + M), base);
      t.set(this.t0.subarray(base, base + M), base);
      for (let i = 0; i < M; i++) p[i] = rest[i] + t[base + i];
    } else {
      const col = j * M;
      for (let i = 0; i < M; i++) {
        const ai = a[base + i] + delta * hnT[col + i];
        a[base + i] = ai;
        const ti = cT[base + i] * Math.exp(ai * sc);
        t[base + i] = ti;
        p[i] = rest[i] + ti;
      }
    }
    this.scoreCache = null;
  }

  /** Clear all offsets (back to the original z); O(MK), bit-exact. */
  resetOffsets(): void {
    this.offsets.fill(0);
    this.a.set(this.a0);
    this.t.set(this.t0);
    this.p.set(this.p0);
    this.sq.set(this.sq0);
    this.scale.set(this.scale0);
    this.activeK = -1;
    this.scoreCache = null;
  }

  /**
   * Model scores log Σ_k c_ik exp(s_ik) of all M items for the current z (excluded items are NOT
   * masked here; only the top-N methods skip them). The returned array is cached until the next
   * edit; treat it as read-only.
   */
  scores(): Float32Array {
    if (!this.scoreCache) {
      const out = new Float32Array(this.space.M);
      for (let i = 0; i < out.length; i++) out[i] = Math.log(this.p[i]);
      this.scoreCache = out;
    }
    return this.scoreCache;
  }

  /** The n best non-excluded items by the full mixture score; scores are log p̃_i. O(M log n). */
  topN(n: number): TopN {
    const items = topNIndices(this.p, n, { exclude: this.excluded });
    const scores = new Float32Array(items.length);
    for (let r = 0; r < items.length; r++) scores[r] = Math.log(this.p[items[r]]);
    return { items, scores };
  }

  /**
   * The items component k alone would recommend (history excluded).
   *
   * - `'term'` (default): rank by component k's term of the decoder mixture, c_ik · exp(s_ik),
   *   i.e. what item i receives from z_k in p̃_i = Σ_k c_ik exp(s_ik). Scores are log c_ik + s_ik.
   * - `'cosine'`: SPEC §5.3's assumed traversal retrieval: items whose hard concept argmax_k' c_ik'
   *   is k, ranked by cos(z_k, h_i). Scores are the cosines.
   */
  componentTopN(k: number, n: number, mode: 'term' | 'cosine' = 'term'): TopN {
    this.check(k, 0);
    const { M, concept, tau } = this.space;
    const base = k * M;
    if (mode === 'term') {
      const terms = this.t.subarray(base, base + M);
      const items = topNIndices(terms, n, { exclude: this.excluded });
      const scores = new Float32Array(items.length);
      for (let r = 0; r < items.length; r++) scores[r] = Math.log(terms[items[r]]);
      return { items, scores };
    }
    const dots = this.a.subarray(base, base + M);
    const include = new Uint8Array(M);
    for (let i = 0; i < M; i++) include[i] = concept[i] === k ? 1 : 0;
    const items = topNIndices(dots, n, { exclude: this.excluded, include });
    const scores = new Float32Array(items.length);
    const cos = this.scale[k] * tau;
    for (let r = 0; r < items.length; r++) scores[r] = dots[items[r]] * cos;
    return { items, scores };
  }

  /**
   * Component k's own top-n with z_kj at `value` and every other coordinate as it is, the state
   * left untouched: the items componentTopN would list after setValue(k, j, value), ranked by
   * log c_ik + s_ik, the log of the term it ranks by, so no exp and no write of the caches. O(M log n).
   */
  componentProbe(k: number, j: number, value: number, n: number): Int32Array {
    this.check(k, j);
    const { M, d, hnT, tau } = this.space;
    let sq = 0;
    for (let jj = 0; jj < d; jj++) {
      const v = jj === j ? value : this.z0[k * d + jj] + this.offsets[k * d + jj];
      sq += v * v;
    }
    const sc = 1 / (Math.sqrt(Math.max(sq, 1e-12)) * tau);
    const delta = value - (this.z0[k * d + j] + this.offsets[k * d + j]);
    const logC = this.logCT();
    const key = (this.probeKey ??= new Float64Array(M));
    const { a } = this;
    const base = k * M;
    const col = j * M;
    for (let i = 0; i < M; i++) key[i] = logC[base + i] + (a[base + i] + delta * hnT[col + i]) * sc;
    return topNIndices(key, n, { exclude: this.excluded });
  }

  private logCT(): Float64Array {
    return (this.logC ??= this.space.cT.map(Math.log));
  }

  /**
   * Why item i scores what it does: its mixture terms c_ik · exp(s_ik) for every component, their
   * sum p̃_i (the score is log p̃_i), and each term's share of the sum. O(K).
   */
  breakdown(i: number): { terms: Float64Array; shares: Float64Array; score: number } {
    const { M, K } = this.space;
    if (!Number.isInteger(i) || i < 0 || i >= M) throw new RangeError(`LatentScorer: item ${i} out of range`);
    const terms = Float64Array.from({ length: K }, (_, k) => this.t[k * M + i]);
    const total = terms.reduce((a, b) => a + b, 0);
    return { terms, shares: terms.map((t) => t / total), score: Math.log(total) };
  }

  /** Copy of the whole state (offsets and caches), O(MK). */
  snapshot(): ScorerSnapshot {
    return {
      offsets: this.offsets.slice(),
      a: this.a.slice(),
      t: this.t.slice(),
      p: this.p.slice(),
      rest: this.rest.slice(),
      activeK: this.activeK,
      sq: this.sq.slice(),
      scale: this.scale.slice(),
    };
  }

  /** Bit-exact return to a state from {@link snapshot} of this scorer. */
  restore(s: ScorerSnapshot): void {
    if (s.a.length !== this.a.length || s.offsets.length !== this.offsets.length) {
      throw new RangeError('LatentScorer.restore: snapshot is from another scorer');
    }
    this.offsets.set(s.offsets);
    this.a.set(s.a);
    this.t.set(s.t);
    this.p.set(s.p);
    this.rest.set(s.rest);
    this.activeK = s.activeK;
    this.sq.set(s.sq);
    this.scale.set(s.scale);
    this.scoreCache = null;
  }

  /** rest_i = Σ_{k' ≠ k} t_ik'. */
  private rebuildRest(k: number): void {
    const { M, K } = this.space;
    const { rest, t } = this;
    rest.fill(0);
    for (let kk = 0; kk < K; kk++) {
      if (kk === k) continue;
      const base = kk * M;
      for (let i = 0; i < M; i++) rest[i] += t[base + i];
    }
    this.activeK = k;
  }

  private check(k: number, j: number): void {
    const { K, d } = this.space;
    if (!Number.isInteger(k) || k < 0 || k >= K) throw new RangeError(`LatentScorer: component ${k} out of range 0..${K - 1}`);
    if (!Number.isInteger(j) || j < 0 || j >= d) throw new RangeError(`LatentScorer: dimension ${j} out of range 0..${d - 1}`);
  }
}

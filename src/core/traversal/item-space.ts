/**
 * The item side of the MacridVAE decoder (SPEC §1.3, §1.5) as plain typed arrays, shared by every
 * {@link LatentScorer}. Pure TypeScript (no tfjs, no DOM) so it can live in a Web Worker.
 */

/** Largest 1/τ for which exp(±1/τ) stays finite in float64 (exp overflows above ≈ 709.78). */
const MAX_INV_TAU = 700;

export interface ItemSpaceInput {
  /** Raw item representations H, row-major M × d (normalised internally). */
  H: Float32Array;
  /** Soft concept assignment C, row-major M × K (each row sums to 1, SPEC §1.3 evaluation mode). */
  C: Float32Array;
  K: number;
  d: number;
  /** Temperature τ of the decoder (SPEC §1.1: 0.1). */
  tau: number;
}

export class ItemSpace {
  readonly M: number;
  readonly K: number;
  readonly d: number;
  readonly tau: number;
  /** ĥ_i = h_i / sqrt(max(Σh², 1e-12)) (tf.nn.l2_normalize), row-major M × d. */
  readonly hn: Float32Array;
  /** The same ĥ transposed, d × M: column j of ĥ is contiguous, for the O(M) slider update. */
  readonly hnT: Float32Array;
  /** C transposed to K × M (component-major) in float64. */
  readonly cT: Float64Array;
  /** argmax_k c_ik (first maximum), the item's "hard" concept, length M. */
  readonly concept: Int32Array;

  constructor({ H, C, K, d, tau }: ItemSpaceInput) {
    if (!Number.isInteger(K) || K <= 0 || !Number.isInteger(d) || d <= 0) {
      throw new RangeError(`ItemSpace: K and d must be positive integers (got K=${K}, d=${d})`);
    }
    if (H.length % d !== 0) throw new RangeError(`ItemSpace: H has ${H.length} values, not a multiple of d=${d}`);
    const M = H.length / d;
    if (C.length !== M * K) throw new RangeError(`ItemSpace: C has ${C.length} values, expected M·K = ${M * K}`);
    if (!(tau > 0) || 1 / tau > MAX_INV_TAU) {
      throw new RangeError(`ItemSpace: τ must be > ${1 / MAX_INV_TAU} so exp(±1/τ) is finite in float64 (got ${tau})`);
    }
    this.M = M;
    this.K = K;
    this.d = d;
    this.tau = tau;

    const hn = new Float32Array(M * d);
    const hnT = new Float32Array(M * d);
    for (let i = 0; i < M; i++) {
      const row = i * d;
      let sq = 0;
      for (let j = 0; j < d; j++) sq += H[row + j] * H[row + j];
      const inv = 1 / Math.sqrt(Math.max(sq, 1e-12));
      for (let j = 0; j < d; j++) {
        const v = H[row + j] * inv;
        hn[row + j] = v;
        hnT[j * M + i] = v;
      }
    }
    this.hn = hn;
    this.hnT = hnT;

    const cT = new Float64Array(K * M);
    const concept = new Int32Array(M);
    for (let i = 0; i < M; i++) {
      let best = 0;
      for (let k = 0; k < K; k++) {
        const v = C[i * K + k];
        cT[k * M + i] = v;
        if (v > C[i * K + best]) best = k;
      }
      concept[i] = best;
    }
    this.cT = cT;
    this.concept = concept;
  }
}

/** Random MacridVAE-shaped data for the traversal tests and benchmark (not used by the app). */

/** mulberry32: a tiny seeded uniform generator in [0, 1). */
export function uniformRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normalRng(seed: number): () => number {
  const u = uniformRng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface SyntheticTraversalData {
  M: number;
  K: number;
  d: number;
  tau: number;
  /** Raw item vectors, M × d (not normalised). */
  H: Float32Array;
  /** Soft assignment, M × K, softmax of cos(ĥ_i, m̂_k)/τ for random prototypes (rows sum to 1). */
  C: Float32Array;
  /** A user's z, K × d, each z_k unit-norm (as the encoder's μ_k). */
  z: Float32Array;
}

export function syntheticTraversalData(M: number, K: number, d: number, seed = 1, tau = 0.1): SyntheticTraversalData {
  const rn = normalRng(seed);
  const H = new Float32Array(M * d);
  for (let x = 0; x < H.length; x++) H[x] = rn() * 0.1;
  const P = unitRows(Float64Array.from({ length: K * d }, rn), K, d);
  const C = new Float32Array(M * K);
  const logits = new Float64Array(K);
  for (let i = 0; i < M; i++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += H[i * d + j] ** 2;
    const inv = 1 / Math.sqrt(Math.max(sq, 1e-12));
    let mx = -Infinity;
    for (let k = 0; k < K; k++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += H[i * d + j] * inv * P[k * d + j];
      logits[k] = dot / tau;
      mx = Math.max(mx, logits[k]);
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += logits[k] = Math.exp(logits[k] - mx);
    for (let k = 0; k < K; k++) C[i * K + k] = logits[k] / sum;
  }
  const z = Float32Array.from(unitRows(Float64Array.from({ length: K * d }, rn), K, d));
  return { M, K, d, tau, H, C, z };
}

function unitRows(x: Float64Array, rows: number, d: number): Float64Array {
  for (let r = 0; r < rows; r++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += x[r * d + j] ** 2;
    const inv = 1 / Math.sqrt(sq);
    for (let j = 0; j < d; j++) x[r * d + j] *= inv;
  }
  return x;
}

/**
 * Reference decoder scores in float64, straight from SPEC §1.5 with l2_normalize's 1e-12 floor:
 * log Σ_k c_ik exp(cos(z_k, h_i)/τ), M·K·d work.
 */
export function bruteForceScores(H: Float32Array, C: Float32Array, z: ArrayLike<number>, K: number, d: number, tau: number): Float64Array {
  const M = H.length / d;
  const out = new Float64Array(M);
  const zn = new Float64Array(K * d);
  for (let k = 0; k < K; k++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += z[k * d + j] ** 2;
    const inv = 1 / Math.sqrt(Math.max(sq, 1e-12));
    for (let j = 0; j < d; j++) zn[k * d + j] = z[k * d + j] * inv;
  }
  for (let i = 0; i < M; i++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += H[i * d + j] ** 2;
    const inv = 1 / Math.sqrt(Math.max(sq, 1e-12));
    let p = 0;
    for (let k = 0; k < K; k++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += H[i * d + j] * inv * zn[k * d + j];
      p += C[i * K + k] * Math.exp(dot / tau);
    }
    out[i] = Math.log(p);
  }
  return out;
}

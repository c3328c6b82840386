/**
 * Share of a user's history per concept: Σ_{i ∈ history} c_ik, normalised to sum 1 (C is M × K,
 * row-major). Each entry of `historyItems` counts once per occurrence. An empty history (or an
 * all-zero sum) gives all zeros.
 */
export function intentionShares(historyItems: Int32Array, C: Float32Array, K: number): Float32Array {
  if (!Number.isInteger(K) || K <= 0 || C.length % K !== 0)
    throw new RangeError(`intentionShares: C length ${C.length} not a multiple of K=${K}`);
  const M = C.length / K;
  const acc = new Float64Array(K);
  for (const i of historyItems) {
    if (!Number.isInteger(i) || i < 0 || i >= M) throw new RangeError(`intentionShares: item ${i} out of range`);
    for (let k = 0; k < K; k++) acc[k] += C[i * K + k];
  }
  let total = 0;
  for (let k = 0; k < K; k++) total += acc[k];
  const out = new Float32Array(K);
  if (total > 0) for (let k = 0; k < K; k++) out[k] = acc[k] / total;
  return out;
}

import { normalizedMutualInfo, maxWeightMatching } from './clustering-metrics';
import { hardAssignment } from './concept-analysis';

/** How far two trainings (e.g. two seeds) found the same concepts, from their item assignments C. */
export interface ConceptSeedAgreement {
  /** NMI between the two argmax assignments */
  nmi: number;
  /** concept of run b matched to each concept of run a: the one-to-one matching maximising Σ_i C_a[i,k] C_b[i,l] */
  matching: number[];
  /** share of the co-assignment mass Σ_i C_a[i,k] C_b[i,l] on the matched pairs: 1 when C_b is C_a permuted, 1/K for unrelated uniform ones */
  matchedShare: number;
  /** share of items whose argmax in b is the match of their argmax in a */
  matchedArgmax: number;
}

export function conceptSeedAgreement(a: Float32Array, b: Float32Array, K: number): ConceptSeedAgreement {
  if (a.length !== b.length) throw new Error(`assignments differ in size: ${a.length} vs ${b.length}`);
  const M = a.length / K;
  const co = new Float64Array(K * K);
  for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) co[k * K + l] += a[i * K + k] * b[i * K + l];
  const match = maxWeightMatching({ rows: K, cols: K, data: co });
  const mass = co.reduce((s, x) => s + x, 0);
  const ha = hardAssignment(a, K);
  const hb = hardAssignment(b, K);
  let same = 0;
  for (let i = 0; i < M; i++) if (match.rowToCol[ha[i]] === hb[i]) same++;
  return {
    nmi: normalizedMutualInfo(ha, hb),
    matching: Array.from(match.rowToCol),
    matchedShare: mass > 0 ? match.total / mass : 0,
    matchedArgmax: M > 0 ? same / M : 0,
  };
}

/**
 * The numbers behind the Concepts section, in plain TypeScript (no tfjs): concept sizes,
 * assignment confidence, prototype similarity, concept × category counts and profiles.
 */
import { maxWeightMatching } from '../eval/clustering-metrics';
import { conceptAgreement, type ItemCategoryLabels } from '../eval/concept-analysis';
import type { CsrMatrix } from '../data/types';
import { topNIndices } from '../rank/top-n';
import type { CategoryAgreement, CategoryShare, ConceptFlags, ConceptProfile, ConfidenceSummary, UserLean } from './types';

/** Items per concept by argmax, and Σ_i c_ik. */
export function conceptSizes(concept: Int32Array, assignment: Float32Array, K: number): { sizes: Int32Array; softSizes: Float64Array } {
  const sizes = new Int32Array(K);
  for (const k of concept) sizes[k]++;
  const softSizes = new Float64Array(K);
  for (let i = 0; i < assignment.length; i++) softSizes[i % K] += assignment[i];
  return { sizes, softSizes };
}

/** Histogram and summary of max_k c_ik. */
export function confidenceSummary(assignment: Float32Array, K: number, bins = 20): ConfidenceSummary {
  const M = assignment.length / K;
  const counts = new Int32Array(bins);
  const maxes = new Float64Array(M);
  let below50 = 0;
  let below90 = 0;
  let below99 = 0;
  let sum = 0;
  for (let i = 0; i < M; i++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, assignment[i * K + k]);
    maxes[i] = m;
    sum += m;
    if (m < 0.5) below50++;
    if (m < 0.9) below90++;
    if (m < 0.99) below99++;
    // Float32 softmax rows can exceed 1 by an ulp; 1 itself belongs to the last bin.
    counts[Math.max(0, Math.min(bins - 1, Math.floor(m * bins)))]++;
  }
  maxes.sort();
  const median = M === 0 ? NaN : M % 2 ? maxes[(M - 1) / 2] : (maxes[M / 2 - 1] + maxes[M / 2]) / 2;
  return { counts, bins, below50: below50 / M, below90: below90 / M, below99: below99 / M, mean: sum / M, median };
}

/** K × K cosine similarity between the rows of x (K × d). A zero row has cosine 0 with everything. */
export function cosineMatrix(x: Float32Array, K: number, d: number): Float64Array {
  const norms = new Float64Array(K);
  for (let a = 0; a < K; a++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[a * d + j] ** 2;
    norms[a] = Math.sqrt(s);
  }
  const out = new Float64Array(K * K);
  for (let a = 0; a < K; a++) {
    for (let b = a; b < K; b++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += x[a * d + j] * x[b * d + j];
      const c = norms[a] > 0 && norms[b] > 0 ? Math.max(-1, Math.min(1, dot / (norms[a] * norms[b]))) : 0;
      out[a * K + b] = c;
      out[b * K + a] = c;
    }
  }
  return out;
}

export const SMALL_CONCEPT_SHARE = 0.01;
export const SIMILAR_PROTOTYPE_COS = 0.9;

/** Signs of collapse: concepts with < 1 % of the items, prototype pairs with cosine > 0.9. */
export function conceptFlags(sizes: Int32Array, prototypeCos: Float64Array): ConceptFlags {
  const K = sizes.length;
  const M = sizes.reduce((a, b) => a + b, 0);
  const small: number[] = [];
  for (let k = 0; k < K; k++) if (sizes[k] < SMALL_CONCEPT_SHARE * M) small.push(k);
  const similarPairs: ConceptFlags['similarPairs'] = [];
  for (let a = 0; a < K; a++) {
    for (let b = a + 1; b < K; b++)
      if (prototypeCos[a * K + b] > SIMILAR_PROTOTYPE_COS) similarPairs.push({ a, b, cos: prototypeCos[a * K + b] });
  }
  return { small, similarPairs };
}

/** K × C counts of concept (argmax) against category, an item counted under each of its categories. */
export function categoryCounts(concept: Int32Array, categories: ArrayLike<number>[], K: number, C: number): Float64Array {
  const out = new Float64Array(K * C);
  for (let i = 0; i < concept.length; i++) {
    const cats = categories[i];
    for (let p = 0; p < cats.length; p++) out[concept[i] * C + cats[p]]++;
  }
  return out;
}

/** Concept × category counts ordered by the best matching, with NMI, ARI and the interpretability score. */
export function categoryAgreement(
  assignment: Float32Array,
  concept: Int32Array,
  items: Float32Array,
  prototypes: Float32Array,
  K: number,
  d: number,
  labels: ItemCategoryLabels,
): CategoryAgreement | null {
  const C = labels.names.length;
  if (C === 0) return null;
  const counts = categoryCounts(concept, labels.all, K, C);
  const matching = maxWeightMatching({ rows: K, cols: C, data: counts });
  const agreement = conceptAgreement(assignment, items, prototypes, K, d, labels);
  let multi = 0;
  for (const cats of labels.all) if (cats.length > 1) multi++;
  return {
    names: labels.names,
    counts,
    rowOrder: matching.rowOrder,
    colOrder: matching.colOrder,
    matchedCategory: matching.rowToCol,
    nmi: agreement.nmi,
    ari: agreement.ari,
    interpretability: agreement.interpretability.score,
    bestCategoryForConcept: agreement.interpretability.bestCategoryForConcept,
    bestConceptForCategory: agreement.interpretability.bestConceptForCategory,
    labelledItems: agreement.labelledItems,
    multiCategoryItems: multi,
  };
}

/**
 * Each user's share of history per concept: Σ_{i ∈ history} c_ik / |history| (rows of C sum to
 * 1, so this is the normalised Σ c_ik). nUsers × K; users with no history get zeros.
 */
export function userConceptShares(clicks: CsrMatrix, assignment: Float32Array, K: number): Float32Array {
  const n = clicks.nRows;
  const out = new Float32Array(n * K);
  const acc = new Float64Array(K);
  for (let u = 0; u < n; u++) {
    acc.fill(0);
    let total = 0;
    for (let p = clicks.indptr[u]; p < clicks.indptr[u + 1]; p++) {
      const i = clicks.indices[p];
      for (let k = 0; k < K; k++) {
        acc[k] += assignment[i * K + k];
        total += assignment[i * K + k];
      }
    }
    if (total > 0) for (let k = 0; k < K; k++) out[u * K + k] = acc[k] / total;
  }
  return out;
}

export interface ProfileInput {
  assignment: Float32Array;
  concept: Int32Array;
  K: number;
  labels: ItemCategoryLabels | null;
  clicks: CsrMatrix;
  userIds: string[];
  nTypical?: number;
  nCategories?: number;
  nUsers?: number;
}

/** Per concept: its most typical items, its most over-represented categories, the users who lean on it most. */
export function conceptProfiles(input: ProfileInput): ConceptProfile[] {
  const { assignment, concept, K, labels, clicks, userIds } = input;
  const nTypical = input.nTypical ?? 12;
  const nCats = input.nCategories ?? 5;
  const nUsers = input.nUsers ?? 10;
  const M = concept.length;
  const { sizes } = conceptSizes(concept, assignment, K);
  const C = labels?.names.length ?? 0;
  const counts = labels ? categoryCounts(concept, labels.all, K, C) : new Float64Array(0);
  const overall = new Float64Array(C);
  for (let k = 0; k < K; k++) for (let c = 0; c < C; c++) overall[c] += counts[k * C + c];
  const shares = userConceptShares(clicks, assignment, K);
  const clickCount = (u: number) => clicks.indptr[u + 1] - clicks.indptr[u];
  const column = new Float64Array(M);
  const userColumn = new Float64Array(clicks.nRows);
  return Array.from({ length: K }, (_, k) => {
    for (let i = 0; i < M; i++) column[i] = assignment[i * K + k];
    const typical = Array.from(topNIndices(column, nTypical), (item) => ({ item, c: column[item] }));
    const topCategories: CategoryShare[] = [];
    if (labels && sizes[k] > 0) {
      const row = counts.subarray(k * C, (k + 1) * C);
      for (const c of topNIndices(row, nCats, { include: Uint8Array.from(row, (x) => (x > 0 ? 1 : 0)) })) {
        const share = row[c] / sizes[k];
        topCategories.push({ category: c, name: labels.names[c], count: row[c], share, lift: share / (overall[c] / M) });
      }
    }
    for (let u = 0; u < clicks.nRows; u++) userColumn[u] = shares[u * K + k];
    // Equal shares: the longer history is the stronger evidence.
    const order: number[] = [];
    for (let u = 0; u < clicks.nRows; u++) if (clickCount(u) > 0) order.push(u);
    order.sort((a, b) => userColumn[b] - userColumn[a] || clickCount(b) - clickCount(a) || a - b);
    const topUsers: UserLean[] = order
      .slice(0, nUsers)
      .map((u) => ({ user: u, id: userIds[u], share: userColumn[u], clicks: clickCount(u) }));
    return { typical, topCategories, topUsers };
  });
}

/** The n items most cosine-similar to `query` among the unit rows of hn (M × d) that `keep` accepts. */
export function nearestByCosine(
  hn: Float32Array,
  d: number,
  query: Float32Array,
  n: number,
  keep?: (i: number) => boolean,
): { items: Int32Array; cos: Float32Array } {
  const M = hn.length / d;
  let qn = 0;
  for (let j = 0; j < d; j++) qn += query[j] * query[j];
  const inv = qn > 0 ? 1 / Math.sqrt(qn) : 0;
  const sims = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    let dot = 0;
    const row = i * d;
    for (let j = 0; j < d; j++) dot += hn[row + j] * query[j];
    sims[i] = dot * inv;
  }
  const top = topNIndices(sims, n, keep ? { include: Uint8Array.from({ length: M }, (_, i) => (keep(i) ? 1 : 0)) } : {});
  return { items: Int32Array.from(top), cos: Float32Array.from(top, (i) => sims[i]) };
}

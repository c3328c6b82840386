import type { DenseMatrix } from './dense-matrix';

/** One label per item (-1 = unknown, skipped), or the list of categories of each item. */
export type ItemCategories = Int32Array | readonly ArrayLike<number>[];

export interface Interpretability {
  /** 0..3, SPEC §5.1 */
  score: number;
  /** argmax over categories of each row of similarity (length K) */
  bestCategoryForConcept: Int32Array;
  /** argmax over concepts of each column of similarity (length C) */
  bestConceptForCategory: Int32Array;
  /** K × C cosine similarity between prototypes and category centres */
  similarity: DenseMatrix;
}

function normalizeRowsInPlace(x: Float64Array, rows: number, d: number): void {
  for (let r = 0; r < rows; r++) {
    let sq = 0;
    for (let c = 0; c < d; c++) sq += x[r * d + c] ** 2;
    // A zero vector (e.g. an empty category) stays zero instead of becoming NaN.
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let c = 0; c < d; c++) x[r * d + c] *= inv;
  }
}

/** Index of the first maximum, as numpy's argmax. */
function argmax(x: Float64Array, start: number, count: number, stride: number): number {
  let best = 0;
  for (let i = 1; i < count; i++) if (x[start + i * stride] > x[start + best * stride]) best = i;
  return best;
}

function allDistinct(x: Int32Array, range: number): boolean {
  const seen = new Uint8Array(range);
  for (const v of x) {
    if (seen[v] === 1) return false;
    seen[v] = 1;
  }
  return true;
}

/**
 * The official prototype↔category interpretability score (SPEC §5.1). items is M × d, prototypes
 * K × d, M = categories.length; an item with several categories counts toward each centre.
 * The official code assumes K = C. For K ≠ C the three tests are applied literally: by pigeonhole
 * at most one of the two maps can be injective, so the score is at most 1 and 3 needs K = C.
 * Even for K = C the score is never 2: along a cycle of (concept → its category → that category's
 * concept) every similarity is ≤ the next, so all are equal, and first-index argmax ties cannot
 * close such a cycle; two injective maps are therefore always mutually inverse.
 */
export function interpretabilityScore(
  items: Float32Array,
  prototypes: Float32Array,
  d: number,
  categories: ItemCategories,
  nCategories: number,
): Interpretability {
  const M = categories.length;
  if (items.length !== M * d) throw new Error(`items has ${items.length} values, expected ${M} × ${d}`);
  if (prototypes.length % d !== 0) throw new Error(`prototypes length ${prototypes.length} is not a multiple of ${d}`);
  const K = prototypes.length / d;
  const C = nCategories;
  if (K < 1 || C < 1) throw new Error(`need at least one prototype and one category, got K = ${K}, C = ${C}`);

  const item = new Float64Array(d);
  const centres = new Float64Array(C * d);
  const addTo = (j: number): void => {
    if (j < 0 || j >= C) return;
    for (let c = 0; c < d; c++) centres[j * d + c] += item[c];
  };
  for (let i = 0; i < M; i++) {
    for (let c = 0; c < d; c++) item[c] = items[i * d + c];
    normalizeRowsInPlace(item, 1, d);
    if (categories instanceof Int32Array) {
      addTo(categories[i]);
    } else {
      const list = categories[i];
      for (let p = 0; p < list.length; p++) addTo(list[p]);
    }
  }
  normalizeRowsInPlace(centres, C, d);
  const protos = Float64Array.from(prototypes);
  normalizeRowsInPlace(protos, K, d);

  const s = new Float64Array(K * C);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < C; j++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += protos[k * d + c] * centres[j * d + c];
      s[k * C + j] = dot;
    }
  }
  const bestCategoryForConcept = new Int32Array(K);
  for (let k = 0; k < K; k++) bestCategoryForConcept[k] = argmax(s, k * C, C, 1);
  const bestConceptForCategory = new Int32Array(C);
  for (let j = 0; j < C; j++) bestConceptForCategory[j] = argmax(s, j, K, C);

  const conceptsDistinct = allDistinct(bestConceptForCategory, K);
  const categoriesDistinct = allDistinct(bestCategoryForConcept, C);
  let score = (conceptsDistinct ? 1 : 0) + (categoriesDistinct ? 1 : 0);
  if (conceptsDistinct && categoriesDistinct) {
    let inverse = true;
    for (let k = 0; k < K; k++) if (bestConceptForCategory[bestCategoryForConcept[k]] !== k) inverse = false;
    if (inverse) score++;
  }
  return { score, bestCategoryForConcept, bestConceptForCategory, similarity: { rows: K, cols: C, data: s } };
}

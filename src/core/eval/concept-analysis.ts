import { primaryCategories } from '../concepts/primary-category';
import type { ItemMeta } from '../data/types';
import { adjustedRandIndex, normalizedMutualInfo } from './clustering-metrics';
import { interpretabilityScore, type Interpretability } from './interpretability';

export interface ItemCategoryLabels {
  names: string[];
  /** every category of each item (movies often have several genres) */
  all: Int32Array[];
  /** each item's rarest category (primaryCategories), −1 when it has none: the label NMI and ARI use */
  primary: Int32Array;
}

/** Category indices for the model's items, in vocabulary order, from parsed metadata. */
export function itemCategoryLabels(itemIds: string[], meta: Map<string, ItemMeta>): ItemCategoryLabels {
  const index = new Map<string, number>();
  const names: string[] = [];
  const all = itemIds.map((id) => {
    const cats = meta.get(id)?.categories ?? [];
    return Int32Array.from(cats, (c) => {
      let i = index.get(c);
      if (i === undefined) {
        i = names.length;
        index.set(c, i);
        names.push(c);
      }
      return i;
    });
  });
  return { names, all, primary: primaryCategories(all, names.length) };
}

/** argmax_k C[i, k] for every item. */
export function hardAssignment(assignment: Float32Array, K: number): Int32Array {
  const M = assignment.length / K;
  const out = new Int32Array(M);
  for (let i = 0; i < M; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (assignment[i * K + k] > assignment[i * K + best]) best = k;
    out[i] = best;
  }
  return out;
}

export interface ConceptAgreement {
  nmi: number;
  ari: number;
  interpretability: Interpretability;
  /** items with at least one category (the others are left out of NMI and ARI) */
  labelledItems: number;
}

/**
 * How learned concepts line up with known categories. NMI and ARI compare argmax_k C with each
 * item's rarest category; the interpretability score's category centres count a
 * multi-category item toward every one of its categories.
 */
export function conceptAgreement(
  assignment: Float32Array,
  items: Float32Array,
  prototypes: Float32Array,
  K: number,
  d: number,
  labels: ItemCategoryLabels,
): ConceptAgreement {
  const hard = hardAssignment(assignment, K);
  const keep: number[] = [];
  labels.primary.forEach((c, i) => c >= 0 && keep.push(i));
  const truth = Int32Array.from(keep, (i) => labels.primary[i]);
  const pred = Int32Array.from(keep, (i) => hard[i]);
  return {
    nmi: normalizedMutualInfo(truth, pred),
    ari: adjustedRandIndex(truth, pred),
    interpretability: interpretabilityScore(items, prototypes, d, labels.all, labels.names.length),
    labelledItems: keep.length,
  };
}

/** Concept ↔ category alignment on the anchored categories (or, for an unanchored model, the same choice). */
export interface AnchoredAgreement {
  /** NMI and ARI of argmax_k C against each item's rarest anchored category, over the items having one */
  nmi: number;
  ari: number;
  /** the official 0–3 score with the anchored categories as the categories */
  interpretability: number;
  /** NMI over those of the items whose labels training did not use; null when it used them all */
  nmiUnlabelled: number | null;
  /**
   * Share of those items whose argmax concept k is one of their anchored categories, reading
   * concept k as the k-th category: the multi-category measure, which single-label NMI cannot
   * be for an item listed under several (an unanchored model's concepts follow no such order)
   */
  onCategory: number;
  anchoredCategories: string[];
  labelled: number;
  /** items having an anchored category */
  items: number;
}

export function anchoredAgreement(
  assignment: Float32Array,
  items: Float32Array,
  prototypes: Float32Array,
  K: number,
  d: number,
  labels: ItemCategoryLabels,
  categoryIndex: Int32Array,
  labelled: Int32Array,
): AnchoredAgreement {
  const hard = hardAssignment(assignment, K);
  const truthOf = primaryCategories(labels.all, labels.names.length, categoryIndex);
  const used = new Uint8Array(truthOf.length);
  for (const i of labelled) used[i] = 1;
  const nmiOver = (keep: (i: number) => boolean): { nmi: number; ari: number; n: number } => {
    const idx: number[] = [];
    truthOf.forEach((c, i) => c >= 0 && keep(i) && idx.push(i));
    const truth = Int32Array.from(idx, (i) => truthOf[i]);
    const pred = Int32Array.from(idx, (i) => hard[i]);
    return { nmi: normalizedMutualInfo(truth, pred), ari: adjustedRandIndex(truth, pred), n: idx.length };
  };
  const all = nmiOver(() => true);
  const unlabelled = nmiOver((i) => used[i] === 0);
  const slot = new Map(Array.from(categoryIndex, (c, k) => [c, k]));
  const anchoredOnly = labels.all.map((cats) => Int32Array.from(Array.from(cats, (c) => slot.get(c) ?? -1).filter((k) => k >= 0)));
  let onCategory = 0;
  anchoredOnly.forEach((ks, i) => ks.includes(hard[i]) && onCategory++);
  return {
    nmi: all.nmi,
    ari: all.ari,
    interpretability: interpretabilityScore(items, prototypes, d, anchoredOnly, categoryIndex.length).score,
    nmiUnlabelled: unlabelled.n > 0 ? unlabelled.nmi : null,
    onCategory: all.n > 0 ? onCategory / all.n : 0,
    anchoredCategories: Array.from(categoryIndex, (c) => labels.names[c]),
    labelled: labelled.length,
    items: all.n,
  };
}

/** The figures core/concepts computes for the Concepts section (plain data, no tfjs). */

export interface ConfidenceSummary {
  /** histogram of max_k c_ik over `bins` equal bins of [0, 1] */
  counts: Int32Array;
  bins: number;
  /** share of items whose max_k c_ik is below 0.5, 0.9 and 0.99 */
  below50: number;
  below90: number;
  below99: number;
  mean: number;
  median: number;
}

export interface ConceptFlags {
  /** concepts holding less than 1 % of the items (argmax) */
  small: number[];
  /** prototype pairs a < b whose cosine similarity exceeds 0.9 */
  similarPairs: { a: number; b: number; cos: number }[];
}

export interface CategoryShare {
  category: number;
  name: string;
  /** items of the concept (argmax) listing this category */
  count: number;
  /** count / concept size */
  share: number;
  /** share / the category's share among all items: > 1 means over-represented */
  lift: number;
}

export interface UserLean {
  user: number;
  id: string;
  /** Σ_{i ∈ history} c_ik / |history| */
  share: number;
  clicks: number;
}

export interface ConceptProfile {
  /** highest c_ik first */
  typical: { item: number; c: number }[];
  topCategories: CategoryShare[];
  topUsers: UserLean[];
}

export interface CategoryAgreement {
  names: string[];
  /** K × C counts: an item is counted under every category it lists */
  counts: Float64Array;
  /** display orders from the best one-to-one matching of concepts to categories on `counts` */
  rowOrder: Int32Array;
  colOrder: Int32Array;
  /** the category matched to each concept, −1 if none */
  matchedCategory: Int32Array;
  /** NMI and ARI of argmax_k c_ik against each item's rarest category (primaryCategories) */
  nmi: number;
  ari: number;
  /** the official 0..3 score (SPEC §5.1), from prototype ↔ category-centre cosines */
  interpretability: number;
  bestCategoryForConcept: Int32Array;
  bestConceptForCategory: Int32Array;
  /** items with at least one category / with several */
  labelledItems: number;
  multiCategoryItems: number;
}

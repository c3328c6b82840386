/**
 * What the engine tells the Concepts section (src/features/concepts). Types only: the page
 * imports them without pulling in the engine or tfjs.
 */

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
  /** NMI and ARI of argmax_k c_ik against each item's first listed category */
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

export interface ConceptsReport {
  /** changes whenever the engine's model changes */
  version: number;
  M: number;
  K: number;
  d: number;
  tau: number;
  nUsers: number;
  labels: string[];
  /** C, M × K row-major */
  assignment: Float32Array;
  concept: Int32Array;
  /** items per concept by argmax */
  sizes: Int32Array;
  /** Σ_i c_ik */
  softSizes: Float64Array;
  confidence: ConfidenceSummary;
  /** K × K cosine similarity of the prototypes */
  prototypeCos: Float64Array;
  flags: ConceptFlags;
  /** null without item metadata categories */
  categories: CategoryAgreement | null;
  profiles: ConceptProfile[];
}

export interface MapOptions {
  nEpochs: number;
  nNeighbors: number;
  minDist: number;
  seed: number;
  /** lay out at most this many items (a seeded sample), 0 for all */
  sample: number;
}

export type MapStage = 'neighbours' | 'graph' | 'layout' | 'done';

export interface MapProgress {
  stage: MapStage;
  /** progress within the stage */
  done: number;
  total: number;
  /** overall fraction 0..1 */
  fraction: number;
}

export interface ItemMapResult {
  version: number;
  options: MapOptions;
  /** M × 2, row-major; NaN for items left out of the sample */
  coords: Float32Array;
  /** items laid out */
  laidOut: number;
  ms: number;
}

export interface Neighbours {
  item: number;
  items: Int32Array;
  cos: Float32Array;
}

/** Per component k of a user: the items nearest to μ_k and their cosines, for placing μ_k on the map. */
export interface UserAnchors {
  user: number;
  anchors: { items: Int32Array; cos: Float32Array }[];
}

export type MicroSource = { kind: 'users'; k: number } | { kind: 'items' };

export interface MicroReport {
  version: number;
  source: MicroSource;
  D: number;
  /** rows the correlation is taken over (users or items) */
  n: number;
  corr: Float64Array;
  uncorrelatedness: number;
}

export type ExportKind = 'assignments.csv' | 'vectors.tsv' | 'metadata.tsv';

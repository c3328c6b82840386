/**
 * What the engine tells the Concepts section (src/features/concepts). Types only: the page
 * imports them without pulling in the engine or tfjs.
 */
import type { ConceptLabel } from '../core/concepts/labels';
import type { AnchoredAgreement } from '../core/eval/concept-analysis';
import type { CategoryAgreement, ConceptFlags, ConceptProfile, ConfidenceSummary } from '../core/concepts/types';
import type { LayoutOptions, LayoutProgress, LayoutStage } from '../core/concepts/map/item-layout';

export type { CategoryAgreement, CategoryShare, ConceptFlags, ConceptProfile, ConfidenceSummary, UserLean } from '../core/concepts/types';

export interface ConceptsReport {
  /** changes whenever the engine's model changes */
  version: number;
  M: number;
  K: number;
  d: number;
  tau: number;
  nUsers: number;
  /** per concept: its label and the numbers behind it (weak labels carry no category name) */
  labels: ConceptLabel[];
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
  /** for a model trained with anchors: alignment with its anchored categories, on all and on the unlabelled items */
  anchored: (AnchoredAgreement & { labelled: number; fraction: number; target: string }) | null;
}

export interface MapOptions extends LayoutOptions {
  /** lay out at most this many items (a seeded sample), 0 for all */
  sample: number;
}

export type MapStage = LayoutStage;

export interface MapProgress extends LayoutProgress {
  /** the layout so far, M × 2 like ItemMapResult's coords, on the frames that carry one */
  coords?: Float32Array;
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

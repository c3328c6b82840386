import type { BackendName } from '../core/backend';
import type { StoredModel } from './library';
import type { AnchorSettings } from '../core/concepts/anchors';
import type { ConceptLabel } from '../core/concepts/labels';
import type { AnchorRecord } from '../core/model/types';
import type { DatasetStats } from '../core/data/types';
import type { UserRole } from '../core/data/user-histories';
import type { ModelConfig, ModelKind } from '../core/model/types';
import type { RankingResult } from '../core/train/evaluate';

/** Everything the page and the engine worker say to each other. The page never imports tfjs. */

export type { BackendName, ConceptLabel, ModelKind, UserRole };

export interface BackendStatus {
  name: BackendName;
  reason: string;
  tried: { name: BackendName; ok: boolean; note: string }[];
  /** the WebGPU adapter, when one was found (e.g. "swiftshader", fallback adapter) */
  adapter?: { description: string; isFallback: boolean };
  /** on WebGPU: the buffer limits tensors are kept within (bytes), and the simulated limit when one is set (?gpu-limit=) */
  limits?: { maxBufferSize: number; maxStorageBufferBindingSize: number; simulated: number | null };
}

export interface MemoryStatus {
  numTensors: number;
  numBytes: number;
}

export interface DatasetInfo {
  name: string;
  source: 'demo' | 'upload' | 'synthetic';
  stats: DatasetStats;
  fingerprint: string;
  /** category names from the item metadata (genres), empty without metadata */
  categories: string[];
  hasMeta: boolean;
}

export interface ModelInfo {
  kind: ModelKind;
  config: ModelConfig;
  source: 'demo' | 'trained' | 'file' | 'untrained';
  bestEpoch: number;
  epochs: number;
  test?: RankingResult;
  /** K and d for MacridVAE; K = 1 for the baselines, which have no concepts */
  K: number;
  d: number;
  /** its entry in the model library, null when it has none (storage refused it) */
  libraryId: string | null;
  /** its name in the library */
  name: string;
  /** present when it was trained with the anchoring term */
  anchor?: AnchorRecord;
  /** set while the explorer shows a snapshot of a run under way ("watch it learn"): the epoch it was taken at */
  snapshot?: number;
}

export interface LoadedState {
  dataset: DatasetInfo;
  model: ModelInfo | null;
  /** something the user should know about what was just opened (e.g. storage refused to keep it) */
  notice?: string | null;
}

/** All users, column-wise (transferable). */
export interface UserTable {
  ids: string[];
  roles: UserRole[];
  clicks: Int32Array;
}

/** Item metadata in vocabulary order, plus each item's concept (argmax_k c_ik) and its probability. */
export interface ItemTable {
  ids: string[];
  titles: string[];
  categories: string[][];
  concept: Int32Array;
  conceptProb: Float32Array;
}

export interface Ranked {
  items: Int32Array;
  scores: Float32Array;
}

export interface UserView {
  user: number;
  id: string;
  role: UserRole;
  history: Int32Array;
  /** share of the history per component: Σ_i c_ik over the user's items, normalised */
  shares: Float32Array;
  /** the K component means μ_k, K × d */
  mu: Float32Array;
  /** per component: the user's clicked items assigned to it (argmax) */
  historyByComponent: Int32Array[];
  /** per component: what that component alone would recommend */
  componentTop: Ranked[];
  /** per component: a label from the metadata of the items assigned to the concept, with its evidence */
  conceptLabels: ConceptLabel[];
}

/**
 * How far a slider reaches: 'data' is the span most users' values cover; 'full' is the whole
 * coordinate range −1…1 (z_k is re-normalised, so ±1 turns the component towards ±e_j).
 */
export type TraversalRange = 'data' | 'full';

/** What moving one dimension does to its component's own ranking, low end → high end of the range. */
export interface DimensionEffectView {
  /** items that rise most / fall most, best first */
  rises: Int32Array;
  falls: Int32Array;
  /** how many of the top n at the high end were not there at the low end */
  replaced: number;
  n: number;
  category: { name: string; from: number; to: number; ratio: number } | null;
  year: { from: number; to: number } | null;
  popularity: { from: number; to: number } | null;
  /** one line with the numbers, e.g. "↑ Alien, The Thing · ↓ Toy Story · ↑ Horror 2→9 of 20 (×3.4)" */
  text: string;
}

export interface DimensionInfo {
  k: number;
  range: TraversalRange;
  /** the slider range in use (absolute values of z_kj) */
  lo: Float32Array;
  hi: Float32Array;
  /** the span most users' values cover, marked on the track in either range */
  dataLo: Float32Array;
  dataHi: Float32Array;
  /** 1 − mean Jaccard overlap across the range: of the Recommendations (mixture) top-N… */
  sensitivity: Float32Array;
  /** …and of component k's own top-N ("Component k alone") */
  aloneSensitivity: Float32Array;
  /** dimensions, the one that moves "Component k alone" most first */
  order: Int32Array;
  effects: DimensionEffectView[];
  /** per component, its dimension that moves its own list most (dimension j is one axis of the item space in every component) */
  topDimension: Int32Array;
}

export interface OffsetChange {
  k: number;
  j: number;
  offset: number;
}

export interface RecResult extends Ranked {
  /** engine-side milliseconds for this request */
  ms: number;
  /** component `k`'s own ranking with the same offsets ("Component k alone"); null without components */
  alone: (Ranked & { k: number }) | null;
}

/** Why an item is recommended to the selected user, with the current offsets. */
export interface WhyItem {
  item: number;
  /** the model's score (log of the mixture for MacridVAE) */
  score: number;
  /** per component: its share of the item's score, c_ik · exp(s_ik) / Σ_k' (sums to 1); empty without components */
  shares: Float32Array;
  /** per component: c_ik, the item's concept weights; empty without components */
  conceptWeights: Float32Array;
  /** the user's clicked items nearest to this one in the item space, and their cosines */
  nearest: { items: Int32Array; cos: Float32Array };
  /** which item vectors the cosines are taken in */
  space: string;
}

export interface StripResult {
  k: number;
  j: number;
  range: TraversalRange;
  list: 'mixture' | 'component';
  values: number[];
  steps: Int32Array[];
}

export interface TrainSettings {
  kind: ModelKind;
  K: number;
  d: number;
  tau: number;
  beta: number;
  sigma0: number;
  keep: number;
  lr: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** train and validate on a random sample of at most this many users each (0: all), for a quick look on slow backends */
  maxUsers: number;
  /** threads training one model on cpu/wasm (data-parallel replicas); 0: one per core, up to 4 */
  threads: number;
  /** MacridVAE only, with item metadata: tie prototypes to categories (semi-supervised); absent = the official, unsupervised model */
  anchor?: AnchorSettings | null;
  /** "watch it learn": every this many epochs the explorer shows a snapshot of the weights (0 or absent: never) */
  watchEvery?: number;
}

export interface EpochPoint {
  epoch: number;
  loss: number;
  recon: number;
  kl: number;
  ndcg100: number;
  recall20: number;
  recall50: number;
  isBest: boolean;
  seconds: number;
}

export type TrainState = 'idle' | 'running' | 'paused' | 'done' | 'stopped' | 'diverged' | 'failed';

export interface TrainEvent {
  state: TrainState;
  epochs: number;
  bestEpoch: number;
  point?: EpochPoint;
  message?: string;
  /** the run's entry in the model library, as it now stands (it never replaces the shown model by itself) */
  entry?: StoredModel;
  /** the explorer's model changed: a snapshot of this run ("watch it learn"), or back to the model shown before */
  shown?: ModelInfo | null;
  /** minibatches finished in the epoch under way (0 between epochs) */
  batch?: { done: number; total: number };
  /** threads training the model (data-parallel replicas on cpu/wasm) */
  threads?: number;
  /** MacridVAE: how the decoder is split to keep every tensor within the buffer limits */
  decoder?: DecoderPlan;
}

export interface DecoderPlan {
  /** users per decoder chunk, of `batchSize` per minibatch */
  usersPerChunk: number;
  batchSize: number;
  /** bytes one decoder tensor may take */
  budgetBytes: number;
  /** the smaller WebGPU buffer limit the budget is half of; null off WebGPU (a fixed budget) */
  limitBytes: number | null;
  /** the limit is a simulated one (?gpu-limit=), smaller than the adapter's */
  simulated: boolean;
  /** measured with a simulated limit: the largest tensor of one probe training step and one validation batch */
  largest?: { bytes: number; kernel: string; shape: number[] };
}

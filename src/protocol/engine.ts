import type { BackendName } from '../core/backend';
import type { DatasetStats } from '../core/data/types';
import type { UserRole } from '../core/data/user-histories';
import type { ModelConfig, ModelKind } from '../core/model/types';
import type { RankingResult } from '../core/train/evaluate';

/** Everything the page and the engine worker say to each other. The page never imports tfjs. */

export type { BackendName, ModelKind, UserRole };

export interface BackendStatus {
  name: BackendName;
  reason: string;
  tried: { name: BackendName; ok: boolean; note: string }[];
  /** the WebGPU adapter, when one was found (e.g. "swiftshader", fallback adapter) */
  adapter?: { description: string; isFallback: boolean };
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
}

export interface LoadedState {
  dataset: DatasetInfo;
  model: ModelInfo | null;
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
  /** per component: a label from the metadata of the items assigned to the concept */
  conceptLabels: string[];
}

export interface DimensionInfo {
  k: number;
  lo: Float32Array;
  hi: Float32Array;
  /** 1 − mean Jaccard overlap of the top-N across the dimension's range */
  sensitivity: Float32Array;
  /** dimensions, most sensitive first */
  order: Int32Array;
}

export interface OffsetChange {
  k: number;
  j: number;
  offset: number;
}

export interface RecResult extends Ranked {
  /** engine-side milliseconds for this request */
  ms: number;
}

export interface StripResult {
  k: number;
  j: number;
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

export type TrainState = 'idle' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export interface TrainEvent {
  state: TrainState;
  epochs: number;
  bestEpoch: number;
  point?: EpochPoint;
  message?: string;
  /** set when the best checkpoint has replaced the model the panels show */
  model?: ModelInfo;
  /** minibatches finished in the epoch under way (0 between epochs) */
  batch?: { done: number; total: number };
  /** threads training the model (data-parallel replicas on cpu/wasm) */
  threads?: number;
}

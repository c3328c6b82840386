import type { DatasetStats } from '../core/data/types';
import type { ConceptSeedAgreement } from '../core/eval/seed-agreement';
import type { RankingResult } from '../core/train/evaluate';
import type { EpochPoint, ModelKind, TrainSettings } from './engine';

/** What the library (IndexedDB in the browser) holds, as the page sees it. Types only. */

export interface StoredDataset {
  id: string;
  name: string;
  fingerprint: string;
  stats: DatasetStats;
  savedAt: number;
  /** approximate bytes it takes in storage */
  bytes: number;
}

/**
 * running: a run under way in this tab; interrupted: a run whose tab closed or crashed before it
 * ended (its best checkpoint is kept and can be resumed); the others ended on their own.
 */
export type RunStatus = 'complete' | 'stopped' | 'diverged' | 'running' | 'interrupted';

export interface StoredModel {
  id: string;
  /** the dataset it was trained for (its fingerprint) */
  dataset: string;
  name: string;
  kind: ModelKind;
  K: number;
  d: number;
  source: 'demo' | 'trained' | 'file';
  status: RunStatus;
  settings?: TrainSettings;
  /** epochs run, and the one whose weights are kept */
  epochs: number;
  bestEpoch: number;
  validation?: RankingResult;
  test?: RankingResult;
  history: EpochPoint[];
  createdAt: number;
  seconds: number;
  bytes: number;
  /** a run that can go on from its best checkpoint (optimizer and shuffler state kept) */
  resumable: boolean;
  /** trained with the anchoring term: prototype k was tied to anchor[k] */
  anchor?: string[];
}

export interface StorageStatus {
  /** from navigator.storage.estimate(), when the browser has it */
  usage: number | null;
  quota: number | null;
  /** whether the browser granted persistent storage (it then will not evict under pressure) */
  persisted: boolean | null;
  /** false where no IndexedDB could be opened: nothing survives a reload */
  available: boolean;
}

export interface LibraryView {
  datasets: StoredDataset[];
  /** the models for the open dataset, newest first; the built-in ones first of all */
  models: StoredModel[];
  /** the library id of the shown model, null when it is not in the library */
  active: string | null;
  storage: StorageStatus;
}

/** A model as the CLI writes it: model.json and model.weights.bin. */
export interface ModelDownload {
  name: string;
  json: string;
  weightsFile: string;
  weights: ArrayBuffer;
}

/** Two models side by side for one user: both top-N lists (history excluded, no slider offsets) and how their concepts match. */
export interface ModelComparison {
  user: number;
  shown: { id: string | null; name: string };
  other: { id: string; name: string };
  shownTop: Int32Array;
  otherTop: Int32Array;
  /** items in both lists */
  overlap: number;
  /** MacridVAE against MacridVAE with the same K: Hungarian matching of concepts on C, and the NMI of the argmax assignments */
  concepts: ConceptSeedAgreement | null;
  /** why there is no concept matching, when there is none */
  note: string | null;
}

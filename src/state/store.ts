import { create } from 'zustand';
import type {
  BackendStatus,
  DimensionInfo,
  EpochPoint,
  ItemTable,
  LoadedState,
  MemoryStatus,
  ModelInfo,
  RecResult,
  StripResult,
  TrainSettings,
  TrainState,
  UserTable,
  UserView,
} from '../protocol/engine';

export type Phase = 'starting' | 'loading' | 'ready' | 'error';

export interface EngineSlice {
  phase: Phase;
  /** what the app is doing right now, shown while loading */
  activity: string;
  error: string | null;
  where: 'worker' | 'main thread' | null;
  backend: BackendStatus | null;
  memory: MemoryStatus | null;
  lastAction: { label: string; ms: number } | null;
}

export interface DataSlice {
  loaded: LoadedState | null;
  users: UserTable | null;
  items: ItemTable | null;
}

export interface SelectionSlice {
  user: number | null;
  view: UserView | null;
  component: number;
  /** offsets of latent coordinates, key `${k}:${j}` */
  offsets: Record<string, number>;
  topN: number;
  recs: RecResult | null;
  /** the recommendations with no offsets, for entered / left / rank-change marks */
  baseRecs: RecResult | null;
  dims: DimensionInfo | null;
  stripDim: number | null;
  strip: StripResult | null;
}

export interface TrainingSlice {
  trainState: TrainState;
  settings: TrainSettings;
  points: EpochPoint[];
  bestEpoch: number;
  trainMessage: string | null;
  /** minibatches done in the epoch under way */
  trainBatch: { done: number; total: number } | null;
  /** threads training the current (or last) run */
  trainThreads: number;
  /** from start until the run has ended and its model is adopted (or not) */
  trainBusy: boolean;
}

export type AppState = EngineSlice & DataSlice & SelectionSlice & TrainingSlice;

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  kind: 'macridvae',
  K: 7,
  d: 100,
  tau: 0.1,
  beta: 0.2,
  sigma0: 0.075,
  keep: 0.5,
  lr: 1e-3,
  batchSize: 500,
  epochs: 50,
  seed: 98765,
  maxUsers: 0,
  threads: 0,
};

export const initialState = (): AppState => ({
  phase: 'starting',
  activity: 'starting the engine',
  error: null,
  where: null,
  backend: null,
  memory: null,
  lastAction: null,
  loaded: null,
  users: null,
  items: null,
  user: null,
  view: null,
  component: 0,
  offsets: {},
  topN: 20,
  recs: null,
  baseRecs: null,
  dims: null,
  stripDim: null,
  strip: null,
  trainState: 'idle',
  settings: DEFAULT_TRAIN_SETTINGS,
  points: [],
  bestEpoch: 0,
  trainMessage: null,
  trainBatch: null,
  trainThreads: 1,
  trainBusy: false,
});

export const useStore = create<AppState>(() => initialState());

export const modelInfo = (s: AppState): ModelInfo | null => s.loaded?.model ?? null;

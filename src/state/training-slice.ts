import { DEFAULT_TRAIN_SETTINGS } from '../protocol/constants';
import type { DecoderPlan, EpochPoint, TrainSettings, TrainState } from '../protocol/engine';
import type { StoredModel } from '../protocol/library';

/** The training run under way or last finished. */
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
  /** how the current (or last) MacridVAE run splits its decoder under the buffer limits */
  trainDecoder: DecoderPlan | null;
  /** from start until the run has ended and its library entry is written */
  trainBusy: boolean;
  /** the library entry of the last run that ended with a model, until it is used or dismissed */
  lastRun: StoredModel | null;
}

export const initialTraining = (): TrainingSlice => ({
  trainState: 'idle',
  settings: DEFAULT_TRAIN_SETTINGS,
  points: [],
  bestEpoch: 0,
  trainMessage: null,
  trainBatch: null,
  trainThreads: 1,
  trainDecoder: null,
  trainBusy: false,
  lastRun: null,
});

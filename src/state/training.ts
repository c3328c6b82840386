import { errorMessage } from '../core/error-message';
import type { TrainEvent, TrainSettings } from '../protocol/engine';
import type { StoredModel } from '../protocol/library';
import { engine, engineCallback, refreshMemory } from './engine';
import { showModel } from './dataset';
import { activateModel, notify, refreshLibrary } from './library';
import { useStore, type AppState } from './store';

const set = useStore.setState;
const get = useStore.getState;

/** What the panel says when a run has ended with a model in the library. */
export function addedMessage(entry: StoredModel): string {
  const val = entry.validation?.ndcg100.mean;
  const test = entry.test?.ndcg100.mean;
  return (
    `Added to the library: ${entry.name}, best epoch ${entry.bestEpoch}` +
    (val !== undefined ? `, val NDCG@100 ${val.toFixed(4)}` : '') +
    (test !== undefined ? `, test NDCG@100 ${test.toFixed(4)}` : '') +
    '. The shown model is unchanged until you choose this one.'
  );
}

/** Called from the engine for every training event; batch-progress events only move the progress bar. */
function onTrainEvent(e: TrainEvent): void {
  const before = get().trainState;
  set((s: AppState) => {
    const points = e.point ? [...s.points, e.point] : s.points;
    return {
      trainState: e.state,
      bestEpoch: e.bestEpoch,
      points,
      trainBatch: e.batch ?? s.trainBatch,
      trainThreads: e.threads ?? s.trainThreads,
      trainDecoder: e.decoder ?? s.trainDecoder,
      trainMessage: e.entry ? addedMessage(e.entry) : (e.message ?? s.trainMessage),
      lastRun: e.entry ?? s.lastRun,
    };
  });
  if (e.entry && e.message) notify(e.message);
  // With no model open, the run replaces nothing: it is shown at once.
  if (e.entry && !get().loaded?.model) void activateModel(e.entry.id);
  if (e.shown !== undefined) void engine().dataset.loaded().then(showModel);
  if (e.point?.isBest || e.entry) void refreshLibrary();
  if (e.point || e.entry || e.state !== before) void refreshMemory();
}

async function run(settings: TrainSettings, startPaused: boolean, job: (onEvent: (e: TrainEvent) => void) => Promise<void>): Promise<void> {
  if (get().trainBusy) return;
  set({
    settings,
    points: [],
    bestEpoch: 0,
    trainMessage: null,
    trainBatch: null,
    trainThreads: 1,
    trainDecoder: null,
    trainBusy: true,
    lastRun: null,
    trainState: startPaused ? 'paused' : 'running',
  });
  try {
    await job(engineCallback(onTrainEvent));
  } catch (e) {
    set({ trainState: 'failed', trainMessage: errorMessage(e) });
  } finally {
    set({ trainBusy: false, trainBatch: null });
    void refreshLibrary();
    void refreshMemory();
  }
}

/** Trains a model with `settings`; when it ends it is in the library, next to the shown model, for the user to choose. */
export function startTraining(settings: TrainSettings, startPaused = false): Promise<void> {
  return run(settings, startPaused, (onEvent) => engine().training.train(settings, onEvent, startPaused));
}

/** Goes on with an interrupted or stopped run from its best checkpoint. */
export function continueRun(entry: StoredModel): Promise<void> {
  if (!entry.settings) return Promise.resolve();
  return run(entry.settings, false, (onEvent) => engine().training.continueRun(entry.id, onEvent));
}

export const pauseTraining = () => engine().training.pause();
export const resumeTraining = () => engine().training.resume();
export const stepTraining = () => engine().training.step();
/** Ends the run after the current minibatch; with `keepBest` false the run is thrown away. */
export const stopTraining = (keepBest = true) => engine().training.stop(keepBest);

import { errorMessage } from '../core/error-message';
import type { EpochPoint, ModelInfo, TrainEvent, TrainSettings } from '../protocol/engine';
import { engine, engineCallback, refreshMemory } from './engine';
import { showModel } from './dataset';
import { useStore, type AppState } from './store';

const set = useStore.setState;
const get = useStore.getState;

/** What the panel says when the best checkpoint has replaced the shown model. */
export function replacedMessage(model: ModelInfo, points: EpochPoint[]): string {
  const val = points.find((p) => p.epoch === model.bestEpoch)?.ndcg100;
  const test = model.test?.ndcg100.mean;
  return (
    `Model replaced by the best checkpoint, epoch ${model.bestEpoch}` +
    (val !== undefined ? `: val NDCG@100 ${val.toFixed(4)}` : '') +
    (test !== undefined ? `, test NDCG@100 ${test.toFixed(4)}` : '') +
    '.'
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
      trainMessage: e.model ? replacedMessage(e.model, points) : (e.message ?? s.trainMessage),
    };
  });
  if (e.point || e.model || e.state !== before) void refreshMemory();
}

/**
 * Trains a model with `settings`. When the run ends with a model adopted (done, or stopped with
 * keepBest), the panels re-read the model and items and the selected user is shown again.
 */
export async function startTraining(settings: TrainSettings, startPaused = false): Promise<void> {
  if (get().trainBusy) return;
  set({
    settings,
    points: [],
    bestEpoch: 0,
    trainMessage: null,
    trainBatch: null,
    trainThreads: 1,
    trainBusy: true,
    trainState: startPaused ? 'paused' : 'running',
  });
  let adopted = false;
  try {
    await engine().training.train(
      settings,
      engineCallback((e: TrainEvent) => {
        if (e.model) adopted = true;
        onTrainEvent(e);
      }),
      startPaused,
    );
    // Callback messages travel on their own port: the event saying the model was adopted can
    // arrive after train() resolves, so the engine's model is compared as well.
    const now = await engine().dataset.loaded();
    if (adopted || JSON.stringify(now.model) !== JSON.stringify(get().loaded?.model ?? null)) {
      adopted = true;
      await showModel(now);
    }
  } catch (e) {
    set({
      trainState: 'failed',
      trainMessage: adopted ? `The model was replaced, but showing it failed: ${errorMessage(e)}` : errorMessage(e),
    });
  } finally {
    set({ trainBusy: false, trainBatch: null });
    void refreshMemory();
  }
}

export const pauseTraining = () => engine().training.pause();
export const resumeTraining = () => engine().training.resume();
export const stepTraining = () => engine().training.step();
/** Ends the run after the current minibatch; with `keepBest` false the run is thrown away. */
export const stopTraining = (keepBest = true) => engine().training.stop(keepBest);

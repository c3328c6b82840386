import * as Comlink from 'comlink';
import type { TrainerHost } from '../training/trainer-host';
import type { TrainerStarter } from '../training/training-service';

/** How long a new training worker may take to answer before the run falls back to the engine's thread. */
const START_MS = 20_000;

/** Opens a Web Worker for one training run and talks to its TrainerHost. */
export const startTrainerWorker: TrainerStarter = async () => {
  if (typeof Worker === 'undefined') throw new Error('this browser has no Web Workers');
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<TrainerHost>(worker);
  const close = () => {
    remote[Comlink.releaseProxy]();
    worker.terminate();
  };
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(e.message || 'the training worker failed to load')));
    setTimeout(() => reject(new Error('the training worker did not start')), START_MS);
  });
  try {
    await Promise.race([remote.ping(), failed]);
  } catch (e) {
    close();
    throw e;
  }
  return {
    host: {
      run: (job, onEvent, onEpoch) => remote.run(job, Comlink.proxy(onEvent), Comlink.proxy(onEpoch)),
      pause: () => void remote.pause(),
      resume: () => void remote.resume(),
      step: () => void remote.step(),
      stop: (keepBest) => void remote.stop(keepBest),
    },
    close,
  };
};

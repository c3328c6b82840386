import type { PeerStarter } from '../../core/train/replica';
import { evaluate } from '../../core/train/evaluate';
import { tf } from '../../core/tf';
import type { TrainEvent, TrainSettings } from '../../protocol/engine';
import type { Workspace } from '../workspace';
import { TrainingRun } from './training-run';

/** One training run at a time on the open dataset; its best checkpoint may replace the shown model. */
export class TrainingService {
  private run: TrainingRun | null = null;

  /** `startPeers` (optional) runs data-parallel training replicas in other threads on cpu/wasm. */
  constructor(
    private readonly ws: Workspace,
    private readonly startPeers?: PeerStarter,
  ) {}

  /**
   * Trains a new model on the open dataset; events stream to `onEvent`. When the run ends (done,
   * or stopped with keepBest), the best checkpoint by validation NDCG@100 replaces the shown model.
   */
  async train(settings: TrainSettings, onEvent: (e: TrainEvent) => void, startPaused = false): Promise<void> {
    const data = this.ws.requireData();
    if (this.run) throw new Error('a training run is already in progress');
    const hostBackend = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
    const run = new TrainingRun(data.split, settings, onEvent, hostBackend ? this.startPeers : undefined);
    this.run = run;
    this.ws.busy = 'a model is being trained: stop the run before replacing the dataset';
    try {
      const state = await run.run(startPaused);
      const end = { state, epochs: run.trainer.epoch, bestEpoch: run.trainer.bestEpoch };
      if (state === 'failed') {
        run.model.dispose();
      } else if (!run.keepBest) {
        run.model.dispose();
        onEvent({ ...end, message: 'Run discarded; the shown model is unchanged.' });
      } else if (this.ws.dataset !== data) {
        run.model.dispose();
        onEvent({ ...end, message: 'Another dataset was opened while training; the run was discarded.' });
      } else if (run.trainer.bestEpoch === 0) {
        run.model.dispose();
        onEvent({ ...end, message: 'Stopped before the first epoch finished; the shown model is unchanged.' });
      } else {
        onEvent({ ...end, message: `Scoring the best checkpoint (epoch ${run.trainer.bestEpoch}) on the test users…` });
        let test;
        try {
          test = await evaluate(run.model, data.split.test);
        } catch (e) {
          run.model.dispose();
          throw e;
        }
        const model = await this.ws.setModel(run.model, {
          source: 'trained',
          bestEpoch: run.trainer.bestEpoch,
          epochs: run.trainer.epoch,
          test,
        });
        onEvent({ ...end, model });
      }
    } finally {
      run.dispose();
      this.run = null;
      this.ws.busy = null;
    }
  }

  pause(): void {
    this.run?.pause();
  }

  resume(): void {
    this.run?.resume();
  }

  step(): void {
    this.run?.step();
  }

  /** Stops after the current minibatch; the best checkpoint so far replaces the model unless `keepBest` is false. */
  stop(keepBest = true): void {
    this.run?.stop(keepBest);
  }
}

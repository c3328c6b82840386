import type { Split } from '../../core/data/types';
import { saveModel, type SavedModel } from '../../core/model/checkpoint';
import { simulateBufferLimit } from '../../core/model/decoder';
import type { AnchorRecord, AnchorTargets } from '../../core/model/types';
import { evaluate, type RankingResult } from '../../core/train/evaluate';
import type { PeerStarter } from '../../core/train/replica';
import type { TrainerState } from '../../core/train/trainer';
import type { EpochPoint, TrainEvent, TrainSettings, TrainState } from '../../protocol/engine';
import { TrainingRun, type RunHooks } from './training-run';

/** Everything a training thread needs: the data, the settings, and what to write into model.json. */
export interface TrainJob {
  split: Split;
  settings: TrainSettings;
  anchors?: AnchorTargets;
  anchor?: AnchorRecord;
  resumeFrom?: RunHooks['resumeFrom'];
  dataset: { name: string; fingerprint: string };
  startPaused: boolean;
  /** the engine's backend, which a training thread of its own sets up for itself */
  backend?: string;
  /** the engine's simulated WebGPU buffer limit (bytes), which a training thread sets for itself */
  bufferLimit?: number | null;
}

/** An epoch as the engine stores it: its point, its validation figures, and the checkpoint when it is the best so far. */
export interface EpochReport {
  point: EpochPoint;
  val: RankingResult;
  best: { saved: SavedModel; state: TrainerState | null } | null;
  /** the weights as they are now, every `watchEvery` epochs ("watch it learn") */
  snapshot?: SavedModel;
}

export interface RunResult {
  state: TrainState;
  epochs: number;
  bestEpoch: number;
  /** false when the run was stopped to be thrown away */
  keepBest: boolean;
  /** the best checkpoint's test figures and weights, when there is one to keep */
  test?: RankingResult;
  saved?: SavedModel;
  /** the resumable state of a stopped run */
  resumable?: TrainerState | null;
}

export interface TrainerHostApi {
  run(job: TrainJob, onEvent: (e: TrainEvent) => void, onEpoch: (r: EpochReport) => Promise<void>): Promise<RunResult>;
  pause(): void;
  resume(): void;
  step(): void;
  stop(keepBest: boolean): void;
}

/**
 * One training run, in whichever thread hosts it: in the browser a Web Worker of its own, so the
 * engine worker that answers the explorer is never busy with a minibatch; in Node (tests, CLI)
 * the engine's own thread. The engine keeps the library; this only trains and reports.
 */
export class TrainerHost implements TrainerHostApi {
  private current: TrainingRun | null = null;

  constructor(
    private readonly startPeers?: PeerStarter,
    /** sets up the job's backend in this thread (a worker of its own probes it first) */
    private readonly useBackend?: (name: string) => Promise<void>,
  ) {}

  /** Answers once this thread's code has loaded. */
  ping(): string {
    return 'ready';
  }

  async run(job: TrainJob, onEvent: (e: TrainEvent) => void, onEpoch: (r: EpochReport) => Promise<void>): Promise<RunResult> {
    if (this.current) throw new Error('a training run is already in progress');
    if (this.useBackend && job.backend) await this.useBackend(job.backend);
    simulateBufferLimit(job.bufferLimit ?? null);
    const { split, settings } = job;
    const describe = (run: TrainingRun, metrics: Record<string, unknown>) =>
      saveModel(run.model, {
        seed: settings.seed,
        training: {
          epochs: run.trainer.epoch,
          bestEpoch: run.trainer.bestEpoch,
          lr: settings.lr,
          batchSize: settings.batchSize,
          backend: 'browser',
          ...(job.anchor ? { anchor: job.anchor } : {}),
        },
        itemIds: split.itemIds,
        dataset: { ...job.dataset, stats: split.stats },
        metrics,
      });
    // The best epoch's validation figures, for the final model.json (its weights are restored at the end).
    let bestVal: RankingResult | null = null;
    const run: TrainingRun = new TrainingRun(split, settings, onEvent, this.startPeers, {
      resumeFrom: job.resumeFrom,
      anchors: job.anchors,
      onEpoch: async (point, val) => {
        if (point.isBest) bestVal = val;
        const best = point.isBest ? { saved: await describe(run, { validation: val }), state: run.trainer.bestState } : null;
        const every = settings.watchEvery ?? 0;
        const snapshot = every > 0 && point.epoch % every === 0 ? (best?.saved ?? (await describe(run, { validation: val }))) : undefined;
        await onEpoch({ point, val, best, snapshot });
      },
    });
    this.current = run;
    try {
      const state = await run.run(job.startPaused);
      const end = { state, epochs: run.trainer.epoch, bestEpoch: run.trainer.bestEpoch, keepBest: run.keepBest };
      if (!run.keepBest || run.trainer.bestEpoch === 0 || state === 'failed' || state === 'idle') return end;
      onEvent({
        state,
        epochs: end.epochs,
        bestEpoch: end.bestEpoch,
        message: `Scoring the best checkpoint (epoch ${end.bestEpoch}) on the test users…`,
      });
      const test = await evaluate(run.model, split.test);
      return {
        ...end,
        test,
        saved: await describe(run, { validation: bestVal, test }),
        resumable: state === 'stopped' ? run.trainer.bestState : null,
      };
    } finally {
      run.model.dispose();
      run.dispose();
      this.current = null;
    }
  }

  pause(): void {
    this.current?.pause();
  }

  resume(): void {
    this.current?.resume();
  }

  step(): void {
    this.current?.step();
  }

  stop(keepBest: boolean): void {
    this.current?.stop(keepBest);
  }
}

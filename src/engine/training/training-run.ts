import { sampleSplit } from '../../core/data/sample-split';
import type { Split } from '../../core/data/types';
import { createModel } from '../../core/model/factory';
import { defaultConfig } from '../../core/model/defaults';
import { MacridVAE } from '../../core/model/macridvae';
import { batchFromCsr, range } from '../../core/model/batch';
import { backendLimits, simulatedBufferLimit } from '../../core/model/decoder';
import { largestTensor } from '../../core/model/largest-tensor';
import { Rng } from '../../core/model/random';
import type { AnchorTargets, ModelConfig, Recommender } from '../../core/model/types';
import { readWeights, type GradientPeer, type PeerStarter } from '../../core/train/replica';
import type { RankingResult } from '../../core/train/evaluate';
import { DivergedError, Trainer, type TrainerState } from '../../core/train/trainer';
import { tf } from '../../core/tf';
import type { DecoderPlan, EpochPoint, TrainEvent, TrainSettings, TrainState } from '../../protocol/engine';
import { nextMacrotask } from '../host/yield';
import { errorMessage } from '../../core/error-message';

export function configFromSettings(s: TrainSettings, nItems: number): ModelConfig {
  const base = defaultConfig(s.kind, nItems);
  if (base.kind === 'macridvae') return { ...base, K: s.K, d: s.d, tau: s.tau, beta: s.beta, sigma0: s.sigma0, keep: s.keep };
  return { ...base, d: s.d, beta: s.beta, keep: s.keep };
}

export interface RunHooks {
  /** awaited after every epoch, before the next starts (the library saves the run here) */
  onEpoch?: (point: EpochPoint, val: RankingResult) => Promise<void>;
  /** go on from this saved state (the earlier epochs' points come with it) */
  resumeFrom?: { state: TrainerState; history: EpochPoint[] };
  /** MacridVAE's anchoring term (labelled items and their category targets) */
  anchors?: AnchorTargets;
}

/** Thrown out of the trainer's between-batches hook to end an epoch early on stop. */
class StopRequested extends Error {}

/** Batch progress is reported at most this often (each report is a message to the page). */
const PROGRESS_MS = 250;

/**
 * One training session in the engine. Pause and stop act between minibatches, not only between
 * epochs, so they answer quickly even when an epoch takes minutes (software GPUs). A stop
 * mid-epoch abandons that epoch; the best checkpoint of the finished epochs is what remains.
 */
export class TrainingRun {
  state: TrainState = 'idle';
  /** false when the run is stopped to be thrown away: the shown model stays */
  keepBest = true;
  readonly model: Recommender;
  readonly trainer: Trainer;
  private wake: (() => void) | null = null;
  /** epochs requested by step() while paused */
  private stepCredits = 0;
  /** an epoch run by step(): it goes on while the state says paused */
  private stepping = false;
  private batchDone = 0;
  private lastProgress = 0;
  /** time spent paused inside the current epoch, left out of its seconds */
  private pausedMs = 0;
  private disposed = false;

  private peers: GradientPeer[] = [];

  constructor(
    split: Split,
    readonly settings: TrainSettings,
    private readonly emit: (e: TrainEvent) => void,
    private readonly startPeers?: PeerStarter,
    private readonly hooks: RunHooks = {},
  ) {
    this.model = createModel(configFromSettings(settings, split.itemIds.length), settings.seed);
    this.trainer = new Trainer(this.model, sampleSplit(split, settings.maxUsers, settings.seed), {
      batchSize: settings.batchSize,
      lr: settings.lr,
      seed: settings.seed,
      yieldFn: () => this.betweenBatches(),
      keepBestState: true,
    });
    if (hooks.anchors && this.model instanceof MacridVAE) this.model.anchors = hooks.anchors;
  }

  /** The state can change while an epoch is awaited (pause/stop messages), so no narrowing. */
  private is(state: TrainState): boolean {
    return this.state === state;
  }

  private event(extra: Partial<TrainEvent> = {}): TrainEvent {
    return {
      state: this.state,
      epochs: this.trainer.epoch,
      bestEpoch: this.trainer.bestEpoch,
      batch: { done: this.batchDone, total: this.trainer.batchesPerEpoch },
      threads: this.trainer.threads,
      ...extra,
    };
  }

  /** Waits while paused (unless an epoch was stepped); throws when a stop arrives. */
  private async gate(): Promise<void> {
    if (this.is('paused') && !this.stepping && this.stepCredits === 0) {
      const t0 = performance.now();
      while (this.is('paused') && this.stepCredits === 0) await new Promise<void>((r) => (this.wake = r));
      this.wake = null;
      this.pausedMs += performance.now() - t0;
    }
    if (this.is('stopped')) throw new StopRequested();
    if (this.is('paused') && !this.stepping && this.stepCredits > 0) {
      this.stepCredits--;
      this.stepping = true;
    }
  }

  private async betweenBatches(): Promise<void> {
    this.batchDone++;
    const now = performance.now();
    if (now - this.lastProgress >= PROGRESS_MS || this.batchDone === this.trainer.batchesPerEpoch) {
      this.lastProgress = now;
      this.emit(this.event());
    }
    await nextMacrotask();
    await this.gate();
  }

  /** Runs to the end (or a stop); resolves with the final state. */
  async run(startPaused = false): Promise<TrainState> {
    this.state = startPaused ? 'paused' : 'running';
    const resume = this.hooks.resumeFrom;
    if (resume) {
      await this.trainer.restore(resume.state);
      for (const point of resume.history) this.emit(this.event({ point }));
    }
    await this.attachPeers();
    const decoder = await this.decoderPlan();
    this.emit(this.event(decoder ? { decoder } : {}));
    try {
      while (this.trainer.epoch < this.settings.epochs) {
        await this.gate();
        this.batchDone = 0;
        this.pausedMs = 0;
        const log = await this.trainer.trainEpoch();
        this.stepping = false;
        const point: EpochPoint = {
          epoch: log.epoch,
          loss: log.loss,
          recon: log.recon,
          kl: log.kl,
          ndcg100: log.val.ndcg100.mean,
          recall20: log.val.recall20.mean,
          recall50: log.val.recall50.mean,
          isBest: log.isBest,
          seconds: Math.max(0, log.trainSeconds + log.evalSeconds - this.pausedMs / 1000),
        };
        this.batchDone = 0;
        await this.hooks.onEpoch?.(point, log.val);
        this.emit(this.event({ point }));
        await nextMacrotask();
      }
      if (!this.is('stopped')) this.state = 'done';
    } catch (e) {
      if (e instanceof DivergedError) {
        this.state = 'diverged';
        this.emit(this.event({ message: `${e.message}. The best checkpoint (epoch ${this.trainer.bestEpoch}) is kept.` }));
      } else if (!(e instanceof StopRequested)) {
        this.state = 'failed';
        this.emit(this.event({ message: errorMessage(e) }));
        return this.state;
      }
    }
    this.batchDone = 0;
    this.trainer.restoreBest();
    await this.stopPeers();
    return this.state;
  }

  /**
   * How MacridVAE's decoder is split under this backend's limits. Under a simulated limit the
   * largest tensor of one probe step (loss and gradients on the first minibatch, weights left as
   * they are, its own noise) and of one validation batch is measured, as evidence the limit holds.
   */
  private async decoderPlan(): Promise<DecoderPlan | null> {
    const model = this.model;
    if (!(model instanceof MacridVAE)) return null;
    const { train, validation } = this.trainer.split;
    const batchSize = Math.min(this.settings.batchSize, train.nRows);
    const limits = backendLimits();
    const plan: DecoderPlan = {
      usersPerChunk: Math.min(model.usersPerChunk(), batchSize),
      batchSize,
      budgetBytes: model.budget(),
      limitBytes: limits ? Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize) : null,
      simulated: limits !== null && simulatedBufferLimit() === Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize),
    };
    if (!plan.simulated) return plan;
    const step = batchFromCsr(train, range(batchSize));
    const scored = batchFromCsr(validation.foldIn, range(Math.min(batchSize, model.scoreUsers(), validation.foldIn.nRows)));
    const largest = await largestTensor(() => {
      const { value, grads } = tf.variableGrads(() => {
        const parts = model.loss(step, 1, { rng: new Rng(0) });
        tf.dispose([parts.recon, parts.kl]);
        return parts.loss;
      }, model.variables);
      tf.dispose([value, ...Object.values(grads), model.scores(scored)]);
    });
    return { ...plan, largest };
  }

  /** Replicas in other threads, where the engine has them; training goes on alone if they fail to start. */
  private async attachPeers(): Promise<void> {
    // Replicas start with a fresh Adam: a resumed run goes on in one thread so its optimizer state is the saved one.
    if (!this.startPeers || this.settings.threads === 1 || this.hooks.resumeFrom) return;
    const weights = await readWeights(this.model);
    const { lr, seed } = this.settings;
    try {
      this.peers = await this.startPeers(
        { config: this.model.config, weights, train: this.trainer.split.train, lr, seed, anchors: this.hooks.anchors },
        tf.getBackend(),
        this.settings.threads,
      );
    } catch {
      this.peers = [];
    }
    this.trainer.attachPeers(this.peers);
  }

  private async stopPeers(): Promise<void> {
    const peers = this.peers;
    this.peers = [];
    this.trainer.attachPeers([]);
    await Promise.all(peers.map((p) => p.dispose().catch(() => undefined)));
  }

  pause(): void {
    if (this.state === 'running') {
      this.state = 'paused';
      this.emit(this.event());
    }
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.stepCredits = 0;
    this.emit(this.event());
    this.wake?.();
  }

  /** While paused: runs one epoch (or the rest of the current one) and pauses again. */
  step(): void {
    if (this.state !== 'paused') return;
    this.stepCredits++;
    this.wake?.();
  }

  /** Ends the run after the current minibatch; `keepBest` false throws the run away. */
  stop(keepBest = true): void {
    if (this.state !== 'running' && this.state !== 'paused') return;
    this.keepBest = keepBest;
    this.state = 'stopped';
    this.emit(this.event());
    this.wake?.();
  }

  /** Frees the optimizer's state and the replicas (the model is disposed or adopted by the caller). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.stopPeers();
    this.trainer.dispose();
  }
}

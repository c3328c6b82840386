import type { Split } from '../core/data/types';
import { createModel, defaultConfig } from '../core/model/factory';
import type { ModelConfig, Recommender } from '../core/model/types';
import { Trainer } from '../core/train/trainer';
import type { EpochPoint, TrainEvent, TrainSettings, TrainState } from '../worker/protocol';
import { nextMacrotask } from './yield';

export function configFromSettings(s: TrainSettings, nItems: number): ModelConfig {
  const base = defaultConfig(s.kind, nItems);
  if (base.kind === 'macridvae') return { ...base, K: s.K, d: s.d, tau: s.tau, beta: s.beta, sigma0: s.sigma0, keep: s.keep };
  return { ...base, d: s.d, beta: s.beta, keep: s.keep };
}

/** One training session in the engine: epochs run until done, paused, or stopped. */
export class TrainingRun {
  state: TrainState = 'idle';
  readonly model: Recommender;
  readonly trainer: Trainer;
  private wake: (() => void) | null = null;
  private pendingSteps = 0;

  constructor(
    split: Split,
    readonly settings: TrainSettings,
    private readonly emit: (e: TrainEvent) => void,
  ) {
    this.model = createModel(configFromSettings(settings, split.itemIds.length), settings.seed);
    this.trainer = new Trainer(this.model, split, { batchSize: settings.batchSize, lr: settings.lr, seed: settings.seed, yieldFn: nextMacrotask });
  }

  /** The state can change while an epoch is awaited (pause/stop messages), so no narrowing. */
  private is(state: TrainState): boolean {
    return this.state === state;
  }

  private event(extra: Partial<TrainEvent> = {}): TrainEvent {
    return { state: this.state, epochs: this.trainer.epoch, bestEpoch: this.trainer.bestEpoch, ...extra };
  }

  /** Runs to the end (or a stop); resolves with the final state. */
  async run(startPaused = false): Promise<TrainState> {
    this.state = startPaused ? 'paused' : 'running';
    this.emit(this.event());
    try {
      while (this.trainer.epoch < this.settings.epochs) {
        if (this.is('paused') && this.pendingSteps === 0) await new Promise<void>((r) => (this.wake = r));
        if (this.is('stopped')) break;
        if (this.pendingSteps > 0) this.pendingSteps--;
        const log = await this.trainer.trainEpoch();
        const point: EpochPoint = {
          epoch: log.epoch,
          loss: log.loss,
          recon: log.recon,
          kl: log.kl,
          ndcg100: log.val.ndcg100.mean,
          recall20: log.val.recall20.mean,
          recall50: log.val.recall50.mean,
          isBest: log.isBest,
          seconds: log.trainSeconds + log.evalSeconds,
        };
        this.emit(this.event({ point }));
        await nextMacrotask();
      }
      if (!this.is('stopped')) this.state = 'done';
    } catch (e) {
      this.state = 'failed';
      this.emit(this.event({ message: e instanceof Error ? e.message : String(e) }));
      return this.state;
    }
    this.trainer.restoreBest();
    return this.state;
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
    this.emit(this.event());
    this.wake?.();
  }

  /** One epoch while paused. */
  step(): void {
    if (this.state !== 'paused') return;
    this.pendingSteps++;
    this.wake?.();
  }

  stop(): void {
    if (this.state !== 'running' && this.state !== 'paused') return;
    this.state = 'stopped';
    this.wake?.();
  }

  dispose(): void {
    this.trainer.dispose();
  }
}

import { RandomState } from '../data/numpy-random';
import type { Split } from '../data/types';
import { batchFromCsr, range } from '../model/batch';
import { Rng } from '../model/random';
import type { Recommender } from '../model/types';
import { tf } from '../tf';
import { evaluate, type RankingResult } from './evaluate';
import { annealAt } from './schedule';

export interface TrainOptions {
  batchSize: number;
  lr: number;
  seed: number;
  /** awaited between minibatches, so a worker can answer messages while it trains */
  yieldFn?: () => Promise<void>;
}

export const TRAIN_DEFAULTS: Omit<TrainOptions, 'seed'> = { batchSize: 500, lr: 1e-3 };

export interface EpochLog {
  epoch: number;
  /** per-user means over the epoch */
  loss: number;
  recon: number;
  kl: number;
  anneal: number;
  val: RankingResult;
  isBest: boolean;
  trainSeconds: number;
  evalSeconds: number;
}

/**
 * The official training loop (SPEC §1.7): each epoch shuffles the training users with numpy's
 * generator seeded by --seed, runs Adam over minibatches with the annealed KL weight, then scores
 * the validation users; the weights with the best validation NDCG@100 so far are kept.
 */
export class Trainer {
  epoch = 0;
  step = 0;
  bestEpoch = 0;
  bestNdcg = -Infinity;
  private bestWeights: Float32Array[] | null = null;
  private readonly order: Int32Array;
  private readonly shuffler: RandomState;
  private readonly noise: Rng;
  private readonly optimizer: tf.AdamOptimizer;

  constructor(
    readonly model: Recommender,
    readonly split: Split,
    readonly options: TrainOptions,
  ) {
    this.order = range(split.train.nRows);
    this.shuffler = new RandomState(options.seed);
    this.noise = new Rng(options.seed ^ 0x5eed);
    this.optimizer = tf.train.adam(options.lr, 0.9, 0.999, 1e-8);
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.split.train.nRows / this.options.batchSize);
  }

  async trainEpoch(): Promise<EpochLog> {
    const t0 = performance.now();
    const { batchSize } = this.options;
    const n = this.order.length;
    this.shuffler.shuffle(this.order);
    const beta = this.model.config.beta;
    let loss = 0;
    let recon = 0;
    let kl = 0;
    let anneal = 0;
    for (let start = 0; start < n; start += batchSize) {
      const batch = batchFromCsr(this.split.train, this.order.subarray(start, Math.min(n, start + batchSize)));
      anneal = annealAt(this.step, beta, this.batchesPerEpoch);
      const noise = { rng: this.noise };
      let parts: ReturnType<Recommender['loss']> | undefined;
      const { value, grads } = tf.variableGrads(() => {
        parts = this.model.loss(batch, anneal, noise);
        return parts.loss;
      }, this.model.variables);
      this.optimizer.applyGradients(grads as Parameters<tf.AdamOptimizer["applyGradients"]>[0]);
      const [l, r, k] = await Promise.all([value.data(), parts!.recon.data(), parts!.kl.data()]);
      tf.dispose([value, parts!.loss, parts!.recon, parts!.kl]);
      tf.dispose(Object.values(grads));
      if (!Number.isFinite(l[0])) throw new Error(`training diverged at epoch ${this.epoch + 1}: the loss is ${l[0]}`);
      loss += l[0] * batch.nUsers;
      recon += r[0] * batch.nUsers;
      kl += k[0] * batch.nUsers;
      this.step++;
      if (this.options.yieldFn) await this.options.yieldFn();
    }
    const t1 = performance.now();
    this.epoch++;
    const val = await evaluate(this.model, this.split.validation, batchSize);
    const isBest = val.ndcg100.mean > this.bestNdcg;
    if (isBest) {
      this.bestNdcg = val.ndcg100.mean;
      this.bestEpoch = this.epoch;
      this.bestWeights = await Promise.all(this.model.variables.map(async (v) => (await v.data()) as Float32Array));
    }
    return {
      epoch: this.epoch,
      loss: loss / n,
      recon: recon / n,
      kl: kl / n,
      anneal,
      val,
      isBest,
      trainSeconds: (t1 - t0) / 1000,
      evalSeconds: (performance.now() - t1) / 1000,
    };
  }

  /** Copies the best-so-far weights into the model (no-op before the first epoch). */
  restoreBest(): void {
    if (!this.bestWeights) return;
    this.model.variables.forEach((v, i) => {
      const t = tf.tensor(this.bestWeights![i], v.shape);
      v.assign(t);
      t.dispose();
    });
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}

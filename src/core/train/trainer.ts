import { RandomState } from '../data/numpy-random';
import type { Split } from '../data/types';
import { batchFromCsr, range } from '../model/batch';
import { stepRng } from '../model/random';
import type { Recommender } from '../model/types';
import { tf } from '../tf';
import { evaluate, type RankingResult } from './evaluate';
import { applyGradientArrays, shardGradients, sumGradients } from './gradients';
import { adam, assignWeights, readWeights, type GradientPeer } from './replica';
import { annealAt } from './schedule';
import { ShardNoise, splitBatch } from './shards';

export interface TrainOptions {
  batchSize: number;
  lr: number;
  seed: number;
  /** awaited between minibatches, so a worker can answer messages while it trains */
  yieldFn?: () => Promise<void>;
  /**
   * Replicas in other threads for data-parallel training: each minibatch is split into
   * peers.length + 1 shards of users, shard 0 computed here. Set up with this model's weights.
   */
  peers?: GradientPeer[];
}

/** Below this many users per shard, a minibatch is not split over the peers. */
const MIN_SHARD_USERS = 16;

interface StepTotals {
  loss: number;
  recon: number;
  kl: number;
}

/**
 * Everything a run needs to go on exactly where it was after an epoch: the weights, Adam's state,
 * the shuffler's state and the counters. A trainer restored from it continues as the original did.
 */
export interface TrainerState {
  epoch: number;
  step: number;
  bestEpoch: number;
  bestNdcg: number;
  weights: Float32Array[];
  /** Adam's iteration count, then its first and second moments in variable order */
  optimizer: { iterations: number; moments: Float32Array[] };
  shuffler: { mt: Uint32Array; index: number };
  /** the user order the shuffler permutes in place, epoch after epoch */
  order: Int32Array;
}

/** A non-finite loss: the weights from before it are gone, the best checkpoint is not. */
export class DivergedError extends Error {
  constructor(
    readonly epoch: number,
    readonly loss: number,
  ) {
    super(`training diverged at epoch ${epoch}: the loss is ${loss}`);
  }
}

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
  /** the full state at the best epoch, when the trainer was asked to keep it (for resumable checkpoints) */
  bestState: TrainerState | null = null;
  private readonly order: Int32Array;
  private readonly shuffler: RandomState;
  private readonly optimizer: tf.AdamOptimizer;
  private peers: GradientPeer[];
  /** set when the weights here changed outside a step, so the peers must be sent them */
  private peersStale = false;

  constructor(
    readonly model: Recommender,
    readonly split: Split,
    readonly options: TrainOptions & { keepBestState?: boolean },
  ) {
    this.order = range(split.train.nRows);
    this.shuffler = new RandomState(options.seed);
    this.optimizer = adam(options.lr);
    this.peers = options.peers ?? [];
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
    if (this.peersStale) await this.syncPeers();
    for (let start = 0; start < n; start += batchSize) {
      const users = this.order.slice(start, Math.min(n, start + batchSize));
      anneal = annealAt(this.step, beta, this.batchesPerEpoch);
      const t = this.peers.length > 0 ? await this.parallelStep(users, anneal) : await this.localStep(users, anneal);
      if (!Number.isFinite(t.loss)) throw new DivergedError(this.epoch + 1, t.loss);
      loss += t.loss * users.length;
      recon += t.recon * users.length;
      kl += t.kl * users.length;
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
      this.bestWeights = await readWeights(this.model);
      if (this.options.keepBestState) this.bestState = await this.state(this.bestWeights);
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

  /** The state after the last finished epoch (see {@link TrainerState}). */
  async state(weights?: Float32Array[]): Promise<TrainerState> {
    const named = await this.optimizer.getWeights();
    const [iterations, ...moments] = await Promise.all(named.map(async (w) => Float32Array.from(await w.tensor.data())));
    // Only the iteration scalar is made for us; the moments are Adam's own variables.
    named[0].tensor.dispose();
    return {
      epoch: this.epoch,
      step: this.step,
      bestEpoch: this.bestEpoch,
      bestNdcg: this.bestNdcg,
      weights: weights ?? (await readWeights(this.model)),
      optimizer: { iterations: iterations?.[0] ?? 0, moments },
      shuffler: this.shuffler.getState(),
      order: this.order.slice(),
    };
  }

  /** Puts a trainer that has not stepped yet where `s` was: the next epoch is the one the saved run would have run next. */
  async restore(s: TrainerState): Promise<void> {
    const vars = this.model.variables;
    if (s.order.length !== this.order.length)
      throw new Error(`the checkpoint was trained on ${s.order.length} users, this split has ${this.order.length}`);
    if (s.optimizer.moments.length !== 0 && s.optimizer.moments.length !== 2 * vars.length) {
      throw new Error(`the checkpoint's optimizer holds ${s.optimizer.moments.length} moments, this model needs ${2 * vars.length}`);
    }
    assignWeights(this.model, s.weights);
    if (s.optimizer.moments.length) {
      const moment = (w: Float32Array, i: number) => ({
        name: `${vars[i % vars.length].name}/${i < vars.length ? 'm' : 'v'}`,
        tensor: tf.tensor(w, vars[i % vars.length].shape),
      });
      const named = [{ name: 'iter', tensor: tf.scalar(s.optimizer.iterations, 'int32') }, ...s.optimizer.moments.map(moment)];
      await this.optimizer.setWeights(named);
      tf.dispose(named.map((w) => w.tensor));
    }
    this.shuffler.setState(s.shuffler);
    this.order.set(s.order);
    this.epoch = s.epoch;
    this.step = s.step;
    this.bestEpoch = s.bestEpoch;
    this.bestNdcg = s.bestNdcg;
    this.bestWeights = s.epoch === s.bestEpoch ? s.weights.map((w) => w.slice()) : null;
    this.bestState = this.options.keepBestState && s.epoch === s.bestEpoch ? s : null;
    this.peersStale = this.peers.length > 0;
  }

  /** One Adam step on the whole minibatch, gradients kept on the backend. */
  private async localStep(users: Int32Array, anneal: number): Promise<StepTotals> {
    const batch = batchFromCsr(this.split.train, users);
    let parts: ReturnType<Recommender['loss']> | undefined;
    const { value, grads } = tf.variableGrads(() => {
      parts = this.model.loss(batch, anneal, { rng: stepRng(this.options.seed, this.step) });
      return parts.loss;
    }, this.model.variables);
    this.optimizer.applyGradients(grads as Parameters<tf.AdamOptimizer['applyGradients']>[0]);
    const [l, r, k] = await Promise.all([value.data(), parts!.recon.data(), parts!.kl.data()]);
    tf.dispose([value, parts!.loss, parts!.recon, parts!.kl, ...Object.values(grads)]);
    return { loss: l[0], recon: r[0], kl: k[0] };
  }

  /**
   * The peers compute their shards while this thread computes shard 0; all apply the sum. A batch
   * too small to be worth the round trip (the last one of an epoch, often) is computed here alone.
   */
  private async parallelStep(users: Int32Array, anneal: number): Promise<StepTotals> {
    const sharded = users.length >= MIN_SHARD_USERS * (this.peers.length + 1);
    const remote = sharded ? this.peers.map((p) => p.gradients(users, this.step, anneal)) : [];
    const full = batchFromCsr(this.split.train, users);
    const shard = splitBatch(full, sharded ? this.peers.length + 1 : 1)[0];
    const local = shardGradients(
      this.model,
      shard,
      full.nUsers,
      anneal,
      new ShardNoise(stepRng(this.options.seed, this.step), full, shard),
    );
    const total = sumGradients([local, ...(await Promise.all(remote))]);
    const applied = this.peers.map((p) => p.apply(total.grads));
    applyGradientArrays(this.optimizer, this.model.variables, total.grads);
    await Promise.all(applied);
    return total;
  }

  private async syncPeers(): Promise<void> {
    const weights = await readWeights(this.model);
    await Promise.all(this.peers.map((p) => p.setWeights(weights)));
    this.peersStale = false;
  }

  /** Replicas started after the trainer (set up with this model's weights); from the next epoch on. */
  attachPeers(peers: GradientPeer[]): void {
    this.peers = peers;
    this.peersStale = peers.length > 0;
  }

  get threads(): number {
    return this.peers.length + 1;
  }

  /** Copies the best-so-far weights into the model (no-op before the first epoch). */
  restoreBest(): void {
    if (!this.bestWeights) return;
    assignWeights(this.model, this.bestWeights);
    this.peersStale = this.peers.length > 0;
  }

  /** Frees the optimizer; the peers belong to whoever started them. */
  dispose(): void {
    this.optimizer.dispose();
  }
}

import type { CsrMatrix } from '../data/types';
import { batchFromCsr } from '../model/batch';
import { createModel } from '../model/factory';
import { MacridVAE } from '../model/macridvae';
import { stepRng } from '../model/random';
import type { AnchorTargets, ModelConfig, Recommender } from '../model/types';
import { tf } from '../tf';
import { applyGradientArrays, shardGradients, type ShardGradients } from './gradients';
import { ShardNoise, splitBatch } from './shards';

/**
 * Another thread's copy of the model in data-parallel training. Each step it computes the
 * gradient of its shard of the minibatch; the trainer sums all shards and sends the sum back, and
 * every replica applies that same sum with its own Adam, so the copies stay bit-identical.
 */
export interface GradientPeer {
  gradients(users: Int32Array, step: number, anneal: number): Promise<ShardGradients>;
  apply(grads: Float32Array[]): Promise<void>;
  setWeights(weights: Float32Array[]): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts replicas of a model in other threads so that `threads` threads train it in all (0: as
 * many as the environment offers); maybe none.
 */
export type PeerStarter = (setup: Omit<ReplicaSetup, 'shard' | 'shards'>, backend: string, threads: number) => Promise<GradientPeer[]>;

export interface ReplicaSetup {
  config: ModelConfig;
  weights: Float32Array[];
  train: CsrMatrix;
  lr: number;
  /** the run's seed: a step's noise comes from stepRng(seed, step) */
  seed: number;
  /** MacridVAE's anchoring term, when the trained model has one */
  anchors?: AnchorTargets;
  shard: number;
  shards: number;
}

export function adam(lr: number): tf.AdamOptimizer {
  return tf.train.adam(lr, 0.9, 0.999, 1e-8);
}

/** A copy of the model's weights, in `variables` order. */
export function readWeights(model: Recommender): Promise<Float32Array[]> {
  return Promise.all(model.variables.map(async (v) => (await v.data()) as Float32Array));
}

export function assignWeights(model: Recommender, weights: Float32Array[]): void {
  if (weights.length !== model.variables.length) throw new Error(`expected ${model.variables.length} weight arrays, got ${weights.length}`);
  model.variables.forEach((v, i) => {
    if (weights[i].length !== v.size) throw new Error(`weights for ${v.name}: expected ${v.size} values, got ${weights[i].length}`);
    const t = tf.tensor(weights[i], v.shape);
    v.assign(t);
    t.dispose();
  });
}

/** The state a peer thread keeps: a model initialised from the trainer's weights, and an Adam. */
export class Replica {
  readonly model: Recommender;
  private readonly optimizer: tf.AdamOptimizer;

  constructor(private readonly setup: ReplicaSetup) {
    this.model = createModel(setup.config, 0);
    assignWeights(this.model, setup.weights);
    if (setup.anchors && this.model instanceof MacridVAE) this.model.anchors = setup.anchors;
    this.optimizer = adam(setup.lr);
  }

  gradients(users: Int32Array, step: number, anneal: number): ShardGradients {
    const full = batchFromCsr(this.setup.train, users);
    const shard = splitBatch(full, this.setup.shards)[this.setup.shard];
    return shardGradients(this.model, shard, full.nUsers, anneal, new ShardNoise(stepRng(this.setup.seed, step), full, shard));
  }

  apply(grads: Float32Array[]): void {
    applyGradientArrays(this.optimizer, this.model.variables, grads);
  }

  setWeights(weights: Float32Array[]): void {
    assignWeights(this.model, weights);
  }

  dispose(): void {
    this.optimizer.dispose();
    this.model.dispose();
  }
}

import type { Recommender } from '../model/types';
import type { NoiseSource } from '../model/random';
import { tf } from '../tf';
import type { Shard } from './shards';

/** One shard's share of a minibatch's gradient, read back to the host, in `model.variables` order. */
export interface ShardGradients {
  grads: Float32Array[];
  /** the shard's share of the batch's mean loss terms */
  loss: number;
  recon: number;
  kl: number;
}

/**
 * The gradient of the shard's users' terms of the minibatch objective: the model's per-user mean
 * over the shard, weighted by the shard's share of the batch. Shards' gradients then sum to the
 * whole batch's, and a shard without users contributes zeros.
 */
export function shardGradients(model: Recommender, shard: Shard, batchUsers: number, anneal: number, noise: NoiseSource): ShardGradients {
  const n = shard.batch.nUsers;
  if (n === 0) return { grads: model.variables.map((v) => new Float32Array(v.size)), loss: 0, recon: 0, kl: 0 };
  const w = n / batchUsers;
  let parts: ReturnType<Recommender['loss']> | undefined;
  const { value, grads } = tf.variableGrads(() => {
    parts = model.loss(shard.batch, anneal, { rng: noise });
    return tf.mul(parts.loss, w);
  }, model.variables);
  const out: ShardGradients = {
    grads: model.variables.map((v) => grads[v.name].dataSync() as Float32Array),
    loss: value.dataSync()[0],
    recon: parts!.recon.dataSync()[0] * w,
    kl: parts!.kl.dataSync()[0] * w,
  };
  tf.dispose([value, parts!.loss, parts!.recon, parts!.kl, ...Object.values(grads)]);
  return out;
}

/**
 * Σ over shards, always in shard order, accumulated into the first part's arrays (which it takes
 * over): the trainer then sends every replica the same bits.
 */
export function sumGradients(parts: ShardGradients[]): ShardGradients {
  const grads = parts[0].grads;
  for (const p of parts.slice(1)) {
    p.grads.forEach((g, v) => {
      const acc = grads[v];
      for (let i = 0; i < acc.length; i++) acc[i] += g[i];
    });
  }
  const total = (key: 'loss' | 'recon' | 'kl') => parts.reduce((s, p) => s + p[key], 0);
  return { grads, loss: total('loss'), recon: total('recon'), kl: total('kl') };
}

export function applyGradientArrays(optimizer: tf.Optimizer, variables: tf.Variable[], grads: Float32Array[]): void {
  const named: Record<string, tf.Tensor> = {};
  variables.forEach((v, i) => (named[v.name] = tf.tensor(grads[i], v.shape)));
  optimizer.applyGradients(named);
  tf.dispose(Object.values(named));
}

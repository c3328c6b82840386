import { tf, type Tensor2D, type Variable } from '../tf';
import type { SparseBatch } from './batch';
import type { NoiseSource } from './random';
import { sparseAggregate } from './sparse-aggregate';

/**
 * First layer of Mult-VAE / Mult-DAE on the clicked items only: tanh(dropout(x/‖x‖) · W0 + b0),
 * [B, d]. For binary x the L2-normalised input is 1/√n_u on the user's n_u clicks.
 */
export function multHidden(batch: SparseBatch, w0: Variable, b0: Variable, keep: number, rng?: NoiseSource): Tensor2D {
  return tf.tidy(() => {
    const nnz = batch.cols.length;
    const vals = new Float32Array(nnz);
    for (let j = 0; j < nnz; j++) vals[j] = 1 / Math.sqrt(batch.counts[batch.rows[j]]);
    const mask = rng ? rng.dropoutMask(nnz, keep) : undefined;
    const agg = sparseAggregate(tf.tensor2d(vals, [nnz, 1]), w0 as Tensor2D, batch.rows, batch.cols, batch.nUsers, mask);
    return tf.tanh(tf.add(agg, b0)) as Tensor2D;
  });
}

import { tf, type Scalar, type Tensor1D, type Tensor2D } from '../tf';
import type { SparseBatch } from './batch';
import { gatherRows } from './ops';

function clickedIndex(batch: SparseBatch): Tensor1D {
  const M = batch.nItems;
  const flat = new Int32Array(batch.cols.length);
  for (let j = 0; j < flat.length; j++) flat[j] = batch.rows[j] * M + batch.cols[j];
  return tf.tensor1d(flat, 'int32');
}

/** The multinomial NLL −(1/B) Σ_u Σ_i x_ui log softmax(logits_u)_i for logits [B, M] (Mult-VAE / Mult-DAE). */
export function logitsNll(logits: Tensor2D, batch: SparseBatch): Scalar {
  return tf.tidy(() => {
    const [B, M] = logits.shape;
    const logPi = tf.logSoftmax(logits) as Tensor2D;
    const picked = gatherRows(tf.reshape(logPi, [B * M, 1]) as Tensor2D, clickedIndex(batch));
    return tf.div(tf.neg(tf.sum(picked)), B) as Scalar;
  });
}

export function l2Sum(vars: tf.Variable[]): Scalar {
  return tf.tidy(() => tf.addN(vars.map((v) => tf.sum(tf.square(v)))) as Scalar);
}

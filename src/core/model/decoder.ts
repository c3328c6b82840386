import { tf, type Scalar, type Tensor, type Tensor2D } from '../tf';
import type { SparseBatch } from './batch';
import { boundedExp, custom } from './ops';
import { cappedLimits, type BufferLimits } from '../tensor-budget';

let simulatedLimit: number | null = null;

/** Lowers this thread's WebGPU limits to `bytes` each from now on (null: the adapter's own), see cappedLimits. */
export function simulateBufferLimit(bytes: number | null): void {
  simulatedLimit = bytes;
}

/** The simulated limit of this thread, null when there is none. */
export function simulatedBufferLimit(): number | null {
  return simulatedLimit;
}

/** The limits of the current backend when it is WebGPU (lowered to a simulated limit if one is set), else null. */
export function backendLimits(): BufferLimits | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const device = (tf.backend() as unknown as { device?: { limits?: BufferLimits } }).device?.limits ?? null;
  return cappedLimits(device, simulatedLimit);
}

/** The flat [b·M] positions of the clicks of batch rows [u0, u0 + b), which are the contiguous run [j0, j1). */
function chunkClicks(batch: SparseBatch, u0: number, b: number, j0: number): { flat: Int32Array; j1: number } {
  const { rows, cols, nItems: M } = batch;
  let j1 = j0;
  while (j1 < rows.length && rows[j1] < u0 + b) j1++;
  const flat = new Int32Array(j1 - j0);
  for (let j = j0; j < j1; j++) flat[j - j0] = (rows[j] - u0) * M + cols[j];
  return { flat, j1 };
}

/**
 * MacridVAE's reconstruction loss −(1/B) Σ_u Σ_i x_ui log softmax(log p̃_u)_i, with the mixture
 * p̃_u = Σ_k c_·k ⊙ exp(zn_uk · hnᵀ) for zn [B·K, d] (unit rows divided by τ), hn [M, d] and
 * cT = Cᵀ [K, M], computed `chunk` users at a time so that no tensor holds more than
 * [chunk·K, M] values. The loss is only evaluated to be differentiated, so each chunk's gradient
 * is computed beside its loss from the chunk's own exp(s) and summed; the backward pass scales
 * the sums by dy, and no [B·K, M] tensor outlives its chunk.
 */
export function mixtureNll(zn: Tensor2D, hn: Tensor2D, cT: Tensor2D, batch: SparseBatch, chunk: number): Scalar {
  const op = custom(([z, h, c], save) => {
    const [K, M] = c.shape as [number, number];
    const d = h.shape[1]!;
    const B = batch.nUsers;
    const hT = tf.transpose(h);
    let loss: Tensor = tf.scalar(0);
    let dh: Tensor = tf.zerosLike(h);
    let dc: Tensor = tf.zerosLike(c);
    const dz: Tensor[] = [];
    let j0 = 0;
    for (let u0 = 0; u0 < B; u0 += chunk) {
      const b = Math.min(chunk, B - u0);
      const { flat, j1 } = chunkClicks(batch, u0, b, j0);
      j0 = j1;
      const next = tf.tidy(() => {
        const zc = tf.slice(z, [u0 * K, 0], [b * K, d]) as Tensor2D;
        const e = tf.reshape(boundedExp(tf.matMul(zc, hT)), [b, K, M]);
        const ec = tf.mul(e, c);
        const p = tf.sum(ec, 1);
        const total = tf.sum(p, 1, true);
        const counts = tf.tensor2d(batch.counts.subarray(u0, u0 + b), [b, 1]);
        const idx = tf.tensor2d(flat, [flat.length, 1], 'int32');
        const picked = tf.gatherND(tf.reshape(p, [-1]), idx);
        const l = tf.sub(tf.sum(tf.mul(tf.log(total), counts)), tf.sum(tf.log(picked)));
        // ∂/∂p̃_ui of the chunk's terms: count_u / Σ_j p̃_uj − x_ui / p̃_ui
        const clicked = tf.reshape(tf.scatterND(idx, tf.reciprocal(picked), [b * M]), [b, M]);
        const g = tf.reshape(tf.sub(tf.div(counts, total), clicked), [b, 1, M]);
        const ds = tf.reshape(tf.mul(g, ec), [b * K, M]) as Tensor2D;
        return {
          loss: tf.add(loss, l),
          dh: tf.add(dh, tf.matMul(tf.transpose(ds), zc)),
          dc: tf.add(dc, tf.sum(tf.mul(g, e), 0)),
          dz: tf.matMul(ds, h as Tensor2D),
        };
      });
      tf.dispose([loss, dh, dc]);
      ({ loss, dh, dc } = next);
      dz.push(next.dz);
    }
    save([tf.div(tf.concat(dz), B), tf.div(dh, B), tf.div(dc, B)]);
    return {
      value: tf.div(loss, B),
      gradFunc: (dy, grads) => grads.map((g) => tf.mul(dy, g)),
    };
  });
  return op(zn, hn, cT) as Scalar;
}

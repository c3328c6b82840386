import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../tf';
import type { SparseBatch } from './batch';
import { MultDAE } from './multdae';
import { MultVAE } from './multvae';
import {
  assertAllClose,
  batchFromLists,
  denseOf,
  DEVICE_SIM,
  FixedNoise,
  lossValue,
  modelGrads,
  numericGrads,
  registerDeviceSimBackend,
  useBackend,
} from '../testing/test-utils';
import type { MultConfig } from './types';

/** tanh(dropout(x/‖x‖) W0 + b0) on dense input, the mask read back from the model's draw. */
function denseHidden(model: MultVAE | MultDAE, batch: SparseBatch, noise: FixedNoise | undefined): tf.Tensor2D {
  const { nItems: M, keep } = model.config;
  const B = batch.nUsers;
  const X = tf.tensor2d(denseOf(batch));
  let v = tf.div(X, tf.sqrt(tf.maximum(tf.sum(tf.square(X), 1, true), 1e-12)));
  if (noise) {
    const mask = noise.drawn('dropoutMask', batch.cols.length);
    const dense = new Float32Array(B * M).fill(1 / keep);
    for (let j = 0; j < batch.cols.length; j++) dense[batch.rows[j] * M + batch.cols[j]] = mask[j];
    v = tf.mul(v, tf.tensor2d(dense, [B, M]));
  }
  return tf.tanh(tf.add(tf.matMul(v, model.w0), model.b0)) as tf.Tensor2D;
}

const nll = (logits: tf.Tensor2D, batch: SparseBatch) =>
  tf.mean(tf.sum(tf.neg(tf.mul(tf.tensor2d(denseOf(batch)), tf.logSoftmax(logits))), 1));

/** Liang et al.'s Mult-VAE objective with dense tensors (KL to N(0, I) with the μ² term). */
function multVaeDenseLoss(model: MultVAE, batch: SparseBatch, anneal: number, noise: FixedNoise): tf.Scalar {
  const { d, reg } = model.config;
  const B = batch.nUsers;
  const o = tf.add(tf.matMul(denseHidden(model, batch, noise), model.w1), model.b1);
  const mu = tf.slice(o, [0, 0], [B, d]);
  const logvar = tf.slice(o, [0, d], [B, d]);
  const kl = tf.mean(tf.sum(tf.mul(-0.5, tf.sub(tf.add(1, logvar), tf.add(tf.square(mu), tf.exp(logvar)))), 1));
  const eps = tf.tensor2d(noise.drawn('normals', B * d), [B, d]);
  const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), eps));
  const logits = tf.add(tf.matMul(z, model.w2), model.b2) as Tensor2D;
  let loss = tf.add(nll(logits, batch), tf.mul(anneal, kl));
  if (reg > 0) loss = tf.add(loss, tf.mul(reg, tf.addN([model.w0, model.w1, model.w2].map((w) => tf.sum(tf.square(w))))));
  return loss as tf.Scalar;
}

function multDaeDenseLoss(model: MultDAE, batch: SparseBatch, noise: FixedNoise): tf.Scalar {
  const logits = tf.add(tf.matMul(denseHidden(model, batch, noise), model.w1), model.b1) as Tensor2D;
  let loss = nll(logits, batch);
  const reg = model.config.reg;
  if (reg > 0) loss = tf.add(loss, tf.mul(reg, tf.addN([model.w0, model.w1].map((w) => tf.sum(tf.square(w))))));
  return loss as tf.Scalar;
}

const cfg = (kind: 'multvae' | 'multdae', over: Partial<MultConfig> = {}): MultConfig => ({
  kind,
  nItems: 8,
  d: 3,
  keep: 0.5,
  beta: 0.2,
  reg: 0,
  ...over,
});

const SMALL_LISTS = [
  [0, 2, 5, 7],
  [1, 2, 3, 6],
  [4, 6, 7],
];

beforeAll(async () => {
  await useBackend('cpu');
  registerDeviceSimBackend();
});

afterAll(async () => {
  await useBackend('cpu');
});

describe('Mult-VAE / Mult-DAE gradients against central differences (frozen noise)', () => {
  it('MultVAE: all six variables', () => {
    const model = new MultVAE(cfg('multvae', { reg: 0.01 }), 2);
    try {
      const batch = batchFromLists(SMALL_LISTS, 8);
      const noise = new FixedNoise({ dropout: 'seeded', normals: 'seeded', seed: 4 });
      const { grads } = modelGrads(model, batch, 0.2, noise);
      expect(noise.drawn('dropoutMask', batch.cols.length)).toContain(0);
      const num = numericGrads(() => lossValue(model, batch, 0.2, noise), model.variables, 2e-3);
      model.variables.forEach((v, i) => {
        expect(Math.max(...Array.from(grads[i], Math.abs)), v.name).toBeGreaterThan(1e-3);
        assertAllClose(grads[i], num[i], 2e-2, 2e-3, v.name);
      });
    } finally {
      model.dispose();
    }
  });

  it('MultDAE: all four variables', () => {
    const model = new MultDAE(cfg('multdae', { reg: 0.01 }), 2);
    try {
      const batch = batchFromLists(SMALL_LISTS, 8);
      const noise = new FixedNoise({ dropout: 'seeded', seed: 4 });
      const { grads } = modelGrads(model, batch, 0, noise);
      const num = numericGrads(() => lossValue(model, batch, 0, noise), model.variables, 2e-3);
      model.variables.forEach((v, i) => {
        expect(Math.max(...Array.from(grads[i], Math.abs)), v.name).toBeGreaterThan(1e-3);
        assertAllClose(grads[i], num[i], 2e-2, 2e-3, v.name);
      });
    } finally {
      model.dispose();
    }
  });
});

describe('Mult-VAE / Mult-DAE sparse implementation = dense reference', () => {
  const LISTS = [[0, 1, 2, 3, 4, 5, 6], [7, 8, 29], [10, 11, 12, 13, 14, 15, 16, 17, 18], [2, 20, 25, 28], [9], [3, 7, 19, 21, 22, 23, 24]];
  for (const backend of ['cpu', DEVICE_SIM, 'wasm']) {
    it(`MultVAE loss, gradients and scores on ${backend}`, async () => {
      await useBackend(backend);
      const model = new MultVAE(cfg('multvae', { nItems: 30, d: 5, reg: 0.002 }), 8);
      try {
        const batch = batchFromLists(LISTS, 30);
        const noise = new FixedNoise({ dropout: 'seeded', normals: 'seeded', seed: 12 });
        const sparse = modelGrads(model, batch, 0.15, noise);
        const dense = tf.tidy(() => tf.variableGrads(() => multVaeDenseLoss(model, batch, 0.15, noise), model.variables));
        expect(sparse.value).toBeCloseTo(dense.value.dataSync()[0], 4);
        model.variables.forEach((v, i) => {
          const g = dense.grads[v.name].dataSync();
          expect(Math.max(...Array.from(g, Math.abs)), v.name).toBeGreaterThan(1e-4);
          assertAllClose(sparse.grads[i], g, 1e-4, 1e-6, v.name);
        });
        tf.dispose([dense.value, ...Object.values(dense.grads)]);
        // evaluation mode: no dropout, z = μ
        const s = model.scores(batch);
        const ref = tf.tidy(() => {
          const o = tf.add(tf.matMul(denseHidden(model, batch, undefined), model.w1), model.b1);
          return tf.add(tf.matMul(tf.slice(o, [0, 0], [batch.nUsers, 5]), model.w2), model.b2);
        });
        assertAllClose(s.dataSync(), ref.dataSync(), 0, 1e-5, 'scores');
        tf.dispose([s, ref]);
      } finally {
        model.dispose();
        await useBackend('cpu');
      }
    });

    it(`MultDAE loss, gradients and scores on ${backend}`, async () => {
      await useBackend(backend);
      const model = new MultDAE(cfg('multdae', { nItems: 30, d: 5, reg: 0.002 }), 8);
      try {
        const batch = batchFromLists(LISTS, 30);
        const noise = new FixedNoise({ dropout: 'seeded', seed: 12 });
        const sparse = modelGrads(model, batch, 0.2, noise);
        const dense = tf.tidy(() => tf.variableGrads(() => multDaeDenseLoss(model, batch, noise), model.variables));
        expect(sparse.value).toBeCloseTo(dense.value.dataSync()[0], 4);
        model.variables.forEach((v, i) => assertAllClose(sparse.grads[i], dense.grads[v.name].dataSync(), 1e-4, 1e-6, v.name));
        tf.dispose([dense.value, ...Object.values(dense.grads)]);
        const s = model.scores(batch);
        const ref = tf.tidy(() => tf.add(tf.matMul(denseHidden(model, batch, undefined), model.w1), model.b1));
        assertAllClose(s.dataSync(), ref.dataSync(), 0, 1e-5, 'scores');
        tf.dispose([s, ref]);
      } finally {
        model.dispose();
        await useBackend('cpu');
      }
    });
  }
});

describe('Mult-DAE loss parts', () => {
  it('loss() inside tf.variableGrads (as the trainer calls it) returns a readable kl = 0', () => {
    const model = new MultDAE(cfg('multdae'), 1);
    try {
      const batch = batchFromLists(SMALL_LISTS, 8);
      let parts: ReturnType<MultDAE['loss']> | undefined;
      const { value, grads } = tf.variableGrads(() => {
        parts = model.loss(batch, 0.2, { rng: new FixedNoise() });
        return parts.loss;
      }, model.variables);
      expect(parts!.recon.isDisposed).toBe(false);
      expect(parts!.kl.isDisposed).toBe(false);
      expect(parts!.kl.dataSync()[0]).toBe(0);
      tf.dispose([value, parts!.loss, parts!.recon, parts!.kl, ...Object.values(grads)]);
    } finally {
      model.dispose();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../tf';
import { batchFromLists, assertAllClose, DEVICE_SIM, registerDeviceSimBackend, useBackend } from '../testing/test-utils';
import { MacridVAE } from './macridvae';
import { MACRID_DEFAULTS } from './defaults';
import { Rng } from './random';
import { sparseAggregate } from './sparse-aggregate';

/**
 * sparseAggregate has two code paths chosen by tf.getBackend(): a fused host loop for 'cpu' and
 * 'wasm', and gather/scatter tensor ops for every other backend (webgl, webgpu). DEVICE_SIM is
 * the cpu kernels registered under another name, so the second path runs here too.
 */
const BACKENDS = ['cpu', 'wasm', DEVICE_SIM];

// users 0..4; user 2 has no clicks; items repeat across users; some values are exactly 0
const M = 9;
const K = 3;
const D = 4;
const LISTS = [[0, 3, 8], [1, 3], [], [2, 4, 5, 6, 8], [0]];
const rows = Int32Array.from(LISTS.flatMap((l, u) => l.map(() => u)));
const cols = Int32Array.from(LISTS.flat());
const nnz = cols.length;
const B = LISTS.length;

function randoms(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => 2 * rng.uniform() - 1);
}
const VALS = randoms(nnz * K, 1).map((v, i) => (i % 5 === 2 ? 0 : v));
const W = randoms(M * D, 2);
const R = randoms(B * K * D, 3); // upstream gradient
const MASK = Float32Array.from({ length: nnz * K }, (_, i) => (i % 3 === 1 ? 0 : 2));

/** Plain-JS expectations: out[(u,k), t] = Σ_{j: rows_j = u} vals[j,k] m[j,k] w[cols_j, t], and the adjoints. */
function reference(mask?: Float32Array) {
  const out = new Float64Array(B * K * D);
  const dv = new Float64Array(nnz * K);
  const dw = new Float64Array(M * D);
  for (let j = 0; j < nnz; j++) {
    for (let k = 0; k < K; k++) {
      const m = mask ? mask[j * K + k] : 1;
      for (let t = 0; t < D; t++) {
        const o = (rows[j] * K + k) * D + t;
        out[o] += VALS[j * K + k] * m * W[cols[j] * D + t];
        dv[j * K + k] += m * R[o] * W[cols[j] * D + t];
        dw[cols[j] * D + t] += VALS[j * K + k] * m * R[o];
      }
    }
  }
  return { out, dv, dw };
}

function run(mask?: Float32Array) {
  const vals = tf.tensor2d(VALS, [nnz, K]);
  const w = tf.tensor2d(W, [M, D]);
  const r = tf.tensor2d(R, [B * K, D]);
  const out = sparseAggregate(vals, w, rows, cols, B, mask);
  const g = tf.grads((a, b) => tf.sum(tf.mul(sparseAggregate(a as Tensor2D, b as Tensor2D, rows, cols, B, mask), r)));
  const [dv, dw] = g([vals, w]);
  const result = { shape: out.shape, out: out.dataSync(), dv: dv.dataSync(), dw: dw.dataSync() };
  tf.dispose([vals, w, r, out, dv, dw]);
  return result;
}

beforeAll(async () => {
  await useBackend('cpu');
  registerDeviceSimBackend();
});

afterAll(async () => {
  await useBackend('cpu');
});

describe('sparseAggregate: host loop (cpu, wasm) and device gather/scatter path', () => {
  for (const [backend, mask] of BACKENDS.flatMap(
    (b) =>
      [
        [b, undefined],
        [b, MASK],
      ] as const,
  )) {
    it(`value and gradients equal the plain-JS sum on ${backend}${mask ? ', with a dropout mask' : ''}`, async () => {
      const ref = reference(mask);
      await useBackend(backend);
      const before = tf.memory().numTensors;
      const r = run(mask);
      expect(tf.memory().numTensors).toBe(before);
      expect(r.shape).toEqual([B * K, D]);
      assertAllClose(r.out, ref.out, 0, 1e-6, 'out');
      assertAllClose(r.dv, ref.dv, 0, 1e-6, 'd vals');
      assertAllClose(r.dw, ref.dw, 0, 1e-6, 'd w');
      // the empty user's rows are exactly zero
      for (let i = 2 * K * D; i < 3 * K * D; i++) expect(r.out[i]).toBe(0);
      await useBackend('cpu');
    });
  }

  it('the paths agree with each other exactly up to float rounding', async () => {
    const results = [];
    for (const backend of BACKENDS) {
      await useBackend(backend);
      results.push(run());
    }
    await useBackend('cpu');
    for (const r of results.slice(1)) {
      assertAllClose(r.out, results[0].out, 0, 1e-6, 'out');
      assertAllClose(r.dv, results[0].dv, 0, 1e-6, 'dv');
      assertAllClose(r.dw, results[0].dw, 0, 1e-6, 'dw');
    }
  });
});

describe('MacridVAE on users without clicks (empty fold-in rows, as the split keeps them)', () => {
  for (const backend of BACKENDS) {
    it(`scores and encode are finite on ${backend}`, async () => {
      await useBackend(backend);
      const model = new MacridVAE({ ...MACRID_DEFAULTS, nItems: 6, K: 2, d: 3 }, 1);
      try {
        for (const lists of [[[0, 1], [], [2, 5]], [[]]]) {
          const batch = batchFromLists(lists, 6);
          const s = model.scores(batch);
          const mu = model.encode(batch);
          expect(s.shape).toEqual([lists.length, 6]);
          expect(Array.from(s.dataSync()).every(Number.isFinite)).toBe(true);
          // μ of an empty user is normalise(tanh(b0) W1 + b1): finite
          expect(Array.from(mu.dataSync()).every(Number.isFinite)).toBe(true);
          tf.dispose([s, mu]);
        }
      } finally {
        model.dispose();
        await useBackend('cpu');
      }
    });
  }
});

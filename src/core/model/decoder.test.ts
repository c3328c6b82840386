import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { MacridVAE } from './macridvae';
import { MACRID_DEFAULTS } from './defaults';
import { cappedLimits, HOST_TENSOR_BUDGET, tensorBudget, usersPerChunk } from '../tensor-budget';
import { largestTensor } from './largest-tensor';
import {
  assertAllClose,
  batchFromLists,
  csrFromLists,
  DEVICE_SIM,
  FixedNoise,
  modelGrads,
  registerDeviceSimBackend,
  useBackend,
} from '../testing/test-utils';
import type { SparseBatch } from './batch';
import type { HeldOutSet } from '../data/types';
import { evaluate } from '../train/evaluate';
import type { MacridConfig } from './types';

const cfg: MacridConfig = { ...MACRID_DEFAULTS, nItems: 120, K: 4, d: 6, reg: 0.002 };
const { K, nItems: M } = cfg;
/** bytes of one user's [K, M] float32 logits */
const perUser = 4 * K * M;

function randomLists(nUsers: number, seed: number): number[][] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: nUsers }, () => {
    const n = 1 + Math.floor(next() * 15);
    return [...new Set(Array.from({ length: n }, () => Math.floor(next() * M)))].sort((a, b) => a - b);
  });
}

const randomBatch = (nUsers: number, seed: number): SparseBatch => batchFromLists(randomLists(nUsers, seed), M);

function gradsAt(model: MacridVAE, batch: SparseBatch, budget: number | null) {
  model.decoderBudget = budget;
  const noise = new FixedNoise({ gumbels: 'seeded', dropout: 'seeded', normals: 'seeded', seed: 7 });
  return modelGrads(model, batch, 0.2, noise);
}

const largestTensorBytes = async (f: () => void | Promise<void>) => (await largestTensor(f)).bytes;

beforeAll(async () => {
  await useBackend('cpu');
  registerDeviceSimBackend();
});

afterAll(async () => {
  await useBackend('cpu');
});

describe('decoder tensor budget', () => {
  it('is half the smaller WebGPU limit, and a fixed budget without limits', () => {
    expect(tensorBudget({ maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20 })).toBe(64 * 2 ** 20);
    expect(tensorBudget({ maxBufferSize: 2 ** 20, maxStorageBufferBindingSize: 2 ** 30 })).toBe(2 ** 19);
    expect(tensorBudget(null)).toBe(HOST_TENSOR_BUDGET);
  });

  it('lowers the adapter limits to a simulated cap, on WebGPU or off it', () => {
    const adapter = { maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20 };
    expect(cappedLimits(adapter, null)).toBe(adapter);
    expect(cappedLimits(adapter, 2 ** 20)).toEqual({ maxBufferSize: 2 ** 20, maxStorageBufferBindingSize: 2 ** 20 });
    expect(cappedLimits(adapter, 2 ** 30)).toEqual(adapter);
    expect(cappedLimits(null, 4096)).toEqual({ maxBufferSize: 4096, maxStorageBufferBindingSize: 4096 });
    expect(cappedLimits(null, null)).toBeNull();
  });

  it('splits the issue example (B = 500, K = 7, M = 20,000) under the default WebGPU limits', () => {
    const budget = tensorBudget({ maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20 });
    const users = usersPerChunk(budget, 7, 20_000);
    expect(users).toBe(119);
    expect(users * 7 * 20_000 * 4).toBeLessThanOrEqual(budget);
    expect(usersPerChunk(1, 7, 20_000)).toBe(1);
  });
});

describe('chunked MacridVAE decoder = unchunked', () => {
  for (const backend of ['cpu', 'wasm', DEVICE_SIM]) {
    it(`loss and every gradient for chunks of 1, 3 and 4 of 11 users, ${backend}`, async () => {
      await useBackend(backend);
      const model = new MacridVAE(cfg, 5);
      try {
        const batch = randomBatch(11, 3);
        const whole = gradsAt(model, batch, 11 * perUser);
        for (const users of [1, 3, 4]) {
          const chunked = gradsAt(model, batch, users * perUser + 3);
          expect(chunked.value).toBeCloseTo(whole.value, 4);
          whole.grads.forEach((g, i) => assertAllClose(chunked.grads[i], g, 1e-5, 1e-7, `${model.variables[i].name}, ${users} users`));
        }
      } finally {
        model.dispose();
        await useBackend('cpu');
      }
    });
  }

  it('keeps every tensor of a training step within a small budget, with a flat tensor count', async () => {
    const model = new MacridVAE(cfg, 9);
    try {
      const batch = randomBatch(40, 11);
      const budget = 5 * perUser;
      expect(await largestTensorBytes(() => void gradsAt(model, batch, null))).toBeGreaterThan(budget);
      // chunks of 5 of the 40 users; no other tensor is larger (the encoder's [B·K, 2d] is 4 users' worth)
      expect(await largestTensorBytes(() => void gradsAt(model, batch, budget))).toBeLessThanOrEqual(budget);
      const before = tf.memory().numTensors;
      for (let step = 0; step < 3; step++) {
        gradsAt(model, batch, budget);
        expect(tf.memory().numTensors).toBe(before);
      }
    } finally {
      model.dispose();
    }
  });

  it('scores and evaluates in chunks: the same scores, every tensor within the budget', async () => {
    const model = new MacridVAE(cfg, 13);
    try {
      const lists = randomLists(30, 17);
      const batch = batchFromLists(lists, M);
      model.decoderBudget = null;
      const whole = model.scores(batch);
      const expected = whole.dataSync().slice();
      whole.dispose();
      const budget = 4 * perUser;
      model.decoderBudget = budget;
      expect(model.usersPerChunk()).toBe(4);
      expect(model.scoreUsers()).toBe(16);
      const chunked = model.scores(batch);
      expect(chunked.shape).toEqual([30, M]);
      assertAllClose(chunked.dataSync() as Float32Array, expected, 1e-6, 1e-6, 'scores');
      chunked.dispose();
      const before = tf.memory().numTensors;
      const heldOut = lists.map((l) => [(l[l.length - 1] + 1) % M]);
      const set: HeldOutSet = { userIds: lists.map((_, i) => `u${i}`), foldIn: csrFromLists(lists, M), heldOut: csrFromLists(heldOut, M) };
      expect(await largestTensorBytes(() => evaluate(model, set, 500).then(() => undefined))).toBeLessThanOrEqual(budget);
      await evaluate(model, set, 500);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSplit } from '../data/split';
import { makeSyntheticLog } from '../data/synthetic';
import type { Split } from '../data/types';
import { batchFromCsr, range, type SparseBatch } from '../model/batch';
import { MacridVAE } from '../model/macridvae';
import { MACRID_DEFAULTS } from '../model/defaults';
import { MultDAE } from '../model/multdae';
import { MultVAE } from '../model/multvae';
import { useBackend } from '../testing/test-utils';
import type { LossParts, MultConfig, Recommender, StepNoise } from '../model/types';
import { tf, type Tensor2D, type Variable } from '../tf';
import { Trainer } from './trainer';

let split: Split;

beforeAll(async () => {
  await useBackend('cpu');
  const data = makeSyntheticLog({ nUsers: 140, nItems: 60, nCategories: 4, seed: 3, minClicks: 8, maxClicks: 16 });
  split = buildSplit(data.log, { nHeldout: 15 });
});

afterAll(async () => {
  await useBackend('cpu');
});

const live = () => tf.memory().numTensors;

describe('Trainer: no tensor leaks', () => {
  it('tf.memory().numTensors is flat across training steps, epochs (with validation) and restoreBest', async () => {
    const model = new MacridVAE({ ...MACRID_DEFAULTS, nItems: split.train.nCols, K: 3, d: 8 }, 1);
    const afterStep: number[] = [];
    const trainer = new Trainer(model, split, { batchSize: 40, lr: 1e-3, seed: 5, yieldFn: async () => void afterStep.push(live()) });
    try {
      expect(trainer.batchesPerEpoch).toBeGreaterThanOrEqual(2);
      await trainer.trainEpoch();
      const afterEpoch1 = live(); // Adam's moment slots exist from the first step on
      await trainer.trainEpoch();
      await trainer.trainEpoch();
      expect(afterStep.length).toBeGreaterThanOrEqual(6);
      // every step after the first leaves exactly as many tensors as the first did
      expect(new Set(afterStep)).toEqual(new Set([afterStep[0]]));
      expect(live()).toBe(afterEpoch1);
      trainer.restoreBest();
      expect(live()).toBe(afterEpoch1);
      trainer.restoreBest();
      expect(live()).toBe(afterEpoch1);
    } finally {
      trainer.dispose();
      model.dispose();
    }
  });

  it('encode, scores, scoreLatent and assignments leave nothing behind once their results are disposed', () => {
    const model = new MacridVAE({ ...MACRID_DEFAULTS, nItems: split.train.nCols, K: 3, d: 8 }, 1);
    try {
      const batch = batchFromCsr(split.validation.foldIn, range(split.validation.foldIn.nRows));
      const before = live();
      for (let i = 0; i < 3; i++) {
        const mu = model.encode(batch);
        const s = model.scores(batch);
        const sl = model.scoreLatent(mu);
        const c = model.assignments();
        expect(live()).toBe(before + 4);
        tf.dispose([mu, s, sl, c]);
        expect(live()).toBe(before);
      }
    } finally {
      model.dispose();
    }
  });

  it('trainer.dispose() frees every tensor the trainer made (Adam slots included)', async () => {
    const model = new MultVAE({ kind: 'multvae', nItems: split.train.nCols, d: 6, keep: 0.5, beta: 0.2, reg: 0 }, 1);
    const before = live(); // model.dispose() itself is checked in src/core/model/lifecycle.test.ts
    const trainer = new Trainer(model, split, { batchSize: 50, lr: 1e-3, seed: 1 });
    await trainer.trainEpoch();
    trainer.restoreBest();
    trainer.dispose();
    expect(live()).toBe(before);
    model.dispose();
  });
});

describe('Trainer: model selection', () => {
  it('restoreBest copies back the weights of the best epoch, and is a no-op before any epoch', async () => {
    const model = new MacridVAE({ ...MACRID_DEFAULTS, nItems: split.train.nCols, K: 3, d: 8 }, 2);
    const trainer = new Trainer(model, split, { batchSize: 40, lr: 3e-3, seed: 5 });
    try {
      const initial = model.variables.map((v) => v.dataSync().slice());
      trainer.restoreBest();
      model.variables.forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(Array.from(initial[i])));

      const log1 = await trainer.trainEpoch();
      expect(log1.isBest).toBe(true); // the first epoch is always the best so far
      expect(trainer.bestEpoch).toBe(1);
      const best = model.variables.map((v) => v.dataSync().slice());
      expect(Array.from(best[0])).not.toEqual(Array.from(initial[0]));

      trainer.bestNdcg = Infinity; // nothing later counts as an improvement
      const log2 = await trainer.trainEpoch();
      expect(log2.isBest).toBe(false);
      expect(trainer.bestEpoch).toBe(1);
      expect(Array.from(model.items.dataSync())).not.toEqual(Array.from(best[0]));
      trainer.restoreBest();
      model.variables.forEach((v, i) => expect(Array.from(v.dataSync()), v.name).toEqual(Array.from(best[i])));
    } finally {
      trainer.dispose();
      model.dispose();
    }
  });

  it('the epoch log reports per-user means and a finite validation NDCG@100', async () => {
    const model = new MacridVAE({ ...MACRID_DEFAULTS, nItems: split.train.nCols, K: 3, d: 8 }, 2);
    const trainer = new Trainer(model, split, { batchSize: 40, lr: 1e-3, seed: 5 });
    try {
      const log = await trainer.trainEpoch();
      expect(log.epoch).toBe(1);
      expect(trainer.step).toBe(trainer.batchesPerEpoch);
      expect(Number.isFinite(log.loss) && Number.isFinite(log.recon) && Number.isFinite(log.kl)).toBe(true);
      expect(log.recon).toBeGreaterThan(0);
      expect(log.kl).toBeGreaterThan(0);
      // the loss is recon + anneal·KL per batch, and anneal grows within the epoch, so it lies between these
      expect(log.loss).toBeGreaterThanOrEqual(log.recon);
      expect(log.loss).toBeLessThanOrEqual(log.recon + log.anneal * log.kl + 1e-3);
      expect(log.val.ndcg100.mean).toBeGreaterThan(0);
      expect(log.val.ndcg100.mean).toBeLessThanOrEqual(1);
    } finally {
      trainer.dispose();
      model.dispose();
    }
  });
});

describe('Trainer with the baselines', () => {
  it('trains Mult-VAE for an epoch', async () => {
    const model = new MultVAE({ kind: 'multvae', nItems: split.train.nCols, d: 6, keep: 0.5, beta: 0.2, reg: 0 }, 1);
    const trainer = new Trainer(model, split, { batchSize: 50, lr: 1e-3, seed: 1 });
    try {
      const log = await trainer.trainEpoch();
      expect(Number.isFinite(log.loss)).toBe(true);
      expect(log.kl).toBeGreaterThan(0);
    } finally {
      trainer.dispose();
      model.dispose();
    }
  });

  it('trains Mult-DAE for an epoch (its kl part is 0)', async () => {
    const model = new MultDAE({ kind: 'multdae', nItems: split.train.nCols, d: 6, keep: 0.5, beta: 0.2, reg: 0 }, 1);
    const trainer = new Trainer(model, split, { batchSize: 50, lr: 1e-3, seed: 1 });
    try {
      const log = await trainer.trainEpoch();
      expect(Number.isFinite(log.loss)).toBe(true);
      expect(log.kl).toBe(0);
      expect(log.loss).toBeCloseTo(log.recon, 5);
    } finally {
      trainer.dispose();
      model.dispose();
    }
  });
});

/** A stand-in model that records the KL weight and batch sizes the trainer passes to loss(). */
class SpyModel implements Recommender {
  readonly config: MultConfig;
  readonly w: Variable;
  readonly variables: Variable[];
  readonly anneals: number[] = [];
  readonly batchUsers: number[] = [];

  constructor(nItems: number, beta: number) {
    this.config = { kind: 'multdae', nItems, d: 1, keep: 1, beta, reg: 0 };
    this.w = tf.variable(tf.zeros([nItems]), true, `spy${Math.random()}`);
    this.variables = [this.w];
  }

  loss(batch: SparseBatch, anneal: number, _noise: StepNoise): LossParts {
    this.anneals.push(anneal);
    this.batchUsers.push(batch.nUsers);
    const recon = tf.keep(tf.sum(tf.square(tf.sub(this.w, 1)))) as tf.Scalar;
    const kl = tf.keep(tf.scalar(1));
    return { loss: tf.add(recon, tf.mul(kl, anneal)) as tf.Scalar, recon, kl };
  }

  scores(batch: SparseBatch): Tensor2D {
    return tf.tidy(() => tf.tile(tf.reshape(this.w, [1, -1]), [batch.nUsers, 1]) as Tensor2D);
  }

  dispose(): void {
    this.w.dispose();
  }
}

describe('Trainer: KL annealing and batching as in the official loop', () => {
  it('passes anneal = min(β, t / (5 · batches per epoch)) per update, reaching β after 5·β epochs', async () => {
    for (const beta of [0.2, 0.5]) {
      const model = new SpyModel(split.train.nCols, beta);
      const trainer = new Trainer(model, split, { batchSize: 30, lr: 1e-3, seed: 1 });
      try {
        const nb = trainer.batchesPerEpoch;
        const n = split.train.nRows;
        expect(nb).toBe(Math.ceil(n / 30));
        const epochs = Math.ceil(5 * beta) + 1;
        const logs = [];
        for (let e = 0; e < epochs; e++) logs.push(await trainer.trainEpoch());
        expect(model.anneals).toHaveLength(epochs * nb);
        model.anneals.forEach((a, t) => expect(a).toBeCloseTo(Math.min(beta, t / (5 * nb)), 12));
        const firstAtBeta = model.anneals.findIndex((a) => a === beta);
        expect(firstAtBeta / nb).toBeCloseTo(5 * beta, 12); // in epochs
        // each epoch: full batches, then a partial last one, covering every training user once
        for (let e = 0; e < epochs; e++) {
          const sizes = model.batchUsers.slice(e * nb, (e + 1) * nb);
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
          expect(sizes.slice(0, -1).every((s) => s === 30)).toBe(true);
        }
        // the epoch log reports the last update's weight
        expect(logs[0].anneal).toBeCloseTo((nb - 1) / (5 * nb), 12);
      } finally {
        trainer.dispose();
        model.dispose();
      }
    }
  });
});

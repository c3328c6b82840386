import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSplit } from '../data/split';
import { makeSyntheticLog } from '../data/synthetic';
import type { Split } from '../data/types';
import type { SparseBatch } from '../model/batch';
import { createModel } from '../model/factory';
import { MACRID_DEFAULTS } from '../model/defaults';
import { Rng, stepRng } from '../model/random';
import { maxDiff, useBackend, weightsOf } from '../testing/test-utils';
import type { ModelConfig } from '../model/types';
import { tf } from '../tf';
import { InProcessPeer } from '../testing/in-process-peer';
import { Replica } from './replica';
import { ShardNoise, splitBatch } from './shards';
import { Trainer, type EpochLog } from './trainer';

let split: Split;

beforeAll(async () => {
  await useBackend('wasm');
  const data = makeSyntheticLog({ nUsers: 150, nItems: 60, nCategories: 4, seed: 8, minClicks: 6, maxClicks: 18 });
  split = buildSplit(data.log, { nHeldout: 15 });
});

afterAll(async () => {
  await useBackend('cpu');
});

describe('splitBatch and ShardNoise', () => {
  const batch: SparseBatch = {
    nUsers: 5,
    nItems: 9,
    rows: Int32Array.from([0, 0, 1, 2, 2, 2, 3, 4, 4]),
    cols: Int32Array.from([1, 2, 0, 3, 4, 5, 8, 6, 7]),
    counts: Float32Array.from([2, 1, 3, 1, 2]),
  };

  it('splits users into contiguous runs, rows rebased, clicks kept in order', () => {
    const shards = splitBatch(batch, 2);
    expect(shards.map((s) => [s.userStart, s.clickStart, s.batch.nUsers])).toEqual([
      [0, 0, 3],
      [3, 6, 2],
    ]);
    expect(Array.from(shards[1].batch.rows)).toEqual([0, 1, 1]);
    expect(Array.from(shards[1].batch.cols)).toEqual([8, 6, 7]);
    expect(Array.from(shards[1].batch.counts)).toEqual([1, 2]);
    expect(splitBatch(batch, 3).map((s) => s.batch.nUsers)).toEqual([2, 2, 1]);
    expect(
      splitBatch({ ...batch, nUsers: 1, rows: Int32Array.of(0), cols: Int32Array.of(4), counts: Float32Array.of(1) }, 2).map(
        (s) => s.batch.nUsers,
      ),
    ).toEqual([1, 0]);
  });

  it("each shard gets its slice of the whole batch's draws: per click, per user, and whole", () => {
    const shards = splitBatch(batch, 2);
    const full = stepRng(4, 7);
    const gumbel = full.gumbels(12);
    const mask = full.dropoutMask(9 * 3, 0.5);
    const eps = full.normals(5 * 4);
    for (const s of shards) {
      const noise = new ShardNoise(stepRng(4, 7), batch, s);
      expect(Array.from(noise.gumbels(12))).toEqual(Array.from(gumbel));
      const nnz = s.batch.rows.length;
      expect(Array.from(noise.dropoutMask(nnz * 3, 0.5))).toEqual(Array.from(mask.subarray(s.clickStart * 3, (s.clickStart + nnz) * 3)));
      expect(Array.from(noise.normals(s.batch.nUsers * 4))).toEqual(
        Array.from(eps.subarray(s.userStart * 4, (s.userStart + s.batch.nUsers) * 4)),
      );
    }
    expect(() => new ShardNoise(new Rng(1), batch, shards[0]).normals(7)).toThrow(/whole number per user/);
  });

  it('stepRng: the same (seed, step) gives the same stream, a different step or seed another', () => {
    expect(Array.from(stepRng(5, 3).normals(4))).toEqual(Array.from(stepRng(5, 3).normals(4)));
    expect(stepRng(5, 3).normals(1)[0]).not.toBe(stepRng(5, 4).normals(1)[0]);
    expect(stepRng(5, 3).normals(1)[0]).not.toBe(stepRng(6, 3).normals(1)[0]);
  });
});

describe('data-parallel training', () => {
  const configs: ModelConfig[] = [
    { ...MACRID_DEFAULTS, nItems: 0, K: 3, d: 8 },
    { kind: 'multvae', nItems: 0, d: 12, keep: 0.5, beta: 0.2, reg: 0.01 },
  ];
  for (const base of configs) {
    it(`${base.kind}: two and three shards train like one, the replicas stay bit-identical, no tensor leaks`, async () => {
      const config = { ...base, nItems: split.train.nCols };
      // 50 + 50 + a last batch under 16 users per shard, which the trainer computes alone
      const options = { batchSize: 50, lr: 3e-3, seed: 11 };
      expect(split.train.nRows % 50).toBeGreaterThan(0);
      expect(split.train.nRows % 50).toBeLessThan(32);
      const single = createModel(config, 2);
      const t1 = new Trainer(single, split, options);
      const singleLogs: EpochLog[] = [];
      for (const shards of [2, 3]) {
        const model = createModel(config, 2);
        const weights = weightsOf(model);
        const peers = Array.from(
          { length: shards - 1 },
          (_, i) =>
            new InProcessPeer(
              new Replica({ config, weights, train: split.train, lr: options.lr, seed: options.seed, shard: i + 1, shards }),
            ),
        );
        const tp = new Trainer(model, split, { ...options, peers });
        try {
          if (shards === 2) for (let e = 0; e < 3; e++) singleLogs.push(await t1.trainEpoch());
          const logs = [await tp.trainEpoch()];
          for (const p of peers) expect(p.calls).toBe(Math.floor(split.train.nRows / 50));
          const afterEpoch1 = tf.memory().numTensors; // the Adams' moment slots exist from the first step on
          for (let e = 1; e < 3; e++) logs.push(await tp.trainEpoch());
          expect(tf.memory().numTensors).toBe(afterEpoch1);
          const ref = weightsOf(single);
          const got = weightsOf(model);
          for (const p of peers) weightsOf(p.replica.model).forEach((w, i) => expect(w, `peer weights ${i}`).toEqual(got[i]));
          got.forEach((w, i) => {
            const { diff, scale } = maxDiff(w, ref[i]);
            expect(diff / scale, `${model.variables[i].name} after 3 epochs, ${shards} shards`).toBeLessThan(1e-3);
          });
          logs.forEach((l, e) => {
            expect(l.loss / singleLogs[e].loss).toBeCloseTo(1, 5);
            expect(l.val.ndcg100.mean).toBeCloseTo(singleLogs[e].val.ndcg100.mean, 3);
          });
          tp.restoreBest();
          await tp.trainEpoch();
          for (const p of peers)
            weightsOf(p.replica.model).forEach((w, i) => expect(w, 'after restoreBest and an epoch').toEqual(weightsOf(model)[i]));
        } finally {
          tp.dispose();
          model.dispose();
          for (const p of peers) await p.dispose();
        }
      }
      t1.dispose();
      single.dispose();
    });
  }
});

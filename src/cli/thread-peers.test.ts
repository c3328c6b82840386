import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSplit } from '../core/data/split';
import { makeSyntheticLog } from '../core/data/synthetic';
import type { Split } from '../core/data/types';
import { createModel } from '../core/model/factory';
import { MACRID_DEFAULTS } from '../core/model/defaults';
import { maxDiff, useBackend, weightsOf } from '../core/testing/test-utils';
import { Trainer } from '../core/train/trainer';
import { startPeersFor, startThreadPeers, stopPeers } from './thread-peers';

let split: Split;

beforeAll(async () => {
  await useBackend('wasm');
  const data = makeSyntheticLog({ nUsers: 120, nItems: 50, nCategories: 3, seed: 2, minClicks: 5, maxClicks: 14 });
  split = buildSplit(data.log, { nHeldout: 10 });
});

afterAll(async () => {
  await useBackend('cpu');
});

describe('data-parallel training over worker threads', () => {
  it('a model trained by 2 threads matches one trained by 1, and restoreBest reaches the replica', async () => {
    const config = { ...MACRID_DEFAULTS, nItems: split.train.nCols, K: 3, d: 8 };
    const run = { lr: 3e-3, seed: 4 };
    const single = createModel(config, 9);
    const parallel = createModel(config, 9);
    const t1 = new Trainer(single, split, { batchSize: 40, ...run });
    const peers = await startPeersFor(parallel, split.train, 2, run, 'wasm');
    expect(peers).toHaveLength(1);
    const t2 = new Trainer(parallel, split, { batchSize: 40, ...run, peers });
    try {
      for (let e = 0; e < 2; e++) {
        const [a, b] = [await t1.trainEpoch(), await t2.trainEpoch()];
        expect(b.loss / a.loss).toBeCloseTo(1, 5);
      }
      const close = (what: string) => {
        const ref = weightsOf(single);
        weightsOf(parallel).forEach((w, i) => {
          const { diff, scale } = maxDiff(w, ref[i]);
          expect(diff / scale, `${parallel.variables[i].name} ${what}`).toBeLessThan(1e-4);
        });
      };
      close('after 2 epochs');
      t1.restoreBest();
      t2.restoreBest();
      await t1.trainEpoch();
      await t2.trainEpoch();
      close('after restoreBest and an epoch (the replica must have been sent the restored weights)');
    } finally {
      await stopPeers(peers);
      t1.dispose();
      t2.dispose();
      single.dispose();
      parallel.dispose();
    }
  }, 60_000);

  it('a replica that cannot start reports why, naming the thread', async () => {
    const config = { ...MACRID_DEFAULTS, nItems: split.train.nCols, K: 3, d: 8 };
    const start = startThreadPeers(1, { config, weights: [new Float32Array(3)], train: split.train, lr: 1e-3, seed: 1 }, 'wasm');
    await expect(start).rejects.toThrow(/replica thread 1: expected 6 weight arrays, got 1/);
  }, 60_000);
});

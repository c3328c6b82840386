import { beforeAll, describe, expect, it } from 'vitest';
import { buildSplit } from '../data/split';
import { makeSyntheticLog } from '../data/synthetic';
import type { Split } from '../data/types';
import { MACRID_DEFAULTS } from '../model/defaults';
import { MacridVAE } from '../model/macridvae';
import type { Recommender } from '../model/types';
import { useBackend } from '../testing/test-utils';
import { tf } from '../tf';
import { readWeights } from './replica';
import { DivergedError, Trainer } from './trainer';

let split: Split;

beforeAll(async () => {
  await useBackend('cpu');
  split = buildSplit(makeSyntheticLog({ nUsers: 120, nItems: 50, nCategories: 3, seed: 8, minClicks: 8, maxClicks: 14 }).log, {
    nHeldout: 12,
  });
});

const model = (): Recommender => new MacridVAE({ ...MACRID_DEFAULTS, nItems: split.train.nCols, K: 3, d: 8 }, 2);
const options = { batchSize: 30, lr: 3e-3, seed: 11 };

describe('Trainer: resumable state', () => {
  it('a trainer restored from the state after epoch 2 runs epochs 3–4 exactly as the uninterrupted run', async () => {
    const a = model();
    const straight = new Trainer(a, split, options);
    const logs = [];
    for (let e = 0; e < 4; e++) logs.push(await straight.trainEpoch());
    const reference = await readWeights(a);

    const b = model();
    const first = new Trainer(b, split, options);
    await first.trainEpoch();
    await first.trainEpoch();
    const saved = await first.state();
    first.dispose();
    b.dispose();

    const before = tf.memory().numTensors;
    const c = model();
    const resumed = new Trainer(c, split, options);
    await resumed.restore(saved);
    expect(resumed.epoch).toBe(2);
    const tail = [await resumed.trainEpoch(), await resumed.trainEpoch()];
    expect(tail.map((l) => l.loss)).toEqual(logs.slice(2).map((l) => l.loss));
    expect(tail.map((l) => l.val.ndcg100.mean)).toEqual(logs.slice(2).map((l) => l.val.ndcg100.mean));
    const weights = await readWeights(c);
    weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(reference[i])));
    expect(resumed.bestEpoch).toBe(straight.bestEpoch);
    resumed.dispose();
    c.dispose();
    expect(tf.memory().numTensors).toBe(before);
    straight.dispose();
    a.dispose();
  });

  it('keeps the full state of the best epoch when asked, and refuses a state of another model', async () => {
    const m = model();
    const t = new Trainer(m, split, { ...options, keepBestState: true });
    await t.trainEpoch();
    await t.trainEpoch();
    expect(t.bestState?.epoch).toBe(t.bestEpoch);
    expect(t.bestState?.optimizer.moments.length).toBe(2 * m.variables.length);
    const other = new MacridVAE({ ...MACRID_DEFAULTS, nItems: split.train.nCols, K: 2, d: 8 }, 2);
    const wrong = new Trainer(other, split, options);
    await expect(wrong.restore(t.bestState!)).rejects.toThrow();
    wrong.dispose();
    other.dispose();
    t.dispose();
    m.dispose();
  });

  it('a non-finite loss throws DivergedError naming the epoch, and the best epoch’s weights stay restorable', async () => {
    const m = model();
    const t = new Trainer(m, split, options);
    await t.trainEpoch();
    const best = await readWeights(m);
    const huge = new Trainer(m, split, { ...options, lr: 1e30 });
    await huge.restore(await t.state());
    let error: unknown;
    try {
      for (let e = 0; e < 5; e++) await huge.trainEpoch();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DivergedError);
    expect((error as DivergedError).epoch).toBeGreaterThanOrEqual(2);
    huge.restoreBest();
    const after = await readWeights(m);
    if (huge.bestEpoch === 1) after.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(best[i])));
    expect(after.every((w) => w.every(Number.isFinite))).toBe(true);
    huge.dispose();
    t.dispose();
    m.dispose();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSplit } from '../data/split';
import { makeSyntheticLog } from '../data/synthetic';
import { normalizedMutualInfo } from '../eval/clustering-metrics';
import { MacridVAE, MACRID_DEFAULTS } from '../model/macridvae';
import { useBackend } from '../model/test-utils';
import { tf } from '../tf';
import { evaluate } from './evaluate';
import { Trainer } from './trainer';

/*
 * Macro disentanglement on a planted-category log: after a short run, the argmax of the
 * evaluation-mode assignment C should match the 4 planted categories.
 *
 * Whether the prototypes line up with the categories depends on the seed, as in the official
 * code (which cherry-picks seeds for its figures, SPEC §1.8). Measured for this exact setting,
 * model/trainer seeds 1–8 gave NMI 1, 1, .95, .76, .81, .91, .85, 1. With the generator's
 * defaults (up to 3 categories per user, 10 % off-category clicks, Zipf popularity) it was only
 * 0.2–0.5 after 80 epochs over 12 seeds, although k-means on the learned item vectors H found
 * the categories exactly: the prototypes, not the item vectors, are what lag. So the data are
 * kept clean (1–2 categories per user, no off-category clicks, flat popularity), three seeds are
 * trained and the median must pass. wasm and cpu round differently, so the backend is fixed
 * too (wasm, the faster one in Node); training is then deterministic.
 */

const EPOCHS = 50;
const SEEDS = [1, 2, 3];
const runs: { seed: number; nmi: number; ndcgBefore: number; ndcgAfter: number }[] = [];

beforeAll(async () => {
  await useBackend('wasm');
  const data = makeSyntheticLog({
    nUsers: 600,
    nItems: 200,
    nCategories: 4,
    seed: 3,
    maxCategoriesPerUser: 2,
    inCategoryShare: 1,
    popularitySkew: 0,
  });
  const split = buildSplit(data.log, { nHeldout: 50 });
  const logIndex = new Map(data.log.itemIds.map((id, i) => [id, i]));
  const planted = Int32Array.from(split.itemIds, (id) => data.itemCategory[logIndex.get(id)!]);

  for (const seed of SEEDS) {
    const model = new MacridVAE({ ...MACRID_DEFAULTS, nItems: split.itemIds.length, K: 4, d: 16 }, seed);
    const trainer = new Trainer(model, split, { batchSize: 25, lr: 1e-2, seed });
    try {
      const ndcgBefore = (await evaluate(model, split.validation)).ndcg100.mean;
      let ndcgAfter = NaN;
      for (let e = 0; e < EPOCHS; e++) ndcgAfter = (await trainer.trainEpoch()).val.ndcg100.mean;
      const c = model.assignments();
      const arg = tf.argMax(c, 1);
      const nmi = normalizedMutualInfo(planted, Int32Array.from(arg.dataSync()));
      tf.dispose([c, arg]);
      runs.push({ seed, nmi, ndcgBefore, ndcgAfter });
    } finally {
      trainer.dispose();
      model.dispose();
    }
  }
}, 600_000);

afterAll(async () => {
  await useBackend('cpu');
});

describe(`MacridVAE (K = 4, d = 16, τ = 0.1) on 4 planted categories, ${EPOCHS} epochs on wasm`, () => {
  it('argmax_k C recovers the planted categories: median NMI over 3 seeds ≥ 0.8', () => {
    const nmis = runs.map((r) => r.nmi).sort((a, b) => a - b);
    expect(nmis).toHaveLength(SEEDS.length);
    expect(nmis[1], `NMI per seed: ${JSON.stringify(runs.map((r) => [r.seed, r.nmi]))}`).toBeGreaterThanOrEqual(0.8);
  });

  it('validation NDCG@100 improves over the untrained model, for every seed', () => {
    for (const r of runs) expect(r.ndcgAfter, `seed ${r.seed}: NDCG@100 ${r.ndcgBefore} → ${r.ndcgAfter}`).toBeGreaterThan(r.ndcgBefore + 0.1);
  });
});

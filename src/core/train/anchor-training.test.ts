import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnchoring } from '../concepts/anchors';
import { buildSplit } from '../data/split';
import { makeSyntheticLog } from '../data/synthetic';
import type { Split } from '../data/types';
import { anchoredAgreement, hardAssignment, itemCategoryLabels, type ItemCategoryLabels } from '../eval/concept-analysis';
import { MACRID_DEFAULTS } from '../model/defaults';
import { MacridVAE } from '../model/macridvae';
import { InProcessPeer } from '../testing/in-process-peer';
import { useBackend, weightsOf } from '../testing/test-utils';
import { tf } from '../tf';
import { Replica } from './replica';
import { Trainer } from './trainer';

let split: Split;
let labels: ItemCategoryLabels;
const K = 4;
const options = { batchSize: 40, lr: 1e-2, seed: 7 };
const config = () => ({ ...MACRID_DEFAULTS, nItems: split.train.nCols, K, d: 8 });

beforeAll(async () => {
  await useBackend('cpu');
  const data = makeSyntheticLog({ nUsers: 160, nItems: 60, nCategories: K, seed: 5, minClicks: 8, maxClicks: 16 });
  split = buildSplit(data.log, { nHeldout: 15 });
  labels = itemCategoryLabels(split.itemIds, data.meta);
});

afterAll(async () => {
  await useBackend('cpu');
});

async function train(anchor: { fraction: number; weight: number } | null, epochs: number, shards = 1) {
  const model = new MacridVAE(config(), 3);
  const anchoring = anchor ? buildAnchoring(labels, { categories: 'auto', ...anchor }, K, 1) : null;
  model.anchors = anchoring?.targets ?? null;
  const weights = weightsOf(model);
  const peers = Array.from(
    { length: shards - 1 },
    (_, i) =>
      new InProcessPeer(
        new Replica({
          config: model.config,
          weights,
          train: split.train,
          ...options,
          anchors: model.anchors ?? undefined,
          shard: i + 1,
          shards,
        }),
      ),
  );
  const trainer = new Trainer(model, split, { ...options, peers });
  const tensorsAfterEpoch: number[] = [];
  for (let e = 0; e < epochs; e++) {
    await trainer.trainEpoch();
    tensorsAfterEpoch.push(tf.memory().numTensors);
  }
  const c = await model.concepts();
  const hard = hardAssignment(c.assignment, K);
  const result = {
    /** share of the labelled items whose argmax prototype is one their target names */
    onTarget: anchoring
      ? anchoring.targets.items.filter((i, row) => anchoring.targets.targets[row * K + hard[i]] > 0).length / anchoring.targets.items.length
      : NaN,
    weights: weightsOf(model),
    peerWeights: peers.map((p) => weightsOf(p.replica.model)),
    tensorsAfterEpoch,
    agreement: anchoring
      ? anchoredAgreement(c.assignment, c.items, c.prototypes, K, 8, labels, anchoring.categoryIndex, anchoring.targets.items)
      : null,
  };
  trainer.dispose();
  model.dispose();
  for (const p of peers) await p.dispose();
  return result;
}

describe('training with the anchoring term', () => {
  it('λ = 0 trains bit-identically to a model without anchors', async () => {
    const plain = await train(null, 3);
    const zero = await train({ fraction: 1, weight: 0 }, 3);
    zero.weights.forEach((w, i) => expect(w).toEqual(plain.weights[i]));
  });

  it('λ > 0 changes training, ties the prototypes to the categories, and leaks no tensor', async () => {
    const plain = await train(null, 12);
    const anchored = await train({ fraction: 1, weight: 10 }, 12);
    expect(anchored.weights[0]).not.toEqual(plain.weights[0]);
    expect(anchored.agreement!.nmi).toBeGreaterThan(0.9);
    expect(anchored.onTarget).toBeGreaterThan(0.95);
    expect(anchored.agreement!.nmiUnlabelled).toBeNull();
    expect(new Set(anchored.tensorsAfterEpoch.slice(1)).size).toBe(1);
  });

  it('replicas get the anchors: two shards train like one and stay bit-identical', async () => {
    const one = await train({ fraction: 0.5, weight: 10 }, 2);
    const two = await train({ fraction: 0.5, weight: 10 }, 2, 2);
    two.peerWeights[0].forEach((w, i) => expect(w).toEqual(two.weights[i]));
    two.weights.forEach((w, i) => {
      let diff = 0;
      let scale = 0;
      for (let j = 0; j < w.length; j++) {
        diff = Math.max(diff, Math.abs(w[j] - one.weights[i][j]));
        scale = Math.max(scale, Math.abs(one.weights[i][j]));
      }
      expect(diff / scale).toBeLessThan(1e-3);
    });
  });
});

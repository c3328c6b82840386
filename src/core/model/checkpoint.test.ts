import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { modelCases } from '../testing/bad-models';
import { loadModel, saveModel, type SavedModel } from './checkpoint';
import { MACRID_DEFAULTS } from './defaults';
import { createModel } from './factory';
import { parseModelDescription } from './model-description';

const ITEMS = Array.from({ length: 9 }, (_, i) => `item${i}`);

async function savedModel(half = false): Promise<SavedModel> {
  const model = createModel({ ...MACRID_DEFAULTS, nItems: ITEMS.length, K: 2, d: 4 }, 3);
  const saved = await saveModel(
    model,
    {
      seed: 3,
      training: { epochs: 2, bestEpoch: 1, lr: 1e-3, batchSize: 10, backend: 'cpu' },
      itemIds: ITEMS,
      dataset: { name: 'tiny.csv', fingerprint: 'f', stats: {} as never },
      metrics: {},
    },
    half,
  );
  model.dispose();
  return saved;
}

/** What the core path gives for a pair of files: the message it refuses them with, or null. */
function openInCore(json: string, weights: Uint8Array): string | null {
  try {
    const description = parseModelDescription(json, 'model.json');
    loadModel(description, weights.slice().buffer, 'model.weights.bin').dispose();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('model files', () => {
  let saved: SavedModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    saved = await savedModel();
  });

  it('covers at least 45 cases', () => expect(modelCases(saved).length).toBeGreaterThanOrEqual(45));

  it('each case is refused with its message or accepted, and no tensor is left behind', () => {
    for (const c of modelCases(saved)) {
      const before = tf.memory().numTensors;
      const message = openInCore(c.json, c.weights);
      if (c.refused) expect(message, c.name).toMatch(c.refused);
      else expect(message, c.name).toBeNull();
      expect(tf.memory().numTensors, c.name).toBe(before);
    }
  });

  it('refuses a float16 file with a NaN (0x7e00) and keeps a good float16 file', async () => {
    const half = await savedModel(true);
    const json = JSON.stringify(half.description);
    const good = new Uint8Array(half.weights);
    expect(openInCore(json, good)).toBeNull();
    const bad = good.slice();
    new Uint16Array(bad.buffer)[5] = 0x7e00;
    const before = tf.memory().numTensors;
    expect(openInCore(json, bad)).toMatch(
      /model\.weights\.bin: weight "items" has 1 non-finite value \(the first, at position 5, is NaN\)/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fills what a hand-made description leaves out', () => {
    const d = JSON.parse(JSON.stringify(saved.description));
    delete d.training;
    delete d.metrics;
    delete d.weightsFile;
    delete d.config.gumbel;
    delete d.config.reg;
    const parsed = parseModelDescription(JSON.stringify(d));
    expect(parsed.training).toBeUndefined();
    expect(parsed.metrics).toEqual({});
    expect(parsed.weightsFile).toBe('model.weights.bin');
    expect(parsed.config).toMatchObject({ gumbel: true, reg: 0 });
  });
});

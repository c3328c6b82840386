import { beforeAll, describe, expect, it } from 'vitest';
import { makeMovieLensLike } from '../../../e2e/fixtures/movielens-like';
import { saveModel } from '../../core/model/checkpoint';
import { MACRID_DEFAULTS } from '../../core/model/defaults';
import { createModel } from '../../core/model/factory';
import { tf } from '../../core/tf';
import { modelCases } from '../../core/testing/bad-models';
import type { BackendStatus } from '../../protocol/engine';
import { Engine } from '../engine';

const file = (name: string, data: string | Uint8Array) => new File([typeof data === 'string' ? data : new Uint8Array(data)], name);

describe("the app's model dialog on broken model files", () => {
  const noBackend = async (): Promise<BackendStatus> => ({ name: 'cpu', reason: 'test', tried: [] });
  let engine: Engine;
  let cases: ReturnType<typeof modelCases>;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    engine = new Engine(noBackend);
    const data = makeMovieLensLike({ users: 90, items: 60, perUser: 20, seed: 5 });
    const listing = await engine.upload.inspect([file('u.data', data.uData)]);
    const preview = await engine.upload.prepare({
      picks: listing.picks,
      layout: { format: 'auto', delimiter: null, header: null, columns: null },
      preprocess: { ratingThreshold: 3.5, minUserClicks: 5, nHeldout: 8 },
    });
    expect(preview.errors).toEqual([]);
    await engine.upload.commit();
    const model = createModel({ ...MACRID_DEFAULTS, nItems: engine.dataset.items().ids.length, K: 2, d: 4 }, 1);
    const saved = await saveModel(model, {
      seed: 1,
      training: { epochs: 3, bestEpoch: 2, lr: 1e-3, batchSize: 10, backend: 'cpu' },
      itemIds: engine.dataset.items().ids,
      metrics: {},
    });
    model.dispose();
    cases = modelCases(saved);
  });

  it("refuses each broken pair with the core loader's words, keeps the open model and leaks no tensor", async () => {
    await engine.models.openFiles([file('model.json', cases[0].json), file('model.weights.bin', cases[0].weights)]);
    const shown = engine.dataset.loaded();
    const tensors = tf.memory().numTensors;
    for (const c of cases.filter((x) => x.refused)) {
      await expect(engine.models.openFiles([file('model.json', c.json), file('model.weights.bin', c.weights)]), c.name).rejects.toThrow(
        c.refused,
      );
      expect(engine.dataset.loaded(), c.name).toEqual(shown);
      expect(tf.memory().numTensors, c.name).toBe(tensors);
    }
  });

  it('opens each odd but sound pair; one without training history shows best epoch 0', async () => {
    for (const c of cases.filter((x) => !x.refused)) {
      const loaded = await engine.models.openFiles([file('model.json', c.json), file('model.weights.bin', c.weights)]);
      expect(loaded.model, c.name).toMatchObject({ kind: 'macridvae', source: 'file', bestEpoch: c.name.includes('training') ? 0 : 2 });
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { makeMovieLensLike } from '../../../e2e/fixtures/movielens-like';
import { saveModel, type SavedModel } from '../../core/model/checkpoint';
import { MACRID_DEFAULTS } from '../../core/model/defaults';
import { createModel } from '../../core/model/factory';
import { toSafetensors } from '../../core/model/model-safetensors';
import { decodeSafetensors, encodeSafetensors } from '../../core/model/safetensors';
import { tf } from '../../core/tf';
import type { BackendStatus } from '../../protocol/engine';
import { Engine } from '../engine';

const file = (name: string, data: string | Uint8Array) => new File([typeof data === 'string' ? data : new Uint8Array(data)], name);

describe("the app's model dialog on config.json + model.safetensors", () => {
  const noBackend = async (): Promise<BackendStatus> => ({ name: 'cpu', reason: 'test', tried: [] });
  let engine: Engine;
  let saved: SavedModel;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    engine = new Engine(noBackend);
    const data = makeMovieLensLike({ users: 90, items: 60, perUser: 20, seed: 5 });
    const listing = await engine.upload.inspect([file('u.data', data.uData)]);
    await engine.upload.prepare({
      picks: listing.picks,
      layout: { format: 'auto', delimiter: null, header: null, columns: null },
      preprocess: { ratingThreshold: 3.5, minUserClicks: 5, nHeldout: 8 },
    });
    await engine.upload.commit();
    const model = createModel({ ...MACRID_DEFAULTS, nItems: engine.dataset.items().ids.length, K: 2, d: 4 }, 1);
    saved = await saveModel(model, {
      seed: 1,
      training: { epochs: 3, bestEpoch: 2, lr: 1e-3, batchSize: 10, backend: 'cpu' },
      itemIds: engine.dataset.items().ids,
      metrics: {},
    });
    model.dispose();
  });

  it('opens an exported model, then refuses broken pairs naming the file and tensor, keeping the shown model and leaking no tensor', async () => {
    const { config, bytes } = toSafetensors(saved.description, saved.weights, true);
    const json = JSON.stringify(config);
    const loaded = await engine.models.openFiles([file('config.json', json), file('model.safetensors', bytes)]);
    expect(loaded.model).toMatchObject({ kind: 'macridvae', source: 'file', bestEpoch: 2 });
    const shown = engine.dataset.loaded();
    const tensors = tf.memory().numTensors;
    const tensorsOf = decodeSafetensors(bytes.slice().buffer).tensors;
    const nan = encodeSafetensors(
      tensorsOf.map((t) => (t.name === 'cores' ? { ...t, bytes: new Uint8Array(t.bytes.length).fill(0xff) } : t)),
    );
    const modelJson = JSON.stringify(saved.description);
    const cases: [File[], RegExp][] = [
      [
        [file('config.json', json)],
        /^config\.json: its weights file \(model\.safetensors\) was not chosen: choose config\.json and model\.safetensors together$/,
      ],
      [[file('model.safetensors', bytes)], /^choose the model config \(config\.json\) and its weights \(model\.safetensors\) together$/],
      [[file('config.json', json), file('trained.safetensors', nan)], /^trained\.safetensors: weight "cores" has 8 non-finite values/],
      [
        [file('config.json', json), file('model.safetensors', bytes.slice(0, bytes.length - 10))],
        /^model\.safetensors: tensor "\w+" ends at data byte/,
      ],
      [[file('model.json', modelJson), file('model.safetensors', bytes)], /^model\.json: not a model config: .*this is a model\.json/],
      [
        [
          file('config.json', JSON.stringify({ ...config, itemIds: config.itemIds.map((id) => `x${id}`) })),
          file('model.safetensors', bytes),
        ],
        /^config\.json: its item vocabulary \(\d+ items, from an unknown dataset\) does not match the open dataset's/,
      ],
    ];
    for (const [files, message] of cases) {
      await expect(engine.models.openFiles(files), String(message)).rejects.toThrow(message);
      expect(engine.dataset.loaded()).toEqual(shown);
      expect(tf.memory().numTensors).toBe(tensors);
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { makeSyntheticLog } from '../../core/data/synthetic';
import { MACRID_DEFAULTS } from '../../core/model/defaults';
import { batchFromItems } from '../../core/model/batch';
import { createModel } from '../../core/model/factory';
import { useBackend } from '../../core/testing/test-utils';
import { tf } from '../../core/tf';
import type { TrainEvent, TrainSettings } from '../../protocol/engine';
import { datasetFromLog, datasetFromRecipe, parseReportFor, type DatasetRecipe } from '../dataset/dataset-state';
import { TrainingService } from '../training/training-service';
import { Workspace } from '../workspace';
import { LimitedStore, MemoryStore } from './kv';
import { LibraryService } from './library-service';

const SETTINGS: TrainSettings = {
  kind: 'macridvae',
  K: 2,
  d: 4,
  tau: 0.1,
  beta: 0.2,
  sigma0: 0.075,
  keep: 0.5,
  lr: 3e-3,
  batchSize: 20,
  epochs: 4,
  seed: 1,
  maxUsers: 0,
  threads: 1,
};

beforeAll(async () => {
  await useBackend('cpu');
});

function recipe(): DatasetRecipe {
  const { log, meta } = makeSyntheticLog({ nUsers: 100, nItems: 40, nCategories: 3, seed: 5, minClicks: 8, maxClicks: 14 });
  return { name: 'upload.csv', log, report: parseReportFor(log), meta, metaName: 'items.csv', split: { nHeldout: 10 } };
}

/** An engine's worth of services over one store: a reload is a second one over the same store. */
async function engineOn(store: MemoryStore | LimitedStore) {
  const ws = new Workspace();
  const library = new LibraryService(ws, store);
  const training = new TrainingService(ws, library);
  return { ws, library, training };
}

async function withModel(ws: Workspace) {
  const M = ws.requireData().split.itemIds.length;
  await ws.setModel(createModel({ ...MACRID_DEFAULTS, nItems: M, K: 2, d: 4 }, 3), { source: 'untrained', bestEpoch: 0, epochs: 0 });
}

/** A copy of everything a store holds, as a crash would leave it. */
async function copyOf(store: MemoryStore): Promise<MemoryStore> {
  const copy = new MemoryStore();
  for (const k of await store.keys()) await copy.setMany([[k, await store.get(k)]]);
  return copy;
}

describe('the library: nothing is lost, nothing replaced silently', () => {
  it('a finished run is added to the library but not shown; a reload finds the dataset, the run and the session', async () => {
    const store = new MemoryStore();
    const a = await engineOn(store);
    const data = datasetFromRecipe(recipe());
    a.ws.setDataset(data);
    expect(await a.library.recordDataset(data)).toBeNull();
    await withModel(a.ws);
    const shown = a.ws.recommender;
    const events: TrainEvent[] = [];
    await a.training.train(SETTINGS, (e) => events.push(e));
    const entry = events.at(-1)?.entry;
    expect(entry?.status).toBe('complete');
    expect(entry?.history).toHaveLength(4);
    expect(entry?.test?.ndcg100.mean).toBeGreaterThan(0);
    expect(a.ws.recommender).toBe(shown);
    await a.library.use(entry!.id);
    expect(a.ws.loaded().model?.libraryId).toBe(entry!.id);

    const b = await engineOn(store);
    const session = await b.library.lastSession();
    expect(session).toEqual({ dataset: data.info.fingerprint, model: entry!.id });
    const { loaded } = await b.library.openDataset(session.dataset!);
    expect(loaded.dataset.fingerprint).toBe(data.info.fingerprint);
    expect(loaded.model?.libraryId).toBe(entry!.id);
    const view = await b.library.view();
    expect(view.models.map((m) => m.id)).toEqual([entry!.id]);
    expect(view.datasets.map((d) => d.name)).toEqual(['upload.csv']);
    const download = await b.library.download(entry!.id);
    expect(JSON.parse(download.json).config.K).toBe(2);
    expect(download.weights.byteLength).toBe(entry!.bytes);
  });

  it('a run interrupted after epoch 2 is listed as interrupted and resumes to the same result as the uninterrupted run', async () => {
    const straight = await engineOn(new MemoryStore());
    straight.ws.setDataset(datasetFromRecipe(recipe()));
    const ref: TrainEvent[] = [];
    await straight.training.train(SETTINGS, (e) => ref.push(e));
    const reference = ref.at(-1)!.entry!;

    const store = new MemoryStore();
    const a = await engineOn(store);
    a.ws.setDataset(datasetFromRecipe(recipe()));
    let crashed: Promise<MemoryStore> | null = null;
    await a.training.train(SETTINGS, (e) => {
      if (e.point?.epoch === 2 && !crashed) {
        crashed = copyOf(store);
        a.training.stop(false);
      }
    });
    const b = await engineOn(await crashed!);
    b.ws.setDataset(datasetFromRecipe(recipe()));
    const [listed] = (await b.library.view()).models;
    expect(listed.status).toBe('interrupted');
    expect(listed.resumable).toBe(true);
    const resumed: TrainEvent[] = [];
    await b.training.continueRun(listed.id, (e) => resumed.push(e));
    const done = resumed.at(-1)!.entry!;
    expect(done.status).toBe('complete');
    expect(done.history.map((p) => p.ndcg100)).toEqual(reference.history.map((p) => p.ndcg100));
    expect(done.bestEpoch).toBe(reference.bestEpoch);
    expect(done.test).toEqual(reference.test);
  });

  it('a run anchored to categories stores its anchor record; the shown model then knows it', async () => {
    const a = await engineOn(new MemoryStore());
    a.ws.setDataset(datasetFromRecipe(recipe()));
    const events: TrainEvent[] = [];
    const anchor = { categories: 'auto' as const, fraction: 1, weight: 10, target: 'rarest' as const };
    await a.training.train({ ...SETTINGS, epochs: 2, anchor }, (e) => events.push(e));
    const entry = events.at(-1)!.entry!;
    expect(entry.anchor).toHaveLength(2);
    const described = JSON.parse((await a.library.download(entry.id)).json);
    expect(described.training.anchor).toMatchObject({ categories: entry.anchor, fraction: 1, weight: 10, target: 'rarest' });
    await a.library.use(entry.id);
    expect(a.ws.macrid?.anchor?.categories).toEqual(entry.anchor);
    const noMeta = await engineOn(new MemoryStore());
    const r = recipe();
    noMeta.ws.setDataset(datasetFromRecipe({ ...r, meta: null }));
    await expect(noMeta.training.train({ ...SETTINGS, anchor }, () => undefined)).rejects.toThrow(/needs item metadata/);
  });

  it('compares the shown model with another for one user without replacing it or leaking tensors', async () => {
    const a = await engineOn(new MemoryStore());
    a.ws.setDataset(datasetFromRecipe(recipe()));
    const events: TrainEvent[] = [];
    await a.training.train({ ...SETTINGS, epochs: 2 }, (e) => events.push(e));
    await a.training.train({ ...SETTINGS, epochs: 2, seed: 2 }, (e) => events.push(e));
    const [first, second] = events.filter((e) => e.entry).map((e) => e.entry!);
    await a.library.use(first.id);
    const shown = a.ws.recommender;
    const before = tf.memory().numTensors;
    const c = await a.library.compare(second.id, 3, 10);
    expect(tf.memory().numTensors).toBe(before);
    expect(a.ws.recommender).toBe(shown);
    expect(c.shownTop).toHaveLength(10);
    expect(c.otherTop).toHaveLength(10);
    expect(c.overlap).toBe(Array.from(c.otherTop).filter((i) => c.shownTop.includes(i)).length);
    expect(c.concepts?.matching.slice().sort()).toEqual([0, 1]);
    const self = await a.library.compare(first.id, 3, 10);
    expect(self.overlap).toBe(10);
    expect(self.concepts?.nmi).toBeCloseTo(1, 6);
  });

  it('watch it learn: snapshots are shown marked as such, and the model shown before comes back at the end', async () => {
    const a = await engineOn(new MemoryStore());
    a.ws.setDataset(datasetFromRecipe(recipe()));
    const first: TrainEvent[] = [];
    await a.training.train({ ...SETTINGS, epochs: 1 }, (e) => first.push(e));
    const before = first.at(-1)!.entry!.id;
    await a.library.use(before);
    const events: TrainEvent[] = [];
    await a.training.train({ ...SETTINGS, epochs: 4, watchEvery: 2 }, (e) => events.push(e));
    const shown = events.filter((e) => e.shown !== undefined).map((e) => e.shown);
    expect(shown.map((m) => m?.snapshot)).toEqual([2, 4, undefined]);
    expect(shown.at(-1)?.libraryId).toBe(before);
    expect(a.ws.loaded().model?.libraryId).toBe(before);
    expect(a.ws.loaded().model?.snapshot).toBeUndefined();
  });

  it('watch it learn brings back a shown model that is in no library exactly, weights and all', async () => {
    const a = await engineOn(new MemoryStore());
    a.ws.setDataset(datasetFromRecipe(recipe()));
    await withModel(a.ws);
    const M = a.ws.requireData().split.itemIds.length;
    const scoresOf = async () => {
      const t = a.ws.requireModel().scores(batchFromItems(Int32Array.of(0, 1, 2), M));
      const v = await t.data();
      t.dispose();
      return Array.from(v);
    };
    const before = await scoresOf();
    const tensors = tf.memory().numTensors;
    await a.training.train({ ...SETTINGS, epochs: 2, watchEvery: 1 }, () => undefined);
    expect(a.ws.loaded().model).toMatchObject({ source: 'untrained', libraryId: null });
    expect(a.ws.loaded().model?.snapshot).toBeUndefined();
    expect(await scoresOf()).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('a full disk refuses the write whole: no entry without its weights, the shown model and dataset stay', async () => {
    const a = await engineOn(new LimitedStore(new MemoryStore(), 2_000));
    const data = datasetFromLog('x', 'upload', recipe().log, parseReportFor(recipe().log), null, { nHeldout: 10 });
    a.ws.setDataset({ ...data, recipe: recipe() });
    expect(await a.library.recordDataset(a.ws.requireData())).toMatch(/storage is full \(quota exceeded\)/);
    await withModel(a.ws);
    const shown = a.ws.recommender;
    const before = tf.memory().numTensors;
    const events: TrainEvent[] = [];
    await a.training.train({ ...SETTINGS, epochs: 2 }, (e) => events.push(e));
    expect(events.some((e) => /quota exceeded/.test(e.message ?? ''))).toBe(true);
    expect(a.ws.recommender).toBe(shown);
    expect(a.ws.dataset).toBe(a.ws.requireData());
    const store = a.library.store.store;
    for (const k of await store.keys()) if (/^m\/[^/]+$/.test(k)) expect(await store.get(`${k}/w`)).toBeDefined();
    expect((await a.library.view()).datasets).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

import type { TrainerState } from '../../core/train/trainer';
import type { ModelDescription } from '../../core/model/model-description';
import type { StoredDataset, StoredModel } from '../../protocol/library';
import type { DatasetRecipe } from '../dataset/dataset-state';
import { sizeOf, type KeyValueStore } from './kv';

/** The open dataset and model, as a reload should find them; null dataset = the built-in demo. */
export interface Session {
  dataset: string | null;
  model: string | null;
}

export interface ModelPayload {
  description: ModelDescription;
  weights: ArrayBuffer;
}

const DATASET = 'ds/';
const MODEL = 'm/';
const SESSION = 'session';

/**
 * Datasets and models as records in a key-value store. Each record is a small listing entry plus
 * its payload under a key of its own, written in one transaction, so a listing never names a
 * payload that is not there and a refused write (a full disk) leaves the store as it was.
 */
export class Library {
  constructor(readonly store: KeyValueStore) {}

  async datasets(): Promise<StoredDataset[]> {
    const keys = (await this.store.keys()).filter((k) => k.startsWith(DATASET) && !k.endsWith('/data'));
    const all = await Promise.all(keys.map((k) => this.store.get<StoredDataset>(k)));
    return all.filter((d): d is StoredDataset => !!d).sort((a, b) => b.savedAt - a.savedAt);
  }

  async saveDataset(entry: Omit<StoredDataset, 'bytes'>, recipe: DatasetRecipe): Promise<StoredDataset> {
    const stored = { ...entry, bytes: sizeOf(recipe) };
    await this.store.setMany([
      [DATASET + entry.id, stored],
      [`${DATASET}${entry.id}/data`, recipe],
    ]);
    return stored;
  }

  dataset(id: string): Promise<StoredDataset | undefined> {
    return this.store.get<StoredDataset>(DATASET + id);
  }

  recipe(id: string): Promise<DatasetRecipe | undefined> {
    return this.store.get<DatasetRecipe>(`${DATASET}${id}/data`);
  }

  /** The dataset and every model stored for it. */
  async deleteDataset(id: string): Promise<void> {
    const models = (await this.models(id)).map((m) => m.id);
    await this.store.delMany([DATASET + id, `${DATASET}${id}/data`, ...models.flatMap(modelKeys)]);
  }

  async models(dataset: string): Promise<StoredModel[]> {
    const keys = (await this.store.keys()).filter((k) => k.startsWith(MODEL) && k.split('/').length === 2);
    const all = await Promise.all(keys.map((k) => this.store.get<StoredModel>(k)));
    return all.filter((m): m is StoredModel => !!m && m.dataset === dataset).sort((a, b) => b.createdAt - a.createdAt);
  }

  model(id: string): Promise<StoredModel | undefined> {
    return this.store.get<StoredModel>(MODEL + id);
  }

  payload(id: string): Promise<ModelPayload | undefined> {
    return this.store.get<ModelPayload>(`${MODEL}${id}/w`);
  }

  runState(id: string): Promise<TrainerState | undefined> {
    return this.store.get<TrainerState>(`${MODEL}${id}/state`);
  }

  /** Writes the entry with its weights (and the run's resumable state) in one go; `bytes` is filled in. */
  async saveModel(entry: StoredModel, payload?: ModelPayload, state?: TrainerState | null): Promise<StoredModel> {
    const bytes = (payload ? payload.weights.byteLength : 0) + (state ? sizeOf(state) : 0);
    const stored = {
      ...entry,
      bytes: payload || state ? bytes : entry.bytes,
      resumable: state ? true : state === null ? false : entry.resumable,
    };
    const writes: [string, unknown][] = [[MODEL + entry.id, stored]];
    if (payload) writes.push([`${MODEL}${entry.id}/w`, payload]);
    if (state) writes.push([`${MODEL}${entry.id}/state`, state]);
    await this.store.setMany(writes);
    if (state === null) await this.store.delMany([`${MODEL}${entry.id}/state`]);
    return stored;
  }

  async updateModel(id: string, patch: Partial<StoredModel>): Promise<StoredModel | undefined> {
    const entry = await this.model(id);
    if (!entry) return undefined;
    const next = { ...entry, ...patch, id };
    await this.store.setMany([[MODEL + id, next]]);
    return next;
  }

  deleteModel(id: string): Promise<void> {
    return this.store.delMany(modelKeys(id));
  }

  async session(): Promise<Session> {
    return (await this.store.get<Session>(SESSION)) ?? { dataset: null, model: null };
  }

  setSession(s: Session): Promise<void> {
    return this.store.setMany([[SESSION, s]]);
  }
}

const modelKeys = (id: string) => [MODEL + id, `${MODEL}${id}/w`, `${MODEL}${id}/state`];

import { DataError } from '../../core/data/data-error';
import { errorMessage } from '../../core/error-message';
import { loadModel, type SavedModel } from '../../core/model/checkpoint';
import type { ModelDescription } from '../../core/model/model-description';
import type { Recommender } from '../../core/model/types';
import type { RankingResult } from '../../core/train/evaluate';
import type { TrainerState } from '../../core/train/trainer';
import type { LoadedState } from '../../protocol/engine';
import type { LibraryView, ModelComparison, ModelDownload, StorageStatus, StoredModel } from '../../protocol/library';
import { conceptSeedAgreement } from '../../core/eval/seed-agreement';
import { batchFromItems } from '../../core/model/batch';
import { MacridVAE } from '../../core/model/macridvae';
import { topNIndices } from '../../core/rank/top-n';
import { fresh } from '../host/transfer';
import { datasetFromRecipe, type DatasetState } from '../dataset/dataset-state';
import { sameItems, type Workspace } from '../workspace';
import { isQuotaError, LimitedStore, MemoryStore, type KeyValueStore } from './kv';
import { Library, type ModelPayload, type Session } from './library';

/** A model the app ships (public/models): listed first in the library of its dataset, never stored. */
interface Builtin {
  entry: StoredModel;
  payload: ModelPayload;
}

/** A model's top-n for a history (the history left out), from its evaluation-mode scores. */
async function topFor(model: Recommender, history: Int32Array, n: number): Promise<Int32Array> {
  const scores = model.scores(batchFromItems(history, model.config.nItems));
  const values = (await scores.data()) as Float32Array;
  scores.dispose();
  const exclude = new Uint8Array(values.length);
  history.forEach((i) => (exclude[i] = 1));
  return topNIndices(values, n, { exclude });
}

export const newId = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** What a write refused by storage costs: nothing but this sentence. */
function storageNote(what: string, e: unknown): string {
  return isQuotaError(e)
    ? `${what} was not stored: the browser's storage is full (quota exceeded). Nothing else changed; delete models or datasets in the library to make room.`
    : `${what} was not stored (${errorMessage(e)}); it stays open until the tab closes.`;
}

/** The metrics a model description carries, where they have the shape the app writes. */
function metricsOf(d: ModelDescription): { validation?: RankingResult; test?: RankingResult } {
  const m = (d.metrics ?? {}) as { validation?: RankingResult; test?: RankingResult };
  const ok = (r: RankingResult | undefined) => (r && typeof r.ndcg100?.mean === 'number' ? r : undefined);
  return { validation: ok(m.validation), test: ok(m.test) };
}

export function entryFor(d: ModelDescription, extra: Pick<StoredModel, 'id' | 'dataset' | 'name' | 'source'>): StoredModel {
  const c = d.config;
  return {
    ...extra,
    kind: c.kind,
    K: c.kind === 'macridvae' ? c.K : 1,
    d: c.d,
    status: 'complete',
    epochs: d.training?.epochs ?? 0,
    bestEpoch: d.training?.bestEpoch ?? 0,
    ...metricsOf(d),
    history: [],
    createdAt: Date.parse(d.createdAt) || Date.now(),
    seconds: 0,
    bytes: 0,
    resumable: false,
    ...(d.training?.anchor ? { anchor: d.training.anchor.categories } : {}),
  };
}

/**
 * The model library and what survives a reload: uploaded datasets, every model (trained, opened
 * from files, the built-in ones) and which of them is open. Nothing here replaces the shown model
 * unless asked to; a write the storage refuses changes nothing and is reported, not thrown.
 */
export class LibraryService {
  private library: Library;
  private readonly builtins = new Map<string, Builtin>();
  /** ids of runs under way in this engine: listed as running, not as interrupted */
  readonly running = new Set<string>();

  constructor(
    private readonly ws: Workspace,
    store: KeyValueStore = new MemoryStore(),
  ) {
    this.library = new Library(store);
  }

  get store(): Library {
    return this.library;
  }

  /** The persistent storage, once it is open (until then, and where there is none, memory). */
  attach(store: KeyValueStore): void {
    this.library = new Library(store);
  }

  /** Test builds only: a byte budget, to check that a full disk costs nothing. */
  limitStorage(bytes: number): void {
    this.library = new Library(new LimitedStore(this.library.store, bytes));
  }

  private fingerprint(): string {
    return this.ws.requireData().info.fingerprint;
  }

  async view(): Promise<LibraryView> {
    const data = this.ws.dataset;
    const stored = data ? await this.library.models(data.info.fingerprint) : [];
    const builtins = data ? [...this.builtins.values()].filter((b) => b.entry.dataset === data.info.fingerprint).map((b) => b.entry) : [];
    const models = stored.map((m) => (m.status === 'running' && !this.running.has(m.id) ? { ...m, status: 'interrupted' as const } : m));
    return {
      datasets: await this.library.datasets(),
      models: [...builtins, ...models],
      active: this.ws.loaded().model?.libraryId ?? null,
      storage: await this.storage(),
    };
  }

  private async storage(): Promise<StorageStatus> {
    const nav = (globalThis as { navigator?: Navigator }).navigator;
    const est = nav?.storage?.estimate ? await nav.storage.estimate().catch(() => null) : null;
    const persisted = nav?.storage?.persisted ? await nav.storage.persisted().catch(() => null) : null;
    return { usage: est?.usage ?? null, quota: est?.quota ?? null, persisted, available: this.library.store.persistent };
  }

  /** Asks the browser not to evict the library under storage pressure. */
  async persist(): Promise<boolean> {
    const nav = (globalThis as { navigator?: Navigator }).navigator;
    return nav?.storage?.persist ? nav.storage.persist().catch(() => false) : false;
  }

  /** A built-in model for the open dataset; it becomes the shown one when `show` is set. */
  async addBuiltin(id: string, name: string, description: ModelDescription, weights: ArrayBuffer, show: boolean): Promise<void> {
    const entry = entryFor(description, { id, dataset: this.fingerprint(), name, source: 'demo' });
    this.builtins.set(id, { entry, payload: { description, weights } });
    if (show) await this.show(entry, { description, weights });
  }

  /** Stores the open dataset (an upload) and makes it the one a reload reopens; a note when storage refused it. */
  async recordDataset(data: DatasetState): Promise<string | null> {
    if (!data.recipe) return this.remember();
    try {
      const { fingerprint, name, stats } = data.info;
      await this.library.saveDataset({ id: fingerprint, name, fingerprint, stats, savedAt: Date.now() }, data.recipe);
    } catch (e) {
      return storageNote(`The dataset ${data.info.name}`, e);
    }
    return this.remember();
  }

  /** Stores a model opened from files and shows it (it replaces the shown one because the user chose it). */
  async recordFile(description: ModelDescription, weights: ArrayBuffer, name: string): Promise<string | null> {
    const entry = entryFor(description, { id: newId(), dataset: this.fingerprint(), name, source: 'file' });
    let note: string | null = null;
    let stored = entry;
    try {
      stored = await this.library.saveModel(entry, { description, weights });
    } catch (e) {
      note = storageNote(`The model ${name}`, e);
    }
    this.ws.setLibraryEntry(note ? null : stored.id, name);
    return (await this.remember()) ?? note;
  }

  /** A trained model's best checkpoint (and, while its run goes on or when it was stopped, the run's state to resume from). */
  async saveRun(entry: StoredModel, saved: SavedModel, state: TrainerState | null): Promise<string | null> {
    try {
      await this.library.saveModel(entry, saved, state);
      return null;
    } catch (e) {
      return storageNote(`The run ${entry.name}`, e);
    }
  }

  async updateEntry(id: string, patch: Partial<StoredModel>): Promise<string | null> {
    try {
      await this.library.updateModel(id, patch);
      return null;
    } catch (e) {
      return storageNote('The run’s final state', e);
    }
  }

  /** Makes a library model the shown one. */
  async use(id: string): Promise<LoadedState> {
    const builtin = this.builtins.get(id);
    const entry = builtin?.entry ?? (await this.library.model(id));
    const payload = builtin?.payload ?? (await this.library.payload(id));
    if (!entry || !payload) throw new Error('that model is not in the library any more');
    if (entry.dataset !== this.fingerprint()) throw new Error(`${entry.name} was trained on another dataset`);
    await this.show(entry, payload);
    await this.remember();
    return this.ws.loaded();
  }

  private async show(entry: StoredModel, { description, weights }: ModelPayload): Promise<void> {
    if (!sameItems(description.itemIds, this.ws.requireData().split.itemIds)) {
      throw DataError.about(entry.name, 'its items are not the open dataset’s');
    }
    const model = loadModel(description, weights);
    await this.ws.setModel(model, {
      source: entry.source,
      bestEpoch: entry.bestEpoch,
      epochs: entry.epochs,
      test: entry.test,
      libraryId: entry.id,
      name: entry.name,
      anchor: description.training?.anchor,
    });
  }

  async rename(id: string, name: string): Promise<void> {
    const clean = name.trim().slice(0, 120);
    if (!clean) throw new Error('a model needs a name');
    if (this.builtins.has(id)) throw new Error('the built-in models keep their names');
    await this.library.updateModel(id, { name: clean });
    if (this.ws.loaded().model?.libraryId === id) this.ws.setLibraryEntry(id, clean);
  }

  /** Deletes a stored model; the shown one stays shown until another is chosen, but no longer has an entry. */
  async deleteModel(id: string): Promise<void> {
    if (this.builtins.has(id)) throw new Error('the built-in models cannot be deleted');
    if (this.running.has(id)) throw new Error('stop the run before deleting it');
    await this.library.deleteModel(id);
    if (this.ws.loaded().model?.libraryId === id) this.ws.setLibraryEntry(null);
    await this.remember();
  }

  /** model.json and model.weights.bin, as the CLI writes them. */
  async download(id: string): Promise<ModelDownload> {
    const builtin = this.builtins.get(id);
    const entry = builtin?.entry ?? (await this.library.model(id));
    const payload = builtin?.payload ?? (await this.library.payload(id));
    if (!entry || !payload) throw new Error('that model has no stored weights');
    return {
      name: entry.name,
      json: JSON.stringify(payload.description),
      weightsFile: payload.description.weightsFile,
      weights: payload.weights,
    };
  }

  /** The shown model against another library model for one user; the other is loaded for this answer only. */
  async compare(otherId: string, user: number, n: number): Promise<ModelComparison> {
    const data = this.ws.requireData();
    const shown = this.ws.requireModel();
    const info = this.ws.loaded().model!;
    const builtin = this.builtins.get(otherId);
    const entry = builtin?.entry ?? (await this.library.model(otherId));
    const payload = builtin?.payload ?? (await this.library.payload(otherId));
    if (!entry || !payload) throw new Error('that model is not in the library any more');
    if (!sameItems(payload.description.itemIds, data.split.itemIds)) throw new Error(`${entry.name} was trained on another dataset`);
    const c = data.users.clicks;
    if (!(user >= 0 && user < c.nRows)) throw new Error(`there is no user #${user}`);
    const history = c.indices.slice(c.indptr[user], c.indptr[user + 1]);
    const other = loadModel(payload.description, payload.weights);
    try {
      const [shownTop, otherTop] = await Promise.all([topFor(shown, history, n), topFor(other, history, n)]);
      const inShown = new Set(shownTop);
      let concepts: ModelComparison['concepts'] = null;
      let note: string | null = null;
      if (shown instanceof MacridVAE && other instanceof MacridVAE && shown.config.K === other.config.K) {
        const [a, b] = await Promise.all([shown.concepts(), other.concepts()]);
        concepts = conceptSeedAgreement(a.assignment, b.assignment, shown.config.K);
      } else {
        note = !(shown instanceof MacridVAE && other instanceof MacridVAE)
          ? 'Concepts are matched between two MacridVAE models only.'
          : 'The two models have different K: their concepts are not matched one to one.';
      }
      return fresh({
        user,
        shown: { id: info.libraryId, name: info.name },
        other: { id: entry.id, name: entry.name },
        shownTop,
        otherTop,
        overlap: Array.from(otherTop).filter((i) => inShown.has(i)).length,
        concepts,
        note,
      });
    } finally {
      other.dispose();
    }
  }

  /** Opens a stored dataset (and its newest finished model, if any). */
  async openDataset(id: string): Promise<{ loaded: LoadedState; note: string | null }> {
    if (this.ws.busy) throw new Error(this.ws.busy);
    const recipe = await this.library.recipe(id);
    if (!recipe) throw new Error('that dataset is not in the library any more');
    this.ws.setDataset(datasetFromRecipe(recipe));
    const models = (await this.library.models(this.fingerprint())).filter((m) => m.status !== 'running' || this.running.has(m.id));
    let note: string | null = null;
    const first = models.find((m) => m.status !== 'running');
    if (first) {
      try {
        await this.use(first.id);
      } catch (e) {
        note = `Its model ${first.name} could not be opened: ${errorMessage(e)}`;
      }
    }
    await this.remember();
    return { loaded: this.ws.loaded(), note };
  }

  async deleteDataset(id: string): Promise<void> {
    if (this.ws.dataset?.info.fingerprint === id) throw new Error('close this dataset (open another) before deleting it');
    await this.library.deleteDataset(id);
  }

  /** What a reload should reopen: the stored dataset and model of the last session, if they are still there. */
  async lastSession(): Promise<Session> {
    try {
      return await this.library.session();
    } catch {
      return { dataset: null, model: null };
    }
  }

  /** A stored dataset's id by its name (a shared link names datasets), newest first. */
  async datasetNamed(name: string): Promise<string | null> {
    const all = await this.library.datasets().catch(() => []);
    return all.find((d) => d.name === name)?.id ?? null;
  }

  /** Writes the session (open dataset and model); returns a note when storage refused it. */
  private async remember(): Promise<string | null> {
    const data = this.ws.dataset;
    if (!data) return null;
    const stored = data.recipe ? await this.library.dataset(data.info.fingerprint).catch(() => undefined) : undefined;
    try {
      await this.library.setSession({ dataset: stored ? stored.id : null, model: this.ws.loaded().model?.libraryId ?? null });
      return null;
    } catch (e) {
      return storageNote('Which dataset and model are open', e);
    }
  }

  /** After a model became the shown one elsewhere (a built-in one): the session follows. */
  rememberSession(): Promise<string | null> {
    return this.remember();
  }
}

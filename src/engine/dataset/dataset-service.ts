import { makeSyntheticLog } from '../../core/data/synthetic';
import { parseModelDescription } from '../../core/model/model-description';
import { MACRID_DEFAULTS } from '../../core/model/defaults';
import { createModel } from '../../core/model/factory';
import type { ItemTable, LoadedState, UserTable } from '../../protocol/engine';
import { fresh } from '../host/transfer';
import type { LibraryService } from '../library/library-service';
import type { Workspace } from '../workspace';
import { buildDatasetState, datasetFromLog, parseReportFor } from './dataset-state';

/** The library id of the model the demo opens with. */
export const DEMO_MODEL = 'demo/ml-latest-small';
/** The same model anchored to the 7 most frequent genres (semi-supervised), offered beside it. */
export const ANCHORED_DEMO_MODEL = 'demo/ml-latest-small-anchored';

/** Opening the built-in datasets, and the user and item tables of the open one. */
export class DatasetService {
  constructor(
    private readonly ws: Workspace,
    private readonly library: LibraryService,
  ) {}

  /** Fetches and opens the built-in demo (ml-latest-small and the model our CLI trained on it). */
  async openDemo(base: string): Promise<LoadedState> {
    const get = async (path: string) => {
      const res = await fetch(new URL(path, base));
      if (!res.ok) throw new Error(`could not load the demo file ${path} (HTTP ${res.status})`);
      return res;
    };
    const [clicks, movies, modelJson, weights] = await Promise.all([
      get('data/ml-latest-small/ratings.csv').then((r) => r.text()),
      get('data/ml-latest-small/movies.csv').then((r) => r.arrayBuffer()),
      get('models/ml-latest-small/model.json').then((r) => r.text()),
      get('models/ml-latest-small/model.weights.bin').then((r) => r.arrayBuffer()),
    ]);
    this.ws.setDataset(
      buildDatasetState({
        name: 'ml-latest-small',
        source: 'demo',
        clicks,
        meta: { name: 'movies.csv', bytes: new Uint8Array(movies) },
        split: { nHeldout: 50 },
      }),
    );
    await this.library.addBuiltin(DEMO_MODEL, 'MacridVAE, shipped demo', parseModelDescription(modelJson, 'model.json'), weights, true);
    const anchored = await Promise.all([
      get('models/ml-latest-small-anchored/model.json').then((r) => r.text()),
      get('models/ml-latest-small-anchored/model.weights.bin').then((r) => r.arrayBuffer()),
    ]).catch(() => null);
    if (anchored) {
      const description = parseModelDescription(anchored[0], 'ml-latest-small-anchored/model.json');
      await this.library.addBuiltin(ANCHORED_DEMO_MODEL, 'MacridVAE anchored to 7 genres, shipped demo', description, anchored[1], false);
    }
    const notice = await this.library.rememberSession();
    return { ...this.ws.loaded(), notice };
  }

  /**
   * A synthetic catalogue with planted categories and an untrained MacridVAE (the model can then
   * be trained in the training panel). Used as a second demo and to time the explorer at scale.
   */
  async openSynthetic(opts: { users: number; items: number; categories: number; seed: number }): Promise<LoadedState> {
    const { log, meta } = makeSyntheticLog({ nUsers: opts.users, nItems: opts.items, nCategories: opts.categories, seed: opts.seed });
    const data = datasetFromLog(`synthetic-${opts.items}`, 'synthetic', log, parseReportFor(log), meta, {
      nHeldout: Math.max(1, Math.round(opts.users / 12)),
    });
    this.ws.setDataset(data);
    const model = createModel({ ...MACRID_DEFAULTS, nItems: data.split.itemIds.length, K: opts.categories }, opts.seed);
    await this.ws.setModel(model, { source: 'untrained', bestEpoch: 0, epochs: 0 });
    return this.ws.loaded();
  }

  loaded(): LoadedState {
    return this.ws.loaded();
  }

  users(): UserTable {
    const u = this.ws.requireData().users;
    const clicks = new Int32Array(u.ids.length);
    for (let i = 0; i < clicks.length; i++) clicks[i] = u.clicks.indptr[i + 1] - u.clicks.indptr[i];
    return fresh({ ids: u.ids, roles: u.roles, clicks });
  }

  /** Item metadata in vocabulary order with each item's concept; the concept arrays are the model's own, so they are copied, not moved. */
  items(): ItemTable {
    const data = this.ws.requireData();
    const m = this.ws.macrid;
    const M = data.split.itemIds.length;
    return {
      ids: data.split.itemIds,
      titles: data.titles,
      categories: data.categories,
      concept: m?.concept ?? new Int32Array(M),
      conceptProb: m?.conceptProb ?? new Float32Array(M).fill(1),
    };
  }
}

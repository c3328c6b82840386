import type { BackendName } from '../core/backend';
import { DataError } from '../core/data/data-error';
import { batchFromItems } from '../core/model/batch';
import { loadModel, parseModelDescription, type ModelDescription } from '../core/model/checkpoint';
import type { Recommender } from '../core/model/types';
import {
  componentSliderRanges,
  dimensionSensitivity,
  evenlySpaced,
  intentionShares,
  LatentScorer,
  rankDimensions,
  traversalStrip,
} from '../core/traversal';
import { topNIndices } from '../core/rank/top-n';
import { tf } from '../core/tf';
import { evaluate } from '../core/train/evaluate';
import type { PeerStarter } from '../core/train/replica';
import type {
  BackendStatus,
  DimensionInfo,
  ItemTable,
  LoadedState,
  MemoryStatus,
  ModelInfo,
  OffsetChange,
  RecResult,
  StripResult,
  TrainEvent,
  TrainSettings,
  UserTable,
  UserView,
} from '../protocol/engine';
import { makeSyntheticLog } from '../core/data/synthetic';
import { createModel } from '../core/model/factory';
import { MACRID_DEFAULTS } from '../core/model/defaults';
import { buildDatasetState, datasetFromLog, parseReportFor, type DatasetState } from './dataset/dataset-state';
import { buildMacridState, isMacrid, type MacridState } from './model/model-state';
import { TrainingRun } from './training/training-run';
import { ConceptsService } from './concepts/concepts-service';
import type { ExportKind, MapOptions, MapProgress, MicroSource } from '../protocol/concepts';
import { readModelFiles } from './model/model-files';
import type { UploadCommitResult, UploadProgress, UploadRequest } from '../protocol/upload';
import { UploadSession } from './upload/upload-session';

export type BackendChooser = (forced?: BackendName | null) => Promise<BackendStatus>;

interface Selection {
  user: number;
  scorer: LatentScorer | null;
  history: Int32Array;
}

/**
 * The one engine behind the page: dataset, model, selection and training, all tfjs work included.
 * It runs in a Web Worker (engine.worker.ts) or, where workers fail, on the main thread.
 */
export class Engine {
  private backend: BackendStatus | null = null;
  private data: DatasetState | null = null;
  private model: Recommender | null = null;
  private modelInfo: ModelInfo | null = null;
  private macrid: MacridState | null = null;
  private selection: Selection | null = null;
  private training: TrainingRun | null = null;
  private dimCache = new Map<string, DimensionInfo>();
  private concepts = new ConceptsService(() => this.macrid);
  /** the upload being previewed: parsed and split beside the open dataset, which it replaces only on commit */
  private upload = new UploadSession();

  /** `startPeers` (optional) runs data-parallel training replicas in other threads on cpu/wasm. */
  constructor(
    private readonly chooseBackend: BackendChooser,
    private readonly startPeers?: PeerStarter,
  ) {}

  async init(forced?: BackendName | null): Promise<BackendStatus> {
    this.backend = await this.chooseBackend(forced);
    return this.backend;
  }

  /** Answers as soon as the engine's code has loaded; touches no backend. */
  ping(): string {
    return 'ready';
  }

  memory(): MemoryStatus {
    if (!this.backend) return { numTensors: 0, numBytes: 0 };
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  }

  /** Fetches and opens the built-in demo (ml-latest-small and the model our CLI trained on it). */
  async loadDemo(base: string): Promise<LoadedState> {
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
    const data = buildDatasetState({
      name: 'ml-latest-small',
      source: 'demo',
      clicks,
      meta: { name: 'movies.csv', bytes: new Uint8Array(movies) },
      split: { nHeldout: 50 },
    });
    this.setDataset(data);
    await this.openModel(parseModelDescription(modelJson, 'model.json'), weights, 'demo');
    return this.loaded();
  }

  /**
   * A synthetic catalogue with planted categories and an untrained MacridVAE (the model can then
   * be trained in the training panel). Used as a second demo and to time the explorer at scale.
   */
  async loadSynthetic(opts: { users: number; items: number; categories: number; seed: number }): Promise<LoadedState> {
    const { log, meta } = makeSyntheticLog({ nUsers: opts.users, nItems: opts.items, nCategories: opts.categories, seed: opts.seed });
    const report = parseReportFor(log);
    const data = datasetFromLog(`synthetic-${opts.items}`, 'synthetic', log, report, meta, { nHeldout: Math.max(1, Math.round(opts.users / 12)) });
    this.setDataset(data);
    const model = createModel({ ...MACRID_DEFAULTS, nItems: data.split.itemIds.length, K: opts.categories }, opts.seed);
    await this.setModel(model, { source: 'untrained', bestEpoch: 0, epochs: 0 });
    return this.loaded();
  }

  loaded(): LoadedState {
    return { dataset: this.data!.info, model: this.modelInfo };
  }

  private setDataset(data: DatasetState): void {
    this.data = data;
    this.selection = null;
    this.dimCache.clear();
  }

  /** Checks a saved model against the open dataset, then makes it the model the panels show. */
  async openModel(description: ModelDescription, weights: ArrayBuffer, source: ModelInfo['source'], weightsName?: string): Promise<ModelInfo> {
    const data = this.requireData();
    const vocab = data.split.itemIds;
    if (!sameItems(description.itemIds, vocab)) {
      throw DataError.about(
        'model.json',
        `its item vocabulary (${description.itemIds.length} items, from ${description.dataset?.name ?? 'an unknown dataset'}) does not match the open dataset's (${vocab.length} items): train it on this dataset or open the dataset it was trained on`,
      );
    }
    const model = loadModel(description, weights, weightsName);
    const test = (description.metrics as { test?: ModelInfo['test'] }).test;
    await this.setModel(model, { source, bestEpoch: description.training.bestEpoch, epochs: description.training.epochs, test });
    return this.modelInfo!;
  }

  /** Makes `model` the shown one, taking ownership: it is disposed here if its explorer state cannot be built. */
  private async setModel(model: Recommender, info: Pick<ModelInfo, 'source' | 'bestEpoch' | 'epochs' | 'test'>): Promise<void> {
    let macrid: MacridState | null;
    try {
      macrid = isMacrid(model) ? await buildMacridState(model, this.requireData()) : null;
    } catch (e) {
      model.dispose();
      throw e;
    }
    this.model?.dispose();
    this.model = model;
    this.macrid = macrid;
    this.selection = null;
    this.dimCache.clear();
    const c = model.config;
    this.modelInfo = { kind: c.kind, config: c, ...info, K: c.kind === 'macridvae' ? c.K : 1, d: c.d };
  }

  users(): UserTable {
    const u = this.requireData().users;
    const clicks = new Int32Array(u.ids.length);
    for (let i = 0; i < clicks.length; i++) clicks[i] = u.clicks.indptr[i + 1] - u.clicks.indptr[i];
    return { ids: u.ids, roles: u.roles, clicks };
  }

  items(): ItemTable {
    const data = this.requireData();
    const M = data.split.itemIds.length;
    return {
      ids: data.split.itemIds,
      titles: data.titles,
      categories: data.categories,
      concept: this.macrid?.concept ?? new Int32Array(M),
      conceptProb: this.macrid?.conceptProb ?? new Float32Array(M).fill(1),
    };
  }

  private history(user: number): Int32Array {
    const c = this.requireData().users.clicks;
    return c.indices.slice(c.indptr[user], c.indptr[user + 1]);
  }

  async selectUser(user: number, n: number): Promise<UserView> {
    const data = this.requireData();
    if (!this.model) throw new Error('no model is loaded');
    if (!(user >= 0 && user < data.users.ids.length)) throw new Error(`there is no user #${user}`);
    const history = this.history(user);
    const m = this.macrid;
    this.dimCache.clear();
    if (!m) {
      this.selection = { user, scorer: null, history };
      return { user, id: data.users.ids[user], role: data.users.roles[user], history, shares: Float32Array.of(1), mu: new Float32Array(0), historyByComponent: [history], componentTop: [await this.baselineTop(history, n)], conceptLabels: ['all'] };
    }
    const { K, d } = m.model.config;
    const mu = m.mus.slice(user * K * d, (user + 1) * K * d);
    const scorer = new LatentScorer(m.space, mu, history);
    this.selection = { user, scorer, history };
    const historyByComponent = Array.from({ length: K }, (_, k) => history.filter((i) => m.concept[i] === k));
    return {
      user,
      id: data.users.ids[user],
      role: data.users.roles[user],
      history,
      shares: intentionShares(history, m.assignment, K),
      mu,
      historyByComponent,
      componentTop: Array.from({ length: K }, (_, k) => scorer.componentTopN(k, n)),
      conceptLabels: m.labels,
    };
  }

  private async baselineTop(history: Int32Array, n: number) {
    const scores = this.model!.scores(batchFromItems(history, this.requireData().split.itemIds.length));
    const values = (await scores.data()) as Float32Array;
    scores.dispose();
    const exclude = new Uint8Array(values.length);
    history.forEach((i) => (exclude[i] = 1));
    const items = topNIndices(values, n, { exclude });
    return { items, scores: Float32Array.from(items, (i) => values[i]) };
  }

  /** The top-n with the current offsets and without any (the base for entered / left marks). */
  async rankings(n: number): Promise<{ recs: RecResult; base: RecResult }> {
    const t0 = performance.now();
    const sel = this.requireSelection();
    if (!sel.scorer) {
      const top = await this.baselineTop(sel.history, n);
      const r = { ...top, seq: 0, ms: performance.now() - t0 };
      return { recs: r, base: r };
    }
    const current = sel.scorer.snapshot();
    sel.scorer.resetOffsets();
    const base = { ...sel.scorer.topN(n), seq: 0, ms: 0 };
    sel.scorer.restore(current);
    return { recs: { ...sel.scorer.topN(n), seq: 0, ms: performance.now() - t0 }, base };
  }

  /** Moves coordinates (k, j) to μ_kj + offset and re-ranks: O(M) per change, no tfjs. */
  moveOffsets(changes: OffsetChange[], n: number, seq: number): RecResult {
    const t0 = performance.now();
    const scorer = this.requireScorer();
    for (const c of changes) scorer.setOffset(c.k, c.j, c.offset);
    return { ...scorer.topN(n), seq, ms: performance.now() - t0 };
  }

  /** Applies several offsets at once (a shared link reopening a view). */
  setOffsets(offsets: OffsetChange[], n: number): RecResult {
    const t0 = performance.now();
    const scorer = this.requireScorer();
    scorer.resetOffsets();
    for (const o of offsets) scorer.setOffset(o.k, o.j, o.offset);
    return { ...scorer.topN(n), seq: 0, ms: performance.now() - t0 };
  }

  resetOffsets(n: number): RecResult {
    const t0 = performance.now();
    const scorer = this.requireScorer();
    scorer.resetOffsets();
    return { ...scorer.topN(n), seq: 0, ms: performance.now() - t0 };
  }

  /** Slider ranges (data-driven) and how much each dimension of component k moves the top-n. */
  dimensions(k: number, n: number): DimensionInfo {
    const key = `${k}:${n}`;
    const cached = this.dimCache.get(key);
    if (cached) return cached;
    const m = this.requireMacrid();
    const scorer = this.requireScorer();
    const { lo, hi } = componentSliderRanges(m.ranges, k);
    // Measured at the user's own latent (no offsets), so the slider order neither depends on where
    // the sliders stood when it was first asked for nor differs when a shared link is reopened.
    const saved = scorer.snapshot();
    scorer.resetOffsets();
    let sensitivity: Float32Array;
    try {
      sensitivity = dimensionSensitivity(scorer, k, n, { lo, hi });
    } finally {
      scorer.restore(saved);
    }
    const info: DimensionInfo = { k, lo, hi, sensitivity, order: rankDimensions(sensitivity) };
    this.dimCache.set(key, info);
    return info;
  }

  strip(k: number, j: number, count: number, n: number): StripResult {
    const m = this.requireMacrid();
    const scorer = this.requireScorer();
    const { lo, hi } = componentSliderRanges(m.ranges, k);
    const values = evenlySpaced(lo[j], hi[j], count);
    const steps = traversalStrip(scorer, k, j, values, n).map((s) => s.items);
    return { k, j, values, steps };
  }

  /**
   * Trains a new model on the open dataset; events stream to `onEvent`. When the run ends (done,
   * or stopped with keepBest), the best checkpoint by validation NDCG@100 replaces the shown model.
   */
  async train(settings: TrainSettings, onEvent: (e: TrainEvent) => void, startPaused = false): Promise<void> {
    const data = this.requireData();
    if (this.training) throw new Error('a training run is already in progress');
    const hostBackend = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
    const run = new TrainingRun(data.split, settings, onEvent, hostBackend ? this.startPeers : undefined);
    this.training = run;
    try {
      const state = await run.run(startPaused);
      const end = { state, epochs: run.trainer.epoch, bestEpoch: run.trainer.bestEpoch };
      if (state === 'failed') {
        run.model.dispose();
      } else if (!run.keepBest) {
        run.model.dispose();
        onEvent({ ...end, message: 'Run discarded; the shown model is unchanged.' });
      } else if (this.data !== data) {
        run.model.dispose();
        onEvent({ ...end, message: 'Another dataset was opened while training; the run was discarded.' });
      } else if (run.trainer.bestEpoch === 0) {
        run.model.dispose();
        onEvent({ ...end, message: 'Stopped before the first epoch finished; the shown model is unchanged.' });
      } else {
        onEvent({ ...end, message: `Scoring the best checkpoint (epoch ${run.trainer.bestEpoch}) on the test users…` });
        await this.adoptTrained(run);
        onEvent({ ...end, model: this.modelInfo! });
      }
    } finally {
      run.dispose();
      this.training = null;
    }
  }

  private async adoptTrained(run: TrainingRun): Promise<void> {
    let test: ModelInfo['test'];
    try {
      test = await evaluate(run.model, this.requireData().split.test);
    } catch (e) {
      run.model.dispose();
      throw e;
    }
    await this.setModel(run.model, { source: 'trained', bestEpoch: run.trainer.bestEpoch, epochs: run.trainer.epoch, test });
  }

  pauseTraining(): void {
    this.training?.pause();
  }

  resumeTraining(): void {
    this.training?.resume();
  }

  stepTraining(): void {
    this.training?.step();
  }

  /** Stops after the current minibatch; the best checkpoint so far replaces the model unless `keepBest` is false. */
  stopTraining(keepBest = true): void {
    this.training?.stop(keepBest);
  }

  // The Concepts section (src/engine/concepts.ts); each result is cached per model.
  conceptsReport() {
    return this.concepts.report(this.requireData(), this.requireMacrid());
  }

  conceptsMap(options: Partial<MapOptions>, onProgress?: (p: MapProgress) => void) {
    return this.concepts.map(this.requireMacrid(), options, onProgress);
  }

  conceptsNeighbours(item: number, n: number) {
    return this.concepts.neighbours(this.requireMacrid(), item, n);
  }

  conceptsUserAnchors(user: number, n: number) {
    return this.concepts.userAnchors(this.requireMacrid(), user, n);
  }

  conceptsMicro(source: MicroSource) {
    return this.concepts.micro(this.requireMacrid(), source);
  }

  conceptsExport(kind: ExportKind) {
    return this.concepts.exportText(this.requireData(), this.requireMacrid(), kind);
  }

  // Opening a click log (src/engine/upload-*.ts): inspect → prepare (as often as options change) → commit.
  uploadInspect(files: File[]) {
    return this.upload.inspect(files);
  }

  uploadPrepare(request: UploadRequest, onProgress?: (p: UploadProgress) => void) {
    return this.upload.prepare(request, onProgress);
  }

  uploadCancel(): void {
    this.upload.cancel();
  }

  uploadDiscard(): void {
    this.upload.discard();
  }

  /** Swaps in the prepared dataset; the model stays only if its item vocabulary is the new one's. */
  async uploadCommit(): Promise<UploadCommitResult> {
    if (this.training) throw new Error('a model is being trained: stop the run before replacing the dataset');
    const next = this.upload.build();
    const old = this.data?.split.itemIds;
    const vocab = next.split.itemIds;
    const same = old !== undefined && sameItems(old, vocab);
    let dropped: string | null = null;
    if (this.model && same) {
      const macrid = isMacrid(this.model) ? await buildMacridState(this.model, next) : null;
      this.setDataset(next);
      this.macrid = macrid;
    } else {
      if (this.model) dropped = `The ${this.modelInfo?.kind ?? 'previous'} model was closed: it knows ${old?.length ?? 0} items and the new dataset has ${vocab.length}${old?.length === vocab.length ? ' different ones' : ''}.`;
      this.setDataset(next);
      this.model?.dispose();
      this.model = null;
      this.modelInfo = null;
      this.macrid = null;
    }
    this.upload.discard();
    return { loaded: this.loaded(), modelDropped: dropped };
  }

  /** Opens model.json + its weights chosen by the user; a model for other items is refused and the shown one stays. */
  async openModelFiles(files: File[]): Promise<LoadedState> {
    const { description, weights, weightsName } = await readModelFiles(files);
    await this.openModel(description, weights, 'file', weightsName);
    return this.loaded();
  }

  private requireData(): DatasetState {
    if (!this.data) throw new Error('no dataset is open');
    return this.data;
  }

  private requireMacrid(): MacridState {
    if (!this.macrid) throw new Error('this needs a MacridVAE model');
    return this.macrid;
  }

  private requireSelection(): Selection {
    if (!this.selection) throw new Error('no user is selected');
    return this.selection;
  }

  private requireScorer(): LatentScorer {
    const s = this.requireSelection().scorer;
    if (!s) throw new Error('latent traversal needs a MacridVAE model');
    return s;
  }
}

function sameItems(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

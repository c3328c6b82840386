import { formatHash, parseHash, roundOffset, validateView } from './url-state';
import { startEngine, type EngineHandle } from '../worker/engine-client';
import type { BackendName, EpochPoint, ModelInfo, OffsetChange, TrainEvent, TrainSettings } from '../protocol/engine';
import { useStore, type AppState } from './store';

let handle: EngineHandle | null = null;
const set = useStore.setState;
const get = useStore.getState;

/** Connects the actions to an engine: the one boot() starts, or a fake in unit tests. */
export function attachEngine(h: EngineHandle): void {
  handle = h;
}

export function engine() {
  if (!handle) throw new Error('the engine has not started');
  return handle.engine;
}

/** Wraps a callback (e.g. progress) so the engine can call it from the worker. */
export function engineCallback<T extends (...args: never[]) => void>(fn: T): T {
  if (!handle) throw new Error('the engine has not started');
  return handle.callback(fn);
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs an engine call, records how long it took (status bar) and refreshes the memory figures. */
async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  set({ lastAction: { label, ms: performance.now() - t0 } });
  void refreshMemory();
  return r;
}

export async function refreshMemory(): Promise<void> {
  if (handle) set({ memory: await handle.engine.memory() });
}

const BACKENDS: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Starts the engine, picks a backend (or the one in ?backend=), opens the demo and restores the URL's view. */
export async function boot(): Promise<void> {
  const query = new URLSearchParams(location.search);
  const forced = query.get('backend');
  try {
    set({ phase: 'starting', activity: 'starting the engine' });
    const started = await startEngine(query.has('mainthread'));
    attachEngine(started);
    set({ where: started.where, activity: 'probing TensorFlow.js backends' });
    const backend = await started.engine.init(BACKENDS.includes(forced as BackendName) ? (forced as BackendName) : null);
    const synthetic = Number(query.get('synthetic'));
    set({ backend, phase: 'loading', activity: synthetic ? `generating a synthetic catalogue of ${synthetic} items` : 'loading the demo: MovieLens latest-small and its MacridVAE' });
    const loaded = await timed('open demo', () =>
      synthetic > 0
        ? engine().loadSynthetic({ users: 4000, items: Math.min(Math.floor(synthetic), 100_000), categories: 7, seed: 98765 })
        : engine().loadDemo(new URL(import.meta.env.BASE_URL, location.href).href),
    );
    set({ activity: 'reading users and items' });
    const [users, items] = await Promise.all([engine().users(), engine().items()]);
    set({ loaded, users, items });
    await restoreView();
    set({ phase: 'ready', activity: '' });
    listenToHash();
  } catch (e) {
    set({ phase: 'error', error: describe(e) });
  }
}

async function restoreView(): Promise<void> {
  const s = get();
  const model = s.loaded?.model;
  const view = validateView(parseHash(location.hash), { userIds: s.users?.ids ?? [], K: model?.K ?? 0, d: model?.d ?? 0 });
  const user = view.user !== undefined ? s.users!.ids.indexOf(view.user) : 0;
  set({ topN: view.topN ?? s.topN, component: view.component ?? 0 });
  await selectUser(user, view.offsets);
}

let urlTimer: ReturnType<typeof setTimeout> | null = null;

/** The hash as the current view would write it (null before a user is selected). */
function currentHash(): string | null {
  const s = get();
  if (s.user === null || !s.users) return null;
  return formatHash({ dataset: s.loaded?.dataset.name, user: s.users.ids[s.user], component: s.component, topN: s.topN, offsets: s.offsets });
}

/** Trailing write for drags: Chrome throttles (and warns about) hundreds of replaceState calls a second. */
function scheduleUrlWrite(): void {
  if (urlTimer !== null) clearTimeout(urlTimer);
  urlTimer = setTimeout(writeUrl, 150);
}

/** A hash typed or pasted into this tab (no reload) reopens that view. replaceState fires no hashchange. */
function listenToHash(): void {
  window.addEventListener('hashchange', () => {
    if (get().phase === 'ready' && location.hash !== currentHash()) void restoreView();
  });
}

export function writeUrl(): void {
  if (urlTimer !== null) clearTimeout(urlTimer);
  urlTimer = null;
  const hash = currentHash();
  if (hash !== null && hash !== location.hash) history.replaceState(null, '', hash);
}

export async function selectUser(user: number, offsets: Record<string, number> = {}): Promise<void> {
  pending.clear();
  ++seq;
  const { topN } = get();
  const view = await timed('select user', () => engine().selectUser(user, topN));
  const changes = view.mu.length ? toChanges(offsets) : [];
  if (changes.length) await engine().setOffsets(changes, topN);
  const { recs, base } = await engine().rankings(topN);
  set({ user, view, baseRecs: base, recs, offsets: changes.length ? offsets : {}, dims: null, strip: null, stripDim: null });
  writeUrl();
  if (view.mu.length) await selectComponent(Math.min(get().component, view.shares.length - 1));
}

function toChanges(offsets: Record<string, number>): OffsetChange[] {
  return Object.entries(offsets).map(([key, offset]) => {
    const [k, j] = key.split(':').map(Number);
    return { k, j, offset };
  });
}

export async function selectComponent(k: number): Promise<void> {
  set({ component: k, dims: null, strip: null, stripDim: null });
  writeUrl();
  const dims = await timed('dimension sensitivity', () => engine().dimensions(k, get().topN));
  if (get().component === k) set({ dims });
}

let pending = new Map<string, OffsetChange>();
let inFlight = false;
let seq = 0;
/** when the oldest change not yet on screen was made (performance.now), for the status bar */
let batchStartedAt: number | null = null;
let shownPendingFrom: number | null = null;

/**
 * Moves one latent coordinate. The store (and slider) update at once; engine requests go one
 * at a time and carry only the latest value of each coordinate, so a fast drag never queues up
 * stale work. Offsets are rounded as the URL stores them, so a copied link scores identically.
 */
export function setOffset(k: number, j: number, offset: number): void {
  const key = `${k}:${j}`;
  const value = roundOffset(offset);
  if ((get().offsets[key] ?? 0) === value && !pending.has(key)) return;
  set((s: AppState) => {
    const offsets = { ...s.offsets };
    if (value === 0) delete offsets[key];
    else offsets[key] = value;
    return { offsets };
  });
  pending.set(key, { k, j, offset: value });
  batchStartedAt ??= performance.now();
  if (!inFlight) void pump();
}

async function pump(): Promise<void> {
  inFlight = true;
  let moved = false;
  try {
    while (pending.size) {
      const changes = [...pending.values()];
      pending = new Map();
      const startedAt = batchStartedAt ?? performance.now();
      batchStartedAt = null;
      const { component, stripDim } = get();
      if (changes.some((c) => c.k !== component || c.j !== stripDim)) moved = true;
      const recs = await engine().moveOffsets(changes, get().topN, ++seq);
      // A reset, a new N or a new user bumped seq meanwhile: this list is stale.
      if (recs.seq !== seq) continue;
      shownPendingFrom = startedAt;
      set({ recs });
    }
  } catch (e) {
    set({ lastAction: { label: `slider failed: ${describe(e)}`, ms: 0 } });
  } finally {
    inFlight = false;
  }
  scheduleUrlWrite();
  // The strip holds every other coordinate fixed at its current value: moving another one moves the strip.
  if (moved) void refreshStrip();
  void refreshMemory();
}

/**
 * Called by the recommendations list once it has committed a new list to the DOM: the status bar
 * then shows input → list-on-screen time, not just the engine round trip.
 */
export function listShown(): void {
  if (shownPendingFrom === null) return;
  const ms = performance.now() - shownPendingFrom;
  shownPendingFrom = null;
  set({ lastAction: { label: 'slider → list on screen', ms } });
}

export async function resetOffsets(): Promise<void> {
  pending.clear();
  batchStartedAt = null;
  ++seq;
  const recs = await timed('reset', () => engine().resetOffsets(get().topN));
  set({ recs, offsets: {} });
  writeUrl();
  void refreshStrip();
}

export async function setTopN(n: number): Promise<void> {
  if (!(Number.isInteger(n) && n >= 1 && n <= 200)) return;
  set({ topN: n });
  ++seq;
  const { recs, base } = await engine().rankings(n);
  if (get().topN !== n) return;
  set({ recs, baseRecs: base });
  writeUrl();
  void refreshStrip();
}

export async function selectStripDim(j: number): Promise<void> {
  set({ stripDim: j });
  await refreshStrip();
}

/** Items shown per strip column. */
export const STRIP_ITEMS = 10;
export const STRIP_STEPS = 7;

async function refreshStrip(): Promise<void> {
  const { component, stripDim: j, topN, view } = get();
  if (j === null || !view?.mu.length) return;
  const strip = await engine().strip(component, j, STRIP_STEPS, Math.min(topN, STRIP_ITEMS));
  if (get().stripDim === j && get().component === component) set({ strip });
}

/** What the panel says when the best checkpoint has replaced the shown model. */
export function replacedMessage(model: ModelInfo, points: EpochPoint[]): string {
  const val = points.find((p) => p.epoch === model.bestEpoch)?.ndcg100;
  const test = model.test?.ndcg100.mean;
  return (
    `Model replaced by the best checkpoint, epoch ${model.bestEpoch}` +
    (val !== undefined ? `: val NDCG@100 ${val.toFixed(4)}` : '') +
    (test !== undefined ? `, test NDCG@100 ${test.toFixed(4)}` : '') +
    '.'
  );
}

/** Called from the engine for every training event; batch-progress events only move the progress bar. */
function onTrainEvent(e: TrainEvent): void {
  const before = get().trainState;
  set((s: AppState) => {
    const points = e.point ? [...s.points, e.point] : s.points;
    return {
      trainState: e.state,
      bestEpoch: e.bestEpoch,
      points,
      trainBatch: e.batch ?? s.trainBatch,
      trainThreads: e.threads ?? s.trainThreads,
      trainMessage: e.model ? replacedMessage(e.model, points) : (e.message ?? s.trainMessage),
    };
  });
  if (e.point || e.model || e.state !== before) void refreshMemory();
}

/**
 * Trains a model with `settings`. When the run ends with a model adopted (done, or stopped with
 * keepBest), the panels re-read the model and items and the selected user is shown again.
 */
export async function startTraining(settings: TrainSettings, startPaused = false): Promise<void> {
  if (get().trainBusy) return;
  set({ settings, points: [], bestEpoch: 0, trainMessage: null, trainBatch: null, trainThreads: 1, trainBusy: true, trainState: startPaused ? 'paused' : 'running' });
  let adopted = false;
  try {
    await engine().train(
      settings,
      handle!.callback((e: TrainEvent) => {
        if (e.model) adopted = true;
        onTrainEvent(e);
      }),
      startPaused,
    );
    // Callback messages travel on their own port: the event saying the model was adopted can
    // arrive after train() resolves, so the engine's model is compared as well.
    const now = await engine().loaded();
    if (adopted || JSON.stringify(now.model) !== JSON.stringify(get().loaded?.model ?? null)) {
      adopted = true;
      const items = await engine().items();
      set({ loaded: now, items });
      await selectUser(get().user ?? 0, {});
    }
  } catch (e) {
    set({ trainState: 'failed', trainMessage: adopted ? `The model was replaced, but showing it failed: ${describe(e)}` : describe(e) });
  } finally {
    set({ trainBusy: false, trainBatch: null });
    void refreshMemory();
  }
}

export const pauseTraining = () => engine().pauseTraining();
export const resumeTraining = () => engine().resumeTraining();
export const stepTraining = () => engine().stepTraining();
/** Ends the run after the current minibatch; with `keepBest` false the run is thrown away. */
export const stopTraining = (keepBest = true) => engine().stopTraining(keepBest);

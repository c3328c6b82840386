import { formatHash, parseHash, validateView } from '../app/url-state';
import { startEngine, type EngineHandle } from '../worker/engine-client';
import type { BackendName, OffsetChange, TrainEvent, TrainSettings } from '../worker/protocol';
import { useStore, type AppState } from './store';

let handle: EngineHandle | null = null;
const set = useStore.setState;
const get = useStore.getState;

export function engine() {
  if (!handle) throw new Error('the engine has not started');
  return handle.engine;
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
    handle = await startEngine(query.has('mainthread'));
    set({ where: handle.where, activity: 'probing TensorFlow.js backends' });
    const backend = await handle.engine.init(BACKENDS.includes(forced as BackendName) ? (forced as BackendName) : null);
    set({ backend, phase: 'loading', activity: 'loading the demo: MovieLens latest-small and its MacridVAE' });
    const loaded = await timed('open demo', () => engine().loadDemo(new URL(import.meta.env.BASE_URL, location.href).href));
    set({ activity: 'reading users and items' });
    const [users, items] = await Promise.all([engine().users(), engine().items()]);
    set({ loaded, users, items });
    await restoreView();
    set({ phase: 'ready', activity: '' });
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

export function writeUrl(): void {
  const s = get();
  if (s.user === null || !s.users) return;
  const hash = formatHash({ dataset: s.loaded?.dataset.name, user: s.users.ids[s.user], component: s.component, topN: s.topN, offsets: s.offsets });
  if (hash !== location.hash) history.replaceState(null, '', hash);
}

export async function selectUser(user: number, offsets: Record<string, number> = {}): Promise<void> {
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

/**
 * Moves one latent coordinate. The store (and slider) update at once; engine requests go one
 * at a time and carry only the latest value of each coordinate, so a fast drag never queues up
 * stale work.
 */
export function setOffset(k: number, j: number, offset: number): void {
  set((s: AppState) => ({ offsets: { ...s.offsets, [`${k}:${j}`]: offset } }));
  pending.set(`${k}:${j}`, { k, j, offset });
  if (!inFlight) void pump();
}

async function pump(): Promise<void> {
  inFlight = true;
  try {
    while (pending.size) {
      const changes = [...pending.values()];
      pending = new Map();
      const t0 = performance.now();
      const recs = await engine().moveOffsets(changes, get().topN, ++seq);
      set({ recs, lastAction: { label: 'slider → list', ms: performance.now() - t0 } });
    }
  } finally {
    inFlight = false;
  }
  writeUrl();
  void refreshMemory();
}

export async function resetOffsets(): Promise<void> {
  pending.clear();
  const recs = await timed('reset', () => engine().resetOffsets(get().topN));
  set({ recs, offsets: {} });
  writeUrl();
}

export async function setTopN(n: number): Promise<void> {
  set({ topN: n });
  const { recs, base } = await engine().rankings(n);
  set({ recs, baseRecs: base });
  writeUrl();
}

export async function selectStripDim(j: number): Promise<void> {
  set({ stripDim: j });
  const { component, topN } = get();
  const strip = await timed('traversal strip', () => engine().strip(component, j, 7, Math.min(topN, 10)));
  if (get().stripDim === j) set({ strip });
}

function onTrainEvent(e: TrainEvent): void {
  set((s: AppState) => ({
    trainState: e.state,
    bestEpoch: e.bestEpoch,
    points: e.point ? [...s.points, e.point] : s.points,
    trainMessage: e.message ?? s.trainMessage,
  }));
  void refreshMemory();
}

export async function startTraining(settings: TrainSettings, startPaused = false): Promise<void> {
  set({ settings, points: [], bestEpoch: 0, trainMessage: null, trainState: startPaused ? 'paused' : 'running' });
  try {
    await engine().train(settings, handle!.callback(onTrainEvent), startPaused);
  } catch (e) {
    set({ trainState: 'failed', trainMessage: describe(e) });
    return;
  }
  const [loaded, items] = await Promise.all([engine().loaded(), engine().items()]);
  set({ loaded, items });
  const user = get().user ?? 0;
  await selectUser(user, {});
}

export const pauseTraining = () => engine().pauseTraining();
export const resumeTraining = () => engine().resumeTraining();
export const stepTraining = () => engine().stepTraining();
export const stopTraining = () => engine().stopTraining();

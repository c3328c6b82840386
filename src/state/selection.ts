import { errorMessage } from '../core/error-message';
import { isTopN, STRIP_ITEMS, STRIP_STEPS } from '../protocol/constants';
import type { OffsetChange, TraversalRange } from '../protocol/engine';
import { engine, refreshMemory, timed } from './engine';
import { isStale, latest, STALE, type Stale } from './latest';
import { useStore, type AppState } from './store';
import { roundOffset } from './url-state';
import { scheduleUrlWrite, writeUrl } from './url-sync';

const set = useStore.setState;
const get = useStore.getState;

interface Move {
  changes: Map<string, OffsetChange>;
  /** when the oldest change not yet on screen was made (performance.now), for the status bar */
  since: number;
  /** a coordinate other than the strip's moved: the strip, which holds the others fixed, must follow */
  movesStrip: boolean;
}

const mover = latest(
  async (move: Move) => ({ move, recs: await engine().explorer.moveOffsets([...move.changes.values()], get().topN, get().component) }),
  {
    merge: (a, b) => ({
      changes: new Map([...a.changes, ...b.changes]),
      since: Math.min(a.since, b.since),
      movesStrip: a.movesStrip || b.movesStrip,
    }),
  },
);

let shownPendingFrom: number | null = null;
let stripStale = false;

/** Stops showing answers to earlier requests: a new user, N or reset makes them stale. */
function invalidateMoves(): void {
  mover.invalidate();
  stripStale = false;
}

export async function selectUser(user: number, offsets: Record<string, number> = {}): Promise<void> {
  invalidateMoves();
  const { topN } = get();
  const view = await timed('select user', () => engine().explorer.selectUser(user, topN));
  const changes = view.mu.length ? toChanges(offsets) : [];
  const focus = Math.min(get().component, view.shares.length - 1);
  if (changes.length) await engine().explorer.setOffsets(changes, topN, focus);
  const { recs, base } = await engine().explorer.rankings(topN, focus);
  set({ user, view, baseRecs: base, recs, offsets: changes.length ? offsets : {}, dims: null, strip: null, stripDim: null, why: null });
  writeUrl();
  if (view.mu.length) await selectComponent(focus);
}

function toChanges(offsets: Record<string, number>): OffsetChange[] {
  return Object.entries(offsets).map(([key, offset]) => {
    const [k, j] = key.split(':').map(Number);
    return { k, j, offset };
  });
}

export async function selectComponent(k: number): Promise<void> {
  const changed = get().component !== k;
  set({ component: k, dims: null, strip: null, stripDim: null });
  writeUrl();
  if (changed) await refreshRankings();
  await refreshDims();
}

/** "Beyond the data range": the sliders reach −1…1 instead of the span most users cover. */
export async function setRange(range: TraversalRange): Promise<void> {
  if (get().range === range) return;
  set({ range, dims: null, strip: null });
  writeUrl();
  await refreshDims();
  void refreshStrip();
}

async function refreshDims(): Promise<void> {
  const { component: k, range, topN } = get();
  const dims = await timed('dimension effects', () => engine().explorer.dimensions(k, topN, range));
  if (get().component === k && get().range === range) set({ dims });
}

async function refreshRankings(): Promise<void> {
  invalidateMoves();
  const { topN, component } = get();
  const { recs, base } = await engine().explorer.rankings(topN, component);
  if (get().topN === topN && get().component === component) set({ recs, baseRecs: base });
}

/** Opens "Why this item" on a recommended item (the same item again closes it). */
export async function showWhy(item: number | null): Promise<void> {
  if (item === null || get().why?.item === item) {
    set({ why: null });
    return;
  }
  set({ why: { item, result: null, error: null } });
  try {
    const result = await engine().explorer.whyItem(item);
    if (get().why?.item === item) set({ why: { item, result, error: null } });
  } catch (e) {
    if (get().why?.item === item) set({ why: { item, result: null, error: errorMessage(e) } });
  }
}

/**
 * Moves one latent coordinate. The store (and slider) update at once; engine requests go one
 * at a time and carry only the latest value of each coordinate, so a fast drag never queues up
 * stale work. Offsets are rounded as the URL stores them, so a copied link scores identically.
 */
export async function setOffset(k: number, j: number, offset: number): Promise<void> {
  const key = `${k}:${j}`;
  const value = roundOffset(offset);
  if ((get().offsets[key] ?? 0) === value && !mover.busy) return;
  set((s: AppState) => {
    const offsets = { ...s.offsets };
    if (value === 0) delete offsets[key];
    else offsets[key] = value;
    return { offsets };
  });
  const { component, stripDim } = get();
  const answer = await mover({
    changes: new Map([[key, { k, j, offset: value }]]),
    since: performance.now(),
    movesStrip: k !== component || j !== stripDim,
  }).catch((e: unknown) => {
    set({ lastAction: { label: `slider failed: ${errorMessage(e)}`, ms: 0 } });
    return STALE as Stale;
  });
  if (isStale(answer)) return;
  shownPendingFrom = answer.move.since;
  set({ recs: answer.recs });
  stripStale ||= answer.move.movesStrip;
  if (mover.busy) return;
  scheduleUrlWrite();
  if (stripStale) void refreshStrip();
  stripStale = false;
  void refreshMemory();
}

/**
 * Called once a new list is committed to the DOM: the status bar then shows input → list-on-screen
 * time, not just the engine round trip.
 */
export function listShown(): void {
  if (shownPendingFrom === null) return;
  const ms = performance.now() - shownPendingFrom;
  shownPendingFrom = null;
  set({ lastAction: { label: 'slider → list on screen', ms } });
}

export async function resetOffsets(): Promise<void> {
  invalidateMoves();
  const recs = await timed('reset', () => engine().explorer.resetOffsets(get().topN, get().component));
  set({ recs, offsets: {} });
  writeUrl();
  void refreshStrip();
}

export async function setTopN(n: number): Promise<void> {
  if (!isTopN(n)) return;
  set({ topN: n });
  await refreshRankings();
  writeUrl();
  void refreshStrip();
}

export async function selectStripDim(j: number): Promise<void> {
  set({ stripDim: j });
  await refreshStrip();
}

async function refreshStrip(): Promise<void> {
  const { component, stripDim: j, topN, view, range } = get();
  if (j === null || !view?.mu.length) return;
  const strip = await engine().explorer.strip(component, j, STRIP_STEPS, Math.min(topN, STRIP_ITEMS), range, 'component');
  if (get().stripDim === j && get().component === component && get().range === range) set({ strip });
}

import type { ExportKind, MapOptions, MapProgress, MicroSource } from '../../protocol/concepts';
import { engine, engineCallback } from '../../state/actions';
import type { LoadedState } from '../../protocol/engine';
import { downloadBlob } from './download';
import { initialConceptsState, useConcepts, type ConceptsState } from './concepts-store';

const set = useConcepts.setState;
const get = useConcepts.getState;

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** True while `source` is still what the section shows (a newer model makes old answers stale). */
const current = (source: LoadedState | null) => get().source === source;

/**
 * Follows the dataset and model the app shows: a new one (demo, upload, training) drops every
 * figure and asks the engine again; the engine caches per model, so returning is cheap.
 */
export async function syncConcepts(loaded: LoadedState | null): Promise<void> {
  if (get().source === loaded) return;
  const keep: Partial<ConceptsState> = { mapOptions: get().mapOptions, showUser: get().showUser, cellScale: get().cellScale };
  set({ ...initialConceptsState(), ...keep, source: loaded });
  if (!loaded?.model || loaded.model.kind !== 'macridvae') return;
  try {
    const report = await engine().conceptsReport();
    if (!current(loaded)) return;
    set({ report });
  } catch (e) {
    if (current(loaded)) set({ reportError: describe(e) });
    return;
  }
  void loadMicro({ kind: 'users', k: 0 });
}

/**
 * Starts the map once its card is on screen: the layout keeps the engine busy for seconds, and
 * the explorer's slider requests queue behind it, so it is not computed for a page nobody scrolled to.
 */
export function computeMapWhenVisible(el: Element): () => void {
  const obs = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    obs.disconnect();
    const st = get();
    if (!st.coords && !st.mapProgress && !st.mapError) void computeMap();
  });
  obs.observe(el);
  return () => obs.disconnect();
}

export async function computeMap(options: Partial<MapOptions> = {}): Promise<void> {
  const source = get().source;
  const opts = { ...get().mapOptions, ...options };
  set({ mapOptions: opts, mapError: null, mapProgress: { stage: 'neighbours', done: 0, total: 1, fraction: 0 } });
  const mine = () => current(source) && get().mapOptions === opts;
  const onProgress = engineCallback((p: MapProgress) => {
    if (mine()) set({ mapProgress: p });
  });
  try {
    const r = await engine().conceptsMap(opts, onProgress);
    if (!mine()) return;
    set({ coords: r.coords, mapMs: r.ms, laidOut: r.laidOut, mapProgress: { stage: 'done', done: 1, total: 1, fraction: 1 } });
  } catch (e) {
    if (mine()) set({ mapError: describe(e), mapProgress: null });
  }
}

/** Selects an item (null clears); `reveal` centres the map on it (picked from a list, not on the map). */
export async function selectItem(item: number | null, reveal = false): Promise<void> {
  set({ selected: item, neighbours: null, reveal: reveal ? get().reveal + 1 : get().reveal });
  if (item === null) return;
  const source = get().source;
  const neighbours = await engine().conceptsNeighbours(item, 10);
  if (current(source) && get().selected === item) set({ neighbours });
}

export async function loadAnchors(user: number | null): Promise<void> {
  const source = get().source;
  if (user === null || !get().report) {
    set({ anchors: null });
    return;
  }
  const anchors = await engine().conceptsUserAnchors(user, 15);
  if (current(source)) set({ anchors });
}

export async function loadMicro(microSource: MicroSource): Promise<void> {
  const source = get().source;
  set({ microSource, microError: null });
  try {
    const micro = await engine().conceptsMicro(microSource);
    if (current(source) && get().microSource === microSource) set({ micro });
  } catch (e) {
    if (current(source)) set({ microError: describe(e) });
  }
}

const MIME: Record<ExportKind, string> = {
  'assignments.csv': 'text/csv;charset=utf-8',
  'vectors.tsv': 'text/tab-separated-values;charset=utf-8',
  'metadata.tsv': 'text/tab-separated-values;charset=utf-8',
};

/** Builds the file in the engine and hands it to the browser as a download (no network). */
export async function exportFile(kind: ExportKind, prefix: string): Promise<void> {
  const text = await engine().conceptsExport(kind);
  const name = kind === 'assignments.csv' ? `${prefix}-assignments.csv` : kind;
  downloadBlob(name, new Blob([text], { type: MIME[kind] }));
}

export const setConcepts = (patch: Partial<ConceptsState>) => set(patch);

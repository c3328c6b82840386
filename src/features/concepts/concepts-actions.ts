import { errorMessage } from '../../core/error-message';
import type { ExportKind, MapOptions, MapProgress, MicroSource } from '../../protocol/concepts';
import type { LoadedState } from '../../protocol/engine';
import { engine, engineCallback } from '../../state/engine';
import { isStale, latest } from '../../state/latest';
import { downloadBlob } from './download';
import { initialConceptsState, useConcepts, type ConceptsState } from './concepts-store';

const set = useConcepts.setState;
const get = useConcepts.getState;

// Latest wins for each kind of request; a new dataset or model invalidates them all.
const report = latest(() => engine().concepts.report());
const mapper = latest(
  (o: { options: MapOptions; onProgress: (p: MapProgress) => void }) => engine().concepts.map(o.options, o.onProgress),
  { overlap: true },
);
const neighbours = latest((item: number) => engine().concepts.neighbours(item, 10), { stale: 'superseded' });
const anchors = latest((user: number) => engine().concepts.userAnchors(user, 15), { stale: 'superseded' });
const micro = latest((source: MicroSource) => engine().concepts.micro(source), { stale: 'superseded' });
const all = [report, mapper, neighbours, anchors, micro];

/**
 * Follows the dataset and model the app shows: a new one (demo, upload, training) drops every
 * figure and asks the engine again; the engine caches per model, so returning is cheap.
 */
export async function syncConcepts(loaded: LoadedState | null): Promise<void> {
  if (get().source === loaded) return;
  all.forEach((r) => r.invalidate());
  const keep: Partial<ConceptsState> = { mapOptions: get().mapOptions, showUser: get().showUser, cellScale: get().cellScale };
  set({ ...initialConceptsState(), ...keep, source: loaded });
  if (!loaded?.model || loaded.model.kind !== 'macridvae') return;
  try {
    const r = await report(undefined);
    if (isStale(r)) return;
    set({ report: r });
  } catch (e) {
    set({ reportError: errorMessage(e) });
    return;
  }
  void loadMicro({ kind: 'users', k: 0 });
  // The map is laid out in a worker of its own, so it starts at once without holding up the explorer.
  void computeMap();
}

export async function computeMap(options: Partial<MapOptions> = {}): Promise<void> {
  const opts = { ...get().mapOptions, ...options };
  set({ mapOptions: opts, mapError: null, mapProgress: { stage: 'neighbours', done: 0, total: 1, fraction: 0 } });
  const onProgress = engineCallback((p: MapProgress) => {
    if (get().mapOptions === opts) set(p.coords ? { mapProgress: p, coords: p.coords } : { mapProgress: p });
  });
  try {
    const r = await mapper({ options: opts, onProgress });
    if (isStale(r)) return;
    set({ coords: r.coords, mapMs: r.ms, laidOut: r.laidOut, mapProgress: { stage: 'done', done: 1, total: 1, fraction: 1 } });
  } catch (e) {
    set({ mapError: errorMessage(e), mapProgress: null });
  }
}

/** Selects an item (null clears); `reveal` centres the map on it (picked from a list, not on the map). */
export async function selectItem(item: number | null, reveal = false): Promise<void> {
  set({ selected: item, neighbours: null, reveal: reveal ? get().reveal + 1 : get().reveal });
  if (item === null) {
    neighbours.invalidate();
    return;
  }
  const r = await neighbours(item);
  if (!isStale(r)) set({ neighbours: r });
}

export async function loadAnchors(user: number | null): Promise<void> {
  if (user === null || !get().report) {
    anchors.invalidate();
    set({ anchors: null });
    return;
  }
  const r = await anchors(user);
  if (!isStale(r)) set({ anchors: r });
}

export async function loadMicro(microSource: MicroSource): Promise<void> {
  set({ microSource, microError: null });
  try {
    const r = await micro(microSource);
    if (!isStale(r)) set({ micro: r });
  } catch (e) {
    set({ microError: errorMessage(e) });
  }
}

const MIME: Record<ExportKind, string> = {
  'assignments.csv': 'text/csv;charset=utf-8',
  'vectors.tsv': 'text/tab-separated-values;charset=utf-8',
  'metadata.tsv': 'text/tab-separated-values;charset=utf-8',
};

/** Builds the file in the engine and hands it to the browser as a download (no network). */
export async function exportFile(kind: ExportKind, prefix: string): Promise<void> {
  const text = await engine().concepts.exportText(kind);
  const name = kind === 'assignments.csv' ? `${prefix}-assignments.csv` : kind;
  downloadBlob(name, new Blob([text], { type: MIME[kind] }));
}

export const setConcepts = (patch: Partial<ConceptsState>) => set(patch);

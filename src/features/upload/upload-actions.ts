import { errorMessage } from '../../core/error-message';
import { notify, refreshLibrary } from '../../state/library';
import type { LayoutChoice, PreprocessChoice, UploadFailure, UploadPicks, UploadProgress } from '../../protocol/upload';
import { showDataset, showModel } from '../../state/dataset';
import { engine, engineCallback } from '../../state/engine';
import { isStale, latest, type Stale } from '../../state/latest';
import { useStore } from '../../state/store';
import { AUTO_LAYOUT, initialUploadState, useUpload } from './upload-store';

const set = useUpload.setState;
const get = useUpload.getState;

function failureOf(e: unknown): UploadFailure {
  const message = errorMessage(e);
  return { stage: 'files', file: null, message, problems: [], totalProblems: 0 };
}

const sameFile = (a: File, b: File) => a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

/** Opens the dialog, with files when they were dropped on the page. */
export function openUpload(files?: File[]): void {
  set({ open: true, notice: null });
  if (files?.length) void addFiles(files);
}

/** Closes the dialog and frees what the engine parsed for it; the open dataset is untouched. */
export function closeUpload(): void {
  requests.invalidate();
  if (timer !== null) clearTimeout(timer);
  const { notice } = get();
  set({ ...initialUploadState(), notice });
  void engine().upload.discard();
}

/** Adds files to the selection (a click log first, its metadata later is fine) and lists what they hold. */
export async function addFiles(files: File[]): Promise<void> {
  const before = get().files;
  const all = [...before, ...files.filter((f) => !before.some((b) => sameFile(b, f)))];
  await inspect(all);
}

export async function removeFile(index: number): Promise<void> {
  await inspect(get().files.filter((_, i) => i !== index));
}

async function inspect(files: File[]): Promise<void> {
  requests.invalidate();
  const { picks: oldPicks } = get();
  set({ files, busy: files.length ? 'inspecting' : null, failure: null, progress: null, current: false });
  if (!files.length) {
    set({ listing: null, preview: null, picks: initialUploadState().picks });
    return;
  }
  try {
    const listing = await requests(() => engine().upload.inspect(files));
    if (isStale(listing)) return;
    // A pick the user made that still exists survives adding files.
    const has = (id: string | null) => id !== null && listing.entries.some((e) => e.id === id);
    const picks: UploadPicks = {
      clicks: has(oldPicks.clicks) ? oldPicks.clicks : listing.picks.clicks,
      metadata: has(oldPicks.metadata) ? oldPicks.metadata : listing.picks.metadata,
      genres: has(oldPicks.genres) ? oldPicks.genres : listing.picks.genres,
    };
    if (picks.clicks !== oldPicks.clicks) set({ layout: AUTO_LAYOUT, preview: null });
    set({ listing, picks, busy: null });
    if (picks.clicks) void prepare();
  } catch (e) {
    set({ busy: null, failure: failureOf(e) });
  }
}

export function setPick(role: keyof UploadPicks, id: string | null): void {
  const { picks, listing } = get();
  const next = { ...picks, [role]: id };
  if (role === 'metadata') {
    const name = listing?.entries.find((e) => e.id === id)?.name.toLowerCase();
    const genres = listing?.entries.find((e) => e.name.toLowerCase() === 'u.genre');
    next.genres = name === 'u.item' ? (picks.genres ?? genres?.id ?? null) : null;
  }
  set({ picks: next, ...(role === 'clicks' ? { layout: AUTO_LAYOUT, preview: null } : {}) });
  schedule(0);
}

/** A format, delimiter or header change re-decides what depends on it (the columns); a column change keeps the rest. */
export function setLayout(patch: Partial<LayoutChoice>): void {
  const layout = { ...get().layout, ...patch };
  if ('format' in patch) Object.assign(layout, { delimiter: null, header: null, columns: null });
  else if ('delimiter' in patch || 'header' in patch) layout.columns = null;
  set({ layout });
  schedule(0);
}

export function setPreprocess(patch: Partial<PreprocessChoice>): void {
  set({ preprocess: { ...get().preprocess, ...patch } });
  schedule(350);
}

/**
 * The dialog's engine requests (listing files, previews), latest wins: each starts at once (the
 * engine stops an older read itself) and an answer to a request the user has since changed or
 * closed is dropped.
 */
const runner = latest((job: () => Promise<unknown>) => job(), { overlap: true });
const requests = Object.assign(<T>(job: () => Promise<T>) => runner(job) as Promise<T | Stale>, {
  invalidate: () => runner.invalidate(),
  get busy() {
    return runner.busy;
  },
});
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule(delay: number): void {
  requests.invalidate();
  set({ current: false });
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void prepare();
  }, delay);
}

/** Asks the engine for the preview of the current choices; an answer to an older request is dropped. */
export async function prepare(): Promise<void> {
  const { picks, layout, preprocess } = get();
  if (!picks.clicks) {
    set({ busy: null, progress: null, preview: null });
    return;
  }
  set({ busy: 'reading', current: false, progress: null, failure: null });
  let mine = true;
  const onProgress = engineCallback((p: UploadProgress) => {
    if (mine) set({ progress: p });
  });
  try {
    const preview = await requests(() => engine().upload.prepare({ picks, layout, preprocess }, onProgress));
    mine = false;
    if (isStale(preview)) return;
    set({ preview, current: !preview.cancelled, busy: null, progress: null });
  } catch (e) {
    mine = false;
    set({ busy: null, progress: null, failure: failureOf(e) });
  }
}

export function cancelReading(): void {
  void engine().upload.cancel();
}

/** Replaces the open dataset with the previewed one, then shows it (and says what became of the model). */
export async function commitDataset(): Promise<void> {
  const { preview, current } = get();
  if (!preview?.ready || !current) return;
  set({ busy: 'committing', failure: null });
  try {
    const result = await engine().upload.commit();
    await showDataset(result.loaded);
    notify(result.loaded.notice);
    void refreshLibrary();
    requests.invalidate();
    set({
      ...initialUploadState(),
      notice: { dataset: result.loaded.dataset.name, modelDropped: result.modelDropped, modelKept: result.loaded.model !== null },
    });
  } catch (e) {
    set({ busy: null, failure: failureOf(e) });
  }
}

/** Opens model.json + model.weights.bin; a model for other items is refused and the shown one stays. */
export async function loadModelFiles(files: File[]): Promise<boolean> {
  set({ modelBusy: true, modelError: null });
  try {
    const loaded = await engine().models.openFiles(files);
    useStore.setState({ points: [], bestEpoch: 0, trainState: 'idle', trainMessage: null });
    await showModel(loaded);
    notify(loaded.notice);
    void refreshLibrary();
    set({ modelBusy: false, notice: null });
    return true;
  } catch (e) {
    set({ modelBusy: false, modelError: errorMessage(e) });
    return false;
  }
}

/** Model files (a .json and a .bin or .safetensors) rather than data. */
export function looksLikeModel(files: File[]): boolean {
  return files.length === 2 && files.some((f) => /\.json$/i.test(f.name)) && files.some((f) => /\.(bin|safetensors)$/i.test(f.name));
}

/** Scrolls to the training panel and puts the focus in its form. */
export function focusTraining(): void {
  const panel = document.querySelector<HTMLElement>('[data-testid="training-panel"], .panel-training');
  if (!panel) return;
  panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
  panel.querySelector<HTMLElement>('select, input, button')?.focus({ preventScroll: true });
}

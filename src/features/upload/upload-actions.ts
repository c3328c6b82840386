import { engine, engineCallback, selectUser } from '../../state/actions';
import { useStore } from '../../state/store';
import type { LoadedState } from '../../protocol/engine';
import type { LayoutChoice, PreprocessChoice, UploadFailure, UploadPicks, UploadProgress } from '../../protocol/upload';
import { AUTO_LAYOUT, initialUploadState, useUpload } from './upload-store';

const set = useUpload.setState;
const get = useUpload.getState;

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function failureOf(e: unknown): UploadFailure {
  const message = describe(e);
  return { stage: 'files', file: null, message, problems: [], totalProblems: 0 };
}

const sameFile = (a: File, b: File) => a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

/** Opens the dialog, with files when they were dropped on the page. */
export function openImport(files?: File[]): void {
  set({ open: true, notice: null });
  if (files?.length) void addFiles(files);
}

/** Closes the dialog and frees what the engine parsed for it; the open dataset is untouched. */
export function closeImport(): void {
  ++seq;
  if (timer !== null) clearTimeout(timer);
  const { notice } = get();
  set({ ...initialUploadState(), notice });
  void engine().uploadDiscard();
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
  const mine = ++seq;
  const { picks: oldPicks } = get();
  set({ files, busy: files.length ? 'inspecting' : null, failure: null, progress: null, current: false });
  if (!files.length) {
    set({ listing: null, preview: null, picks: initialUploadState().picks });
    return;
  }
  try {
    const listing = await engine().uploadInspect(files);
    if (mine !== seq) return;
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
    if (mine === seq) set({ busy: null, failure: failureOf(e) });
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

let seq = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule(delay: number): void {
  ++seq;
  set({ current: false });
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void prepare();
  }, delay);
}

/** Asks the engine for the preview of the current choices; an answer to an older request is dropped. */
export async function prepare(): Promise<void> {
  const mine = ++seq;
  const { picks, layout, preprocess } = get();
  if (!picks.clicks) {
    set({ busy: null, progress: null, preview: null });
    return;
  }
  set({ busy: 'reading', current: false, progress: null, failure: null });
  const onProgress = engineCallback((p: UploadProgress) => {
    if (mine === seq) set({ progress: p });
  });
  try {
    const preview = await engine().uploadPrepare({ picks, layout, preprocess }, onProgress);
    if (mine !== seq) return;
    set({ preview, current: !preview.cancelled, busy: null, progress: null });
  } catch (e) {
    if (mine === seq) set({ busy: null, progress: null, failure: failureOf(e) });
  }
}

export function cancelReading(): void {
  void engine().uploadCancel();
}

/** Replaces the open dataset with the previewed one, then shows it (and says what became of the model). */
export async function commitDataset(): Promise<void> {
  const { preview, current } = get();
  if (!preview?.ready || !current) return;
  set({ busy: 'committing', failure: null });
  try {
    const result = await engine().uploadCommit();
    await showDataset(result.loaded);
    ++seq;
    set({ ...initialUploadState(), notice: { dataset: result.loaded.dataset.name, modelDropped: result.modelDropped, modelKept: result.loaded.model !== null } });
  } catch (e) {
    set({ busy: null, failure: failureOf(e) });
  }
}

/** After a dataset swap: new users and items, no selection from the old data, and a user picked when there is a model. */
async function showDataset(loaded: LoadedState): Promise<void> {
  const [users, items] = await Promise.all([engine().users(), engine().items()]);
  useStore.setState({
    loaded,
    users,
    items,
    user: null,
    view: null,
    recs: null,
    baseRecs: null,
    dims: null,
    strip: null,
    stripDim: null,
    offsets: {},
    component: 0,
    points: [],
    bestEpoch: 0,
    trainState: 'idle',
    trainMessage: null,
  });
  // The hash names a user of the old dataset.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  if (loaded.model) await selectUser(0);
}

/** Opens model.json + model.weights.bin; a model for other items is refused and the shown one stays. */
export async function loadModelFiles(files: File[]): Promise<boolean> {
  set({ modelBusy: true, modelError: null });
  try {
    const loaded = await engine().openModelFiles(files);
    const items = await engine().items();
    useStore.setState({ loaded, items, points: [], bestEpoch: 0, trainState: 'idle', trainMessage: null });
    await selectUser(useStore.getState().user ?? 0);
    set({ modelBusy: false, notice: null });
    return true;
  } catch (e) {
    set({ modelBusy: false, modelError: describe(e) });
    return false;
  }
}

/** Model files (a .json and a .bin) rather than data. */
export function looksLikeModel(files: File[]): boolean {
  return files.length === 2 && files.some((f) => /\.json$/i.test(f.name)) && files.some((f) => /\.bin$/i.test(f.name));
}

/** Scrolls to the training panel and puts the focus in its form. */
export function focusTraining(): void {
  const panel = document.querySelector<HTMLElement>('[data-testid="training-panel"], .panel-training');
  if (!panel) return;
  panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
  panel.querySelector<HTMLElement>('select, input, button')?.focus({ preventScroll: true });
}

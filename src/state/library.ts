import { errorMessage } from '../core/error-message';
import type { LoadedState } from '../protocol/engine';
import { showDataset, showModel } from './dataset';
import { engine } from './engine';
import { useStore } from './store';

const set = useStore.setState;
const get = useStore.getState;

/** Re-reads the library listing (models of the open dataset, stored datasets, storage use). */
export async function refreshLibrary(): Promise<void> {
  try {
    set({ library: await engine().library.view() });
  } catch (e) {
    set({ notice: `The model library could not be read: ${errorMessage(e)}` });
  }
}

export function notify(notice: string | null | undefined): void {
  if (notice) set({ notice });
}

export const dismissNotice = () => set({ notice: null });

async function guarded(what: string, job: () => Promise<void>): Promise<void> {
  try {
    await job();
  } catch (e) {
    set({ notice: `${what}: ${errorMessage(e)}` });
  }
  await refreshLibrary();
}

/** Makes a library model the shown one; the user and offsets stay. */
export const activateModel = (id: string) =>
  guarded('That model could not be opened', async () => {
    const loaded = await engine().library.use(id);
    if (get().lastRun?.id === id) set({ lastRun: null });
    await showModel(loaded);
  });

export const renameModel = (id: string, name: string) => guarded('The model could not be renamed', () => engine().library.rename(id, name));

export const deleteModel = (id: string) =>
  guarded('The model could not be deleted', async () => {
    await engine().library.deleteModel(id);
    if (get().lastRun?.id === id) set({ lastRun: null });
    set({ loaded: await engine().dataset.loaded() });
  });

export const openStoredDataset = (id: string) =>
  guarded('That dataset could not be opened', async () => {
    const { loaded, note } = await engine().library.openDataset(id);
    notify(note);
    await showDataset(loaded);
  });

export const deleteDataset = (id: string) => guarded('The dataset could not be deleted', () => engine().library.deleteDataset(id));

export const persistStorage = () =>
  guarded('Persistent storage could not be asked for', async () => {
    const granted = await engine().library.persist();
    if (!granted) set({ notice: 'The browser did not grant persistent storage: it may evict the library when the disk is short.' });
  });

/** Saves a library model as the CLI's two files (model.json and its weights), through the browser's download. */
export const downloadModel = (id: string) =>
  guarded('The model could not be downloaded', async () => {
    const file = await engine().library.download(id);

    save(new Blob([file.json], { type: 'application/json' }), 'model.json');
    save(new Blob([file.weights], { type: 'application/octet-stream' }), file.weightsFile);
  });

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The shown model against another for the selected user (top 20). */
export const compareWith = (id: string) =>
  guarded('The models could not be compared', async () => {
    const user = get().user;
    if (user === null) return;
    set({ comparison: await engine().library.compare(id, user, 20) });
  });

/** After an open that carries a notice (storage refused to keep it), the user hears of it. */
export function noticeOf(loaded: LoadedState): void {
  notify(loaded.notice);
}

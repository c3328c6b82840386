import { errorMessage } from '../core/error-message';
import { isBackendName } from '../protocol/constants';
import type { LoadedState } from '../protocol/engine';
import { startEngine } from '../worker/engine-client';
import { attachEngine, engine, timed } from './engine';
import { selectUser } from './selection';
import { notify, refreshLibrary } from './library';
import { useStore } from './store';
import { currentHash } from './url-sync';
import { parseHash, validateView } from './url-state';

const set = useStore.setState;
const get = useStore.getState;

/** Starts the engine, picks a backend (or the one in ?backend=), opens the demo and restores the URL's view. */
export async function boot(): Promise<void> {
  const query = new URLSearchParams(location.search);
  const forced = query.get('backend');
  try {
    set({ phase: 'starting', activity: 'starting the engine' });
    const started = await startEngine(query.has('mainthread'));
    attachEngine(started);
    set({ where: started.where, activity: 'probing TensorFlow.js backends' });
    const bufferLimit = Number(query.get('gpu-limit')) || null;
    const backend = await started.engine.init(isBackendName(forced) ? forced : null, { bufferLimit });
    const synthetic = Number(query.get('synthetic'));
    if (import.meta.env.MODE === 'test' && query.has('quota')) await started.engine.library.limitStorage(Number(query.get('quota')));
    set({
      backend,
      phase: 'loading',
      activity: synthetic
        ? `generating a synthetic catalogue of ${synthetic} items`
        : 'loading the demo: MovieLens latest-small and its MacridVAE',
    });
    const loaded = await timed('open data', () => (synthetic > 0 ? openSynthetic(synthetic) : reopen()));
    set({ activity: 'reading users and items' });
    const [users, items] = await Promise.all([engine().dataset.users(), engine().dataset.items()]);
    set({ loaded, users, items });
    await restoreView();
    set({ phase: 'ready', activity: '' });
    void refreshLibrary();
    listenToHash();
  } catch (e) {
    set({ phase: 'error', error: errorMessage(e) });
  }
}

const DEMO = 'ml-latest-small';

function openSynthetic(items: number): Promise<LoadedState> {
  return engine().dataset.openSynthetic({ users: 4000, items: Math.min(Math.floor(items), 100_000), categories: 7, seed: 98765 });
}

const openDemo = () => engine().dataset.openDemo(new URL(import.meta.env.BASE_URL, location.href).href);

/**
 * Reopens what the link names, else what was open before the reload (a stored upload, the model
 * last shown), else the demo. A link to a dataset this browser does not have opens the demo at its
 * first user, and says so: never another dataset's user #N.
 */
async function reopen(): Promise<LoadedState> {
  const asked = parseHash(location.hash).dataset;
  const session = await engine().library.lastSession();
  let target = asked === undefined ? session.dataset : null;
  if (asked !== undefined && asked !== DEMO) {
    target = await engine().library.datasetNamed(asked);
    if (!target) {
      notify(`The link names the dataset “${asked}”, which is not stored in this browser: the demo is open instead, at its first user.`);
      history.replaceState(null, '', location.pathname + location.search);
    }
  }
  if (target) {
    try {
      const { loaded, note } = await engine().library.openDataset(target);
      notify(note);
      return await sessionModel(loaded, session.model);
    } catch (e) {
      notify(`The stored dataset could not be reopened (${errorMessage(e)}): the demo is open instead.`);
    }
  }
  const loaded = await openDemo();
  notify(loaded.notice);
  return target === null && session.dataset === null ? sessionModel(loaded, session.model) : loaded;
}

/** The model last shown on this dataset, when it is still in the library. */
async function sessionModel(loaded: LoadedState, id: string | null): Promise<LoadedState> {
  if (!id || loaded.model?.libraryId === id) return loaded;
  try {
    return await engine().library.use(id);
  } catch {
    return loaded;
  }
}

async function restoreView(): Promise<void> {
  const s = get();
  const model = s.loaded?.model;
  const view = validateView(parseHash(location.hash), { userIds: s.users?.ids ?? [], K: model?.K ?? 0, d: model?.d ?? 0 });
  const asked = parseHash(location.hash).user;
  if (asked !== undefined && view.user === undefined) {
    notify(`User “${asked}” is not in ${s.loaded?.dataset.name ?? 'this dataset'}: showing its first user instead.`);
  }
  const user = view.user !== undefined ? s.users!.ids.indexOf(view.user) : 0;
  set({ topN: view.topN ?? s.topN, component: view.component ?? 0, range: view.range ?? 'data' });
  await selectUser(user, view.offsets);
}

/** A hash typed or pasted into this tab (no reload) reopens that view. replaceState fires no hashchange. */
function listenToHash(): void {
  window.addEventListener('hashchange', () => {
    if (get().phase === 'ready' && location.hash !== currentHash()) void restoreView();
  });
}

import { errorMessage } from '../core/error-message';
import { isBackendName } from '../protocol/constants';
import { startEngine } from '../worker/engine-client';
import { attachEngine, engine, timed } from './engine';
import { selectUser } from './selection';
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
    const backend = await started.engine.init(isBackendName(forced) ? forced : null);
    const synthetic = Number(query.get('synthetic'));
    set({
      backend,
      phase: 'loading',
      activity: synthetic
        ? `generating a synthetic catalogue of ${synthetic} items`
        : 'loading the demo: MovieLens latest-small and its MacridVAE',
    });
    const loaded = await timed('open demo', () =>
      synthetic > 0
        ? engine().dataset.openSynthetic({ users: 4000, items: Math.min(Math.floor(synthetic), 100_000), categories: 7, seed: 98765 })
        : engine().dataset.openDemo(new URL(import.meta.env.BASE_URL, location.href).href),
    );
    set({ activity: 'reading users and items' });
    const [users, items] = await Promise.all([engine().dataset.users(), engine().dataset.items()]);
    set({ loaded, users, items });
    await restoreView();
    set({ phase: 'ready', activity: '' });
    listenToHash();
  } catch (e) {
    set({ phase: 'error', error: errorMessage(e) });
  }
}

async function restoreView(): Promise<void> {
  const s = get();
  const model = s.loaded?.model;
  const view = validateView(parseHash(location.hash), { userIds: s.users?.ids ?? [], K: model?.K ?? 0, d: model?.d ?? 0 });
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

import type { LoadedState } from '../protocol/engine';
import { engine } from './engine';
import { selectUser } from './selection';
import { initialSelection } from './selection-slice';
import { useStore } from './store';

/** After another model was made the shown one: the items' concepts are re-read and the user is shown again, offsets kept where they fit. */
export async function showModel(loaded: LoadedState): Promise<void> {
  const before = useStore.getState();
  const same = before.loaded?.model && loaded.model && before.loaded.model.K === loaded.model.K && before.loaded.model.d === loaded.model.d;
  const items = await engine().dataset.items();
  useStore.setState({ loaded, items });
  // A model of the same shape keeps the view's slider offsets (a snapshot, a library model chosen): the comparison stays in view.
  await selectUser(before.user ?? 0, same ? before.offsets : {});
}

/**
 * After a dataset swap: new users and items, no selection or training history from the old data,
 * and the first user picked when there is a model. The hash named a user of the old dataset.
 */
export async function showDataset(loaded: LoadedState): Promise<void> {
  const [users, items] = await Promise.all([engine().dataset.users(), engine().dataset.items()]);
  useStore.setState({
    loaded,
    users,
    items,
    ...initialSelection(),
    topN: useStore.getState().topN,
    points: [],
    bestEpoch: 0,
    trainState: 'idle',
    trainMessage: null,
  });
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  if (loaded.model) await selectUser(0);
}

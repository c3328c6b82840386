import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';

/** All users (ids, roles, click counts); changes only when a dataset is opened. */
export const useUserTable = () => useStore((s) => s.users);

/** The selected user's index; null before the first user is shown. */
export const useSelectedUser = () => useStore((s) => s.user);

/**
 * What the history list needs. `view` and `items` change only when a user is selected or a model
 * replaced, so offset drags and training progress elsewhere do not re-render the list.
 */
export function useHistoryData() {
  return useStore(useShallow((s) => ({ view: s.view, items: s.items })));
}

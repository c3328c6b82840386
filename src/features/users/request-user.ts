import { create } from 'zustand';
import { errorMessage } from '../../core/error-message';
import { latest } from '../../state/latest';
import { selectUser } from '../../state/selection';

interface RequestState {
  /** the user being loaded, null when idle */
  pending: number | null;
  error: string | null;
}

/** Local to the picker: which user is loading, and why the last one failed. */
export const useUserRequest = create<RequestState>(() => ({ pending: null, error: null }));

const select = latest(async (user: number) => {
  useUserRequest.setState({ pending: user });
  await selectUser(user);
});

/**
 * Selects a user, one engine request at a time. Keys pressed while a user loads replace the
 * waiting request rather than queueing behind it, so holding Enter on a long list never leaves the
 * page showing a user other than the last one asked for.
 */
export async function requestUser(user: number): Promise<void> {
  useUserRequest.setState({ pending: user, error: null });
  try {
    await select(user);
  } catch (e) {
    useUserRequest.setState({ error: errorMessage(e) });
  }
  if (!select.busy) useUserRequest.setState({ pending: null });
}

import { create } from 'zustand';
import { selectUser } from '../../state/actions';

interface RequestState {
  /** the user being loaded, null when idle */
  pending: number | null;
  error: string | null;
}

/** Local to the picker: which user is loading, and why the last one failed. */
export const useUserRequest = create<RequestState>(() => ({ pending: null, error: null }));

let wanted: number | null = null;
let running = false;

/**
 * Selects a user, one engine request at a time. Keys pressed while a user loads replace the
 * waiting request rather than queueing behind it, so holding Enter on a long list never leaves the
 * page showing a user other than the last one asked for.
 */
export async function requestUser(user: number): Promise<void> {
  wanted = user;
  useUserRequest.setState({ pending: user, error: null });
  if (running) return;
  running = true;
  try {
    while (wanted !== null) {
      const next: number = wanted;
      wanted = null;
      useUserRequest.setState({ pending: next });
      try {
        await selectUser(next);
      } catch (e) {
        useUserRequest.setState({ error: e instanceof Error ? e.message : String(e) });
      }
    }
  } finally {
    running = false;
    useUserRequest.setState({ pending: null });
  }
}

import type { ItemTable, LoadedState, UserTable } from '../protocol/engine';

/** The open dataset and model as the panels read them. */
export interface DatasetSlice {
  loaded: LoadedState | null;
  users: UserTable | null;
  items: ItemTable | null;
}

export const initialDataset = (): DatasetSlice => ({ loaded: null, users: null, items: null });

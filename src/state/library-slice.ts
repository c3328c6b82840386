import type { LibraryView, ModelComparison } from '../protocol/library';

/** The model library and storage as the engine last reported them, and what the app must tell the user about them. */
export interface LibrarySlice {
  library: LibraryView | null;
  /** a sentence about something that was not done as asked (a link's dataset missing, storage full), until dismissed */
  notice: string | null;
  /** the last comparison of the shown model with another, for the user then selected */
  comparison: ModelComparison | null;
}

export const initialLibrary = (): LibrarySlice => ({ library: null, notice: null, comparison: null });

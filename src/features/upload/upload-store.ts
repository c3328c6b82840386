import { create } from 'zustand';
import type {
  LayoutChoice,
  PreprocessChoice,
  UploadFailure,
  UploadListing,
  UploadPicks,
  UploadPreview,
  UploadProgress,
} from '../../protocol/upload';

/** The "Open data" dialog's own state; the app's store learns of an upload only once it is used. */
export interface UploadState {
  open: boolean;
  /** the files chosen or dropped, kept to re-inspect when more are added */
  files: File[];
  listing: UploadListing | null;
  picks: UploadPicks;
  layout: LayoutChoice;
  preprocess: PreprocessChoice;
  preview: UploadPreview | null;
  /** the request the preview answers is the latest one */
  current: boolean;
  progress: UploadProgress | null;
  busy: 'inspecting' | 'reading' | 'committing' | null;
  /** an unexpected failure of the dialog itself (not a file problem) */
  failure: UploadFailure | null;
  /** what the last swap did, shown on the page after the dialog closes */
  notice: { dataset: string; modelDropped: string | null; modelKept: boolean } | null;
  /** loading model files (from the "model needed" card or the header) */
  modelBusy: boolean;
  modelError: string | null;
}

export const AUTO_LAYOUT: LayoutChoice = { format: 'auto', delimiter: null, header: null, columns: null };
export const DEFAULT_PREPROCESS: PreprocessChoice = { ratingThreshold: 3.5, minUserClicks: 5, nHeldout: null };

export const initialUploadState = (): UploadState => ({
  open: false,
  files: [],
  listing: null,
  picks: { clicks: null, metadata: null, genres: null },
  layout: AUTO_LAYOUT,
  preprocess: DEFAULT_PREPROCESS,
  preview: null,
  current: false,
  progress: null,
  busy: null,
  failure: null,
  notice: null,
  modelBusy: false,
  modelError: null,
});

export const useUpload = create<UploadState>(() => initialUploadState());

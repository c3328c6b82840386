import type { ClickFormat } from '../core/data/detect-format';
import type { DatasetStats } from '../core/data/types';
import type { LoadedState } from './engine';

/** What the page and the engine say to each other about opening a click log (re-exported by protocol.ts). */

export type { ClickFormat };

/** One readable file: a plain file, the content of a .gz, or one file inside a .zip. */
export interface UploadEntry {
  id: string;
  /** where it comes from, e.g. "ml-100k.zip › ml-100k/u.data" */
  label: string;
  /** the base name, e.g. "u.data" */
  name: string;
  container: 'file' | 'gzip' | 'zip';
  /** uncompressed bytes, null when unknown (gzip) */
  size: number | null;
  /** a guess from its name and first line */
  role: 'clicks' | 'metadata' | 'genres' | 'other';
}

export interface UploadPicks {
  clicks: string | null;
  metadata: string | null;
  /** ML-100K's u.genre, naming u.item's genre flags */
  genres: string | null;
}

export interface UploadListing {
  files: { name: string; size: number }[];
  entries: UploadEntry[];
  picks: UploadPicks;
  /** files that could not be opened (a damaged archive); the others are still listed */
  errors: UploadFailure[];
}

/** How to read the click log's rows; null fields are detected. Columns are 0-based, -1 absent. */
export interface LayoutChoice {
  format: ClickFormat | 'auto';
  delimiter: string | null;
  header: boolean | null;
  columns: { user: number; item: number; rating: number; timestamp: number } | null;
}

export interface PreprocessChoice {
  /** clicks are ratings > this; null keeps every rated row (ignored when there are no ratings) */
  ratingThreshold: number | null;
  minUserClicks: number;
  /** users in each of validation and test; null picks a size from the number of users */
  nHeldout: number | null;
}

export interface UploadRequest {
  picks: UploadPicks;
  layout: LayoutChoice;
  preprocess: PreprocessChoice;
}

export interface UploadProgress {
  phase: 'reading' | 'metadata' | 'preprocessing' | 'locating problems';
  file: string;
  /** bytes of the source read so far (compressed bytes for archives) */
  bytesRead: number;
  bytesTotal: number;
  /** lines read so far */
  rows: number;
}

export interface UploadProblem {
  /** 1-based, 0 when about the whole file */
  line: number;
  message: string;
  /** the line's text (shortened), when it could be found */
  text?: string;
}

/** A reason the upload cannot be used, shown as is. */
export interface UploadFailure {
  stage: 'files' | 'clicks' | 'metadata' | 'preprocessing';
  file: string | null;
  /** DataError's message: "u.data line 17: …", up to 5 problems and a count */
  message: string;
  problems: UploadProblem[];
  totalProblems: number;
}

export interface ClickLayoutInfo {
  format: ClickFormat;
  formatLabel: string;
  delimiter: string;
  header: string[] | null;
  nColumns: number;
  columns: { user: number; item: number; rating: number; timestamp: number };
}

export interface ClicksPreview {
  entry: string;
  name: string;
  /** null when the layout could not be decided (see the errors) */
  layout: ClickLayoutInfo | null;
  /** the first data lines, split into fields with the layout's delimiter (one field when none) */
  rows: { line: number; fields: string[] }[];
  /** counts from the parser, after the rating threshold and de-duplication; null on failure */
  parse: {
    rowsRead: number;
    belowThreshold: number;
    duplicatesDropped: number;
    clicks: number;
    users: number;
    items: number;
    hasRatings: boolean;
    ratingThreshold: number | null;
    /** what the reader did that the user should know (a Latin-1 decode, a sep= line, comment lines skipped) */
    notices: string[];
  } | null;
}

export interface MetadataPreview {
  entry: string;
  name: string;
  items: number;
  /** items of the click log's vocabulary that have an entry here */
  matched: number | null;
  categories: number;
  /** the first entries, titles as plain text */
  sample: { id: string; title: string; categories: string[] }[];
}

export interface UploadPreview {
  /** the dataset's name once used */
  name: string;
  clicks: ClicksPreview | null;
  metadata: MetadataPreview | null;
  /** after preprocessing and the split; null when something failed */
  counts: DatasetStats | null;
  /** held-out users per set used for the counts */
  nHeldout: number;
  errors: UploadFailure[];
  cancelled: boolean;
  /** true when "Use this dataset" may go ahead */
  ready: boolean;
  ms: number;
}

export interface UploadCommitResult {
  loaded: LoadedState;
  /** why the previous model was dropped, null when it was kept or there was none */
  modelDropped: string | null;
}

/** What the app lists for a file found in what the user opened (the protocol's UploadEntry is this shape). */
export interface EntryInfo {
  id: string;
  /** where it comes from, e.g. "ml-100k.zip › ml-100k/u.data" */
  label: string;
  /** the base name, e.g. "u.data" */
  name: string;
  container: 'file' | 'gzip' | 'zip';
  /** uncompressed bytes, null when unknown (gzip) */
  size: number | null;
}

export type EntryRole = 'clicks' | 'metadata' | 'genres' | 'other';

export interface RoledEntry extends EntryInfo {
  /** a guess from its name and first line */
  role: EntryRole;
}

export interface EntryPicks {
  clicks: string | null;
  metadata: string | null;
  /** ML-100K's u.genre, naming u.item's genre flags */
  genres: string | null;
}

import { DataError } from '../core/data/data-error';
import type { ClickParseReport } from '../core/data/parse-clicks';
import { buildSplit } from '../core/data/split';
import type { Split } from '../core/data/types';
import { readClickFile } from './read-input';

export interface LoadedSplit {
  split: Split;
  report: ClickParseReport;
  fileName: string;
}

export interface SplitChoice {
  nHeldout: number;
  /** rows rated above this are clicks; null keeps every rated row */
  ratingThreshold?: number | null;
  minUserClicks?: number;
}

/** Reads a click log (plain, .gz or .zip) and splits it; what the reader noticed goes to stderr. */
export async function loadSplit(file: string, choice: SplitChoice): Promise<LoadedSplit> {
  const { log, report, fileName } = await readClickFile(file, { ratingThreshold: choice.ratingThreshold });
  for (const notice of report.notices ?? []) console.error(`note: ${notice}`);
  return { split: buildSplit(log, { nHeldout: choice.nHeldout, minUserClicks: choice.minUserClicks, fileName }), report, fileName };
}

/** Prints a data error as the user should see it (no stack trace) and exits. */
export function exitOnDataError(e: unknown): never {
  if (e instanceof DataError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataError } from '../core/data/data-error';
import { parseClicks, type ClickParseReport } from '../core/data/parse-clicks';
import { buildSplit } from '../core/data/split';
import type { Split } from '../core/data/types';

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

export function loadSplit(file: string, choice: SplitChoice): LoadedSplit {
  const fileName = basename(file);
  const { log, report } = parseClicks(readFileSync(file, 'utf8'), { fileName, ratingThreshold: choice.ratingThreshold });
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

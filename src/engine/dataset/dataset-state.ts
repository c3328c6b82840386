import { DataError } from '../../core/data/data-error';
import { datasetFingerprint } from '../../core/data/fingerprint';
import { parseClicks, type ClickParseReport, type ClickParserOptions } from '../../core/data/parse-clicks';
import { parseMetadata } from '../../core/data/parse-metadata';
import { buildSplit, type SplitOptions } from '../../core/data/split';
import type { ClickLog, ItemMeta, Split } from '../../core/data/types';
import { userHistories, type UserHistories } from '../../core/data/user-histories';
import type { DatasetInfo } from '../../protocol/engine';

/** What rebuilds a dataset exactly: the parsed log and metadata and the split's settings (the library stores it). */
export interface DatasetRecipe {
  name: string;
  log: ClickLog;
  report: ClickParseReport;
  meta: Map<string, ItemMeta> | null;
  metaName: string;
  split: SplitOptions;
}

export interface DatasetState {
  info: DatasetInfo;
  /** set for uploads: what the library stores to reopen it */
  recipe?: DatasetRecipe;
  split: Split;
  users: UserHistories;
  meta: Map<string, ItemMeta> | null;
  report: ClickParseReport;
  titles: string[];
  categories: string[][];
}

export interface DatasetInput {
  name: string;
  source: DatasetInfo['source'];
  clicks: string;
  clickOptions?: ClickParserOptions;
  meta?: { name: string; bytes: Uint8Array } | null;
  split: SplitOptions;
}

/** Parses, preprocesses and splits a click log; throws DataError naming the file on bad input. */
export function buildDatasetState(input: DatasetInput): DatasetState {
  const { log, report } = parseClicks(input.clicks, { ...input.clickOptions, fileName: input.name });
  const meta = input.meta ? parseMetadata(input.meta.bytes, { fileName: input.meta.name }) : null;
  return datasetFromLog(input.name, input.source, log, report, meta, input.split, input.meta?.name);
}

/** Preprocesses and splits an already parsed click log. */
export function datasetFromLog(
  name: string,
  source: DatasetInfo['source'],
  log: ClickLog,
  report: ClickParseReport,
  meta: Map<string, ItemMeta> | null,
  splitOptions: SplitOptions,
  metaName = 'metadata',
): DatasetState {
  const split = buildSplit(log, splitOptions);
  const titles = split.itemIds.map((id) => meta?.get(id)?.title ?? `item ${id}`);
  const categories = split.itemIds.map((id) => meta?.get(id)?.categories ?? []);
  const names = new Set<string>();
  categories.forEach((cs) => cs.forEach((c) => names.add(c)));
  if (meta && split.itemIds.every((id) => !meta.has(id))) {
    throw DataError.about(metaName, 'none of its item ids appear in the click log; is it the metadata of another dataset?');
  }
  return {
    info: {
      name,
      source,
      stats: split.stats,
      fingerprint: datasetFingerprint(split),
      categories: [...names].sort(),
      hasMeta: Boolean(meta),
    },
    split,
    users: userHistories(split),
    meta,
    report,
    titles,
    categories,
  };
}

export function datasetFromRecipe(r: DatasetRecipe): DatasetState {
  return { ...datasetFromLog(r.name, 'upload', r.log, r.report, r.meta, r.split, r.metaName), recipe: r };
}

/** The report a parsed file would have, for logs made in memory (synthetic data). */
export function parseReportFor(log: ClickLog): ClickParseReport {
  return {
    format: 'delimited',
    formatLabel: 'generated in memory',
    delimiter: ',',
    header: null,
    columns: { user: 0, item: 1, rating: -1, timestamp: -1 },
    rowsRead: log.rowsRead,
    belowThreshold: 0,
    duplicatesDropped: 0,
    kept: log.users.length,
    users: log.userIds.length,
    items: log.itemIds.length,
    ratingThreshold: null,
  };
}

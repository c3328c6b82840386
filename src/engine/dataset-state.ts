import { DataError } from '../core/data/data-error';
import { datasetFingerprint } from '../core/data/fingerprint';
import { parseClicks, type ClickParseReport, type ClickParserOptions } from '../core/data/parse-clicks';
import { parseMetadata } from '../core/data/parse-metadata';
import { buildSplit, type SplitOptions } from '../core/data/split';
import type { ItemMeta, Split } from '../core/data/types';
import { userHistories, type UserHistories } from '../core/data/user-histories';
import type { DatasetInfo } from '../worker/protocol';

export interface DatasetState {
  info: DatasetInfo;
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
  const split = buildSplit(log, input.split);
  const titles = split.itemIds.map((id) => meta?.get(id)?.title ?? `item ${id}`);
  const categories = split.itemIds.map((id) => meta?.get(id)?.categories ?? []);
  const names = new Set<string>();
  categories.forEach((cs) => cs.forEach((c) => names.add(c)));
  if (meta && split.itemIds.every((id) => !meta.has(id))) {
    throw DataError.about(input.meta!.name, 'none of its item ids appear in the click log; is it the metadata of another dataset?');
  }
  return {
    info: {
      name: input.name,
      source: input.source,
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

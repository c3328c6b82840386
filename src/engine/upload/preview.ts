import { splitLine } from '../../core/data/delimited';
import { describeLayout, type ClickLayout } from '../../core/data/detect-format';
import type { ClickParserOptions, ParsedClicks } from '../../core/data/parse-clicks';
import type { ClickLog, ItemMeta } from '../../core/data/types';
import type { SourceEntry } from '../../core/source/archive';
import type { ClickLayoutInfo, ClicksPreview, LayoutChoice, MetadataPreview } from '../../protocol/upload';
import type { ClicksRead } from '../../core/source/read-clicks';

/** The pieces of an upload's preview: parser options from the dialog's choices, sample rows, metadata and layout summaries. */

const PREVIEW_ROWS = 8;
const META_SAMPLE = 6;

export function parserOptions(layout: LayoutChoice, fileName: string, ratingThreshold: number | null): ClickParserOptions {
  const c = layout.columns;
  return {
    fileName,
    ratingThreshold,
    format: layout.format,
    ...(layout.delimiter !== null ? { delimiter: layout.delimiter } : {}),
    ...(layout.header !== null ? { header: layout.header } : {}),
    ...(c
      ? { columns: { user: c.user, item: c.item, rating: c.rating < 0 ? null : c.rating, timestamp: c.timestamp < 0 ? null : c.timestamp } }
      : {}),
  };
}

/** "ml-100k" for ml-100k.zip › ml-100k/u.data, the file's own name otherwise. */
export function datasetName(entry: SourceEntry): string {
  if (entry.container === 'zip') return entry.label.split(' › ')[0].replace(/\.zip$/i, '');
  return entry.name;
}

/** MovieLens 1M/10M movies.dat is "id::title::genres"; as tabs it reads as generic item, title, categories. */
export function colonsToTabs(bytes: Uint8Array): Uint8Array {
  const newline = bytes.indexOf(10);
  const first = bytes.subarray(0, newline < 0 ? Math.min(bytes.length, 4096) : newline);
  let hasColons = false;
  for (let i = 0; i + 1 < first.length; i++) if (first[i] === 58 && first[i + 1] === 58) hasColons = true;
  if (!hasColons) return bytes;
  const out = new Uint8Array(bytes.length);
  let w = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 58 && bytes[i + 1] === 58) {
      out[w++] = 9;
      i++;
    } else out[w++] = bytes[i];
  }
  return out.subarray(0, w);
}

export function activeUsers(log: ClickLog, minUserClicks: number): number {
  const counts = new Int32Array(log.userIds.length);
  for (let r = 0; r < log.users.length; r++) counts[log.users[r]]++;
  let n = 0;
  for (let u = 0; u < counts.length; u++) if (counts[u] >= minUserClicks) n++;
  return n;
}

export function layoutInfo(l: ClickLayout): ClickLayoutInfo {
  return {
    format: l.format,
    formatLabel: describeLayout(l),
    delimiter: l.delimiter,
    header: l.header,
    nColumns: l.nColumns,
    columns: { user: l.user, item: l.item, rating: l.rating, timestamp: l.timestamp },
  };
}

export function previewRows(read: ClicksRead, layout: ClickLayout | null): ClicksPreview['rows'] {
  return read.head
    .filter((l) => !layout || l.line !== layout.headerLine)
    .slice(0, PREVIEW_ROWS)
    .map((l) => {
      const text = l.text.length > 500 ? `${l.text.slice(0, 500)}…` : l.text;
      const fields = layout ? splitLine(text, layout.delimiter) : [text];
      return { line: l.line, fields: Array.isArray(fields) ? fields : [text] };
    });
}

export function metadataPreview(entry: SourceEntry, meta: Map<string, ItemMeta>): MetadataPreview {
  const categories = new Set<string>();
  const sample: MetadataPreview['sample'] = [];
  for (const [id, m] of meta) {
    m.categories.forEach((c) => categories.add(c));
    if (sample.length < META_SAMPLE) sample.push({ id, title: m.title, categories: m.categories });
  }
  return { entry: entry.id, name: entry.name, items: meta.size, matched: null, categories: categories.size, sample };
}

/** The parser's counts and notices, as the preview shows them. */
export function parseSummary(parsed: ParsedClicks): NonNullable<ClicksPreview['parse']> {
  const r = parsed.report;
  return {
    rowsRead: r.rowsRead,
    belowThreshold: r.belowThreshold,
    duplicatesDropped: r.duplicatesDropped,
    clicks: r.kept,
    users: r.users,
    items: r.items,
    hasRatings: parsed.log.hasRatings,
    ratingThreshold: r.ratingThreshold,
    notices: r.notices ?? [],
  };
}

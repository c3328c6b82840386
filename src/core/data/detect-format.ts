import { DataError } from './data-error';
import { chooseDelimiter, delimiterName, isNumeric, normalizeName, splitLine } from './delimited';
import type { NumberedLine } from './delimited';

/** `ml-100k`: u.data; `ml-1m`: ratings.dat; `ml-csv`: ratings.csv of ml-latest-small/ml-20m. */
export type ClickFormat = 'ml-100k' | 'ml-1m' | 'ml-csv' | 'delimited';

/** A column by 0-based position or by its header name. */
export type ColumnRef = number | string;

export interface ColumnChoice {
  user?: ColumnRef;
  item?: ColumnRef;
  /** null: the file has no rating column (every row is a click) */
  rating?: ColumnRef | null;
  timestamp?: ColumnRef | null;
}

export interface LayoutOptions {
  format?: ClickFormat | 'auto';
  delimiter?: string;
  header?: boolean;
  columns?: ColumnChoice;
}

/** How the rows of a click log are laid out; column positions are 0-based, -1 when absent. */
export interface ClickLayout {
  format: ClickFormat;
  delimiter: string;
  /** the header's fields, null when the file has no header */
  header: string[] | null;
  /** line number of the header, 0 when none */
  headerLine: number;
  nColumns: number;
  user: number;
  item: number;
  rating: number;
  timestamp: number;
}

const CANDIDATE_DELIMITERS = ['::', '\t', ',', ';'];

const ALIASES = {
  user: [
    'user',
    'userid',
    'users',
    'uid',
    'customer',
    'customerid',
    'visitor',
    'visitorid',
    'reviewer',
    'reviewerid',
    'member',
    'memberid',
    'profile',
    'profileid',
    'account',
    'accountid',
    'session',
    'sessionid',
  ],
  item: [
    'item',
    'itemid',
    'items',
    'iid',
    'sid',
    'movie',
    'movieid',
    'product',
    'productid',
    'asin',
    'song',
    'songid',
    'track',
    'trackid',
    'artist',
    'artistid',
    'book',
    'bookid',
    'isbn',
    'article',
    'articleid',
    'business',
    'businessid',
    'video',
    'videoid',
    'show',
    'showid',
  ],
  rating: ['rating', 'ratings', 'score', 'stars', 'star', 'rate', 'overall', 'ratingvalue'],
  timestamp: ['timestamp', 'time', 'ts', 'date', 'datetime', 'unixreviewtime', 'createdat', 'created'],
};
const KNOWN_NAMES = new Set(Object.values(ALIASES).flat());
const ML_CSV_HEADER = ['userid', 'movieid', 'rating', 'timestamp'];

/** Works out delimiter, header and columns from the first non-blank lines of a click log. */
export function detectClickLayout(sample: NumberedLine[], options: LayoutOptions, file?: string): ClickLayout {
  const forced = options.format && options.format !== 'auto' ? options.format : null;
  const delimiter = options.delimiter ?? forcedDelimiter(forced) ?? detectDelimiter(sample, file);
  const rows = sample.map((l) => splitLine(l.text, delimiter));
  const first = rows[0];
  if (!Array.isArray(first)) throw DataError.atLine(file, sample[0].line, first.problem);
  if (first.length < 2) {
    throw DataError.atLine(
      file,
      sample[0].line,
      `expected 2–4 columns (user, item, then optionally rating and timestamp), found 1 with the ${delimiterName(delimiter)} delimiter`,
    );
  }

  const hasHeader = options.header ?? (forced ? forced === 'ml-csv' : looksLikeHeader(first, rows.slice(1)));
  const header = hasHeader ? first.map((f) => f.trim()) : null;
  const nColumns = first.length;
  const dataRows = (hasHeader ? rows.slice(1) : rows).filter((r): r is string[] => Array.isArray(r));

  const columns =
    forced === 'ml-csv' && !options.columns
      ? { user: 'userId', item: 'movieId', rating: 'rating', timestamp: 'timestamp' }
      : (options.columns ?? {});
  const auto = header ? columnsFromHeader(header) : columnsByPosition(nColumns, dataRows);
  const resolve = (ref: ColumnRef | null | undefined, fallback: number, role: string): number =>
    ref === undefined ? fallback : ref === null ? -1 : resolveColumn(ref, header, nColumns, role, file);
  const layout: ClickLayout = {
    format: 'delimited',
    delimiter,
    header,
    headerLine: hasHeader ? sample[0].line : 0,
    nColumns,
    user: resolve(columns.user, auto.user, 'user'),
    item: resolve(columns.item, auto.item, 'item'),
    rating: resolve(columns.rating, auto.rating, 'rating'),
    timestamp: resolve(columns.timestamp, auto.timestamp, 'timestamp'),
  };
  if (layout.user < 0 || layout.item < 0) {
    throw DataError.about(file, `the header (${header?.join(', ')}) names no user and item columns`);
  }
  if (layout.user === layout.item) {
    throw DataError.about(file, `the user and item ids cannot both come from column ${columnLabel(layout.user, header)}`);
  }
  if (layout.rating >= 0 && (layout.rating === layout.user || layout.rating === layout.item)) {
    throw DataError.about(file, `the rating cannot come from the user or item column ${columnLabel(layout.rating, header)}`);
  }
  layout.format = forced ?? recognizeFormat(layout);
  return layout;
}

export function describeLayout(layout: ClickLayout): string {
  switch (layout.format) {
    case 'ml-100k':
      return 'MovieLens u.data (tab-separated, no header)';
    case 'ml-1m':
      return 'MovieLens ratings.dat (user::item::rating::timestamp)';
    case 'ml-csv':
      return 'MovieLens ratings.csv';
    case 'delimited':
      return `${delimiterName(layout.delimiter)}-separated, ${layout.header ? 'with' : 'no'} header`;
  }
}

function forcedDelimiter(format: ClickFormat | null): string | null {
  switch (format) {
    case 'ml-100k':
      return '\t';
    case 'ml-1m':
      return '::';
    case 'ml-csv':
      return ',';
    default:
      return null;
  }
}

function detectDelimiter(sample: NumberedLine[], file?: string): string {
  const delimiter = chooseDelimiter(
    sample.map((l) => l.text),
    CANDIDATE_DELIMITERS,
  );
  if (delimiter === null) {
    throw DataError.atLine(
      file,
      sample[0].line,
      'expected 2–4 columns (user, item, then optionally rating and timestamp), found 1: ' +
        'no comma, tab, semicolon or "::" separates the values',
    );
  }
  return delimiter;
}

function looksLikeHeader(first: string[], rest: (string[] | { problem: string })[]): boolean {
  if (first.some((f) => KNOWN_NAMES.has(normalizeName(f)))) return true;
  const others = rest.filter((r): r is string[] => Array.isArray(r) && r.length === first.length);
  if (others.length === 0) return false;
  return first.some((f, c) => !isNumeric(f) && others.every((r) => isNumeric(r[c])));
}

interface ColumnPositions {
  user: number;
  item: number;
  rating: number;
  timestamp: number;
}

function columnsFromHeader(header: string[]): ColumnPositions {
  const names = header.map(normalizeName);
  const find = (aliases: string[]): number => names.findIndex((n) => aliases.includes(n));
  const found = {
    user: find(ALIASES.user),
    item: find(ALIASES.item),
    rating: find(ALIASES.rating),
    timestamp: find(ALIASES.timestamp),
  };
  // Unrecognised names: user and item are the first columns no other role claimed.
  const taken = new Set(Object.values(found).filter((c) => c >= 0));
  const free = names.map((_, c) => c).filter((c) => !taken.has(c));
  if (found.user < 0) found.user = free.shift() ?? -1;
  if (found.item < 0) found.item = free.shift() ?? -1;
  return found;
}

/** Without a header: user, item, then a rating, then a timestamp, as MovieLens files order them;
 *  a third column of times is a timestamp (an implicit log). */
function columnsByPosition(nColumns: number, rows: string[][]): ColumnPositions {
  const positions = { user: 0, item: 1, rating: -1, timestamp: -1 };
  if (nColumns < 3) return positions;
  const third = rows.filter((r) => r.length > 2).map((r) => r[2].trim());
  if (third.length > 0 && third.every(looksLikeTimestamp)) {
    positions.timestamp = 2;
    return positions;
  }
  positions.rating = 2;
  if (nColumns >= 4) positions.timestamp = 3;
  return positions;
}

/** Unix seconds after 1973, or an ISO-like date: never a rating. */
function looksLikeTimestamp(value: string): boolean {
  return /^\d{9,}$/.test(value) || /^\d{4}-\d\d-\d\d/.test(value);
}

function resolveColumn(ref: ColumnRef, header: string[] | null, nColumns: number, role: string, file?: string): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0 || ref >= nColumns) {
      throw DataError.about(file, `the ${role} column ${ref + 1} does not exist: the file has ${nColumns} columns`);
    }
    return ref;
  }
  if (!header) {
    throw DataError.about(file, `the ${role} column is given by name ("${ref}") but the file has no header`);
  }
  let index = header.indexOf(ref);
  if (index < 0) index = header.map(normalizeName).indexOf(normalizeName(ref));
  if (index < 0) {
    throw DataError.about(file, `no column named "${ref}" for the ${role}: the header has ${header.join(', ')}`);
  }
  return index;
}

function columnLabel(index: number, header: string[] | null): string {
  return header ? `"${header[index]}"` : String(index + 1);
}

function recognizeFormat(layout: ClickLayout): ClickFormat {
  const standardColumns = layout.nColumns === 4 && layout.user === 0 && layout.item === 1 && layout.rating === 2;
  if (layout.delimiter === '::' && !layout.header && standardColumns) return 'ml-1m';
  if (layout.delimiter === '\t' && !layout.header && standardColumns) return 'ml-100k';
  if (layout.delimiter === ',' && layout.header?.map(normalizeName).join() === ML_CSV_HEADER.join()) return 'ml-csv';
  return 'delimited';
}

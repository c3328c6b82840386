import { DataError, ProblemLog } from './data-error';
import {
  binaryProblem,
  chooseDelimiter,
  countLineBreaks,
  delimiterName,
  isBlank,
  normalizeName,
  numberedLines,
  splitLine,
} from './delimited';
import type { NumberedLine } from './delimited';
import type { ItemMeta } from './types';

/** `movies-csv`: MovieLens movies.csv; `u-item`: ML-100K u.item; `delimited`: item,title[,category]. */
export type MetadataFormat = 'movies-csv' | 'u-item' | 'delimited';

export interface MetadataOptions {
  /** named in error messages */
  fileName?: string;
  format?: MetadataFormat | 'auto';
  /** the text of ML-100K's u.genre, naming u.item's genre flags; default ML100K_GENRES */
  uGenre?: string;
}

export const ML100K_GENRES: readonly string[] = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

const NO_GENRES = '(no genres listed)';
const U_ITEM_FIXED_COLUMNS = 5;
const GENERIC_DELIMITERS = ['\t', ',', ';', '|'];
const SAMPLE_LINES = 50;
const ID_NAMES = ['item', 'itemid', 'id', 'movieid', 'movie', 'productid', 'product', 'asin', 'sid', 'itemhash'];
const TITLE_NAMES = ['title', 'name', 'itemname', 'movietitle', 'producttitle'];
const CATEGORY_NAMES = ['category', 'categories', 'genre', 'genres', 'cate', 'cateid', 'categoryid', 'tag', 'tags'];

/**
 * Item titles and categories by item id. Bytes are decoded as UTF-8, except u.item, which
 * MovieLens ships in Latin-1 (and any file that is not valid UTF-8).
 */
export function parseMetadata(input: string | Uint8Array, options: MetadataOptions = {}): Map<string, ItemMeta> {
  const file = options.fileName;
  const forced = options.format && options.format !== 'auto' ? options.format : null;
  const text = typeof input === 'string' ? input : decodeBytes(input, forced);
  const bad = binaryProblem(text, true);
  if (bad) throw DataError.atLine(file, 1 + countLineBreaks(text, bad.offset), bad.message);
  const lines = numberedLines(text).filter((l) => !isBlank(l.text));
  if (lines.length === 0) throw DataError.about(file, 'the file is empty');

  const format = forced ?? detectMetadataFormat(lines[0].text);
  const layout: DelimitedLayout =
    format === 'u-item'
      ? uItemLayout(options.uGenre)
      : format === 'movies-csv'
        ? { delimiter: ',', hasHeader: true, nColumns: 3, id: 0, title: 1, category: 2 }
        : delimitedLayout(lines, file);

  const problems = new ProblemLog(file);
  const meta = new Map<string, ItemMeta>();
  for (const { line, text: content } of layout.hasHeader ? lines.slice(1) : lines) {
    const fields = format === 'u-item' ? content.split('|') : splitLine(content, layout.delimiter);
    if (!Array.isArray(fields)) {
      problems.add(line, fields.problem);
      continue;
    }
    if (fields.length !== layout.nColumns) {
      problems.add(line, `expected ${layout.nColumns} columns, found ${fields.length}`);
      continue;
    }
    const id = fields[layout.id].trim();
    if (id === '') {
      problems.add(line, 'missing item id');
      continue;
    }
    const title = layout.title >= 0 ? fields[layout.title].trim() : id;
    let categories: string[];
    const genres = layout.genres;
    if (genres) {
      const flags = fields.slice(U_ITEM_FIXED_COLUMNS);
      const wrong = flags.findIndex((f) => f.trim() !== '0' && f.trim() !== '1');
      if (wrong >= 0) {
        problems.add(line, `genre flag "${flags[wrong]}" (${genres[wrong]}) is not 0 or 1`);
        continue;
      }
      categories = genres.filter((_, g) => flags[g].trim() === '1');
    } else {
      categories = layout.category >= 0 ? splitCategories(fields[layout.category], layout.delimiter) : [];
    }
    // Duplicate ids keep their first entry, as the click parser keeps the first click.
    if (!meta.has(id)) meta.set(id, { title: title || id, categories });
  }
  problems.throwIfAny();
  if (meta.size === 0) throw DataError.about(file, 'the file has only a header line and no data rows');
  return meta;
}

/** The genre names of ML-100K's u.genre (`name|index` lines), in index order. */
export function parseGenreList(text: string, fileName = 'u.genre'): string[] {
  const names: string[] = [];
  const problems = new ProblemLog(fileName);
  for (const { line, text: content } of numberedLines(text)) {
    if (isBlank(content)) continue;
    const bar = content.lastIndexOf('|');
    const indexText = content.slice(bar + 1).trim();
    const index = Number(indexText);
    if (bar <= 0 || !/^\d+$/.test(indexText) || names[index] !== undefined) {
      problems.add(line, `expected "genre name|index" with a new index, found "${content}"`);
      continue;
    }
    names[index] = content.slice(0, bar).trim();
  }
  problems.throwIfAny();
  if (names.length === 0) throw DataError.about(fileName, 'the file is empty');
  for (let g = 0; g < names.length; g++) {
    if (names[g] === undefined) throw DataError.about(fileName, `genre index ${g} is missing`);
  }
  return names;
}

interface DelimitedLayout {
  delimiter: string;
  hasHeader: boolean;
  nColumns: number;
  id: number;
  title: number;
  category: number;
  /** u.item only: the names of the genre flag columns after the fixed five */
  genres?: readonly string[];
}

function uItemLayout(uGenre: string | undefined): DelimitedLayout {
  const genres = uGenre === undefined ? ML100K_GENRES : parseGenreList(uGenre);
  return { delimiter: '|', hasHeader: false, nColumns: U_ITEM_FIXED_COLUMNS + genres.length, id: 0, title: 1, category: -1, genres };
}

function decodeBytes(bytes: Uint8Array, forced: MetadataFormat | null): string {
  const latin1 = decodeLatin1(bytes);
  const newline = latin1.indexOf('\n');
  const firstLine = newline < 0 ? latin1 : latin1.slice(0, newline);
  if ((forced ?? detectMetadataFormat(firstLine)) === 'u-item') return latin1;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return latin1;
  }
}

/** Latin-1 maps each byte to the code point of the same value (TextDecoder's "latin1" is windows-1252). */
function decodeLatin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
  }
  return parts.join('');
}

function detectMetadataFormat(firstLine: string): MetadataFormat {
  const line = firstLine.replace(/^\ufeff/, '').replace(/\r$/, '');
  const fields = line.split('|');
  if (fields.length > U_ITEM_FIXED_COLUMNS && fields.slice(U_ITEM_FIXED_COLUMNS).every((f) => f === '0' || f === '1')) {
    return 'u-item';
  }
  if (line.split(',').map(normalizeName).join() === 'movieid,title,genres') return 'movies-csv';
  return 'delimited';
}

function delimitedLayout(lines: NumberedLine[], file?: string): DelimitedLayout {
  const delimiter = chooseDelimiter(
    lines.slice(0, SAMPLE_LINES).map((l) => l.text),
    GENERIC_DELIMITERS,
  );
  if (delimiter === null) {
    throw DataError.atLine(
      file,
      lines[0].line,
      'expected 2–3 columns (item id, title, then optionally categories), found 1: no tab, comma, semicolon or "|" separates the values',
    );
  }
  const first = splitLine(lines[0].text, delimiter);
  if (!Array.isArray(first)) throw DataError.atLine(file, lines[0].line, first.problem);
  const names = first.map(normalizeName);
  const find = (aliases: string[]): number => names.findIndex((n) => aliases.includes(n));
  const named = { id: find(ID_NAMES), title: find(TITLE_NAMES), category: find(CATEGORY_NAMES) };
  const hasHeader = named.id >= 0 || named.title >= 0 || named.category >= 0;
  if (!hasHeader) {
    return { delimiter, hasHeader, nColumns: first.length, id: 0, title: 1, category: first.length > 2 ? 2 : -1 };
  }
  const id = named.id >= 0 ? named.id : [0, 1, 2].find((c) => c !== named.title && c !== named.category)!;
  if (id >= first.length) {
    throw DataError.about(file, `the header (${first.join(', ')}) names no item id column (${delimiterName(delimiter)}-separated)`);
  }
  return { delimiter, hasHeader, nColumns: first.length, id, title: named.title, category: named.category };
}

function splitCategories(value: string, delimiter: string): string[] {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === NO_GENRES) return [];
  const parts = delimiter === '|' ? [trimmed] : trimmed.split('|');
  return parts.map((p) => p.trim()).filter((p) => p !== '' && p !== NO_GENRES);
}

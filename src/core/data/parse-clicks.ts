import { DataError, ProblemLog } from './data-error';
import { oddQuotes, parseDecimalComma, parseNumber, shorten, trimSpan } from './fields';
import { binaryProblem, countLineBreaks, splitLine } from './delimited';
import type { NumberedLine } from './delimited';
import { missingMarker } from './degenerate';
import { describeLayout, detectClickLayout } from './detect-format';
import type { ClickFormat, ClickLayout, LayoutOptions } from './detect-format';
import { IdTable } from './id-table';
import { dropDuplicatePairs } from './interactions';
import type { ClickLog } from './types';

export interface ClickParserOptions extends LayoutOptions {
  /** named in error messages */
  fileName?: string;
  /** rows with rating > threshold are clicks (default 3.5, as the official prep.py);
   *  null keeps every rated row; ignored when the log has no rating column */
  ratingThreshold?: number | null;
}

export interface ClickParseReport {
  format: ClickFormat;
  /** e.g. "MovieLens ratings.csv" or "semicolon-separated, no header" */
  formatLabel: string;
  delimiter: string;
  header: string[] | null;
  /** 0-based positions, -1 when absent */
  columns: { user: number; item: number; rating: number; timestamp: number };
  /** data rows read (header and blank lines excluded) */
  rowsRead: number;
  belowThreshold: number;
  duplicatesDropped: number;
  kept: number;
  users: number;
  items: number;
  /** the threshold applied, null when every row was kept */
  ratingThreshold: number | null;
  /** things read in a way worth telling (a decimal comma, a Latin-1 file, lines skipped) */
  notices?: string[];
}

export interface ParsedClicks {
  log: ClickLog;
  report: ClickParseReport;
}

/** Streaming click-log parser: push text chunks in order (any split), then finish. */
export interface ClickParser {
  push(chunk: string): void;
  finish(): ParsedClicks;
}

export const DEFAULT_RATING_THRESHOLD = 3.5;

/** Lines looked at before the layout is decided. */
const SAMPLE_LINES = 50;
const USER_START = 0;
const USER_END = 1;
const ITEM_START = 2;
const ITEM_END = 3;
const RATING_START = 4;
const RATING_END = 5;

export function createClickParser(options: ClickParserOptions = {}): ClickParser {
  return new StreamingClickParser(options);
}

export function parseClicks(text: string, options: ClickParserOptions = {}): ParsedClicks {
  const parser = createClickParser(options);
  parser.push(text);
  return parser.finish();
}

class StreamingClickParser implements ClickParser {
  private readonly file?: string;
  private readonly problems: ProblemLog;
  private readonly threshold: number | null;
  private pending = '';
  private lineNo = 0;
  private started = false;
  private finished = false;
  private sample: NumberedLine[] = [];
  private layout: ClickLayout | null = null;

  private readonly userTable = new IdTable();
  private readonly itemTable = new IdTable();
  /** start and end of the user, item and rating values of the row being read */
  private readonly at = new Int32Array(6);
  // Logs are usually grouped by user, so most rows skip the user lookup.
  private lastUser = '';
  private lastUserIndex = -1;
  private users = new Int32Array(1 << 16);
  private items = new Int32Array(1 << 16);
  private ratings = new Float32Array(1 << 16);
  private kept = 0;
  private rowsRead = 0;
  private belowThreshold = 0;
  private open: { line: number; text: string } | null = null;
  private sepHint: string | null = null;
  private headerText: string | null = null;
  private commentLines = 0;
  private repeatedHeaders = 0;
  private decimalCommas = 0;

  constructor(private readonly options: ClickParserOptions) {
    this.file = options.fileName;
    this.problems = new ProblemLog(options.fileName);
    this.threshold = options.ratingThreshold === undefined ? DEFAULT_RATING_THRESHOLD : options.ratingThreshold;
  }

  push(chunk: string): void {
    if (this.finished) throw new Error('push() after finish()');
    if (chunk.length === 0) return;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const bad = binaryProblem(chunk, this.lineNo === 0 && this.pending === '');
    if (bad) throw DataError.atLine(this.file, this.lineNo + 1 + countLineBreaks(chunk, bad.offset), bad.message);

    const text = this.pending + chunk;
    let start = 0;
    // Position of the next quote, searched once per chunk so quote-free lines cost nothing.
    let quote = text.indexOf('"');
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      if (quote >= 0 && quote < start) quote = text.indexOf('"', start);
      this.line(text, start, end, quote >= 0 && quote < end);
      start = end + 1;
    }
    this.pending = text.slice(start);
  }

  finish(): ParsedClicks {
    if (this.finished) throw new Error('finish() called twice');
    this.finished = true;
    if (this.pending.length > 0) {
      const last = this.pending;
      this.pending = '';
      this.line(last, 0, last.length, last.includes('"'));
    }
    if (this.open !== null) throw DataError.atLine(this.file, this.open.line, 'a quoted value opened on this line is never closed');
    if (!this.layout) {
      if (this.sample.length === 0) throw DataError.about(this.file, 'the file is empty');
      this.decideLayout();
    }
    this.problems.throwIfAny();
    const layout = this.layout!;
    if (this.rowsRead === 0) throw DataError.about(this.file, 'the file has only a header line and no data rows');

    const hasRatings = layout.rating >= 0;
    const kept = dropDuplicatePairs(this.users, this.items, this.ratings, this.kept, this.userTable.ids.length, this.itemTable.ids.length);
    const duplicatesDropped = this.kept - kept;
    this.kept = kept;
    const log: ClickLog = {
      userIds: this.userTable.ids,
      itemIds: this.itemTable.ids,
      users: this.users.slice(0, this.kept),
      items: this.items.slice(0, this.kept),
      ratings: hasRatings ? this.ratings.slice(0, this.kept) : new Float32Array(this.kept).fill(NaN),
      hasRatings,
      rowsRead: this.rowsRead,
    };
    const applied = hasRatings ? this.threshold : null;
    if (applied !== null) log.ratingThreshold = applied;
    return {
      log,
      report: {
        format: layout.format,
        formatLabel: describeLayout(layout),
        delimiter: layout.delimiter,
        header: layout.header,
        columns: { user: layout.user, item: layout.item, rating: layout.rating, timestamp: layout.timestamp },
        rowsRead: this.rowsRead,
        belowThreshold: this.belowThreshold,
        duplicatesDropped,
        kept: this.kept,
        users: this.userTable.ids.length,
        items: this.itemTable.ids.length,
        ratingThreshold: applied,
        notices: this.notices(),
      },
    };
  }

  private line(text: string, start: number, end: number, hasQuote: boolean): void {
    const lineNo = ++this.lineNo;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    // RFC 4180: a quoted field may hold line breaks; its lines are joined and read as the line it starts on.
    if (this.open !== null || (hasQuote && oddQuotes(text, start, end))) {
      const joined = this.open === null ? text.slice(start, end) : `${this.open.text}\n${text.slice(start, end)}`;
      const openLine = this.open?.line ?? lineNo;
      if (oddQuotes(joined, 0, joined.length)) {
        this.open = { line: openLine, text: joined };
        return;
      }
      this.open = null;
      this.lineNo = lineNo;
      this.complete(joined, 0, joined.length, openLine, true);
      return;
    }
    this.complete(text, start, end, lineNo, hasQuote);
  }

  private complete(text: string, start: number, end: number, lineNo: number, hasQuote: boolean): void {
    let first = start;
    while (first < end && text.charCodeAt(first) <= 32) first++;
    if (text.charCodeAt(first) === 35) {
      this.commentLines++;
      return;
    }
    if (this.layout) {
      this.record(text, start, end, lineNo, hasQuote);
      return;
    }
    const content = text.slice(start, end);
    if (content.trim() === '') return;
    const sep = this.sample.length === 0 && this.options.delimiter === undefined ? /^"?sep=(.)"?$/i.exec(content.trim()) : null;
    if (sep) {
      this.sepHint = sep[1];
      return;
    }
    this.sample.push({ line: lineNo, text: content });
    if (this.sample.length >= SAMPLE_LINES) this.decideLayout();
  }

  private decideLayout(): void {
    const options = this.sepHint === null ? this.options : { ...this.options, delimiter: this.sepHint };
    this.layout = detectClickLayout(this.sample, options, this.file);
    if (this.layout.headerLine > 0) this.headerText = this.sample[0].text.trim();
    for (const { line, text } of this.sample) this.record(text, 0, text.length, line, text.includes('"'));
    this.sample = [];
  }

  private record(text: string, start: number, end: number, lineNo: number, hasQuote: boolean): void {
    const layout = this.layout!;
    if (lineNo === layout.headerLine) return;
    let first = start;
    while (first < end && text.charCodeAt(first) <= 32) first++;
    if (first === end) return;
    const header = this.headerText;
    if (header !== null && text.startsWith(header, first) && text.slice(first, end).trim() === header) {
      this.repeatedHeaders++;
      return;
    }

    const at = this.at;
    if (hasQuote) {
      const fields = splitLine(text.slice(start, end), layout.delimiter);
      if (!Array.isArray(fields)) {
        this.problems.add(lineNo, fields.problem);
        return;
      }
      // The unquoted values go into one scratch string so both paths share row().
      const user = fields[layout.user] ?? '';
      const item = fields[layout.item] ?? '';
      const rating = layout.rating >= 0 ? (fields[layout.rating] ?? '') : '';
      at[USER_START] = 0;
      at[USER_END] = user.length;
      at[ITEM_START] = user.length + 1;
      at[ITEM_END] = at[ITEM_START] + item.length;
      at[RATING_START] = at[ITEM_END] + 1;
      at[RATING_END] = at[RATING_START] + rating.length;
      this.row(`${user}\n${item}\n${rating}`, lineNo, fields.length);
      return;
    }

    const { delimiter, user, item, rating } = layout;
    let column = 0;
    for (let from = start; ; column++) {
      let next = text.indexOf(delimiter, from);
      if (next < 0 || next > end) next = end;
      if (column === user) {
        at[USER_START] = from;
        at[USER_END] = next;
      } else if (column === item) {
        at[ITEM_START] = from;
        at[ITEM_END] = next;
      } else if (column === rating) {
        at[RATING_START] = from;
        at[RATING_END] = next;
      }
      if (next === end) break;
      from = next + delimiter.length;
    }
    this.row(text, lineNo, column + 1);
  }

  /** Checks and stores one row whose user, item and rating lie in `text` at the spans in this.at. */
  private row(text: string, lineNo: number, nFields: number): void {
    const layout = this.layout!;
    if (nFields !== layout.nColumns) {
      this.problems.add(lineNo, `expected ${layout.nColumns} columns, found ${nFields}`);
      return;
    }
    const at = this.at;
    trimSpan(text, at, USER_START);
    if (at[USER_START] === at[USER_END]) {
      this.problems.add(lineNo, 'missing user id');
      return;
    }
    trimSpan(text, at, ITEM_START);
    if (at[ITEM_START] === at[ITEM_END]) {
      this.problems.add(lineNo, 'missing item id');
      return;
    }
    const userMarker = missingMarker(text, at[USER_START], at[USER_END]);
    const marker = userMarker ?? missingMarker(text, at[ITEM_START], at[ITEM_END]);
    if (marker !== null) {
      this.problems.add(
        lineNo,
        `the ${userMarker === null ? 'item' : 'user'} id "${marker}" marks a missing value, not an id: remove or fill in such rows`,
      );
      return;
    }
    let rating = NaN;
    if (layout.rating >= 0) {
      trimSpan(text, at, RATING_START);
      const from = at[RATING_START];
      const to = at[RATING_END];
      if (from === to) {
        this.problems.add(lineNo, 'missing rating');
        return;
      }
      rating = parseNumber(text, from, to);
      if (Number.isNaN(rating) && layout.delimiter !== ',') {
        rating = parseDecimalComma(text.slice(from, to));
        if (!Number.isNaN(rating)) this.decimalCommas++;
      }
      if (Number.isNaN(rating)) {
        this.problems.add(lineNo, `rating "${shorten(text.slice(from, to))}" is not a number`);
        return;
      }
      if (rating < 0) {
        this.problems.add(lineNo, `rating ${shorten(text.slice(from, to))} is negative`);
        return;
      }
    }
    this.rowsRead++;
    // Once the load has failed, keep reading only to count the problems.
    if (this.problems.count > 0) return;
    if (layout.rating >= 0 && this.threshold !== null && !(rating > this.threshold)) {
      this.belowThreshold++;
      return;
    }

    const userStart = at[USER_START];
    const userEnd = at[USER_END];
    let u = this.lastUserIndex;
    if (u < 0 || userEnd - userStart !== this.lastUser.length || !text.startsWith(this.lastUser, userStart)) {
      u = this.userTable.intern(text, userStart, userEnd);
      this.lastUser = this.userTable.ids[u];
      this.lastUserIndex = u;
    }
    const i = this.itemTable.intern(text, at[ITEM_START], at[ITEM_END]);
    if (this.kept === this.users.length) this.grow();
    this.users[this.kept] = u;
    this.items[this.kept] = i;
    this.ratings[this.kept] = rating;
    this.kept++;
  }

  private notices(): string[] {
    const notes: string[] = [];
    const where = this.file ? `${this.file}: ` : '';
    if (this.sepHint !== null) notes.push(`${where}the first line "sep=${this.sepHint}" set the delimiter`);
    if (this.commentLines)
      notes.push(`${where}${this.commentLines} comment line${this.commentLines === 1 ? '' : 's'} (starting with #) skipped`);
    if (this.repeatedHeaders)
      notes.push(
        `${where}the header line repeats ${this.repeatedHeaders} time${this.repeatedHeaders === 1 ? '' : 's'} further down; skipped`,
      );
    if (this.decimalCommas)
      notes.push(
        `${where}${this.decimalCommas} rating${this.decimalCommas === 1 ? '' : 's'} written with a decimal comma ("4,5") read as decimals`,
      );
    return notes;
  }

  private grow(): void {
    const size = this.users.length * 2;
    const users = new Int32Array(size);
    users.set(this.users);
    const items = new Int32Array(size);
    items.set(this.items);
    const ratings = new Float32Array(size);
    ratings.set(this.ratings);
    this.users = users;
    this.items = items;
    this.ratings = ratings;
  }
}

import { DataError } from '../data/data-error';
import { numberedLines, type NumberedLine } from '../data/delimited';
import { createClickParser, type ClickParserOptions, type ParsedClicks } from '../data/parse-clicks';
import type { SourceEntry } from './archive';
import { detectEncoding, nonTableKind, nonTableText } from '../data/sniff';
import { errorMessage } from '../error-message';

/** Thrown out of a read when a newer request or the Cancel button replaced it. */
export class UploadCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UploadCancelled';
  }
}

export interface CancelToken {
  /** throws UploadCancelled once the read should stop */
  check(): void;
}

export interface ReadProgress {
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}

export interface StreamOptions {
  chunkSize?: number;
  cancel?: CancelToken;
  onProgress?: (p: ReadProgress) => void;
  /** least time between two progress reports */
  progressMs?: number;
  /** decode as Windows-1252 (what a read that found invalid UTF-8 falls back to) */
  latin1?: boolean;
}

/** A macrotask (setTimeout exists in Node, workers and pages alike), so cancel messages get through between chunks. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Lines looked at to decide the layout: the parser's own sample size. */
export const HEAD_LINES = 50;
const HEAD_MAX_CHARS = 256 << 10;

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Thrown by a UTF-8 read that met bytes UTF-8 cannot hold: the caller reads again as Windows-1252. */
class NotUtf8 extends Error {}

export const LATIN1_NOTICE = 'is not valid UTF-8: it was read as Latin-1 (Windows-1252), as older MovieLens files are written';

/**
 * Decodes an entry chunk by chunk (a character split across chunks is kept whole) and hands
 * each piece of text to `sink`; the sink returns false to stop early. The first bytes decide
 * the encoding (UTF-8, or UTF-16 by BOM or NUL pattern) and refuse files that are no text
 * table (named as what they are); a file with only CR line ends (classic Mac) is read as lines.
 * Between chunks it yields a macrotask, so cancel messages get through, and reports progress at
 * most every progressMs.
 */
export async function streamText(
  entry: SourceEntry,
  sink: (text: string) => boolean | void,
  options: StreamOptions = {},
): Promise<ReadProgress> {
  const progress: ReadProgress = { bytesRead: 0, bytesTotal: entry.sourceSize, rows: 0 };
  const every = options.progressMs ?? 100;
  let last = performance.now();
  const report = (force: boolean) => {
    const now = performance.now();
    if (options.onProgress && (force || now - last >= every)) {
      last = now;
      options.onProgress({ ...progress });
    }
  };
  options.cancel?.check();
  const chunks = entry.chunks(options.chunkSize);
  let decoder: TextDecoder | null = null;
  let crOnly = false;
  let stopped = false;
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder!.decode(bytes, { stream: true }) : decoder!.decode();
    } catch {
      throw new NotUtf8();
    }
  };
  try {
    for await (const c of chunks) {
      options.cancel?.check();
      if (!decoder) {
        const kind = nonTableKind(c.bytes);
        if (kind) throw DataError.about(entry.name, `this is ${kind}, not a click log: save the table as CSV (user, item, rating) first`);
        const encoding = options.latin1 ? 'windows-1252' : detectEncoding(c.bytes);
        decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
      }
      let text = decode(c.bytes);
      if (progress.bytesRead === 0 && text.length) {
        const kind = nonTableText(text);
        if (kind) throw DataError.about(entry.name, `this is ${kind}, not a click log: save the table as CSV (user, item, rating) first`);
        crOnly = !text.includes('\n') && text.includes('\r');
      }
      if (crOnly) text = text.replace(/\r/g, '\n');
      progress.bytesRead = c.sourceBytes;
      progress.rows += countNewlines(text);
      if (text.length && sink(text) === false) {
        stopped = true;
        break;
      }
      report(false);
      await nextTask();
    }
  } finally {
    if (stopped) await chunks.return(undefined);
  }
  options.cancel?.check();
  if (!stopped && decoder) {
    const rest = decode();
    if (rest.length) sink(crOnly ? rest.replace(/\r/g, '\n') : rest);
  }
  report(true);
  return progress;
}

/** streamText, read again as Windows-1252 when the bytes are not UTF-8; `restart` resets the sink first. */
async function streamAnyText(
  entry: SourceEntry,
  sink: (text: string) => boolean | void,
  options: StreamOptions,
  restart: () => void,
): Promise<{ progress: ReadProgress; latin1: boolean }> {
  try {
    return { progress: await streamText(entry, sink, options), latin1: Boolean(options.latin1) };
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
    restart();
    return { progress: await streamText(entry, sink, { ...options, latin1: true }), latin1: true };
  }
}

/** Keeps the first lines of a text stream (the parser's layout sample, and the preview's rows). */
class HeadCollector {
  private text = '';
  private cut = false;
  private done = false;

  add(chunk: string): void {
    if (this.done) return;
    const room = HEAD_MAX_CHARS - this.text.length;
    if (chunk.length > room) this.cut = true;
    this.text += chunk.slice(0, room);
    if (this.cut || this.lines(false).length >= HEAD_LINES + 1) this.done = true;
  }

  /** Non-blank lines with their numbers; the last line only when the stream ended there (not cut). */
  lines(streamEnded: boolean): NumberedLine[] {
    const all = numberedLines(this.text);
    if ((!streamEnded || this.cut) && !this.text.endsWith('\n')) all.pop();
    return all.filter((l) => l.text.trim() !== '');
  }
}

export interface ClicksRead {
  parsed: ParsedClicks | null;
  /** what parsing threw (a DataError for bad input) */
  error: unknown;
  /** the first non-blank lines, up to HEAD_LINES + 1 */
  head: NumberedLine[];
  /** the bytes were not UTF-8 and were read as Windows-1252 */
  latin1: boolean;
}

/** Streams an entry through createClickParser; never holds the whole text. */
export async function readClicks(entry: SourceEntry, parserOptions: ClickParserOptions, options: StreamOptions = {}): Promise<ClicksRead> {
  const fileName = parserOptions.fileName ?? entry.name;
  let parser = createClickParser({ ...parserOptions, fileName });
  let head = new HeadCollector();
  let ended = false;
  let latin1 = false;
  try {
    ({ latin1 } = await streamAnyText(
      entry,
      (text) => {
        head.add(text);
        parser.push(text);
      },
      options,
      () => {
        parser = createClickParser({ ...parserOptions, fileName });
        head = new HeadCollector();
      },
    ));
    ended = true;
    const parsed = parser.finish();
    if (latin1) parsed.report.notices = [`${fileName} ${LATIN1_NOTICE}`, ...(parsed.report.notices ?? [])];
    return { parsed, error: null, head: head.lines(true).slice(0, HEAD_LINES + 1), latin1 };
  } catch (e) {
    if (e instanceof UploadCancelled) throw e;
    return { parsed: null, error: e, head: head.lines(ended).slice(0, HEAD_LINES + 1), latin1 };
  }
}

/** The text of some lines of an entry (numbered as the parser numbers them), read up to the last one wanted. */
export async function findLines(
  entry: SourceEntry,
  wanted: number[],
  options: StreamOptions = {},
  maxChars = 200,
): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const want = new Set(wanted.filter((l) => l > 0));
  if (want.size === 0) return found;
  const lastWanted = Math.max(...want);
  let lineNo = 1;
  let partial = '';
  const keep = (n: number, text: string) => {
    if (!want.has(n)) return;
    const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
    found.set(n, clean.length > maxChars ? `${clean.slice(0, maxChars)}…` : clean);
  };
  await streamText(
    entry,
    (text) => {
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        if (want.has(lineNo)) keep(lineNo, partial + text.slice(start, end));
        partial = '';
        lineNo++;
        start = end + 1;
        if (lineNo > lastWanted) return false;
      }
      // Only the wanted line's beginning is kept, so a huge line costs no memory.
      if (want.has(lineNo) && partial.length < maxChars + 1) partial += text.slice(start, start + maxChars + 1);
      return true;
    },
    options,
  );
  if (partial && want.has(lineNo)) keep(lineNo, partial);
  return found;
}

/** A DataError's problems, or the message of anything else thrown, as plain data. */
export function problemsOf(e: unknown): {
  file: string | null;
  message: string;
  problems: { line: number; message: string }[];
  totalProblems: number;
} {
  if (e instanceof DataError) {
    return { file: e.file ?? null, message: e.message, problems: e.problems.map((p) => ({ ...p })), totalProblems: e.totalProblems };
  }
  const message = errorMessage(e);
  return { file: null, message, problems: [{ line: 0, message }], totalProblems: 1 };
}

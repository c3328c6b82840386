import { DataError } from '../../core/data/data-error';
import { numberedLines, type NumberedLine } from '../../core/data/delimited';
import { createClickParser, type ClickParserOptions, type ParsedClicks } from '../../core/data/parse-clicks';
import type { SourceEntry } from './archive';
import { nextMacrotask } from '../host/yield';
import { errorMessage } from '../../core/error-message';

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
}

/** Lines looked at to decide the layout: the parser's own sample size. */
export const HEAD_LINES = 50;
const HEAD_MAX_CHARS = 256 << 10;

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Decodes an entry as UTF-8, chunk by chunk (a character split across chunks is kept whole),
 * and hands each piece of text to `sink`; the sink returns false to stop early. Between chunks
 * it yields a macrotask, so cancel messages get through, and reports progress at most every
 * progressMs.
 */
export async function streamText(
  entry: SourceEntry,
  sink: (text: string) => boolean | void,
  options: StreamOptions = {},
): Promise<ReadProgress> {
  const decoder = new TextDecoder('utf-8');
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
  let stopped = false;
  try {
    for await (const c of chunks) {
      options.cancel?.check();
      const text = decoder.decode(c.bytes, { stream: true });
      progress.bytesRead = c.sourceBytes;
      progress.rows += countNewlines(text);
      if (text.length && sink(text) === false) {
        stopped = true;
        break;
      }
      report(false);
      await nextMacrotask();
    }
  } finally {
    if (stopped) await chunks.return(undefined);
  }
  options.cancel?.check();
  if (!stopped) {
    const rest = decoder.decode();
    if (rest.length) sink(rest);
  }
  report(true);
  return progress;
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
}

/** Streams an entry through createClickParser; never holds the whole text. */
export async function readClicks(entry: SourceEntry, parserOptions: ClickParserOptions, options: StreamOptions = {}): Promise<ClicksRead> {
  const parser = createClickParser({ ...parserOptions, fileName: parserOptions.fileName ?? entry.name });
  const head = new HeadCollector();
  let error: unknown = null;
  let ended = false;
  try {
    await streamText(
      entry,
      (text) => {
        head.add(text);
        parser.push(text);
      },
      options,
    );
    ended = true;
    return { parsed: parser.finish(), error: null, head: head.lines(true).slice(0, HEAD_LINES + 1) };
  } catch (e) {
    if (e instanceof UploadCancelled) throw e;
    error = e;
  }
  return { parsed: null, error, head: head.lines(ended).slice(0, HEAD_LINES + 1) };
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

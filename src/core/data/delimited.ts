/** Fields of one line, or why the line's quoting is broken. */
export type SplitResult = string[] | { problem: string };

/**
 * Splits one line on `delimiter` with RFC 4180 quoting: a field that starts with `"` (after
 * optional spaces) runs to the matching `"`, may hold delimiters, and writes a literal quote
 * as `""`. A quoted field must end on its own line; quotes inside an unquoted field are text.
 */
export function splitLine(line: string, delimiter: string): SplitResult {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let open = i;
    while (line.charCodeAt(open) === 32) open++;
    if (line.charCodeAt(open) === 34) {
      let value = '';
      let from = open + 1;
      for (;;) {
        const close = line.indexOf('"', from);
        if (close < 0) return { problem: `unterminated quote in column ${fields.length + 1}` };
        value += line.slice(from, close);
        if (line.charCodeAt(close + 1) === 34) {
          value += '"';
          from = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      while (line.charCodeAt(i) === 32) i++;
      fields.push(value);
      if (i >= line.length) return fields;
      if (!line.startsWith(delimiter, i)) {
        return { problem: `unexpected text after the closing quote in column ${fields.length}` };
      }
      i += delimiter.length;
    } else {
      const next = line.indexOf(delimiter, i);
      if (next < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, next));
      i = next + delimiter.length;
    }
  }
}

/**
 * The candidate that splits the most lines into one same number (≥ 2) of fields; on a tie,
 * the one giving more fields ("1;2;4,5" is semicolon-separated with a decimal comma).
 * Null when no candidate splits any line.
 */
export function chooseDelimiter(lines: string[], candidates: string[]): string | null {
  let best: string | null = null;
  let bestScore = 0;
  let bestFields = 0;
  for (const delimiter of candidates) {
    const tally = new Map<number, number>();
    for (const line of lines) {
      const fields = splitLine(line, delimiter);
      if (Array.isArray(fields) && fields.length >= 2) tally.set(fields.length, (tally.get(fields.length) ?? 0) + 1);
    }
    for (const [nFields, score] of tally) {
      if (score > bestScore || (score === bestScore && nFields > bestFields)) {
        best = delimiter;
        bestScore = score;
        bestFields = nFields;
      }
    }
  }
  return best;
}

export interface NumberedLine {
  /** 1-based */
  line: number;
  text: string;
}

/** Lines of a whole text with their numbers; strips a BOM and the CR of CRLF endings. */
export function numberedLines(text: string): NumberedLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split('\n').map((raw, i) => ({
    line: i + 1,
    text: raw.endsWith('\r') ? raw.slice(0, -1) : raw,
  }));
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number as pandas would read it (no hex, no "Infinity", no blanks). */
export function isNumeric(value: string): boolean {
  return NUMBER.test(value.trim());
}

/** Lower-case letters and digits only, so "User ID", "user_id" and "userId" compare equal. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function delimiterName(delimiter: string): string {
  switch (delimiter) {
    case ',':
      return 'comma';
    case '\t':
      return 'tab';
    case ';':
      return 'semicolon';
    case '|':
      return 'pipe';
    default:
      return `"${delimiter}"`;
  }
}

/**
 * Why a text is not a readable text file, or null: NUL bytes mean a binary file, U+FFFD means
 * bytes a UTF-8 decoder could not read, and archive signatures get their own hint.
 */
export function binaryProblem(text: string, atFileStart: boolean): { offset: number; message: string } | null {
  if (atFileStart) {
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (text.startsWith('PK\u0003\u0004', start)) {
      return { offset: start, message: 'this is a ZIP archive; extract the file inside it first' };
    }
    if (text.charCodeAt(start) === 0x1f && (text.charCodeAt(start + 1) === 0x8b || text.charCodeAt(start + 1) === 0xfffd)) {
      return { offset: start, message: 'this is a gzip-compressed file; decompress it first' };
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { offset: nul, message: 'contains NUL bytes: this looks like a binary file, not text' };
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) return { offset: bad, message: 'contains bytes that are not valid UTF-8 text' };
  return null;
}

/** Number of line breaks in text[0, end). */
export function countLineBreaks(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

import { isNumeric } from './delimited';

/** Reading one field of a row: spans, numbers, quotes. */

const MAX_SHOWN_VALUE = 40;

/** Narrows the span at[k]..at[k + 1] of text to leave out surrounding spaces and tabs. */
export function trimSpan(text: string, at: Int32Array, k: number): void {
  let from = at[k];
  let to = at[k + 1];
  while (from < to && text.charCodeAt(from) <= 32) from++;
  while (to > from && text.charCodeAt(to - 1) <= 32) to--;
  at[k] = from;
  at[k + 1] = to;
}

/** text[from, to) as a number: plain decimals ("4", "4.5") by a fast path, other forms by
 *  `Number` after a strict check; NaN when it is not a number. */
export function parseNumber(text: string, from: number, to: number): number {
  let mantissa = 0;
  let scale = 1;
  let afterPoint = false;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (afterPoint) scale *= 10;
      digits++;
    } else if (c === 46 && !afterPoint) {
      afterPoint = true;
    } else {
      return parseOther(text.slice(from, to));
    }
  }
  // Exact integers divided by an exact power of ten round correctly, like Number() does.
  if (digits > 0 && digits <= 15) return mantissa / scale;
  return parseOther(text.slice(from, to));
}

/** "4,5" as 4.5: one comma between digits, the way much of Europe writes decimals. */
export function parseDecimalComma(value: string): number {
  return /^[+-]?\d+,\d+$/.test(value) ? Number(value.replace(',', '.')) : NaN;
}

/** Whether text[from, to) holds an odd number of double quotes (a quoted field is still open). */
export function oddQuotes(text: string, from: number, to: number): boolean {
  let odd = false;
  for (let i = text.indexOf('"', from); i >= 0 && i < to; i = text.indexOf('"', i + 1)) odd = !odd;
  return odd;
}

function parseOther(value: string): number {
  return isNumeric(value) ? Number(value) : NaN;
}

export function shorten(value: string): string {
  return value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value;
}

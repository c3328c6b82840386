/** Ids whose plain decimal value is below this are found by array lookup instead of hashing. */
const DENSE_LIMIT = 1 << 22;

/**
 * Interns external ids (strings) to indices 0, 1, 2… in order of first appearance, reading
 * them straight out of a larger text. Canonical decimal ids ("42", not "042"), as in every
 * MovieLens file, skip both the substring and the hash lookup.
 */
export class IdTable {
  readonly ids: string[] = [];
  private readonly byString = new Map<string, number>();
  private dense = new Int32Array(1024).fill(-1);

  /** The index of text[start, end), added if new. */
  intern(text: string, start: number, end: number): number {
    const value = denseValue(text, start, end);
    if (value >= 0) {
      if (value >= this.dense.length) this.growDense(value);
      const known = this.dense[value];
      if (known >= 0) return known;
      return (this.dense[value] = this.add(text.slice(start, end)));
    }
    const id = text.slice(start, end);
    const known = this.byString.get(id);
    if (known !== undefined) return known;
    const index = this.add(id);
    this.byString.set(id, index);
    return index;
  }

  private add(id: string): number {
    this.ids.push(id);
    return this.ids.length - 1;
  }

  private growDense(value: number): void {
    let size = this.dense.length;
    while (size <= value) size *= 2;
    const dense = new Int32Array(size).fill(-1);
    dense.set(this.dense);
    this.dense = dense;
  }
}

/** The value of a canonical decimal below DENSE_LIMIT, else -1. */
function denseValue(text: string, start: number, end: number): number {
  const length = end - start;
  if (length === 0 || length > 7 || (length > 1 && text.charCodeAt(start) === 48)) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value < DENSE_LIMIT ? value : -1;
}

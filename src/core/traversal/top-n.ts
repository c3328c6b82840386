/** Top-N selection and list diffs for the traversal panel. Pure TypeScript. */

/**
 * Indices of the n largest `values`, best first, in O(M log n) with a size-n min-heap.
 * Ties go to the lower index; NaN counts as −∞. Items with `exclude[i] !== 0` are skipped, and
 * so are items with `include[i] === 0` when `include` is given. Returns fewer than n indices when
 * fewer items are eligible.
 */
export function topNIndices(
  values: ArrayLike<number>,
  n: number,
  exclude?: Uint8Array | null,
  include?: Uint8Array | null,
): Int32Array {
  const M = values.length;
  const cap = Math.max(0, Math.min(Math.floor(n), M));
  if (cap === 0) return new Int32Array(0);
  const hIdx = new Int32Array(cap);
  const hVal = new Float64Array(cap);
  let size = 0;
  for (let i = 0; i < M; i++) {
    if (exclude && exclude[i] !== 0) continue;
    if (include && include[i] === 0) continue;
    let v = values[i];
    if (v !== v) v = -Infinity;
    if (size < cap) {
      // Sift up: the root holds the worst kept item (smallest value, then largest index).
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (worse(v, i, hVal[p], hIdx[p])) {
          hVal[c] = hVal[p];
          hIdx[c] = hIdx[p];
          c = p;
        } else break;
      }
      hVal[c] = v;
      hIdx[c] = i;
    } else if (v > hVal[0]) {
      // Indices are scanned in increasing order, so an equal value never beats the root.
      siftDown(hVal, hIdx, size, v, i);
    }
  }
  const order = Array.from({ length: size }, (_, t) => t);
  order.sort((a, b) => (hVal[b] - hVal[a]) || (hIdx[a] - hIdx[b]) || 0);
  const out = new Int32Array(size);
  for (let t = 0; t < size; t++) out[t] = hIdx[order[t]];
  return out;
}

function worse(va: number, ia: number, vb: number, ib: number): boolean {
  return va < vb || (va === vb && ia > ib);
}

function siftDown(hVal: Float64Array, hIdx: Int32Array, size: number, v: number, i: number): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    const r = l + 1;
    const w = r < size && worse(hVal[r], hIdx[r], hVal[l], hIdx[l]) ? r : l;
    if (worse(hVal[w], hIdx[w], v, i)) {
      hVal[c] = hVal[w];
      hIdx[c] = hIdx[w];
      c = w;
    } else break;
  }
  hVal[c] = v;
  hIdx[c] = i;
}

export interface RankedEntry {
  item: number;
  /** 0-based rank in `after`. */
  rank: number;
  /** 0-based rank in `before`, or null when the item entered the list. */
  prevRank: number | null;
  /** prevRank − rank (positive = moved up), or null when the item entered. */
  change: number | null;
}

export interface LeftEntry {
  item: number;
  /** 0-based rank it had in `before`. */
  prevRank: number;
}

export interface TopNDiff {
  /** One entry per item of `after`, in `after`'s order. */
  entries: RankedEntry[];
  /** Items of `before` that are not in `after`, in `before`'s order. */
  left: LeftEntry[];
}

/** How the top-N list changed from `before` to `after` (both best first, no duplicates). */
export function diffTopN(before: Int32Array, after: Int32Array): TopNDiff {
  const prev = new Map<number, number>();
  for (let r = 0; r < before.length; r++) if (!prev.has(before[r])) prev.set(before[r], r);
  const now = new Set<number>(after);
  const entries: RankedEntry[] = [];
  for (let r = 0; r < after.length; r++) {
    const p = prev.get(after[r]);
    entries.push(
      p === undefined
        ? { item: after[r], rank: r, prevRank: null, change: null }
        : { item: after[r], rank: r, prevRank: p, change: p - r },
    );
  }
  const left: LeftEntry[] = [];
  for (let r = 0; r < before.length; r++) {
    if (!now.has(before[r]) && prev.get(before[r]) === r) left.push({ item: before[r], prevRank: r });
  }
  return { entries, left };
}

/** |A ∩ B| / |A ∪ B| of two index lists (1 when both are empty). */
export function jaccard(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const sa = new Set<number>(a);
  let inter = 0;
  const sb = new Set<number>();
  for (const x of b) {
    if (sb.has(x)) continue;
    sb.add(x);
    if (sa.has(x)) inter++;
  }
  return inter / (sa.size + sb.size - inter);
}

/**
 * The one top-N selection of the project (metrics, traversal, concepts): a size-n min-heap, so
 * O(M log n) and no full sort. Ties go to the lower index and NaN counts as −∞, as numpy's
 * argsort over the official code's scores does.
 */

export interface TopNOptions {
  /** items with exclude[i] !== 0 are left out */
  exclude?: Uint8Array | null;
  /** when given, only items with include[i] !== 0 take part */
  include?: Uint8Array | null;
  /**
   * Rank excluded items as −∞ instead of leaving them out, so they fill the list only when too few
   * others exist: the official evaluation sets fold-in scores to −∞ before its argpartition.
   */
  excludedLast?: boolean;
  /** read values[offset .. offset + length) (one row of a batch), indices relative to offset */
  offset?: number;
  length?: number;
}

/** Reusable heap buffers for many selections of the same n (one per user of a batch). */
export class TopNSelector {
  private readonly hVal: Float64Array;
  private readonly hIdx: Int32Array;

  constructor(readonly n: number) {
    const cap = Math.max(0, Math.floor(n));
    this.hVal = new Float64Array(cap);
    this.hIdx = new Int32Array(cap);
  }

  /** Writes the best min(n, eligible) indices into `out` (best first) and returns how many. */
  selectInto(values: ArrayLike<number>, out: Int32Array, options: TopNOptions = {}): number {
    const { exclude = null, include = null, excludedLast = false, offset = 0 } = options;
    const M = options.length ?? values.length - offset;
    const hVal = this.hVal;
    const hIdx = this.hIdx;
    const cap = Math.min(hVal.length, M);
    if (cap <= 0) return 0;
    let size = 0;
    let root = -Infinity;
    for (let i = 0; i < M; i++) {
      let v: number = values[offset + i];
      const out = (exclude !== null && exclude[i] !== 0) || (include !== null && include[i] === 0);
      if (out) {
        if (!excludedLast) continue;
        v = -Infinity;
      } else if (v !== v) v = -Infinity;
      if (size < cap) {
        // i is the largest index so far, so on a tie it is the worse entry: sift up past strictly smaller values only.
        let c = size++;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (hVal[p] < v) break;
          hVal[c] = hVal[p];
          hIdx[c] = hIdx[p];
          c = p;
        }
        hVal[c] = v;
        hIdx[c] = i;
        root = hVal[0];
      } else if (v > root) {
        siftDown(hVal, hIdx, 0, size, v, i);
        root = hVal[0];
      }
    }
    for (let end = size - 1; end >= 0; end--) {
      out[end] = hIdx[0];
      siftDown(hVal, hIdx, 0, end, hVal[end], hIdx[end]);
    }
    return size;
  }

  select(values: ArrayLike<number>, options: TopNOptions = {}): Int32Array {
    const out = new Int32Array(this.hVal.length);
    return out.subarray(0, this.selectInto(values, out, options)).slice();
  }
}

/** Indices of the n largest values, best first (fewer when fewer items are eligible). */
export function topNIndices(values: ArrayLike<number>, n: number, options: TopNOptions = {}): Int32Array {
  return new TopNSelector(n).select(values, options);
}

/** The root holds the worst kept entry: the smallest value, then the largest index. */
function worse(va: number, ia: number, vb: number, ib: number): boolean {
  return va < vb || (va === vb && ia > ib);
}

function siftDown(hVal: Float64Array, hIdx: Int32Array, start: number, size: number, v: number, i: number): void {
  let c = start;
  for (;;) {
    let child = 2 * c + 1;
    if (child >= size) break;
    if (child + 1 < size && worse(hVal[child + 1], hIdx[child + 1], hVal[child], hIdx[child])) child++;
    if (!worse(hVal[child], hIdx[child], v, i)) break;
    hVal[c] = hVal[child];
    hIdx[c] = hIdx[child];
    c = child;
  }
  hVal[c] = v;
  hIdx[c] = i;
}

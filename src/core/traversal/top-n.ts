/** List diffs for the traversal panel. Pure TypeScript. */

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
      p === undefined ? { item: after[r], rank: r, prevRank: null, change: null } : { item: after[r], rank: r, prevRank: p, change: p - r },
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

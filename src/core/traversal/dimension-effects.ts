/**
 * What one latent dimension does to one component's own ranking (c_ik · exp(cos(z_k, h_i)/τ),
 * history excluded): which items rise and fall as z_kj goes from the low end of its range to the
 * high end, and which item properties (categories, release year, popularity) the top-n gains or
 * loses. Pure TypeScript on a LatentScorer: every probe is the O(M) slider update, no tfjs.
 */
import type { TraversalScorer } from './scorer';

/** Item properties a description can use; each is optional (a click log may have no metadata). */
export interface ItemFacts {
  titles?: readonly string[];
  categories?: readonly (readonly string[])[];
  /** release year per item, NaN where unknown */
  years?: Float32Array;
  /** training clicks per item */
  popularity?: Float32Array;
}

export interface CategoryShift {
  name: string;
  /** items of the category in the top-n at the low and the high end */
  from: number;
  to: number;
  /** (to + ½) / (from + ½): > 1 when the category gains as the coordinate goes up */
  ratio: number;
}

export interface MeanShift {
  from: number;
  to: number;
}

export interface DimensionEffect {
  j: number;
  /** the range probed, absolute values of z_kj */
  lo: number;
  hi: number;
  /** the top-n size the shares are counted in */
  n: number;
  /** items of the top-n at the high end that gained most rank from the low end, best first */
  rises: Int32Array;
  /** items of the top-n at the low end that lost most rank towards the high end */
  falls: Int32Array;
  /** how many of the n items at the high end were not in the top-n at the low end */
  replaced: number;
  /** the category whose count in the top-n moves most (only when it moves by at least MIN_CATEGORY_MOVE) */
  category: CategoryShift | null;
  /** mean release year of the top-n at both ends (only when it moves by at least MIN_YEAR_MOVE) */
  year: MeanShift | null;
  /** median training clicks of the top-n at both ends (only when it changes by MIN_POPULARITY_RATIO) */
  popularity: MeanShift | null;
}

/** The thresholds below which a shift is not reported: a description names only what moved. */
export const MIN_CATEGORY_MOVE = 3;
export const MIN_YEAR_MOVE = 5;
export const MIN_POPULARITY_RATIO = 2;
const SHOWN_ITEMS = 2;
/** ranks are tracked this far down; an item further down counts as ranked here */
const DEPTH = 5;

/**
 * The effect of every dimension j of component k over [lo[j], hi[j]], measured from the scorer's
 * current state (other offsets kept), which is restored bit-exactly afterwards. O(d · M log n).
 */
export function dimensionEffects(
  scorer: TraversalScorer,
  k: number,
  n: number,
  range: { lo: ArrayLike<number>; hi: ArrayLike<number> },
  facts: ItemFacts,
): DimensionEffect[] {
  const d = scorer.d;
  if (range.lo.length !== d || range.hi.length !== d) throw new RangeError(`dimensionEffects: range must have d = ${d} entries`);
  const saved = scorer.snapshot();
  try {
    return Array.from({ length: d }, (_, j) => {
      const original = scorer.offset(k, j);
      scorer.setValue(k, j, range.lo[j]);
      const low = scorer.componentTopN(k, DEPTH * n).items;
      scorer.setValue(k, j, range.hi[j]);
      const high = scorer.componentTopN(k, DEPTH * n).items;
      scorer.setOffset(k, j, original);
      return effectBetween(j, range.lo[j], range.hi[j], low, high, n, facts);
    });
  } finally {
    scorer.restore(saved);
  }
}

/** The effect between two rankings (best first, at least n long where the catalogue allows). */
export function effectBetween(
  j: number,
  lo: number,
  hi: number,
  low: Int32Array,
  high: Int32Array,
  n: number,
  facts: ItemFacts,
): DimensionEffect {
  const depth = Math.max(low.length, high.length);
  const rankIn = (list: Int32Array) => {
    const at = new Map<number, number>();
    list.forEach((item, r) => at.set(item, r));
    return (item: number) => at.get(item) ?? depth;
  };
  const lowRank = rankIn(low);
  const highRank = rankIn(high);
  const topLow = low.subarray(0, n);
  const topHigh = high.subarray(0, n);
  const moved = (list: Int32Array, gain: (i: number) => number) =>
    Int32Array.from(
      Array.from(list)
        .map((item, r) => ({ item, r, g: gain(item) }))
        .filter((x) => x.g > 0)
        .sort((a, b) => b.g - a.g || a.r - b.r)
        .slice(0, SHOWN_ITEMS),
      (x) => x.item,
    );
  const lowSet = new Set(topLow);
  return {
    j,
    lo,
    hi,
    n,
    rises: moved(topHigh, (i) => lowRank(i) - highRank(i)),
    falls: moved(topLow, (i) => highRank(i) - lowRank(i)),
    replaced: Array.from(topHigh).filter((i) => !lowSet.has(i)).length,
    category: facts.categories ? categoryShift(topLow, topHigh, facts.categories) : null,
    year: facts.years ? yearShift(topLow, topHigh, facts.years) : null,
    popularity: facts.popularity ? popularityShift(topLow, topHigh, facts.popularity) : null,
  };
}

function categoryShift(low: Int32Array, high: Int32Array, categories: readonly (readonly string[])[]): CategoryShift | null {
  const count = (list: Int32Array) => {
    const m = new Map<string, number>();
    for (const i of list) for (const c of categories[i] ?? []) m.set(c, (m.get(c) ?? 0) + 1);
    return m;
  };
  const a = count(low);
  const b = count(high);
  let best: CategoryShift | null = null;
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const from = a.get(name) ?? 0;
    const to = b.get(name) ?? 0;
    if (Math.abs(to - from) < MIN_CATEGORY_MOVE) continue;
    const ratio = (to + 0.5) / (from + 0.5);
    const size = (Math.max(from, to) + 0.5) / (Math.min(from, to) + 0.5);
    const bestSize = best ? (Math.max(best.from, best.to) + 0.5) / (Math.min(best.from, best.to) + 0.5) : -1;
    // On a tie the category that gains wins: "↑ Horror" reads as what the direction brings.
    if (size > bestSize || (size === bestSize && ratio > 1 && best!.ratio < 1)) best = { name, from, to, ratio };
  }
  return best;
}

function yearShift(low: Int32Array, high: Int32Array, years: Float32Array): MeanShift | null {
  const mean = (list: Int32Array) => {
    let s = 0;
    let c = 0;
    for (const i of list) {
      if (Number.isFinite(years[i])) {
        s += years[i];
        c++;
      }
    }
    return c ? s / c : NaN;
  };
  const from = mean(low);
  const to = mean(high);
  return Math.abs(to - from) >= MIN_YEAR_MOVE ? { from, to } : null;
}

function popularityShift(low: Int32Array, high: Int32Array, popularity: Float32Array): MeanShift | null {
  const median = (list: Int32Array) => {
    const v = Float64Array.from(list, (i) => popularity[i]).sort();
    if (v.length === 0) return NaN;
    const m = v.length >> 1;
    return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
  };
  const from = median(low);
  const to = median(high);
  const ratio = (Math.max(from, to) + 1) / (Math.min(from, to) + 1);
  return ratio >= MIN_POPULARITY_RATIO ? { from, to } : null;
}

const trimTitle = (t: string) => t.replace(/\s*\(\d{4}\)\s*$/, '').replace(/^(.*), (The|A|An)$/, '$2 $1');

/**
 * A one-line description, e.g. "↑ Alien, The Thing · ↓ Toy Story · Horror 2→9 of 20 (×3.4)".
 * Arrows say what rises or falls as the coordinate goes up; each shift carries its numbers.
 */
export function describeEffect(e: DimensionEffect, facts: ItemFacts): string {
  const title = (i: number) => trimTitle(facts.titles?.[i] || `item ${i}`);
  const parts: string[] = [];
  if (e.rises.length) parts.push(`↑ ${Array.from(e.rises, title).join(', ')}`);
  if (e.falls.length) parts.push(`↓ ${Array.from(e.falls, title).join(', ')}`);
  if (e.category) {
    const { name, from, to, ratio } = e.category;
    parts.push(`${ratio > 1 ? '↑' : '↓'} ${name} ${from}→${to} of ${e.n} (×${(ratio > 1 ? ratio : 1 / ratio).toFixed(1)})`);
  }
  if (e.year) parts.push(`${e.year.to > e.year.from ? '↑ newer' : '↑ older'} (${Math.round(e.year.from)}→${Math.round(e.year.to)})`);
  if (e.popularity) {
    const { from, to } = e.popularity;
    parts.push(`${to > from ? '↑ more popular' : '↑ less popular'} (median ${fmt(from)}→${fmt(to)} clicks)`);
  }
  return parts.length ? parts.join(' · ') : `no change in the top ${e.n}`;
}

const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : '?');

/** Release years from titles ending in "(1995)" (MovieLens style); NaN where there is none. */
export function yearsFromTitles(titles: readonly string[]): Float32Array {
  return Float32Array.from(titles, (t) => {
    const m = /\((\d{4})(?:[–-]\d{0,4})?\)\s*$/.exec(t ?? '');
    return m ? Number(m[1]) : NaN;
  });
}

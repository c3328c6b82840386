/** Traversals (SPEC §5.3) and per-dimension sensitivity on top of a LatentScorer. */
import type { TopN } from './latent-scorer';
import type { TraversalScorer } from './scorer';
import { evenlySpaced } from './ranges';
import { jaccard } from './top-n';

export interface StripStep extends TopN {
  /** The absolute value z_kj used for this step. */
  value: number;
}

/**
 * Which list a traversal watches: the full mixture (what reaches the user) or component k's own
 * ranking c_ik · exp(s_ik) (what the dimension means; the mixture's other components hold it still).
 */
export type TraversalList = 'mixture' | 'component';

const listOf = (scorer: TraversalScorer, k: number, n: number, list: TraversalList): TopN =>
  list === 'component' ? scorer.componentTopN(k, n) : scorer.topN(n);

/**
 * The paper's traversal figure: the top-n of `list` (history excluded) at each of
 * `values` (absolute values of coordinate z_kj, e.g. {@link evenlySpaced} over a slider range),
 * all other coordinates (and any offsets already set) fixed. The scorer's state is restored
 * bit-exactly afterwards. Cost O(|values| · M log n).
 */
export function traversalStrip(
  scorer: TraversalScorer,
  k: number,
  j: number,
  values: readonly number[],
  n: number,
  list: TraversalList = 'mixture',
): StripStep[] {
  const saved = scorer.snapshot();
  try {
    return values.map((value) => {
      scorer.setValue(k, j, value);
      return { value, ...listOf(scorer, k, n, list) };
    });
  } finally {
    scorer.restore(saved);
  }
}

/**
 * How much each dimension j of component k moves the top-n of `list`: 1 − mean_v Jaccard(base, top-n at
 * z_kj = v), over `probes` (default 5) evenly spaced values v of [range.lo[j], range.hi[j]]
 * (absolute values of z_kj, e.g. from componentSliderRanges). The base is the current top-n, with
 * all offsets already set. 0 = the list never changes, 1 = it is replaced entirely at every probe.
 * Each dimension is probed from the base state; the scorer is restored bit-exactly afterwards.
 * Cost O(d · probes · M log n) using the O(M) slider update.
 */
export function dimensionSensitivity(
  scorer: TraversalScorer,
  k: number,
  n: number,
  range: { lo: ArrayLike<number>; hi: ArrayLike<number> },
  probes = 5,
  list: TraversalList = 'mixture',
): Float32Array {
  const d = scorer.d;
  if (range.lo.length !== d || range.hi.length !== d) throw new RangeError(`dimensionSensitivity: range must have d = ${d} entries`);
  const out = new Float32Array(d);
  if (probes <= 0) return out;
  const saved = scorer.snapshot();
  try {
    const base = listOf(scorer, k, n, list).items;
    if (list === 'component' && scorer.componentProbe) {
      for (let j = 0; j < d; j++) {
        const values = evenlySpaced(range.lo[j], range.hi[j], probes);
        let sum = 0;
        for (const v of values) sum += jaccard(base, scorer.componentProbe(k, j, v, n));
        out[j] = 1 - sum / values.length;
      }
      return out;
    }
    for (let j = 0; j < d; j++) {
      const original = scorer.offset(k, j);
      let sum = 0;
      const values = evenlySpaced(range.lo[j], range.hi[j], probes);
      for (const v of values) {
        scorer.setValue(k, j, v);
        sum += jaccard(base, listOf(scorer, k, n, list).items);
      }
      scorer.setOffset(k, j, original);
      out[j] = 1 - sum / values.length;
    }
  } finally {
    scorer.restore(saved);
  }
  return out;
}

/** Dimension indices sorted by decreasing sensitivity (ties → lower index; NaN last). */
export function rankDimensions(sensitivity: ArrayLike<number>): Int32Array {
  const key = (j: number) => (Number.isNaN(sensitivity[j]) ? -Infinity : sensitivity[j]);
  const order = Array.from({ length: sensitivity.length }, (_, j) => j);
  order.sort((a, b) => key(b) - key(a) || a - b);
  return Int32Array.from(order);
}

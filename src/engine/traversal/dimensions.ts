import {
  componentSliderRanges,
  describeEffect,
  dimensionEffects,
  dimensionSensitivity,
  rankDimensions,
  yearsFromTitles,
  type DimensionRanges,
  type ItemFacts,
  type TraversalScorer,
} from '../../core/traversal';
import type { DimensionInfo, TraversalRange } from '../../protocol/engine';
import type { DatasetState } from '../dataset/dataset-state';

/** z_k is unit-normalised, so no coordinate of its direction leaves −1…1. */
const FULL = 1;
/** probes per dimension across its range when measuring how much it moves a list */
const PROBES = 5;

export function rangeOf(ranges: DimensionRanges, k: number, range: TraversalRange): { lo: Float32Array; hi: Float32Array } {
  if (range === 'data') return componentSliderRanges(ranges, k);
  return { lo: new Float32Array(ranges.d).fill(-FULL), hi: new Float32Array(ranges.d).fill(FULL) };
}

const factsCache = new WeakMap<DatasetState, ItemFacts>();

function itemFacts(data: DatasetState): ItemFacts {
  let facts = factsCache.get(data);
  if (!facts) {
    const M = data.split.itemIds.length;
    const popularity = new Float32Array(M);
    for (const i of data.users.clicks.indices) popularity[i]++;
    const years = data.meta ? yearsFromTitles(data.titles) : undefined;
    facts = {
      titles: data.titles,
      categories: data.meta ? data.categories : undefined,
      years: years && years.some(Number.isFinite) ? years : undefined,
      popularity,
    };
    factsCache.set(data, facts);
  }
  return facts;
}

/** Everything the traversal panel shows about the dimensions of component k, at the user's own latent. */
export function measureDimensions(
  ranges: DimensionRanges,
  data: DatasetState,
  scorer: TraversalScorer,
  k: number,
  n: number,
  range: TraversalRange,
  topDimension: Int32Array,
): DimensionInfo {
  const span = rangeOf(ranges, k, range);
  const dataSpan = rangeOf(ranges, k, 'data');
  const saved = scorer.snapshot();
  scorer.resetOffsets();
  try {
    const sensitivity = dimensionSensitivity(scorer, k, n, span, PROBES, 'mixture');
    const aloneSensitivity = dimensionSensitivity(scorer, k, n, span, PROBES, 'component');
    const facts = itemFacts(data);
    const effects = dimensionEffects(scorer, k, n, span, facts).map((e) => ({ ...e, text: describeEffect(e, facts) }));
    return {
      k,
      range,
      lo: span.lo,
      hi: span.hi,
      dataLo: dataSpan.lo,
      dataHi: dataSpan.hi,
      sensitivity,
      aloneSensitivity,
      order: rankDimensions(aloneSensitivity),
      effects,
      topDimension,
    };
  } finally {
    scorer.restore(saved);
  }
}

/**
 * Per component, the dimension that moves its own list most (measured as the panel ranks them),
 * at the user's own latent: it does not depend on the component shown, so it is computed once per
 * user, N and range.
 */
export function topDimensions(ranges: DimensionRanges, scorer: TraversalScorer, n: number, range: TraversalRange): Int32Array {
  const saved = scorer.snapshot();
  scorer.resetOffsets();
  try {
    return Int32Array.from(
      { length: scorer.K },
      (_, k) => rankDimensions(dimensionSensitivity(scorer, k, n, rangeOf(ranges, k, range), PROBES, 'component'))[0],
    );
  } finally {
    scorer.restore(saved);
  }
}

import { diffTopN, type TopNDiff } from '../core/traversal/top-n';
import type { DimensionInfo, RecResult, StripResult, TraversalRange, UserView, WhyItem } from '../protocol/engine';

/** The user being explored and the traversal on them. */
export interface SelectionSlice {
  user: number | null;
  view: UserView | null;
  component: number;
  /** offsets of latent coordinates, key `${k}:${j}` */
  offsets: Record<string, number>;
  topN: number;
  recs: RecResult | null;
  /** the recommendations with no offsets, for entered / left / rank-change marks */
  baseRecs: RecResult | null;
  dims: DimensionInfo | null;
  /** how far the sliders reach ("Beyond the data range") */
  range: TraversalRange;
  stripDim: number | null;
  strip: StripResult | null;
  /** the recommended item whose "Why this item" is open, and its answer once it came */
  why: { item: number; result: WhyItem | null; error: string | null } | null;
}

export const initialSelection = (): SelectionSlice => ({
  user: null,
  view: null,
  component: 0,
  offsets: {},
  topN: 20,
  recs: null,
  baseRecs: null,
  dims: null,
  range: 'data',
  stripDim: null,
  strip: null,
  why: null,
});

let lastDiff: { recs: RecResult; base: RecResult; diff: TopNDiff } | null = null;

/** The list with offsets against the list without (entered, rank changes, left); the same object until either list changes. */
export function recDiff(s: SelectionSlice): TopNDiff | null {
  const { recs, baseRecs: base } = s;
  if (!recs || !base) return null;
  if (lastDiff?.recs !== recs || lastDiff.base !== base) lastDiff = { recs, base, diff: diffTopN(base.items, recs.items) };
  return lastDiff.diff;
}

let lastAlone: { recs: RecResult; base: RecResult; diff: TopNDiff } | null = null;

/** The same for "Component k alone"; null when the lists are of different components (a switch in flight). */
export function aloneDiff(s: SelectionSlice): TopNDiff | null {
  const { recs, baseRecs: base } = s;
  if (!recs?.alone || !base?.alone || recs.alone.k !== base.alone.k) return null;
  if (lastAlone?.recs !== recs || lastAlone.base !== base) lastAlone = { recs, base, diff: diffTopN(base.alone.items, recs.alone.items) };
  return lastAlone.diff;
}

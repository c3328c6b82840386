import { diffTopN, type TopNDiff } from '../core/traversal/top-n';
import type { DimensionInfo, RecResult, StripResult, UserView } from '../protocol/engine';

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
  stripDim: number | null;
  strip: StripResult | null;
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
  stripDim: null,
  strip: null,
});

let lastDiff: { recs: RecResult; base: RecResult; diff: TopNDiff } | null = null;

/** The list with offsets against the list without (entered, rank changes, left); the same object until either list changes. */
export function recDiff(s: SelectionSlice): TopNDiff | null {
  const { recs, baseRecs: base } = s;
  if (!recs || !base) return null;
  if (lastDiff?.recs !== recs || lastDiff.base !== base) lastDiff = { recs, base, diff: diffTopN(base.items, recs.items) };
  return lastDiff.diff;
}

export { ItemSpace, type ItemSpaceInput } from './item-space';
export { LatentScorer, type TopN, type ScorerSnapshot } from './latent-scorer';
export { diffTopN, jaccard, type TopNDiff, type RankedEntry, type LeftEntry } from './top-n';
export { dimensionRanges, sliderRange, componentSliderRanges, evenlySpaced, type DimensionRanges, type SliderRange } from './ranges';
export { traversalStrip, dimensionSensitivity, rankDimensions, type StripStep, type TraversalList } from './traversal';
export { dimensionEffects, describeEffect, yearsFromTitles, type DimensionEffect, type ItemFacts } from './dimension-effects';
export { intentionShares } from './intention';
export { LinearScorer } from './linear-scorer';
export type { TraversalScorer } from './scorer';

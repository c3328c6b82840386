import type { ItemCategoryLabels } from '../eval/concept-analysis';
import { Rng } from '../model/random';
import type { AnchorRecord, AnchorTargets } from '../model/types';
import { mostFrequentCategories, primaryCategories } from './primary-category';

/** What the user chooses: which categories, how many items' labels are used, and λ. */
export interface AnchorSettings {
  /** 'auto': the K most frequent categories among the items; or names, prototype k ↔ the k-th */
  categories: 'auto' | string[];
  /** share of the items having an anchored category whose labels are used, 0–1 */
  fraction: number;
  weight: number;
  /** an item listing several anchored categories: spread its target evenly (default), or all on its rarest one */
  target?: 'even' | 'rarest';
}

export interface Anchoring {
  record: AnchorRecord;
  /** index in labels.names of each anchored category */
  categoryIndex: Int32Array;
  targets: AnchorTargets;
}

/** Indices in labels.names of the anchored categories; throws a one-line message for a bad choice. */
export function anchorCategoryIndex(
  labels: Pick<ItemCategoryLabels, 'names' | 'all'>,
  categories: AnchorSettings['categories'],
  K: number,
): Int32Array {
  if (categories === 'auto') {
    const top = mostFrequentCategories(labels.all, labels.names.length, K);
    if (top.length === 0) throw new Error('cannot anchor: no item has a category in the metadata');
    return top;
  }
  if (categories.length > K) throw new Error(`cannot anchor ${categories.length} categories to ${K} prototypes (K = ${K})`);
  const index = new Map(labels.names.map((n, i) => [n, i]));
  return Int32Array.from(categories, (name) => {
    const i = index.get(name);
    if (i === undefined)
      throw new Error(
        `unknown category "${name}" (the metadata has ${labels.names.slice(0, 20).join(', ')}${labels.names.length > 20 ? ', …' : ''})`,
      );
    return i;
  });
}

/**
 * The labelled items and their targets: of the items listing at least one anchored category,
 * round(fraction · n) drawn without replacement by a generator seeded with `seed`; an item's
 * target spreads evenly over the anchored categories it lists, or with target 'rarest' sits on
 * the rarest of them (primaryCategories), the label NMI and ARI use.
 */
export function buildAnchoring(
  labels: Pick<ItemCategoryLabels, 'names' | 'all'>,
  settings: AnchorSettings,
  K: number,
  seed: number,
): Anchoring {
  const categoryIndex = anchorCategoryIndex(labels, settings.categories, K);
  const slot = new Map(Array.from(categoryIndex, (c, k) => [c, k]));
  const candidates: number[] = [];
  labels.all.forEach((cats, i) => {
    if (Array.from(cats).some((c) => slot.has(c))) candidates.push(i);
  });
  const n = Math.round(settings.fraction * candidates.length);
  const rng = new Rng(seed);
  for (let j = 0; j < n; j++) {
    const r = j + rng.int(candidates.length - j);
    [candidates[j], candidates[r]] = [candidates[r], candidates[j]];
  }
  const items = Int32Array.from(candidates.slice(0, n)).sort();
  const targets = new Float32Array(n * K);
  const target = settings.target ?? 'even';
  const rarest = target === 'rarest' ? primaryCategories(labels.all, labels.names.length, categoryIndex) : null;
  items.forEach((item, row) => {
    const cats = rarest ? [rarest[item]] : Array.from(labels.all[item]);
    const ks = [...new Set(cats.map((c) => slot.get(c)).filter((k) => k !== undefined))];
    for (const k of ks) targets[row * K + k] = 1 / ks.length;
  });
  return {
    record: {
      categories: Array.from(categoryIndex, (c) => labels.names[c]),
      fraction: settings.fraction,
      weight: settings.weight,
      target,
      seed,
      labelled: n,
    },
    categoryIndex,
    targets: { items, targets, weight: settings.weight },
  };
}

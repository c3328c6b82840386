import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { anchorCategoryIndex, buildAnchoring, type Anchoring } from '../core/concepts/anchors';
import { parseMetadata } from '../core/data/parse-metadata';
import type { ItemMeta } from '../core/data/types';
import { anchoredAgreement, itemCategoryLabels, type AnchoredAgreement, type ItemCategoryLabels } from '../core/eval/concept-analysis';
import type { MacridVAE } from '../core/model/macridvae';
import type { AnchorChoice } from './anchor-flags';
import { exitOnDataError } from './load-split';

export function readMeta(file: string): Map<string, ItemMeta> {
  try {
    return parseMetadata(new Uint8Array(readFileSync(file)), { fileName: basename(file) });
  } catch (e) {
    exitOnDataError(e);
  }
}

/** The labels of the model's items; a category choice the metadata cannot meet is printed on one line and exits with code 2. */
export function categoryLabelsOrExit(itemIds: string[], meta: Map<string, ItemMeta>, choice: AnchorChoice | null, K: number) {
  const labels = itemCategoryLabels(itemIds, meta);
  try {
    return { labels, categoryIndex: anchorCategoryIndex(labels, choice?.categories ?? 'auto', K) };
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}

/** Anchors `model` for one run; a label budget of 0 leaves it unanchored (null). */
export function anchorModel(
  model: MacridVAE,
  labels: ItemCategoryLabels,
  choice: AnchorChoice,
  fraction: number,
  seed: number,
): Anchoring | null {
  if (fraction === 0) return null;
  const anchoring = buildAnchoring(
    labels,
    { categories: choice.categories, fraction, weight: choice.weight, target: choice.target },
    model.config.K,
    seed,
  );
  model.anchors = anchoring.targets;
  return anchoring;
}

/** The model's concepts against the anchored categories (for an unanchored model, the same choice with no labels used). */
export async function runConcepts(
  model: MacridVAE,
  labels: ItemCategoryLabels,
  categoryIndex: Int32Array,
  anchoring: Anchoring | null,
): Promise<{ concepts: AnchoredAgreement; assignment: Float32Array }> {
  const c = await model.concepts();
  const { K, d } = model.config;
  const concepts = anchoredAgreement(
    c.assignment,
    c.items,
    c.prototypes,
    K,
    d,
    labels,
    categoryIndex,
    anchoring?.targets.items ?? new Int32Array(0),
  );
  return { concepts, assignment: c.assignment };
}

export function formatConcepts(c: AnchoredAgreement): string {
  const unl = c.nmiUnlabelled === null ? '–' : c.nmiUnlabelled.toFixed(3);
  return `concepts vs ${c.anchoredCategories.join('/')}: NMI ${c.nmi.toFixed(3)} (unlabelled ${unl}), ARI ${c.ari.toFixed(3)}, argmax on an anchored category ${c.onCategory.toFixed(3)}, interpretability ${c.interpretability}/3, ${c.labelled} labelled`;
}

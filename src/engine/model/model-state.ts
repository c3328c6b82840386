import { hardAssignment } from '../../core/eval/concept-analysis';
import { batchFromCsr, range } from '../../core/model/batch';
import { MacridVAE } from '../../core/model/macridvae';
import { MultVAE } from '../../core/model/multvae';
import type { AnchorRecord, Recommender } from '../../core/model/types';
import { dimensionRanges, ItemSpace, type DimensionRanges } from '../../core/traversal';
import type { DatasetState } from '../dataset/dataset-state';
import { conceptLabels, type ConceptLabel } from '../../core/concepts/labels';

/** What the explorer panels need from a trained MacridVAE, computed once per model. */
export interface MacridState {
  model: MacridVAE;
  space: ItemSpace;
  assignment: Float32Array;
  prototypes: Float32Array;
  items: Float32Array;
  concept: Int32Array;
  conceptProb: Float32Array;
  labels: ConceptLabel[];
  /** μ of every user (dataset user order), nUsers × K × d */
  mus: Float32Array;
  ranges: DimensionRanges;
  /** how the model was anchored to categories, when it was */
  anchor?: AnchorRecord;
}

/** β-Mult-VAE's linear decoder and every user's μ: enough to traverse its d latent dimensions (K = 1). */
export interface LinearState {
  model: MultVAE;
  /** decoder weights d × M (row j contiguous) and biases */
  W: Float32Array;
  b: Float32Array;
  mus: Float32Array;
  ranges: DimensionRanges;
}

export async function buildLinearState(model: MultVAE, data: DatasetState): Promise<LinearState> {
  const d = model.config.d;
  const clicks = data.users.clicks;
  const n = clicks.nRows;
  const mus = new Float32Array(n * d);
  const all = range(n);
  for (let start = 0; start < n; start += 500) {
    const mu = model.encodeMean(batchFromCsr(clicks, all.subarray(start, Math.min(n, start + 500))));
    mus.set((await mu.data()) as Float32Array, start * d);
    mu.dispose();
  }
  const [W, b] = await Promise.all([model.w2.data(), model.b2.data()]);
  return { model, W: W as Float32Array, b: b as Float32Array, mus, ranges: dimensionRanges(mus, 1, d) };
}

export async function buildMacridState(model: MacridVAE, data: DatasetState): Promise<MacridState> {
  const { K, d, tau } = model.config;
  const { assignment, prototypes, items } = await model.concepts();
  const concept = hardAssignment(assignment, K);
  const conceptProb = Float32Array.from(concept, (k, i) => assignment[i * K + k]);
  const clicks = data.users.clicks;
  const n = clicks.nRows;
  const mus = new Float32Array(n * K * d);
  const all = range(n);
  for (let start = 0; start < n; start += 500) {
    const users = all.subarray(start, Math.min(n, start + 500));
    const mu = model.encode(batchFromCsr(clicks, users));
    mus.set((await mu.data()) as Float32Array, start * K * d);
    mu.dispose();
  }
  return {
    model,
    space: new ItemSpace({ H: items, C: assignment, K, d, tau }),
    assignment,
    prototypes,
    items,
    concept,
    conceptProb,
    labels: conceptLabels(concept, data.categories, K),
    mus,
    ranges: dimensionRanges(mus, K, d),
  };
}

export function isMacrid(model: Recommender): model is MacridVAE {
  return model instanceof MacridVAE;
}

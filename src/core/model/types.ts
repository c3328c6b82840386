import type { Scalar, Tensor2D, Variable } from '../tf';
import type { SparseBatch } from './batch';
import type { NoiseSource } from './random';

export type ModelKind = 'macridvae' | 'multvae' | 'multdae';

export interface MacridConfig {
  kind: 'macridvae';
  nItems: number;
  K: number;
  d: number;
  tau: number;
  sigma0: number;
  keep: number;
  beta: number;
  /** L2 weight λ on W0, W1, H, P (official default 0) */
  reg: number;
  /** false disables Gumbel noise on the assignments (the official --nogb) */
  gumbel: boolean;
}

export interface MultConfig {
  kind: 'multvae' | 'multdae';
  nItems: number;
  d: number;
  keep: number;
  /** β for multvae; unused by multdae */
  beta: number;
  reg: number;
}

export type ModelConfig = MacridConfig | MultConfig;

/**
 * Labelled items for the anchoring term of MacridVAE's loss: prototype k stands for the k-th
 * anchored category, and each labelled item has a target distribution over the K prototypes.
 */
export interface AnchorTargets {
  /** labelled item indices, ascending */
  items: Int32Array;
  /** items.length × K, each row sums to 1 */
  targets: Float32Array;
  /** λ on the mean cross-entropy */
  weight: number;
}

/** The anchoring a run used, as a checkpoint or a report records it. */
export interface AnchorRecord {
  /** prototype k is anchored to categories[k] */
  categories: string[];
  /** share of the items having an anchored category whose labels were used */
  fraction: number;
  weight: number;
  /** how an item under several anchored categories was labelled: evenly over them, or its rarest one */
  target: 'even' | 'rarest';
  /** seed of the label draw */
  seed: number;
  /** how many items' labels were used */
  labelled: number;
}

export interface StepNoise {
  rng: NoiseSource;
}

/** What one training forward pass returns; every tensor is owned by the caller. */
export interface LossParts {
  loss: Scalar;
  recon: Scalar;
  kl: Scalar;
}

export interface Recommender {
  readonly config: ModelConfig;
  readonly variables: Variable[];
  /** Training-mode objective (dropout, noise) at KL weight `anneal`. */
  loss(batch: SparseBatch, anneal: number, noise: StepNoise): LossParts;
  /** Evaluation-mode scores [nUsers, nItems]: higher ranks first (log-probabilities up to a constant). */
  scores(batch: SparseBatch): Tensor2D;
  /** the most users whose scores fit in one tensor of the model's budget (absent: no bound) */
  scoreUsers?(): number;
  dispose(): void;
}

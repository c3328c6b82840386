import type { BackendName } from '../core/backend';
import { MACRID_DEFAULTS, TRAINING_DEFAULTS } from '../core/model/defaults';
import type { MapOptions } from './concepts';
import type { TrainSettings } from './engine';

/**
 * Constants both sides of the worker wall agree on. The one value import from core is its model
 * defaults (core/model/defaults.ts, which imports no tfjs), so the form and the engine never drift.
 */

/** Tried in this order unless one is forced with ?backend= */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export const isBackendName = (s: string | null | undefined): s is BackendName => BACKEND_ORDER.includes(s as BackendName);

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  kind: 'macridvae',
  K: MACRID_DEFAULTS.K,
  d: MACRID_DEFAULTS.d,
  tau: MACRID_DEFAULTS.tau,
  beta: MACRID_DEFAULTS.beta,
  sigma0: MACRID_DEFAULTS.sigma0,
  keep: MACRID_DEFAULTS.keep,
  lr: TRAINING_DEFAULTS.lr,
  batchSize: TRAINING_DEFAULTS.batchSize,
  seed: TRAINING_DEFAULTS.seed,
  epochs: 50,
  maxUsers: 0,
  threads: 0,
};

/**
 * 200 epochs, umap-learn's choice above 10 000 points (it takes 500 below). Above 25 000 items a
 * seeded sample is laid out, as the Embedding Projector does for UMAP and t-SNE.
 */
export const DEFAULT_MAP_OPTIONS: MapOptions = { nEpochs: 200, nNeighbors: 15, minDist: 0.1, seed: 42, sample: 25_000 };

/** The longest recommendation list the explorer shows. */
export const MAX_TOP_N = 200;

export const isTopN = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_TOP_N;

/** The traversal strip: evenly spaced values of one dimension, and the items shown per value. */
export const STRIP_STEPS = 7;
export const STRIP_ITEMS = 10;

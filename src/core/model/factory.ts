import { MacridVAE, MACRID_DEFAULTS } from './macridvae';
import { MultDAE } from './multdae';
import { MultVAE } from './multvae';
import type { ModelConfig, ModelKind, Recommender } from './types';

export function defaultConfig(kind: ModelKind, nItems: number): ModelConfig {
  if (kind === 'macridvae') return { ...MACRID_DEFAULTS, nItems };
  return { kind, nItems, d: 100, keep: 0.5, beta: 0.2, reg: 0 };
}

export function createModel(config: ModelConfig, seed: number): Recommender {
  switch (config.kind) {
    case 'macridvae':
      return new MacridVAE(config, seed);
    case 'multvae':
      return new MultVAE(config, seed);
    case 'multdae':
      return new MultDAE(config, seed);
  }
}

export const MODEL_KINDS: readonly ModelKind[] = ['macridvae', 'multvae', 'multdae'];

import { MacridVAE } from './macridvae';
import { MultDAE } from './multdae';
import { MultVAE } from './multvae';
import type { ModelConfig, Recommender } from './types';

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

import type { ModelConfig } from './types';

/**
 * The weights each model kind holds, by saved name, in the models' own order: the names of
 * model.json entries and of safetensors tensors. A test checks this against the models' variables.
 */
export function weightShapes(config: ModelConfig): [string, number[]][] {
  const { nItems: M, d } = config;
  switch (config.kind) {
    case 'macridvae':
      return [
        ['items', [M, d]],
        ['cores', [config.K, d]],
        ['w0', [M, d]],
        ['b0', [d]],
        ['w1', [d, 2 * d]],
        ['b1', [2 * d]],
      ];
    case 'multvae':
      return [
        ['w0', [M, d]],
        ['b0', [d]],
        ['w1', [d, 2 * d]],
        ['b1', [2 * d]],
        ['w2', [d, M]],
        ['b2', [M]],
      ];
    case 'multdae':
      return [
        ['w0', [M, d]],
        ['b0', [d]],
        ['w1', [d, M]],
        ['b1', [M]],
      ];
  }
}

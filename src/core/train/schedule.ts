/**
 * KL weight of the official code: min(β, t / (5 · batches per epoch)), t counting updates from 0,
 * so β is reached after 5·β epochs and then held.
 */
export function annealAt(step: number, beta: number, batchesPerEpoch: number): number {
  return Math.min(beta, step / (5 * batchesPerEpoch));
}

import type { Recommender } from '../../core/model/types';

export interface ItemVectors {
  /** unit rows, M × d */
  hn: Float32Array;
  d: number;
  source: string;
}

/**
 * Item vectors of a model without an item space of its own (Mult-VAE, Mult-DAE): the columns of its
 * last weight matrix shaped [d, M], the decoder's output layer, each normalised to unit length.
 */
export async function itemVectors(model: Recommender, M: number): Promise<ItemVectors> {
  const w = [...model.variables].reverse().find((v) => v.shape.length === 2 && v.shape[1] === M && v.shape[0] !== M);
  if (!w) throw new Error('this model has no decoder weights to compare items with');
  const d = w.shape[0];
  const values = (await w.data()) as Float32Array;
  const hn = new Float32Array(M * d);
  for (let i = 0; i < M; i++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += values[j * M + i] ** 2;
    const inv = 1 / Math.sqrt(Math.max(sq, 1e-12));
    for (let j = 0; j < d; j++) hn[i * d + j] = values[j * M + i] * inv;
  }
  return { hn, d, source: `the decoder's output weights (${w.name}, ${d} dimensions)` };
}

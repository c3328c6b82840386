import type { HeldOutSet } from '../data/types';
import { MetricAccumulator, type MeanSe } from '../eval/ranking-metrics';
import { batchFromCsr, range } from '../model/batch';
import type { Recommender } from '../model/types';

export interface RankingResult {
  ndcg100: MeanSe;
  recall20: MeanSe;
  recall50: MeanSe;
}

/**
 * NDCG@100, Recall@20, Recall@50 over a held-out set (fold-in items excluded from the ranking),
 * `batchSize` users at a time or fewer where the model's tensor budget asks for fewer.
 */
export async function evaluate(model: Recommender, set: HeldOutSet, wanted = 500): Promise<RankingResult> {
  const batchSize = Math.min(wanted, model.scoreUsers?.() ?? wanted);
  const acc = new MetricAccumulator();
  const n = set.foldIn.nRows;
  const all = range(n);
  for (let start = 0; start < n; start += batchSize) {
    const users = all.subarray(start, Math.min(n, start + batchSize));
    const scores = model.scores(batchFromCsr(set.foldIn, users));
    const values = (await scores.data()) as Float32Array;
    scores.dispose();
    acc.addBatch(values, set.foldIn, set.heldOut, start);
  }
  return acc.result();
}

import type { CsrMatrix } from '../data/types';
import { TopNSelector } from '../rank/top-n';

export interface MeanSe {
  mean: number;
  se: number;
}

export interface MetricSpec<N extends string = string> {
  name: N;
  kind: 'ndcg' | 'recall';
  k: number;
}

export const DEFAULT_METRICS = [
  { name: 'ndcg100', kind: 'ndcg', k: 100 },
  { name: 'recall20', kind: 'recall', k: 20 },
  { name: 'recall50', kind: 'recall', k: 50 },
] as const satisfies readonly MetricSpec[];

export type DefaultMetricName = (typeof DEFAULT_METRICS)[number]['name'];

/** Per-user values of each metric, in batch row order. */
export type BatchMetrics<N extends string> = Record<N, Float64Array>;

/** Mean and standard error std/sqrt(n) with the population std (ddof = 0); NaN for no values. */
export function summarize(values: Float64Array | readonly number[]): MeanSe {
  const n = values.length;
  if (n === 0) return { mean: NaN, se: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i] - mean) ** 2;
  return { mean, se: Math.sqrt(sq / n) / Math.sqrt(n) };
}

/**
 * NDCG@k and Recall@k (SPEC §3) of each user of a batch. Row b of scores (nUsers × M, M =
 * heldOut.nCols) belongs to row rowStart + b of foldIn and heldOut; fold-in items rank as
 * -Infinity. Users without held-out items score 0.
 */
export function evaluateBatch(
  scores: Float32Array,
  foldIn: CsrMatrix,
  heldOut: CsrMatrix,
  rowStart?: number,
): BatchMetrics<DefaultMetricName>;
export function evaluateBatch<N extends string>(
  scores: Float32Array,
  foldIn: CsrMatrix,
  heldOut: CsrMatrix,
  rowStart: number,
  metrics: readonly MetricSpec<N>[],
): BatchMetrics<N>;
export function evaluateBatch(
  scores: Float32Array,
  foldIn: CsrMatrix,
  heldOut: CsrMatrix,
  rowStart = 0,
  metrics: readonly MetricSpec[] = DEFAULT_METRICS,
): BatchMetrics<string> {
  const M = heldOut.nCols;
  if (foldIn.nCols !== M) throw new Error(`fold-in has ${foldIn.nCols} columns, held-out ${M}`);
  if (M === 0 || scores.length % M !== 0) throw new Error(`scores length ${scores.length} is not a multiple of ${M}`);
  const nUsers = scores.length / M;
  if (rowStart < 0 || rowStart + nUsers > heldOut.nRows || rowStart + nUsers > foldIn.nRows) {
    throw new Error(`rows ${rowStart}..${rowStart + nUsers} out of range`);
  }
  let kMax = 0;
  for (const m of metrics) kMax = Math.max(kMax, m.k);
  const discount = new Float64Array(kMax);
  for (let r = 0; r < kMax; r++) discount[r] = 1 / Math.log2(r + 2);

  const result: BatchMetrics<string> = {};
  for (const m of metrics) result[m.name] = new Float64Array(nUsers);
  const selector = new TopNSelector(kMax);
  const top = new Int32Array(Math.min(kMax, M));
  const excluded = new Uint8Array(M);
  const relevant = new Uint8Array(M);
  const hits = new Uint8Array(kMax);

  for (let b = 0; b < nUsers; b++) {
    const u = rowStart + b;
    const f0 = foldIn.indptr[u];
    const f1 = foldIn.indptr[u + 1];
    const h0 = heldOut.indptr[u];
    const h1 = heldOut.indptr[u + 1];
    for (let p = f0; p < f1; p++) excluded[foldIn.indices[p]] = 1;
    for (let p = h0; p < h1; p++) relevant[heldOut.indices[p]] = 1;
    const nRelevant = h1 - h0;
    const nTop = selector.selectInto(scores, top, { exclude: excluded, excludedLast: true, offset: b * M, length: M });
    hits.fill(0);
    for (let r = 0; r < nTop; r++) hits[r] = relevant[top[r]];

    for (const m of metrics) {
      const k = Math.min(m.k, nTop);
      const out = result[m.name];
      if (nRelevant === 0) {
        out[b] = 0;
      } else if (m.kind === 'ndcg') {
        let dcg = 0;
        for (let r = 0; r < k; r++) if (hits[r] === 1) dcg += discount[r];
        let idcg = 0;
        const nIdeal = Math.min(nRelevant, m.k);
        for (let r = 0; r < nIdeal; r++) idcg += discount[r];
        out[b] = dcg / idcg;
      } else {
        let count = 0;
        for (let r = 0; r < k; r++) count += hits[r];
        out[b] = count / Math.min(m.k, nRelevant);
      }
    }
    for (let p = f0; p < f1; p++) excluded[foldIn.indices[p]] = 0;
    for (let p = h0; p < h1; p++) relevant[heldOut.indices[p]] = 0;
  }
  return result;
}

/** Collects per-user metric values across batches; users weigh equally. */
export class MetricAccumulator<N extends string = DefaultMetricName> {
  private readonly values = new Map<N, number[]>();

  // Omitting metrics leaves N at its default, DefaultMetricName, which the cast relies on.
  constructor(readonly metrics: readonly MetricSpec<N>[] = DEFAULT_METRICS as readonly MetricSpec<string>[] as readonly MetricSpec<N>[]) {
    for (const m of metrics) this.values.set(m.name, []);
  }

  get count(): number {
    return this.metrics.length === 0 ? 0 : this.values.get(this.metrics[0].name)!.length;
  }

  add(batch: BatchMetrics<N>): void {
    for (const m of this.metrics) {
      const list = this.values.get(m.name)!;
      for (const v of batch[m.name]) list.push(v);
    }
  }

  addBatch(scores: Float32Array, foldIn: CsrMatrix, heldOut: CsrMatrix, rowStart = 0): void {
    this.add(evaluateBatch(scores, foldIn, heldOut, rowStart, this.metrics));
  }

  result(): Record<N, MeanSe> {
    const out = {} as Record<N, MeanSe>;
    for (const m of this.metrics) out[m.name] = summarize(this.values.get(m.name)!);
    return out;
  }
}

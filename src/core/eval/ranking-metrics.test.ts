import { describe, expect, it } from 'vitest';
import type { CsrMatrix } from '../data/types';
import { evaluateBatch, MetricAccumulator, summarize, type MetricSpec } from './ranking-metrics';

function csr(rows: number[][], nCols: number): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i] + r.length));
  return { nRows: rows.length, nCols, indptr, indices: Int32Array.from(rows.flat()) };
}

const d = (r: number) => 1 / Math.log2(r + 1);

describe('summarize', () => {
  it('uses the population std (ddof = 0)', () => {
    const r = summarize([0, 1, 1, 0]);
    expect(r.mean).toBe(0.5);
    expect(r.se).toBeCloseTo(0.5 / 2, 12);
    expect(summarize(new Float64Array([3])).se).toBe(0);
  });
});

describe('evaluateBatch', () => {
  const M = 6;
  const metrics: MetricSpec<'ndcg3' | 'recall2' | 'recall3'>[] = [
    { name: 'ndcg3', kind: 'ndcg', k: 3 },
    { name: 'recall2', kind: 'recall', k: 2 },
    { name: 'recall3', kind: 'recall', k: 3 },
  ];
  const scores = Float32Array.from([
    // user 0: fold-in {0}, held-out {2, 5}; ranking without item 0: 1, 2, 3, ...
    0.9, 0.8, 0.7, 0.6, 0.5, 0.4,
    // user 1: no held-out items
    1, 2, 3, 4, 5, 6,
    // user 2: held-out {5, 4, 0, 1} (n_u = 4 > k); top 3: 5, 4, 3
    0.1, 0.2, 0.3, 0.4, 0.5, 0.6,
    // user 3: fold-in {0, 1} scored highest, held-out {2}
    5, 4, 3, 2, 1, 0,
  ]);
  const foldIn = csr([[0], [3], [], [1, 0]], M);
  const heldOut = csr([[2, 5], [], [5, 4, 0, 1], [2]], M);

  it('matches hand-computed NDCG and recall', () => {
    const r = evaluateBatch(scores, foldIn, heldOut, 0, metrics);
    // user 0: one hit at rank 2; IDCG over min(2, 3) = 2 ranks.
    expect(r.ndcg3[0]).toBeCloseTo(d(2) / (d(1) + d(2)), 12);
    expect(r.recall2[0]).toBeCloseTo(1 / 2, 12);
    expect(r.recall3[0]).toBeCloseTo(1 / 2, 12);
    // user 1: n_u = 0 counts as 0.
    expect([r.ndcg3[1], r.recall2[1], r.recall3[1]]).toEqual([0, 0, 0]);
    // user 2: hits at ranks 1 and 2; recall divides by min(k, n_u).
    expect(r.ndcg3[2]).toBeCloseTo((d(1) + d(2)) / (d(1) + d(2) + d(3)), 12);
    expect(r.recall2[2]).toBe(1);
    expect(r.recall3[2]).toBeCloseTo(2 / 3, 12);
    // user 3: with fold-in excluded, the held-out item is first.
    expect([r.ndcg3[3], r.recall2[3], r.recall3[3]]).toEqual([1, 1, 1]);
  });

  it('reads the CSR rows from rowStart', () => {
    const r = evaluateBatch(scores.subarray(2 * M), foldIn, heldOut, 2, metrics);
    expect(r.recall3.length).toBe(2);
    expect(r.recall3[0]).toBeCloseTo(2 / 3, 12);
    expect(r.ndcg3[1]).toBe(1);
  });

  it('defaults to NDCG@100, Recall@20, Recall@50', () => {
    const n = 120;
    const s = Float32Array.from({ length: n }, (_, i) => -i);
    const r = evaluateBatch(s, csr([[]], n), csr([[0, 30, 110]], n));
    expect(r.ndcg100[0]).toBeCloseTo((d(1) + d(31)) / (d(1) + d(2) + d(3)), 12);
    expect(r.recall20[0]).toBeCloseTo(1 / 3, 12);
    expect(r.recall50[0]).toBeCloseTo(2 / 3, 12);
  });

  it('rejects a batch that does not fit the matrices', () => {
    expect(() => evaluateBatch(new Float32Array(7), foldIn, heldOut, 0, metrics)).toThrow();
    expect(() => evaluateBatch(new Float32Array(2 * M), foldIn, heldOut, 3, metrics)).toThrow();
  });
});

describe('MetricAccumulator', () => {
  it('averages users with equal weight across batches', () => {
    const M = 3;
    const foldIn = csr([[], [], []], M);
    const heldOut = csr([[0], [2], []], M);
    const scores = Float32Array.from([3, 2, 1, 3, 2, 1, 3, 2, 1]);
    const acc = new MetricAccumulator([{ name: 'recall1', kind: 'recall', k: 1 }]);
    acc.addBatch(scores.subarray(0, 2 * M), foldIn, heldOut, 0);
    acc.addBatch(scores.subarray(2 * M), foldIn, heldOut, 2);
    expect(acc.count).toBe(3);
    // per-user recall@1: 1, 0, 0
    const { recall1 } = acc.result();
    expect(recall1.mean).toBeCloseTo(1 / 3, 12);
    expect(recall1.se).toBeCloseTo(Math.sqrt(2 / 9) / Math.sqrt(3), 12);
  });

  it('reports the default metrics', () => {
    const acc = new MetricAccumulator();
    acc.add({ ndcg100: Float64Array.of(1, 0), recall20: Float64Array.of(0.5, 0.5), recall50: Float64Array.of(1, 1) });
    const r = acc.result();
    expect(r.ndcg100).toEqual({ mean: 0.5, se: 0.5 / Math.sqrt(2) });
    expect(r.recall20).toEqual({ mean: 0.5, se: 0 });
    expect(r.recall50.mean).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, contingencyTable, maxWeightMatching, normalizedMutualInfo } from './clustering-metrics';
import type { DenseMatrix } from './dense-matrix';

const labels = (x: number[]) => Int32Array.from(x);
const matrix = (rows: number[][]): DenseMatrix => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float64Array.from(rows.flat()),
});

describe('contingencyTable', () => {
  it('counts label pairs and skips out-of-range labels', () => {
    const t = contingencyTable(labels([0, 0, 1, 2, -1, 1]), labels([1, 1, 0, 0, 0, -1]), 3, 2);
    expect(Array.from(t.data)).toEqual([0, 2, 1, 0, 1, 0]);
  });
});

describe('NMI and ARI (sklearn values)', () => {
  it('[0,0,1,1] vs [0,0,1,2]', () => {
    expect(normalizedMutualInfo(labels([0, 0, 1, 1]), labels([0, 0, 1, 2]))).toBeCloseTo(0.8, 12);
    expect(adjustedRandIndex(labels([0, 0, 1, 1]), labels([0, 0, 1, 2]))).toBeCloseTo(0.5714285714285714, 12);
  });

  it('identical labelings up to renaming give 1', () => {
    const a = labels([0, 0, 1, 1, 2]);
    const b = labels([5, 5, 3, 3, -1]);
    expect(normalizedMutualInfo(a, b)).toBeCloseTo(1, 12);
    expect(adjustedRandIndex(a, b)).toBe(1);
  });

  it('two single-cluster labelings give 1', () => {
    expect(normalizedMutualInfo(labels([0, 0, 0]), labels([4, 4, 4]))).toBe(1);
    expect(adjustedRandIndex(labels([0, 0, 0]), labels([4, 4, 4]))).toBe(1);
  });

  it('discordant labelings', () => {
    // sklearn docs: adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) == -0.5
    expect(adjustedRandIndex(labels([0, 0, 1, 1]), labels([0, 1, 0, 1]))).toBeCloseTo(-0.5, 12);
    expect(normalizedMutualInfo(labels([0, 0, 1, 1]), labels([0, 1, 0, 1]))).toBe(0);
    // sklearn docs: adjusted_rand_score([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0
    expect(adjustedRandIndex(labels([0, 0, 0, 0]), labels([0, 1, 2, 3]))).toBe(0);
    expect(normalizedMutualInfo(labels([0, 0, 0, 0]), labels([0, 1, 2, 3]))).toBe(0);
  });

  it('[0,0,0,1,1,1] vs [0,0,1,1,2,2] by hand', () => {
    const a = labels([0, 0, 0, 1, 1, 1]);
    const b = labels([0, 0, 1, 1, 2, 2]);
    // MI = (2/3) ln 2, H(a) = ln 2, H(b) = ln 3
    const nmi = ((2 / 3) * Math.log(2)) / ((Math.log(2) + Math.log(3)) / 2);
    expect(normalizedMutualInfo(a, b)).toBeCloseTo(nmi, 12);
    expect(normalizedMutualInfo(b, a)).toBeCloseTo(nmi, 12);
    // Σ C(n_ij,2) = 2, Σ C(a_i,2) = 6, Σ C(b_j,2) = 3, C(6,2) = 15
    const expected = (6 * 3) / 15;
    const ari = (2 - expected) / ((6 + 3) / 2 - expected);
    expect(adjustedRandIndex(a, b)).toBeCloseTo(ari, 12);
    expect(adjustedRandIndex(b, a)).toBeCloseTo(ari, 12);
  });
});

describe('maxWeightMatching', () => {
  it('beats greedy on a square table', () => {
    const m = maxWeightMatching(
      matrix([
        [3, 2],
        [2, 0],
      ]),
    );
    expect(m.total).toBe(4);
    expect(Array.from(m.rowToCol)).toEqual([1, 0]);
  });

  it('orders a square heatmap so that matches lie on the diagonal', () => {
    const m = maxWeightMatching(
      matrix([
        [1, 5, 0],
        [4, 0, 0],
        [0, 0, 3],
      ]),
    );
    expect(m.total).toBe(12);
    expect(Array.from(m.rowToCol)).toEqual([1, 0, 2]);
    expect(Array.from(m.colToRow)).toEqual([1, 0, 2]);
    expect(Array.from(m.rowOrder)).toEqual([0, 1, 2]);
    expect(Array.from(m.colOrder)).toEqual([1, 0, 2]);
  });

  it('handles fewer rows than columns', () => {
    const m = maxWeightMatching(
      matrix([
        [1, 2, 3],
        [3, 1, 0],
      ]),
    );
    expect(m.total).toBe(6);
    expect(Array.from(m.rowToCol)).toEqual([2, 0]);
    expect(Array.from(m.colToRow)).toEqual([1, -1, 0]);
    expect(Array.from(m.rowOrder)).toEqual([0, 1]);
    expect(Array.from(m.colOrder)).toEqual([2, 0, 1]);
  });

  it('handles more rows than columns', () => {
    const m = maxWeightMatching(
      matrix([
        [5, 1],
        [6, 0],
        [0, 2],
      ]),
    );
    expect(m.total).toBe(8);
    expect(Array.from(m.rowToCol)).toEqual([-1, 0, 1]);
    expect(Array.from(m.colToRow)).toEqual([1, 2]);
    expect(Array.from(m.rowOrder)).toEqual([1, 2, 0]);
    expect(Array.from(m.colOrder)).toEqual([0, 1]);
  });

  it('finds the optimum of random tables (brute force)', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const best = (w: DenseMatrix, r: number, used: Set<number>): number => {
      if (r === w.rows) return 0;
      let b = best(w, r + 1, used); // row r unmatched (only optimal when rows > cols)
      if (w.rows - r <= w.cols - used.size) b = -Infinity;
      for (let c = 0; c < w.cols; c++) {
        if (used.has(c)) continue;
        used.add(c);
        b = Math.max(b, w.data[r * w.cols + c] + best(w, r + 1, used));
        used.delete(c);
      }
      return b;
    };
    for (let trial = 0; trial < 60; trial++) {
      const rows = 1 + Math.floor(rand() * 5);
      const cols = 1 + Math.floor(rand() * 5);
      const w: DenseMatrix = { rows, cols, data: Float64Array.from({ length: rows * cols }, () => Math.floor(rand() * 50)) };
      const m = maxWeightMatching(w);
      expect(m.total).toBe(best(w, 0, new Set()));
      expect(m.rowToCol.filter((c) => c >= 0).length).toBe(Math.min(rows, cols));
      const display = Array.from({ length: Math.min(rows, cols) }, (_, i) => w.data[m.rowOrder[i] * cols + m.colOrder[i]]);
      expect(display.reduce((s, v) => s + v, 0)).toBe(m.total);
    }
  });
});

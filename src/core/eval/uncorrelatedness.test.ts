import { describe, expect, it } from 'vitest';
import { correlationMatrix, uncorrelatedness } from './uncorrelatedness';

const f32 = (rows: number[][]) => Float32Array.from(rows.flat());

describe('correlationMatrix and uncorrelatedness', () => {
  it('perfectly (anti-)correlated columns score 0', () => {
    const x = f32([
      [1, 3, -1],
      [2, 5, -2],
      [4, 9, -4],
      [7, 15, -7],
    ]);
    const corr = correlationMatrix(x, 3);
    expect(Array.from(corr.data)).toEqual([1, 1, -1, 1, 1, -1, -1, -1, 1].map((v) => expect.closeTo(v, 6)));
    expect(uncorrelatedness(corr)).toBeCloseTo(0, 6);
  });

  it('orthogonal centred columns score 1', () => {
    const x = f32([
      [1, 1, 1],
      [-1, 1, -1],
      [1, -1, -1],
      [-1, -1, 1],
    ]);
    const corr = correlationMatrix(x, 3);
    expect(Array.from(corr.data)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(uncorrelatedness(corr)).toBe(1);
  });

  it('hand case with a constant column', () => {
    // x = [1,2,3], y = [1,3,2]: cov = 1, var = 2 each, so corr = 0.5; z is constant.
    const corr = correlationMatrix(
      f32([
        [1, 1, 4],
        [2, 3, 4],
        [3, 2, 4],
      ]),
      3,
    );
    expect(Array.from(corr.data)).toEqual([1, 0.5, 0, 0.5, 1, 0, 0, 0, 0].map((v) => expect.closeTo(v, 12)));
    expect(uncorrelatedness(corr)).toBeCloseTo(1 - (2 / 6) * 0.5, 12);
  });

  it('matches the textbook formula across several row blocks', () => {
    let seed = 5;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const n = 300;
    const D = 9;
    const x = new Float32Array(n * D);
    for (let r = 0; r < n; r++) {
      for (let a = 0; a < D; a++) x[r * D + a] = rand() + (a % 3) * x[r * D] * 0.5;
    }
    const col = (a: number) => Array.from({ length: n }, (_, r) => x[r * D + a]);
    const pearson = (u: number[], v: number[]) => {
      const mu = u.reduce((s, t) => s + t, 0) / n;
      const mv = v.reduce((s, t) => s + t, 0) / n;
      let cov = 0;
      let vu = 0;
      let vv = 0;
      for (let r = 0; r < n; r++) {
        cov += (u[r] - mu) * (v[r] - mv);
        vu += (u[r] - mu) ** 2;
        vv += (v[r] - mv) ** 2;
      }
      return cov / Math.sqrt(vu * vv);
    };
    const corr = correlationMatrix(x, D);
    let sum = 0;
    for (let a = 0; a < D; a++) {
      for (let b = 0; b < D; b++) {
        const expected = pearson(col(a), col(b));
        expect(corr.data[a * D + b]).toBeCloseTo(expected, 10);
        if (a < b) sum += Math.abs(expected);
      }
    }
    expect(uncorrelatedness(corr)).toBeCloseTo(1 - (2 / (D * (D - 1))) * sum, 10);
  });

  it('is undefined for a single dimension', () => {
    expect(uncorrelatedness(correlationMatrix(f32([[1], [2]]), 1))).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { uniformRng } from '../traversal/synthetic';
import { TopNSelector, topNIndices } from './top-n';

const mask = (M: number, idx: number[]) => Uint8Array.from({ length: M }, (_, i) => (idx.includes(i) ? 1 : 0));

describe('topNIndices', () => {
  it('agrees with a full sort on random values with many ties, excluded items left out', () => {
    const rnd = uniformRng(9);
    for (let trial = 0; trial < 20; trial++) {
      const vals = Float64Array.from({ length: 300 }, () => Math.floor(rnd() * 40));
      const exclude = Uint8Array.from({ length: 300 }, () => (rnd() < 0.2 ? 1 : 0));
      for (const n of [1, 7, 50, 300]) {
        const ref = Array.from(vals.keys())
          .filter((i) => exclude[i] === 0)
          .sort((a, b) => vals[b] - vals[a] || a - b)
          .slice(0, n);
        expect(Array.from(topNIndices(vals, n, { exclude }))).toEqual(ref);
      }
    }
  });

  it('treats NaN as −∞, honours include, and handles n ≤ 0', () => {
    expect(Array.from(topNIndices([NaN, 1, 3, NaN, 2], 5))).toEqual([2, 4, 1, 0, 3]);
    expect(Array.from(topNIndices([5, 4, 3, 2], 2, { include: Uint8Array.of(0, 1, 0, 1) }))).toEqual([1, 3]);
    expect(topNIndices([1, 2], 0).length).toBe(0);
    expect(topNIndices([1, 2], -3).length).toBe(0);
  });

  it('with excludedLast ranks excluded items as −∞ (the official evaluation), so they fill a short list', () => {
    const s = Float32Array.from([5, 4, 3, 2]);
    expect(Array.from(topNIndices(s, 2, { exclude: mask(4, [0, 2]), excludedLast: true }))).toEqual([1, 3]);
    expect(Array.from(topNIndices(s, 4, { exclude: mask(4, [1, 0]), excludedLast: true }))).toEqual([2, 3, 0, 1]);
    expect(Array.from(topNIndices(Float32Array.from([NaN, -Infinity, 1, -2]), 10, { excludedLast: true }))).toEqual([2, 3, 0, 1]);
  });

  it('reads one row of a batch at an offset', () => {
    const s = Float32Array.from([9, 9, 9, 1, 3, 2]);
    expect(Array.from(topNIndices(s, 2, { offset: 3, length: 3 }))).toEqual([1, 2]);
  });
});

describe('TopNSelector', () => {
  it('reused across rows agrees with a full sort, excluded items last', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 50; trial++) {
      const M = 1 + Math.floor(rand() * 300);
      const k = 1 + Math.floor(rand() * 120);
      const selector = new TopNSelector(k);
      const out = new Int32Array(k);
      for (let row = 0; row < 3; row++) {
        const s = Float32Array.from({ length: M }, () => Math.floor(rand() * 20));
        const ex = Array.from({ length: Math.floor(rand() * 10) }, () => Math.floor(rand() * M));
        const key = (i: number) => (ex.includes(i) ? -Infinity : s[i]);
        const expected = Array.from({ length: M }, (_, i) => i)
          .sort((a, b) => key(b) - key(a) || a - b)
          .slice(0, k);
        const n = selector.selectInto(s, out, { exclude: mask(M, ex), excludedLast: true });
        expect(Array.from(out.subarray(0, n))).toEqual(expected);
      }
    }
  });
});

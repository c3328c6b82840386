import { describe, expect, it } from 'vitest';
import { diffTopN, jaccard, topNIndices } from './top-n';
import { uniformRng } from './synthetic';

describe('topNIndices', () => {
  it('agrees with a full sort on random values with many ties', () => {
    const rnd = uniformRng(9);
    for (let trial = 0; trial < 20; trial++) {
      const vals = Float64Array.from({ length: 300 }, () => Math.floor(rnd() * 40));
      const exclude = Uint8Array.from({ length: 300 }, () => (rnd() < 0.2 ? 1 : 0));
      for (const n of [1, 7, 50, 300]) {
        const ref = Array.from(vals.keys())
          .filter((i) => exclude[i] === 0)
          .sort((a, b) => vals[b] - vals[a] || a - b)
          .slice(0, n);
        expect(Array.from(topNIndices(vals, n, exclude))).toEqual(ref);
      }
    }
  });

  it('treats NaN as −∞, honours include, and handles n ≤ 0', () => {
    expect(Array.from(topNIndices([NaN, 1, 3, NaN, 2], 5))).toEqual([2, 4, 1, 0, 3]);
    expect(Array.from(topNIndices([5, 4, 3, 2], 2, null, Uint8Array.of(0, 1, 0, 1)))).toEqual([1, 3]);
    expect(topNIndices([1, 2], 0).length).toBe(0);
    expect(topNIndices([1, 2], -3).length).toBe(0);
  });
});

describe('diffTopN', () => {
  it('reports previous ranks, rank changes (positive = up), entered and left items', () => {
    const before = Int32Array.of(10, 11, 12, 13, 14);
    const after = Int32Array.of(12, 10, 20, 14, 21);
    const diff = diffTopN(before, after);
    expect(diff.entries).toEqual([
      { item: 12, rank: 0, prevRank: 2, change: 2 },
      { item: 10, rank: 1, prevRank: 0, change: -1 },
      { item: 20, rank: 2, prevRank: null, change: null },
      { item: 14, rank: 3, prevRank: 4, change: 1 },
      { item: 21, rank: 4, prevRank: null, change: null },
    ]);
    expect(diff.left).toEqual([
      { item: 11, prevRank: 1 },
      { item: 13, prevRank: 3 },
    ]);
  });

  it('handles identical, empty and disjoint lists', () => {
    const same = diffTopN(Int32Array.of(1, 2), Int32Array.of(1, 2));
    expect(same.entries.map((e) => e.change)).toEqual([0, 0]);
    expect(same.left).toEqual([]);
    const fromEmpty = diffTopN(new Int32Array(0), Int32Array.of(3));
    expect(fromEmpty.entries).toEqual([{ item: 3, rank: 0, prevRank: null, change: null }]);
    const disjoint = diffTopN(Int32Array.of(1, 2), Int32Array.of(3));
    expect(disjoint.left.map((l) => l.item)).toEqual([1, 2]);
    expect(diffTopN(Int32Array.of(1), new Int32Array(0)).left).toEqual([{ item: 1, prevRank: 0 }]);
  });
});

describe('jaccard', () => {
  it('computes |A∩B|/|A∪B|', () => {
    expect(jaccard(Int32Array.of(1, 2, 3), Int32Array.of(2, 3, 4))).toBeCloseTo(0.5);
    expect(jaccard(Int32Array.of(1), Int32Array.of(2))).toBe(0);
    expect(jaccard(new Int32Array(0), new Int32Array(0))).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { diffTopN, jaccard } from './top-n';

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

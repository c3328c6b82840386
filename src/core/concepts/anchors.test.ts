import { describe, expect, it } from 'vitest';
import { anchorCategoryIndex, buildAnchoring } from './anchors';

// 0 Drama ×5, 1 Comedy ×4, 2 Horror ×2, 3 Western ×1; item 7 lists nothing
const labels = {
  names: ['Drama', 'Comedy', 'Horror', 'Western'],
  all: [[0], [0, 1], [1], [0, 1, 2], [2], [0], [0, 3], [], [1]].map((c) => Int32Array.from(c)),
};

describe('anchor categories', () => {
  it("'auto' takes the K most frequent, most frequent first", () => {
    expect(Array.from(anchorCategoryIndex(labels, 'auto', 2))).toEqual([0, 1]);
    expect(Array.from(anchorCategoryIndex(labels, 'auto', 9))).toEqual([0, 1, 2, 3]);
  });

  it('a list keeps its order, and bad lists are refused with a message naming the problem', () => {
    expect(Array.from(anchorCategoryIndex(labels, ['Horror', 'Drama'], 3))).toEqual([2, 0]);
    expect(() => anchorCategoryIndex(labels, ['Musical'], 3)).toThrow(/unknown category "Musical".*Drama, Comedy/);
    expect(() => anchorCategoryIndex(labels, ['Drama', 'Comedy', 'Horror'], 2)).toThrow(/3 categories to 2 prototypes/);
    expect(() => anchorCategoryIndex({ names: [], all: [] }, 'auto', 2)).toThrow(/no item has a category/);
  });
});

describe('anchor targets', () => {
  it('with all labels, every item listing an anchored category is labelled; several categories share the target evenly', () => {
    const a = buildAnchoring(labels, { categories: ['Comedy', 'Drama'], fraction: 1, weight: 5 }, 3, 1);
    expect(Array.from(a.targets.items)).toEqual([0, 1, 2, 3, 5, 6, 8]);
    const rows = Array.from(a.targets.items, (_, r) => Array.from(a.targets.targets.subarray(r * 3, r * 3 + 3)));
    // prototype 0 ↔ Comedy, 1 ↔ Drama, 2 free; Horror and Western are not anchored
    expect(rows).toEqual([
      [0, 1, 0],
      [0.5, 0.5, 0],
      [1, 0, 0],
      [0.5, 0.5, 0],
      [0, 1, 0],
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expect(a.targets.weight).toBe(5);
    expect(a.record).toEqual({ categories: ['Comedy', 'Drama'], fraction: 1, weight: 5, target: 'even', seed: 1, labelled: 7 });
  });

  it("target 'rarest' puts an item's whole target on its rarest anchored category", () => {
    const a = buildAnchoring(labels, { categories: ['Comedy', 'Drama'], fraction: 1, weight: 5, target: 'rarest' }, 2, 1);
    // Comedy (4 items) is rarer than Drama (5): items 1 and 3, under both, go to Comedy
    expect(Array.from(a.targets.targets)).toEqual([0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0]);
    expect(a.record.target).toBe('rarest');
  });

  it('a fraction draws round(f · n) distinct candidates, fixed by the seed and different across seeds', () => {
    const draw = (seed: number, fraction = 0.5) =>
      Array.from(buildAnchoring(labels, { categories: 'auto', fraction, weight: 1 }, 2, seed).targets.items);
    const a = draw(3);
    expect(a).toHaveLength(4); // 7 candidates
    expect(new Set(a).size).toBe(4);
    expect(a.every((i) => [0, 1, 2, 3, 5, 6, 8].includes(i))).toBe(true);
    expect(draw(3)).toEqual(a);
    expect([4, 5, 6, 7].some((s) => draw(s).join() !== a.join())).toBe(true);
    expect(draw(3, 0)).toEqual([]);
  });
});

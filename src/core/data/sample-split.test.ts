import { describe, expect, it } from 'vitest';
import { sampleSplit } from './sample-split';
import { buildSplit } from './split';
import { makeSyntheticLog } from './synthetic';

const split = buildSplit(makeSyntheticLog({ nUsers: 120, nItems: 50, nCategories: 3, seed: 2, minClicks: 8, maxClicks: 14 }).log, {
  nHeldout: 15,
});

describe('sampleSplit', () => {
  it('samples at most maxUsers training and validation users, rows intact, vocabulary unchanged', () => {
    expect(sampleSplit(split, 0, 1)).toBe(split);
    const small = sampleSplit(split, 10, 1);
    expect(small.train.nRows).toBe(10);
    expect(small.validation.foldIn.nRows).toBe(Math.min(10, split.validation.foldIn.nRows));
    expect(small.itemIds).toBe(split.itemIds);
    expect(small.test).toBe(split.test);
    const rowOf = (m: typeof split.train, r: number) => Array.from(m.indices.subarray(m.indptr[r], m.indptr[r + 1]));
    small.trainUserIds.forEach((id, i) => {
      const r = split.trainUserIds.indexOf(id);
      expect(rowOf(small.train, i)).toEqual(rowOf(split.train, r));
    });
    small.validation.userIds.forEach((id, i) => {
      const r = split.validation.userIds.indexOf(id);
      expect(rowOf(small.validation.heldOut, i)).toEqual(rowOf(split.validation.heldOut, r));
    });
    expect(sampleSplit(split, 10, 1).trainUserIds).toEqual(small.trainUserIds);
  });
});

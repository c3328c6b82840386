import { describe, expect, it } from 'vitest';
import { buildInteractions } from './interactions';
import { buildSplit } from './split';
import { makeSyntheticLog } from './synthetic';

const SMALL = { nUsers: 600, nItems: 200, nCategories: 4, seed: 42 };

describe('makeSyntheticLog', () => {
  const data = makeSyntheticLog(SMALL);
  const { log, itemCategory } = data;
  const { matrix } = buildInteractions(log);

  it('is deterministic for a seed and differs across seeds', () => {
    const again = makeSyntheticLog(SMALL);
    expect(again.log.users).toEqual(log.users);
    expect(again.log.items).toEqual(log.items);
    expect(again.log.itemIds).toEqual(log.itemIds);
    expect(again.itemCategory).toEqual(itemCategory);
    expect(makeSyntheticLog({ ...SMALL, seed: 43 }).log.items).not.toEqual(log.items);
  });

  it('is a well-formed implicit click log', () => {
    expect(log.userIds).toHaveLength(600);
    expect(log.hasRatings).toBe(false);
    expect(log.rowsRead).toBe(log.users.length);
    expect(itemCategory).toHaveLength(log.itemIds.length);
    expect(log.itemIds.length).toBeGreaterThan(190);
    for (let u = 0; u < matrix.nRows; u++) {
      const row = matrix.indices.subarray(matrix.indptr[u], matrix.indptr[u + 1]);
      expect(row.length).toBeGreaterThanOrEqual(20);
      expect(row.length).toBeLessThanOrEqual(40);
      expect(new Set(row).size).toBe(row.length);
    }
    log.itemIds.forEach((id, i) => {
      expect(data.meta.get(id)?.categories).toEqual([`Category ${itemCategory[i] + 1}`]);
    });
  });

  it('puts about 90% of each user’s clicks inside their 1–3 categories', () => {
    let inside = 0;
    for (let r = 0; r < log.users.length; r++) {
      if (data.userCategories[log.users[r]].includes(itemCategory[log.items[r]])) inside++;
    }
    expect(inside / log.users.length).toBeGreaterThan(0.9);
    expect(data.userCategories.every((c) => c.length >= 1 && c.length <= 3)).toBe(true);
  });

  it('plants categories that co-clicks reveal', () => {
    const nItems = log.itemIds.length;
    const size = new Float64Array(4);
    for (const c of itemCategory) size[c]++;
    const co = Array.from({ length: nItems }, () => new Float64Array(4));
    for (let u = 0; u < matrix.nRows; u++) {
      const row = matrix.indices.subarray(matrix.indptr[u], matrix.indptr[u + 1]);
      for (const a of row) for (const b of row) if (a !== b) co[a][itemCategory[b]]++;
    }
    let recovered = 0;
    co.forEach((counts, i) => {
      const scores = Array.from(counts, (n, c) => n / size[c]);
      if (scores.indexOf(Math.max(...scores)) === itemCategory[i]) recovered++;
    });
    expect(recovered / nItems).toBeGreaterThan(0.95);
  });

  it('splits like a real log', () => {
    const split = buildSplit(log, { nHeldout: 50 });
    expect(split.stats).toMatchObject({ filteredUsers: 600, trainUsers: 500, valUsers: 50, testUsers: 50 });
    expect(split.stats.valHeldOut).toBeGreaterThan(0);
  });
});

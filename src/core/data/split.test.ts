import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetFingerprint } from './fingerprint';
import { buildInteractions } from './interactions';
import { parseClicks } from './parse-clicks';
import { buildSplit, suggestHeldout } from './split';
import type { CsrMatrix, Split } from './types';

const ML_LATEST_SMALL = new URL('../../../../shared/data/ml-latest-small/ratings.csv', import.meta.url);

function rowItems(matrix: CsrMatrix, row: number, itemIds: string[]): string[] {
  return Array.from(matrix.indices.subarray(matrix.indptr[row], matrix.indptr[row + 1]), (c) => itemIds[c]);
}

function implicitLog(rows: [string, string][]) {
  return parseClicks(rows.map((r) => r.join(',')).join('\n')).log;
}

describe('buildSplit on ml-latest-small (SPEC §2.2)', () => {
  const { log } = parseClicks(readFileSync(ML_LATEST_SMALL, 'utf8'), { fileName: 'ratings.csv' });
  const split = buildSplit(log, { nHeldout: 50 });

  it('matches the sizes prep.py gives', () => {
    expect(split.stats).toEqual({
      filteredUsers: 603,
      interactions: 48562,
      filteredItems: 6298,
      items: 5697,
      trainUsers: 503,
      trainInteractions: 39618,
      valUsers: 50,
      valFoldIn: 4141,
      valHeldOut: 1008,
      testUsers: 50,
      testFoldIn: 2546,
      testHeldOut: 609,
    });
  });

  it('orders users by the seeded permutation and items by first appearance among training users', () => {
    expect(split.trainUserIds.slice(0, 5)).toEqual(['444', '510', '169', '154', '113']);
    expect(split.itemIds.slice(0, 5)).toEqual(['1', '3', '6', '47', '50']);
    const everyone = [...split.trainUserIds, ...split.validation.userIds, ...split.test.userIds];
    expect(new Set(everyone).size).toBe(603);
  });

  it('has matrices of the right shape, with one test user left without held-out items', () => {
    expect(split.train).toMatchObject({ nRows: 503, nCols: 5697 });
    for (const set of [split.validation, split.test]) {
      expect(set.foldIn).toMatchObject({ nRows: 50, nCols: 5697 });
      expect(set.heldOut).toMatchObject({ nRows: 50, nCols: 5697 });
    }
    const { heldOut, foldIn } = split.test;
    const empty = Array.from({ length: 50 }, (_, k) => k).filter((k) => heldOut.indptr[k + 1] === heldOut.indptr[k]);
    expect(empty).toHaveLength(1);
    expect(foldIn.indptr[empty[0] + 1] - foldIn.indptr[empty[0]]).toBeLessThan(5);
  });

  it('holds out int(0.2·n) of each held-out user’s in-vocabulary clicks', () => {
    for (const set of [split.validation, split.test]) {
      for (let k = 0; k < 50; k++) {
        const nIn = set.foldIn.indptr[k + 1] - set.foldIn.indptr[k];
        const nOut = set.heldOut.indptr[k + 1] - set.heldOut.indptr[k];
        const n = nIn + nOut;
        expect(nOut).toBe(n >= 5 ? Math.trunc(0.2 * n) : 0);
      }
    }
  });

  it('has a stable fingerprint that changes with the split', () => {
    const again = buildSplit(log, { nHeldout: 50 });
    expect(datasetFingerprint(split)).toMatch(/^[0-9a-f]{16}$/);
    expect(datasetFingerprint(again)).toBe(datasetFingerprint(split));
    expect(datasetFingerprint(buildSplit(log, { nHeldout: 50, seed: 1 }))).not.toBe(datasetFingerprint(split));
    expect(datasetFingerprint(buildSplit(log, { nHeldout: 40 }))).not.toBe(datasetFingerprint(split));
  });
});

describe('buildSplit on a hand-checked log', () => {
  // Users sort numerically as 9, 10, 11, 12, 100; permutation(5) with seed 98765 is
  // [4, 2, 1, 0, 3], so the order is 100, 11, 10 | 9 | 12. User 5 has too few clicks.
  const rows: [string, string][] = [
    ['9', 'z'],
    ['100', 'b'],
    ['11', 'f'],
    ['5', 'a'],
    ...['a', 'c', 'd', 'e'].map((i): [string, string] => ['100', i]),
    ...['c', 'd', 'e', 'g'].map((i): [string, string] => ['11', i]),
    ...['g', 'h', 'i', 'j', 'k'].map((i): [string, string] => ['10', i]),
    ...['a', 'b', 'c', 'd', 'e', 'f'].map((i): [string, string] => ['9', i]),
    ...['k', 'j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'y'].map((i): [string, string] => ['12', i]),
    ['5', 'b'],
  ];
  const split: Split = buildSplit(implicitLog(rows), { nHeldout: 1 });

  it('permutes numerically sorted users and builds the vocabulary in file order', () => {
    expect(split.trainUserIds).toEqual(['100', '11', '10']);
    expect(split.validation.userIds).toEqual(['9']);
    expect(split.test.userIds).toEqual(['12']);
    expect(split.itemIds).toEqual(['b', 'f', 'a', 'c', 'd', 'e', 'g', 'h', 'i', 'j', 'k']);
    expect(rowItems(split.train, 0, split.itemIds)).toEqual(['b', 'a', 'c', 'd', 'e']);
    expect(rowItems(split.train, 1, split.itemIds)).toEqual(['f', 'c', 'd', 'e', 'g']);
  });

  it('drops out-of-vocabulary clicks and holds out choice(n, int(0.2·n)) of the rest', () => {
    // Validation: a fresh seed, choice(6, 1) = [4]; test: a fresh seed, choice(10, 2) = [8, 7].
    expect(rowItems(split.validation.foldIn, 0, split.itemIds)).toEqual(['a', 'b', 'c', 'd', 'f']);
    expect(rowItems(split.validation.heldOut, 0, split.itemIds)).toEqual(['e']);
    expect(rowItems(split.test.foldIn, 0, split.itemIds)).toEqual(['k', 'j', 'i', 'h', 'g', 'f', 'e', 'b']);
    expect(rowItems(split.test.heldOut, 0, split.itemIds)).toEqual(['d', 'c']);
    expect(split.stats).toMatchObject({ filteredUsers: 5, interactions: 33, filteredItems: 13, items: 11 });
  });

  it('sorts string ids as strings', () => {
    const ids = ['b', 'a', 'e', 'c', 'd'];
    const log = implicitLog(ids.flatMap((u) => ['1', '2', '3', '4', '5'].map((i): [string, string] => [u, i])));
    const s = buildSplit(log, { nHeldout: 1 });
    expect([...s.trainUserIds, ...s.validation.userIds, ...s.test.userIds]).toEqual(['e', 'c', 'b', 'a', 'd']);
  });

  it('refuses held-out sets with no held-out clicks rather than report metrics of 0', () => {
    // The order is 5, 3, 2 | 1 | 4, and users 1 and 4 click only items no training user clicks.
    const log = implicitLog([
      ...['a', 'b', 'c', 'd', 'e'].flatMap((i) => ['2', '3', '5'].map((u): [string, string] => [u, i])),
      ...['v', 'w', 'x', 'y', 'z'].flatMap((i) => ['1', '4'].map((u): [string, string] => [u, i])),
    ]);
    expect(() => buildSplit(log, { nHeldout: 1, fileName: 'one.csv' })).toThrow(
      'one.csv: the 1 validation user has no held-out clicks (a user needs 5 or more clicks on items that training users clicked)',
    );
  });

  it('refuses held-out sets larger than the training set', () => {
    const log = implicitLog(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].flatMap((u) => ['1', '2', '3', '4', '5'].map((i): [string, string] => [u, i])),
    );
    expect(() => buildSplit(log, { nHeldout: 3, fileName: 'seven.csv' })).toThrow(
      'seven.csv: holding out 2 × 3 of the 7 users with ≥ 5 clicks leaves 1 for training, fewer than each held-out set: hold out at most 2 users',
    );
  });

  it('honours minUserClicks and the seed', () => {
    const log = implicitLog(rows);
    expect(buildSplit(log, { nHeldout: 1, minUserClicks: 2 }).stats.filteredUsers).toBe(6);
    // permutation(5) with seed 7 is [0, 3, 2, 1, 4]: 9, 12, 11, 10 | 100.
    const seeded = buildSplit(log, { nHeldout: 1, seed: 7 });
    expect(seeded.trainUserIds).toEqual(['9', '12', '11']);
    expect(seeded.test.userIds).toEqual(['100']);
  });
});

describe('buildInteractions', () => {
  it('groups every user’s clicks in file order with id maps', () => {
    const interactions = buildInteractions(
      implicitLog([
        ['u2', 'b'],
        ['u1', 'a'],
        ['u2', 'a'],
        ['u1', 'c'],
      ]),
    );
    expect(interactions.userIds).toEqual(['u2', 'u1']);
    expect(interactions.userIndex.get('u1')).toBe(1);
    expect(interactions.itemIndex.get('c')).toBe(2);
    expect(interactions.matrix).toEqual({
      nRows: 2,
      nCols: 3,
      indptr: new Int32Array([0, 2, 4]),
      indices: new Int32Array([0, 1, 1, 2]),
    });
  });
});

describe('suggestHeldout', () => {
  it("suggests the paper's held-out sizes, at most a fifth of the users", () => {
    expect(suggestHeldout(610)).toBe(50);
    expect(suggestHeldout(6040)).toBe(500);
    expect(suggestHeldout(136677)).toBe(10000);
    expect(suggestHeldout(30)).toBe(5);
    expect(suggestHeldout(1)).toBe(1);
  });
});

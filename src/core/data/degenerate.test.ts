import { describe, expect, it } from 'vitest';
import { parseClicks } from './parse-clicks';
import { buildSplit } from './split';

/** users u0…u(n-1), each with `per` clicks on items offset by user, rated by `rating`. */
function log(n: number, per: number, rating: (u: number, k: number) => number | string, id = (u: number) => `${u}`): string {
  const rows = ['userId,movieId,rating'];
  for (let u = 0; u < n; u++) for (let k = 0; k < per; k++) rows.push(`${id(u)},${(u + k) % 40},${rating(u, k)}`);
  return rows.join('\n');
}

const splitOf = (text: string, nHeldout = 5) => buildSplit(parseClicks(text, { fileName: 'r.csv' }).log, { nHeldout, fileName: 'r.csv' });

describe('degenerate data is named, not reported as a result', () => {
  it('refuses missing-value markers as ids, naming the line', () => {
    for (const marker of ['NULL', 'nan', 'None', 'NA', 'n/a', '\\N', 'undefined']) {
      expect(() => parseClicks(`user,item\n1,2\n${marker},3\n`, { fileName: 'c.csv' }), marker).toThrow(
        `c.csv line 3: the user id "${marker}" marks a missing value, not an id`,
      );
    }
    expect(() => parseClicks('user,item\n1,NaN\n', { fileName: 'c.csv' })).toThrow('c.csv line 2: the item id "NaN" marks a missing value');
    expect(parseClicks('user,item\nnancy,nora\n').log.userIds).toEqual(['nancy']);
  });

  it('refuses ids that are one number written two ways', () => {
    const text = log(
      30,
      8,
      () => 5,
      (u) => (u === 7 ? '3.0' : `${u}`),
    );
    expect(() => splitOf(text)).toThrow('r.csv: the user ids "3" and "3.0" are one number written two ways');
    expect(() => splitOf(log(30, 8, () => 5).replace('\n2,2,5', '\n2,002,5'))).toThrow('r.csv: the item ids "2" and "002" are one number');
    expect(
      splitOf(
        log(
          30,
          8,
          () => 5,
          (u) => `${u}.0`,
        ),
      ).stats.filteredUsers,
    ).toBe(30);
  });

  it('refuses a 0–100 rating scale under the 1–5 threshold, and a threshold that keeps nearly every row', () => {
    expect(() => splitOf(log(30, 8, (u, k) => (u * 7 + k * 13) % 101))).toThrow(
      /^r\.csv: ratings go up to 100, but the threshold 3\.5 is meant for 1–5 star ratings \(it keeps \d+ of 240 rated rows/,
    );
    expect(() => splitOf(log(150, 8, () => 4.5))).toThrow('r.csv: the rating threshold 3.5 keeps 1200 of 1200 rated rows (100.0 %)');
    const none = buildSplit(
      parseClicks(
        log(150, 8, () => 4.5),
        { ratingThreshold: null },
      ).log,
      { nHeldout: 5 },
    );
    expect(none.stats.filteredUsers).toBe(150);
  });

  it('refuses held-out sets with nothing held out, and held-out sets larger than training', () => {
    const oneUserPerItem = ['user,item', ...Array.from({ length: 400 }, (_, r) => `${Math.floor(r / 8)},${r}`)].join('\n');
    expect(() => splitOf(oneUserPerItem)).toThrow('r.csv: the 5 validation users have no held-out clicks');
    expect(() =>
      splitOf(
        log(40, 8, () => 5),
        15,
      ),
    ).toThrow(
      'r.csv: holding out 2 × 15 of the 40 users with ≥ 5 clicks leaves 10 for training, fewer than each held-out set: hold out at most 13 users',
    );
    expect(() =>
      splitOf(
        log(3, 8, () => 5),
        2,
      ),
    ).toThrow('r.csv: only 3 users have ≥ 5 clicks; holding out 2 × 2 users needs at least 5');
  });
});

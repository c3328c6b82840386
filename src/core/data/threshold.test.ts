import { describe, expect, it } from 'vitest';
import { makeMovieLensLike } from '../../../e2e/fixtures/movielens-like';
import { parseClicks } from './parse-clicks';
import { applyThreshold } from './threshold';

const fixture = makeMovieLensLike({ users: 300, items: 400, perUser: 40, seed: 11 });

describe('applyThreshold', () => {
  it('a threshold applied in memory equals the parser applying it (logs without duplicate pairs)', () => {
    for (const t of [0, 2.5, 3.5, 4, 5]) {
      const all = parseClicks(fixture.uData, { ratingThreshold: null });
      expect(all.report.duplicatesDropped).toBe(0);
      expect(applyThreshold(all, t)).toEqual(parseClicks(fixture.uData, { ratingThreshold: t }));
    }
  });
});

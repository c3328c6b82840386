import { describe, expect, it } from 'vitest';
import { describeEffect, dimensionEffects, effectBetween, yearsFromTitles } from './dimension-effects';
import { ItemSpace } from './item-space';
import { LatentScorer } from './latent-scorer';

/**
 * A hand-built item space, d = 2, one component: items 0–2 point along +e_0 ("Horror"), items
 * 3–5 along −e_0 ("Comedy"), item 6 along e_1. Raising z_0 must lift the Horror items and drop
 * the Comedy ones; z_1 touches neither group's order relative to the other.
 */
function space() {
  const H = Float32Array.from([1, 0.1, 1, 0.2, 1, 0.3, -1, 0.1, -1, 0.2, -1, 0.3, 0, 1]);
  const C = new Float32Array(7).fill(1);
  return new ItemSpace({ H, C, K: 1, d: 2, tau: 0.1 });
}
const facts = {
  titles: ['Alien (1979)', 'Thing, The (1982)', 'Halloween (1978)', 'Toy Story (1995)', 'Clerks (1994)', 'Big (1988)', 'Heat (1995)'],
  categories: [['Horror'], ['Horror'], ['Horror'], ['Comedy'], ['Comedy'], ['Comedy'], ['Crime']],
};

describe('dimension effects', () => {
  it('names what rises and falls in the component’s own ranking as the coordinate goes up', () => {
    const scorer = new LatentScorer(space(), Float32Array.of(0, 1));
    const [e0] = dimensionEffects(scorer, 0, 3, { lo: [-1, -1], hi: [1, 1] }, facts);
    expect(e0.rises.length).toBe(2);
    expect(Array.from(e0.rises).every((i) => i <= 2)).toBe(true);
    expect(e0.falls.length).toBe(2);
    expect(Array.from(e0.falls).every((i) => i >= 3 && i <= 5)).toBe(true);
    expect(e0.category).toEqual({ name: 'Horror', from: 0, to: 3, ratio: 7 });
    expect(e0.replaced).toBe(3);
    const text = describeEffect(e0, facts);
    expect(text).toMatch(/^↑ (Alien|The Thing|Halloween)/);
    expect(text).toContain('↓ ');
    expect(text).toContain('Horror 0→3 of 3 (×7.0)');
  });

  it('restores the scorer bit-exactly and leaves other offsets in place', () => {
    const scorer = new LatentScorer(space(), Float32Array.of(0.3, 0.8));
    scorer.setOffset(0, 1, 0.2);
    const before = scorer.scores().slice();
    dimensionEffects(scorer, 0, 3, { lo: [-1, -1], hi: [1, 1] }, facts);
    expect(scorer.offset(0, 1)).toBe(0.2);
    expect(Array.from(scorer.scores())).toEqual(Array.from(before));
  });

  it('reports no shift below the thresholds, and says so', () => {
    const same = Int32Array.of(0, 1, 2, 3);
    const e = effectBetween(0, -1, 1, same, same, 4, facts);
    expect(e.rises.length + e.falls.length + e.replaced).toBe(0);
    expect(e.category).toBeNull();
    expect(describeEffect(e, facts)).toBe('no change in the top 4');
  });

  it('measures release year and popularity shifts of the top-n', () => {
    const years = Float32Array.of(1950, 1955, 1960, 2000, 2005, 2010, NaN);
    const popularity = Float32Array.of(1, 2, 3, 40, 50, 60, 0);
    const e = effectBetween(0, -1, 1, Int32Array.of(0, 1, 2, 3, 4, 5), Int32Array.of(3, 4, 5, 0, 1, 2), 3, { years, popularity });
    expect(e.year).toEqual({ from: 1955, to: 2005 });
    expect(e.popularity).toEqual({ from: 2, to: 50 });
    expect(describeEffect(e, {})).toContain('↑ newer (1955→2005)');
    expect(describeEffect(e, {})).toContain('↑ more popular (median 2→50 clicks)');
  });

  it('reads years from MovieLens titles', () => {
    expect(Array.from(yearsFromTitles(['Heat (1995)', 'No year', 'Babylon 5 (1994–1998)']))).toEqual([1995, NaN, 1994]);
  });
});

describe('score breakdown', () => {
  it('splits the score over the components and the shares sum to one', () => {
    const H = Float32Array.from([1, 0, 0, 1, 0.6, 0.8]);
    const C = Float32Array.from([0.7, 0.3, 0.2, 0.8, 0.5, 0.5]);
    const scorer = new LatentScorer(new ItemSpace({ H, C, K: 2, d: 2, tau: 0.1 }), Float32Array.of(1, 0, 0, 1));
    scorer.setOffset(1, 0, 0.4);
    for (let i = 0; i < 3; i++) {
      const b = scorer.breakdown(i);
      expect(b.shares.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
      expect(b.score).toBeCloseTo(scorer.scores()[i], 5);
      expect(Math.log(b.terms[0] + b.terms[1])).toBeCloseTo(b.score, 12);
    }
    expect(() => scorer.breakdown(3)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { annealAt } from './schedule';

describe('annealAt: the official KL schedule min(β, t / (5 · batches per epoch))', () => {
  it('starts at 0 and grows linearly by 1 / (5 · batches per epoch) per update', () => {
    expect(annealAt(0, 0.2, 7)).toBe(0);
    expect(annealAt(1, 0.2, 7)).toBeCloseTo(1 / 35, 15);
    expect(annealAt(3, 0.2, 7)).toBeCloseTo(3 / 35, 15);
    expect(annealAt(6, 0.2, 7)).toBeCloseTo(6 / 35, 15);
  });

  for (const [beta, nb] of [
    [0.2, 1],
    [0.2, 7],
    [0.2, 120],
    [0.5, 4],
    [1, 3],
    [0.05, 20],
  ] as const) {
    it(`β = ${beta}, ${nb} batches per epoch: β is first reached after 5·β = ${5 * beta} epochs and then held`, () => {
      const reach = Math.round(5 * beta * nb); // the update count after 5·β epochs
      expect(annealAt(reach - 1, beta, nb)).toBeLessThan(beta);
      expect(annealAt(reach - 1, beta, nb)).toBeCloseTo(beta - 1 / (5 * nb), 12);
      expect(annealAt(reach, beta, nb)).toBeCloseTo(beta, 12);
      for (const t of [reach + 1, reach + nb, 10 * reach + 3, 1e6]) expect(annealAt(t, beta, nb)).toBe(beta);
    });
  }

  it('is non-decreasing in t and never exceeds β', () => {
    let prev = -1;
    for (let t = 0; t < 100; t++) {
      const a = annealAt(t, 0.3, 6);
      expect(a).toBeGreaterThanOrEqual(prev);
      expect(a).toBeLessThanOrEqual(0.3);
      prev = a;
    }
  });

  it('with β = 0 the KL weight is always 0', () => {
    for (const t of [0, 1, 50]) expect(annealAt(t, 0, 5)).toBe(0);
  });
});

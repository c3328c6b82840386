import { describe, expect, it } from 'vitest';
import { conceptSeedAgreement } from './seed-agreement';

const oneHot = (concepts: number[], K: number, p = 1) =>
  Float32Array.from(concepts.flatMap((c) => Array.from({ length: K }, (_, k) => (k === c ? p : (1 - p) / (K - 1)))));

describe('concept agreement between two runs', () => {
  it('finds the permutation between runs that learned the same concepts', () => {
    const a = oneHot([0, 0, 1, 1, 2, 2], 3);
    const b = oneHot([2, 2, 0, 0, 1, 1], 3);
    const r = conceptSeedAgreement(a, b, 3);
    expect(r.matching).toEqual([2, 0, 1]);
    expect(r.nmi).toBeCloseTo(1, 10);
    expect(r.matchedShare).toBeCloseTo(1, 6);
    expect(r.matchedArgmax).toBe(1);
  });

  it('soft assignments count by their mass, and unrelated runs agree at chance', () => {
    const a = oneHot([0, 0, 1, 1], 2, 0.75);
    const b = oneHot([0, 1, 0, 1], 2, 0.75);
    const r = conceptSeedAgreement(a, b, 2);
    expect(r.nmi).toBe(0);
    expect(r.matchedShare).toBeCloseTo(0.5, 6);
    expect(r.matchedArgmax).toBe(0.5);
    // the same partition, but each run only 75 % sure: mass (0.75² + 0.25²) on the matched pairs
    expect(conceptSeedAgreement(a, oneHot([1, 1, 0, 0], 2, 0.75), 2).matchedShare).toBeCloseTo(0.625, 6);
  });
});

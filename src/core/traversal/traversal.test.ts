import { describe, expect, it } from 'vitest';
import { intentionShares } from './intention';
import { ItemSpace } from './item-space';
import { LatentScorer } from './latent-scorer';
import { componentSliderRanges, dimensionRanges, evenlySpaced } from './ranges';
import { syntheticTraversalData } from './synthetic';
import { dimensionSensitivity, rankDimensions, traversalStrip } from './traversal';

describe('traversalStrip', () => {
  const data = syntheticTraversalData(500, 4, 10, 21);
  const space = new ItemSpace(data);
  const history = Int32Array.of(3, 50, 77);

  it('returns the top-n at each value and restores the previous state exactly', () => {
    const s = new LatentScorer(space, data.z, history);
    s.setOffset(0, 1, 0.3); // pre-existing offsets on two components must survive
    s.setOffset(2, 4, -0.2);
    const scoresBefore = s.scores().slice();
    const zBefore = s.currentZ();
    const topBefore = s.topN(10);

    const values = evenlySpaced(-0.6, 0.6, 7);
    const strip = traversalStrip(s, 2, 4, values, 10);

    expect(strip.map((st) => st.value)).toEqual(values);
    expect(s.scores()).toEqual(scoresBefore);
    expect(s.currentZ()).toEqual(zBefore);
    expect(s.offset(2, 4)).toBe(-0.2);
    expect(s.topN(10)).toEqual(topBefore);

    // Each step equals setting the coordinate directly on a fresh scorer with the same offsets.
    const ref = new LatentScorer(space, data.z, history);
    ref.setOffset(0, 1, 0.3);
    for (const st of strip) {
      ref.setValue(2, 4, st.value);
      expect(Array.from(st.items)).toEqual(Array.from(ref.topN(10).items));
      for (const i of st.items) expect(history.includes(i)).toBe(false);
    }
    // The list actually moves over the traversal.
    expect(strip[0].items).not.toEqual(strip[6].items);
  });
});

describe('dimensionSensitivity', () => {
  it('is 0 for a dimension no item uses, > 0 for one that matters, and restores the state', () => {
    // K = 2 with hard C: component 1 carries no weight (c_i1 = 0), so only z_0 matters; H[:, 0] = 0,
    // so moving z_00 only rescales ‖z_0‖, which preserves the ranking of cos(z_0, h_i)/τ.
    const data = syntheticTraversalData(800, 2, 8, 4);
    const { H, d } = data;
    for (let i = 0; i < 800; i++) H[i * d] = 0;
    const C = new Float32Array(800 * 2);
    for (let i = 0; i < 800; i++) C[i * 2] = 1;
    const space = new ItemSpace({ ...data, H, C });
    const s = new LatentScorer(space, data.z, Int32Array.of(1, 2, 3));
    const lo = new Float32Array(d).fill(-0.8);
    const hi = new Float32Array(d).fill(0.8);
    const before = s.scores().slice();

    const sens0 = dimensionSensitivity(s, 0, 20, { lo, hi });
    expect(sens0[0]).toBe(0);
    for (let j = 1; j < d; j++) expect(sens0[j]).toBeGreaterThan(0);
    for (const x of sens0) expect(x).toBeLessThanOrEqual(1);
    const sens1 = dimensionSensitivity(s, 1, 20, { lo, hi });
    expect(Array.from(sens1)).toEqual(new Array(d).fill(0));
    expect(s.scores()).toEqual(before);

    const order = rankDimensions(sens0);
    expect(order[order.length - 1]).toBe(0);
    for (let r = 1; r < d; r++) expect(sens0[order[r]]).toBeLessThanOrEqual(sens0[order[r - 1]]);
  });

  it('works with data-driven ranges and soft C', () => {
    const data = syntheticTraversalData(300, 3, 6, 8);
    const space = new ItemSpace(data);
    const s = new LatentScorer(space, data.z);
    const mus = new Float32Array(50 * 3 * 6);
    for (let u = 0; u < 50; u++) mus.set(syntheticTraversalData(1, 3, 6, 100 + u).z, u * 18);
    const ranges = componentSliderRanges(dimensionRanges(mus, 3, 6), 1);
    const sens = dimensionSensitivity(s, 1, 10, ranges, 5);
    expect(sens.length).toBe(6);
    for (const x of sens) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
    expect(Math.max(...sens)).toBeGreaterThan(0);
  });
});

describe('rankDimensions', () => {
  it('sorts by decreasing sensitivity, ties by index, NaN last', () => {
    expect(Array.from(rankDimensions([0.1, 0.5, NaN, 0.5, 0]))).toEqual([1, 3, 0, 4, 2]);
  });
});

describe('intentionShares', () => {
  it('sums the history rows of C and normalises to 1', () => {
    const C = Float32Array.from([1, 0, 0, 0.5, 0.5, 0, 0, 0.25, 0.75, 0.2, 0.2, 0.6]);
    const sh = intentionShares(Int32Array.of(0, 1, 2), C, 3);
    expect(sh[0]).toBeCloseTo(1.5 / 3, 6);
    expect(sh[1]).toBeCloseTo(0.75 / 3, 6);
    expect(sh[2]).toBeCloseTo(0.75 / 3, 6);
    expect(Array.from(intentionShares(new Int32Array(0), C, 3))).toEqual([0, 0, 0]);
    expect(() => intentionShares(Int32Array.of(4), C, 3)).toThrow(RangeError);
  });
});

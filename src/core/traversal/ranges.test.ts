import { describe, expect, it } from 'vitest';
import { componentSliderRanges, dimensionRanges, evenlySpaced, sliderRange } from './ranges';

describe('dimensionRanges', () => {
  it('computes min, max, p05, p95, mean and std per coordinate (hand case)', () => {
    // 5 users, K = 1, d = 2: coordinate 0 takes 0..4, coordinate 1 is constant 7.
    const mus = Float32Array.from([4, 7, 0, 7, 2, 7, 3, 7, 1, 7]);
    const r = dimensionRanges(mus, 1, 2);
    expect(r.nUsers).toBe(5);
    expect(r.min[0]).toBe(0);
    expect(r.max[0]).toBe(4);
    expect(r.p05[0]).toBeCloseTo(0.2, 6); // numpy.percentile([0..4], 5) = 0.2
    expect(r.p95[0]).toBeCloseTo(3.8, 6);
    expect(r.mean[0]).toBeCloseTo(2, 6);
    expect(r.std[0]).toBeCloseTo(Math.sqrt(2), 6);
    expect([r.min[1], r.max[1], r.p05[1], r.p95[1], r.mean[1], r.std[1]]).toEqual([7, 7, 7, 7, 7, 0]);

    // widened p05..p95 is clipped to min..max; a constant coordinate falls back to mean ± 0.1
    expect(sliderRange(r, 0, 0)).toEqual({ lo: 0, hi: 4 });
    const flat = sliderRange(r, 0, 1);
    expect(flat.lo).toBeCloseTo(6.9, 6);
    expect(flat.hi).toBeCloseTo(7.1, 6);
  });

  it('keeps an outlier from stretching the slider', () => {
    // 21 users, K = 2, d = 1: component 0 = 0..19 and one user at 100; component 1 = user index.
    const vals = [...Array.from({ length: 20 }, (_, u) => u), 100];
    const mus = new Float32Array(42);
    vals.forEach((v, u) => {
      mus[2 * u] = v;
      mus[2 * u + 1] = u;
    });
    const r = dimensionRanges(mus, 2, 1);
    expect(r.p05[0]).toBeCloseTo(1, 6);
    expect(r.p95[0]).toBeCloseTo(19, 6);
    expect(r.max[0]).toBe(100);
    // width 18, widened by 0.25·18 = 4.5 each side, clipped at min = 0
    expect(sliderRange(r, 0, 0)).toEqual({ lo: 0, hi: 23.5 });
    const c1 = componentSliderRanges(r, 1);
    expect(c1.lo[0]).toBe(0);
    expect(c1.hi[0]).toBe(20);
    expect(() => dimensionRanges(new Float32Array(5), 2, 1)).toThrow(RangeError);
  });

  it('evenlySpaced includes both ends', () => {
    expect(evenlySpaced(-1, 1, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(evenlySpaced(2, 4, 1)).toEqual([3]);
    expect(evenlySpaced(0, 1, 0)).toEqual([]);
  });
});

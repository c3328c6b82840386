import { describe, expect, it } from 'vitest';
import { offsetAt, sliderScale } from './slider-scale';
import { shortTitle } from './short-title';

describe('sliderScale', () => {
  it('spans [lo, hi] on a grid through the user value', () => {
    const s = sliderScale(0.03, -0.2, 0.2, 40);
    expect(s.step).toBeCloseTo(0.01);
    expect(s.min).toBeLessThanOrEqual(-0.2 + 1e-12);
    expect(s.max).toBeGreaterThanOrEqual(0.2 - 1e-12);
    expect(Math.abs((0.03 - s.min) / s.step - Math.round((0.03 - s.min) / s.step))).toBeLessThan(1e-9);
  });

  it('holds a user value outside the range', () => {
    const above = sliderScale(0.5, -0.2, 0.2, 40);
    expect(above.max).toBeGreaterThanOrEqual(0.5);
    expect(above.min).toBeLessThanOrEqual(-0.2 + 1e-12);
    const below = sliderScale(-0.5, -0.2, 0.2, 40);
    expect(below.min).toBe(-0.5);
  });

  it('maps readings to grid offsets, exactly 0 at the user value', () => {
    const s = sliderScale(0.031, -0.2, 0.2, 40);
    expect(offsetAt(s, 0.031, 0.031 + 1e-13)).toBe(0);
    expect(offsetAt(s, 0.031, 0.031 + 3 * s.step + 1e-12)).toBeCloseTo(3 * s.step, 12);
  });

  it('survives a degenerate range', () => {
    const s = sliderScale(0.1, 0.1, 0.1, 40);
    expect(s.step).toBeGreaterThan(0);
    expect(s.max).toBeGreaterThan(s.min);
  });
});

describe('shortTitle', () => {
  it('drops the year and aka, and moves a trailing article', () => {
    expect(shortTitle('Twelve Monkeys (a.k.a. 12 Monkeys) (1995)')).toBe('Twelve Monkeys');
    expect(shortTitle('Matrix Reloaded, The (2003)')).toBe('The Matrix Reloaded');
    expect(shortTitle('(500) Days of Summer (2009)')).toBe('(500) Days of Summer');
    expect(shortTitle('Cosmos')).toBe('Cosmos');
  });
});

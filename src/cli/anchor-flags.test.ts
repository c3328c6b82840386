import { describe, expect, it } from 'vitest';
import { parseAnchorFlags } from './anchor-flags';

describe('anchor flags', () => {
  it('no flag: no anchoring; any flag: the others default (auto, all labels, rarest targets, λ = 17)', () => {
    expect(parseAnchorFlags({}, 7, true)).toBeNull();
    expect(parseAnchorFlags({ 'anchor-categories': 'auto' }, 7, false)).toEqual({
      categories: 'auto',
      fractions: [1],
      weight: 17,
      target: 'rarest',
    });
    expect(parseAnchorFlags({ 'anchor-weight': '5' }, 7, false)).toEqual({
      categories: 'auto',
      fractions: [1],
      weight: 5,
      target: 'rarest',
    });
    expect(parseAnchorFlags({ 'anchor-target': 'even' }, 7, false)?.target).toBe('even');
  });

  it('reads a category list and a curve of fractions', () => {
    expect(parseAnchorFlags({ 'anchor-categories': 'Drama, Comedy', 'anchor-fraction': '0,0.1,1' }, 7, true)).toEqual({
      categories: ['Drama', 'Comedy'],
      fractions: [0, 0.1, 1],
      weight: 17,
      target: 'rarest',
    });
  });

  it.each([
    [{ 'anchor-fraction': '1.5' }, /--anchor-fraction must be a number from 0 to 1, got "1.5"/],
    [{ 'anchor-fraction': '' }, /--anchor-fraction/],
    [{ 'anchor-fraction': 'half' }, /--anchor-fraction/],
    [{ 'anchor-fraction': '0.1,0.5' }, /takes one number here/],
    [{ 'anchor-weight': '-1' }, /--anchor-weight must be a finite number ≥ 0, got "-1"/],
    [{ 'anchor-weight': 'Infinity' }, /--anchor-weight/],
    [{ 'anchor-categories': 'Drama,,Comedy' }, /comma list of category names/],
    [{ 'anchor-categories': 'Drama,Drama' }, /lists "Drama" twice/],
    [{ 'anchor-target': 'first' }, /--anchor-target must be "even" or "rarest", got "first"/],
    [{ 'anchor-categories': 'A,B,C' }, /3 categories but the model has K = 2/],
  ])('refuses %o with one clear line', (flags, message) => {
    expect(() => parseAnchorFlags(flags, 2, false)).toThrow(message);
  });
});

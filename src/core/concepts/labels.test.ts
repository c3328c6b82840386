import { describe, expect, it } from 'vitest';
import { conceptLabels, STRONG_LIFT } from './labels';

describe('concept labels', () => {
  // 8 items: concept 0 is all Horror (2 of 8 overall: lift 4 in a concept of 2), concept 1 mirrors the catalogue.
  const categories = [['Horror'], ['Horror'], ['Drama'], ['Comedy'], ['Drama'], ['Comedy'], ['Drama'], ['Comedy']];
  const concept = Int32Array.of(0, 0, 1, 1, 1, 1, 1, 1);

  it('names a concept only with a category that reaches the lift, and carries the numbers', () => {
    const [a, b] = conceptLabels(concept, categories, 2);
    expect(a.weak).toBe(false);
    expect(a.name).toBe('Horror');
    expect(a.evidence[0]).toMatchObject({ category: 'Horror', share: 1, overall: 0.25, lift: 4 });
    expect(a.short).toBe('Horror ×4.0');
    expect(a.detail).toContain('Horror 100 % of its 2 items vs 25 % overall (×4.00)');
    expect(b.weak).toBe(true);
    expect(b.name).toBe('');
    expect(b.short).not.toMatch(/Drama|Comedy/);
    expect(b.short).toMatch(/^weak · best ×1\.3$/);
    expect(b.detail).toContain(`no category reaches a lift of ${STRONG_LIFT}`);
  });

  it('gives empty concepts and data without metadata no name', () => {
    const none = conceptLabels(Int32Array.of(0, 0), [[], []], 2);
    expect(none.map((l) => [l.name, l.weak])).toEqual([
      ['', true],
      ['', true],
    ]);
    expect(none[1].short).toBe('empty');
    expect(none[0].short).toBe('no metadata');
  });
});

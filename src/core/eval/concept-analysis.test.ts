import { describe, expect, it } from 'vitest';
import { anchoredAgreement, itemCategoryLabels } from './concept-analysis';

const meta = new Map(
  [
    ['a', ['Action', 'Romance']],
    ['b', ['Action']],
    ['c', ['Action', 'Comedy']],
    ['d', ['Comedy']],
    ['e', ['Romance']],
    ['f', []],
  ].map(([id, categories]) => [id as string, { title: id as string, categories: categories as string[] }]),
);
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('item category labels', () => {
  it("an item's label for NMI and ARI is its rarest category, not its first listed", () => {
    const labels = itemCategoryLabels(ids, meta);
    expect(labels.names).toEqual(['Action', 'Romance', 'Comedy']);
    expect(Array.from(labels.primary)).toEqual([1, 0, 2, 2, 1, -1]);
  });
});

describe('agreement on the anchored categories', () => {
  const labels = itemCategoryLabels(ids, meta);
  // one-hot C over K = 2: concepts of a..f
  const concept = [1, 0, 0, 1, 1, 0];
  const assignment = Float32Array.from(concept.flatMap((k) => (k === 0 ? [0.9, 0.1] : [0.2, 0.8])));
  const items = new Float32Array(6 * 2).fill(1);
  const prototypes = Float32Array.of(1, 0, 0, 1);

  it('scores only the items having an anchored category, by their rarest anchored one; unlabelled apart', () => {
    // anchored: Action, Romance → labels a: Romance, b: Action, c: Action, e: Romance (d and f have none)
    const a = anchoredAgreement(assignment, items, prototypes, 2, 2, labels, Int32Array.of(0, 1), Int32Array.of(0, 1));
    expect(a.items).toBe(4);
    expect(a.nmi).toBe(1);
    expect(a.ari).toBe(1);
    expect(a.nmiUnlabelled).toBe(1);
    expect(a.anchoredCategories).toEqual(['Action', 'Romance']);
    expect(a.labelled).toBe(2);
    // concept 0 ↔ Action, 1 ↔ Romance: a (A, R) → 1, b (A) → 0, c (A) → 0, e (R) → 1
    expect(a.onCategory).toBe(1);
    expect(anchoredAgreement(assignment, items, prototypes, 2, 2, labels, Int32Array.of(1, 0), new Int32Array(0)).onCategory).toBe(0.25);
    expect(
      anchoredAgreement(assignment, items, prototypes, 2, 2, labels, Int32Array.of(0, 1), Int32Array.of(0, 1, 2, 4)).nmiUnlabelled,
    ).toBeNull();
  });

  it('a concept split that ignores the categories scores 0', () => {
    const flat = Float32Array.from([0, 1, 0, 1, 1, 0].flatMap((k) => (k === 0 ? [0.9, 0.1] : [0.2, 0.8])));
    // a: R → 0, b: A → 1, c: A → 0, e: R → 1: independent
    expect(anchoredAgreement(flat, items, prototypes, 2, 2, labels, Int32Array.of(0, 1), new Int32Array(0)).nmi).toBeCloseTo(0, 10);
  });
});

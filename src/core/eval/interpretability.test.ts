import { describe, expect, it } from 'vitest';
import { interpretabilityScore } from './interpretability';

const f32 = (rows: number[][]) => Float32Array.from(rows.flat());
// One item per category along each axis, scaled to show that items are normalised.
const axisItems = f32([
  [4, 0, 0],
  [0, 0.5, 0],
  [0, 0, 2],
  [3, 0, 0],
]);
const axisLabels = Int32Array.from([0, 1, 2, 0]);

describe('interpretabilityScore', () => {
  it('scores 3 for a consistent bijection, with prototypes normalised', () => {
    // Unnormalised, prototype 0 would also win category 1 (6 > 1).
    const r = interpretabilityScore(
      axisItems,
      f32([
        [8, 6, 0],
        [0, 1, 0],
        [0, 0, 2],
      ]),
      3,
      axisLabels,
      3,
    );
    expect(Array.from(r.similarity.data)).toEqual([0.8, 0.6, 0, 0, 1, 0, 0, 0, 1].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(r.bestCategoryForConcept)).toEqual([0, 1, 2]);
    expect(Array.from(r.bestConceptForCategory)).toEqual([0, 1, 2]);
    expect(r.score).toBe(3);
  });

  it('scores 3 for a permuted bijection', () => {
    const r = interpretabilityScore(
      axisItems,
      f32([
        [0, 1, 0],
        [0, 0, 1],
        [1, 0, 0],
      ]),
      3,
      axisLabels,
      3,
    );
    expect(Array.from(r.bestCategoryForConcept)).toEqual([1, 2, 0]);
    expect(Array.from(r.bestConceptForCategory)).toEqual([2, 0, 1]);
    expect(r.score).toBe(3);
  });

  it('scores 1 when only the categories pick distinct concepts', () => {
    const r = interpretabilityScore(
      axisItems,
      f32([
        [0.6, 0.8, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
      3,
      axisLabels,
      3,
    );
    expect(Array.from(r.bestCategoryForConcept)).toEqual([1, 1, 2]);
    expect(Array.from(r.bestConceptForCategory)).toEqual([0, 1, 2]);
    expect(r.score).toBe(1);
  });

  it('scores 1 when only the concepts pick distinct categories', () => {
    // Prototype 2 points at category 2 (0.59), but prototype 1 is closer to it (0.6).
    const r = interpretabilityScore(
      axisItems,
      f32([
        [1, 0, 0],
        [0, 0.8, 0.6],
        [57, 57, 59],
      ]),
      3,
      axisLabels,
      3,
    );
    expect(Array.from(r.bestCategoryForConcept)).toEqual([0, 1, 2]);
    expect(Array.from(r.bestConceptForCategory)).toEqual([0, 1, 1]);
    expect(r.score).toBe(1);
  });

  it('scores 0 when neither map is injective (argmax takes the first maximum)', () => {
    const r = interpretabilityScore(
      axisItems,
      f32([
        [1, 0.1, 0],
        [1, 0.1, 0],
        [0, 0, 1],
      ]),
      3,
      axisLabels,
      3,
    );
    expect(Array.from(r.bestCategoryForConcept)).toEqual([0, 0, 2]);
    expect(Array.from(r.bestConceptForCategory)).toEqual([0, 0, 2]);
    expect(r.score).toBe(0);
  });

  it('never scores 2 when K = C, even with ties', () => {
    let seed = 3;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const seen = new Set<number>();
    for (let trial = 0; trial < 2000; trial++) {
      const protos = Float32Array.from({ length: 9 }, () => Math.floor(rand() * 3));
      protos[0] += 1; // keep at least one prototype non-zero
      const r = interpretabilityScore(axisItems, protos, 3, axisLabels, 3);
      seen.add(r.score);
    }
    expect([...seen].sort()).toEqual([0, 1, 3]);
  });

  it('is at most 1 when K ≠ C', () => {
    const fewer = interpretabilityScore(
      axisItems,
      f32([
        [1, 0, 0],
        [0, 1, 0],
      ]),
      3,
      axisLabels,
      3,
    );
    expect(Array.from(fewer.bestCategoryForConcept)).toEqual([0, 1]);
    expect(Array.from(fewer.bestConceptForCategory)).toEqual([0, 1, 0]);
    expect(fewer.score).toBe(1);
    const more = interpretabilityScore(
      axisItems,
      f32([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
        [1, 1, 1],
      ]),
      3,
      axisLabels,
      3,
    );
    expect(Array.from(more.bestCategoryForConcept)).toEqual([0, 1, 2, 0]);
    expect(Array.from(more.bestConceptForCategory)).toEqual([0, 1, 2]);
    expect(more.score).toBe(1);
  });

  it('skips unknown labels and normalises items before summing', () => {
    const items = f32([
      [3, 0],
      [0, 0.1],
      [0, 5],
      [7, 7],
    ]);
    const r = interpretabilityScore(
      items,
      f32([
        [2, 0],
        [0, 1],
      ]),
      2,
      Int32Array.from([0, 0, 1, -1]),
      2,
    );
    const h = Math.SQRT1_2;
    expect(Array.from(r.similarity.data)).toEqual([h, 0, h, 1].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(r.bestConceptForCategory)).toEqual([0, 1]);
    expect(r.score).toBe(3);
  });

  it('counts a multi-category item toward every category', () => {
    const items = f32([
      [1, 0],
      [0, 1],
      [0, 2],
    ]);
    const r = interpretabilityScore(
      items,
      f32([
        [1, 0],
        [0, 1],
      ]),
      2,
      [[0], Int32Array.from([0, 1]), [1]],
      2,
    );
    const h = Math.SQRT1_2;
    expect(Array.from(r.similarity.data)).toEqual([h, 0, h, 1].map((v) => expect.closeTo(v, 6)));
    const single = interpretabilityScore(
      axisItems,
      f32([
        [0, 1, 0],
        [0, 0, 1],
        [1, 0, 0],
      ]),
      3,
      [[0], [1], [2], [0, -1]],
      3,
    );
    expect(single.score).toBe(3);
    expect(Array.from(single.bestCategoryForConcept)).toEqual([1, 2, 0]);
  });

  it('rejects mismatched shapes', () => {
    expect(() => interpretabilityScore(axisItems, new Float32Array(4), 3, axisLabels, 3)).toThrow();
    expect(() => interpretabilityScore(axisItems, new Float32Array(3), 2, axisLabels, 3)).toThrow();
  });
});

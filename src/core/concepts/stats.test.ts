import { describe, expect, it } from 'vitest';
import type { CsrMatrix } from '../data/types';
import type { ItemCategoryLabels } from '../eval/concept-analysis';
import {
  categoryAgreement,
  categoryCounts,
  conceptFlags,
  conceptProfiles,
  conceptSizes,
  confidenceSummary,
  cosineMatrix,
  nearestByCosine,
  userConceptShares,
} from './stats';

const f32 = (rows: number[][]) => Float32Array.from(rows.flat());

function csr(rows: number[][], nCols: number): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i] + r.length));
  return { nRows: rows.length, nCols, indptr, indices: Int32Array.from(rows.flat()) };
}

describe('concept sizes and confidence', () => {
  // 5 items, K = 3
  const C = f32([
    [0.98, 0.01, 0.01],
    [0.6, 0.3, 0.1],
    [0.04, 0.92, 0.04],
    [0.2, 0.2, 0.6],
    [0.0, 0.995, 0.005],
  ]);
  const concept = Int32Array.of(0, 0, 1, 2, 1);

  it('counts argmax sizes and sums the soft assignment', () => {
    const { sizes, softSizes } = conceptSizes(concept, C, 3);
    expect(Array.from(sizes)).toEqual([2, 2, 1]);
    expect(Array.from(softSizes)).toEqual([1.82, 2.425, 0.755].map((v) => expect.closeTo(v, 5)));
  });

  it('bins max_k c_ik and reports the shares below 0.5 / 0.9 / 0.99', () => {
    const s = confidenceSummary(C, 3, 10);
    // maxes: 0.98, 0.6, 0.92, 0.6, 0.995 (float32)
    expect(Array.from(s.counts)).toEqual([0, 0, 0, 0, 0, 0, 2, 0, 0, 3]);
    expect(s.below50).toBe(0);
    expect(s.below90).toBeCloseTo(2 / 5, 12);
    expect(s.below99).toBeCloseTo(4 / 5, 12);
    expect(s.median).toBeCloseTo(0.92, 6);
    expect(s.mean).toBeCloseTo((0.98 + 0.6 + 0.92 + 0.6 + 0.995) / 5, 6);
  });

  it('puts exactly 1 (and a float32 ulp above) in the last bin', () => {
    const s = confidenceSummary(
      f32([
        [1, 0],
        [1.0000001, 0],
      ]),
      2,
      4,
    );
    expect(Array.from(s.counts)).toEqual([0, 0, 0, 2]);
  });
});

describe('prototype similarity and collapse flags', () => {
  it('computes cosines and flags similar pairs and tiny concepts', () => {
    const P = f32([
      [1, 0, 0],
      [2, 0.1, 0],
      [0, 0, 3],
      [0, 0, 0],
    ]);
    const cos = cosineMatrix(P, 4, 3);
    expect(cos[0]).toBeCloseTo(1, 12);
    expect(cos[0 * 4 + 1]).toBeCloseTo(2 / Math.sqrt(4.01), 6);
    expect(cos[0 * 4 + 2]).toBe(0);
    expect(cos[3 * 4 + 3]).toBe(0);
    expect(cos[1 * 4 + 0]).toBe(cos[0 * 4 + 1]);
    const flags = conceptFlags(Int32Array.of(500, 300, 195, 5), cos);
    expect(flags.small).toEqual([3]);
    expect(flags.similarPairs.map((p) => [p.a, p.b])).toEqual([[0, 1]]);
  });
});

describe('concept × category', () => {
  // 6 items, K = 3 concepts, categories 0: Action, 1: Comedy, 2: Drama
  const labels: ItemCategoryLabels = {
    names: ['Action', 'Comedy', 'Drama'],
    all: [Int32Array.of(2), Int32Array.of(2, 1), Int32Array.of(0), Int32Array.of(0), Int32Array.of(1, 0), Int32Array.of()],
    primary: Int32Array.of(2, 2, 0, 0, 1, -1),
  };
  const concept = Int32Array.of(0, 0, 1, 1, 2, 2);

  it('counts a multi-category item under each category', () => {
    expect(Array.from(categoryCounts(concept, labels.all, 3, 3))).toEqual([0, 1, 2, 2, 0, 0, 1, 1, 0]);
  });

  it('orders rows and columns by the best matching (hand case)', () => {
    const K = 3;
    const d = 3;
    const C = f32([
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
    // item vectors along the concept axes; prototypes on the axes too
    const H = f32([
      [0, 0, 1],
      [0, 0.2, 1],
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
    ]);
    const P = f32([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    const a = categoryAgreement(C, concept, H, P, K, d, labels)!;
    // concept 0 ↔ Drama (2), concept 1 ↔ Action (0), concept 2 ↔ Comedy (1)
    expect(Array.from(a.matchedCategory)).toEqual([2, 0, 1]);
    expect(Array.from(a.rowOrder)).toEqual([0, 1, 2]);
    expect(Array.from(a.colOrder)).toEqual([2, 0, 1]);
    expect(a.labelledItems).toBe(5);
    expect(a.multiCategoryItems).toBe(2);
    // primary labels of the 5 labelled items: 2,2,0,0,1 vs concepts 0,0,1,1,2: a perfect match
    expect(a.nmi).toBeCloseTo(1, 12);
    expect(a.ari).toBeCloseTo(1, 12);
    expect(a.interpretability).toBe(3);
    expect(Array.from(a.bestCategoryForConcept)).toEqual([2, 0, 1]);
  });

  it('returns null without categories', () => {
    const none: ItemCategoryLabels = { names: [], all: [], primary: new Int32Array(0) };
    expect(categoryAgreement(new Float32Array(0), new Int32Array(0), new Float32Array(0), f32([[1]]), 1, 1, none)).toBeNull();
  });
});

describe('per-concept profiles', () => {
  const K = 2;
  const C = f32([
    [0.9, 0.1],
    [0.99, 0.01],
    [0.2, 0.8],
    [0.3, 0.7],
    [0.6, 0.4],
  ]);
  const concept = Int32Array.of(0, 0, 1, 1, 0);
  const clicks = csr([[0, 1], [2, 3], [0, 2, 4], [], [3]], 5);

  it('user shares are Σ c_ik over the history, normalised', () => {
    const s = userConceptShares(clicks, C, K);
    expect(Array.from(s)).toEqual([0.945, 0.055, 0.25, 0.75, 0.5667, 0.4333, 0, 0, 0.3, 0.7].map((v) => expect.closeTo(v, 3)));
  });

  it('lists typical items, top categories with lift, and leaning users', () => {
    const labels: ItemCategoryLabels = {
      names: ['A', 'B'],
      all: [Int32Array.of(0), Int32Array.of(0, 1), Int32Array.of(1), Int32Array.of(1), Int32Array.of(0)],
      primary: Int32Array.of(0, 0, 1, 1, 0),
    };
    const p = conceptProfiles({
      assignment: C,
      concept,
      K,
      labels,
      clicks,
      userIds: ['u0', 'u1', 'u2', 'u3', 'u4'],
      nTypical: 3,
      nUsers: 3,
    });
    expect(p[0].typical.map((t) => t.item)).toEqual([1, 0, 4]);
    expect(p[1].typical.map((t) => t.item)).toEqual([2, 3, 4]);
    // concept 0 holds items 0, 1, 4: A ×3, B ×1; overall A 3/5, B 3/5
    expect(p[0].topCategories.map((c) => [c.name, c.count])).toEqual([
      ['A', 3],
      ['B', 1],
    ]);
    expect(p[0].topCategories[0].share).toBe(1);
    expect(p[0].topCategories[0].lift).toBeCloseTo(1 / 0.6, 12);
    // user 3 has no history and is left out
    expect(p[0].topUsers.map((u) => u.id)).toEqual(['u0', 'u2', 'u4']);
    expect(p[1].topUsers.map((u) => u.id)).toEqual(['u1', 'u4', 'u2']);
    expect(p[1].topUsers[0].clicks).toBe(2);
  });
});

describe('nearestByCosine', () => {
  it('ranks unit rows by cosine to the query and skips the query item', () => {
    const s = Math.SQRT1_2;
    const hn = f32([
      [1, 0],
      [s, s],
      [0, 1],
      [-1, 0],
    ]);
    const r = nearestByCosine(hn, 2, Float32Array.of(1, 0), 2, (i) => i !== 0);
    expect(Array.from(r.items)).toEqual([1, 2]);
    expect(r.cos[0]).toBeCloseTo(s, 6);
    const q = nearestByCosine(hn, 2, Float32Array.of(0, 5), 3);
    expect(Array.from(q.items)).toEqual([2, 1, 0]);
    expect(q.cos[0]).toBeCloseTo(1, 6);
  });
});

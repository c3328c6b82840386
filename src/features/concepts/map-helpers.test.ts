import { describe, expect, it } from 'vitest';
import type { ConceptsReport } from '../../protocol/concepts';
import type { ItemTable } from '../../protocol/engine';
import { anchorPosition, fitToBox } from './map-geometry';
import { colourGroups, pointStyle, searchMatches } from './map-style';

const label = (name: string) => ({ name, weak: false, evidence: [], short: name, detail: '' });

const report = {
  M: 4,
  K: 2,
  labels: [label('a'), label('b')],
  concept: Int32Array.of(0, 1, 1, 0),
  categories: { names: ['Drama', 'Comedy'] },
} as unknown as ConceptsReport;
const items = {
  ids: ['1', '2', '3', '4'],
  titles: ['Star Wars (1977)', 'Toy Story (1995)', 'Star Trek', 'Amélie'],
  categories: [['Drama'], ['Comedy', 'Drama'], [], ['Comedy']],
} as unknown as ItemTable;

describe('map colours and search', () => {
  it('groups by concept, by rarest genre (with a "no category" entry) and one genre against the rest', () => {
    const byConcept = colourGroups(report, items, { kind: 'concept' });
    expect(Array.from(byConcept.group)).toEqual([0, 1, 1, 0]);
    expect(byConcept.legend.map((l) => l.count)).toEqual([2, 2]);
    const primary = colourGroups(report, items, { kind: 'primary' });
    expect(Array.from(primary.group)).toEqual([0, 1, 2, 1]);
    expect(primary.legend.map((l) => [l.label, l.count])).toEqual([
      ['Drama', 1],
      ['Comedy', 2],
      ['no category', 1],
    ]);
    const drama = colourGroups(report, items, { kind: 'category', c: 0 });
    expect(Array.from(drama.group)).toEqual([0, 0, 1, 1]);
  });

  it('matches every word, case-insensitively, and dims the rest', () => {
    expect(Array.from(searchMatches(items.titles, 'STAR'))).toEqual([1, 0, 1, 0]);
    expect(Array.from(searchMatches(items.titles, 'star  wars'))).toEqual([1, 0, 0, 0]);
    expect(Array.from(searchMatches(items.titles, '  '))).toEqual([0, 0, 0, 0]);
    const st = pointStyle(report, items, { kind: 'concept' }, 1, 'star');
    expect(st.matches).toBe(2);
    // item 2 matches but is not in the isolated concept 1 … item 1 is in concept 1 but does not match
    expect(Array.from(st.dim)).toEqual([1, 1, 0, 1]);
  });
});

describe('map geometry', () => {
  it('fits the layout into the box, y up, skipping NaN', () => {
    const pos = fitToBox(Float32Array.of(0, 0, 10, 5, NaN, NaN, 5, 5), 120, 70, 10);
    expect(Array.from(pos.subarray(0, 4))).toEqual([10, 60, 110, 10]);
    expect(Number.isNaN(pos[4])).toBe(true);
  });

  it('places μ_k at the exp(cos/τ)-weighted mean of its anchors', () => {
    const base = Float32Array.of(0, 0, 10, 0, NaN, NaN);
    const [x, y] = anchorPosition(base, Int32Array.of(0, 1), Float32Array.of(0.5, 0.5), 0.1);
    expect([x, y]).toEqual([5, 0]);
    const [x2] = anchorPosition(base, Int32Array.of(0, 1, 2), Float32Array.of(0.6, 0.5, 0.9), 0.1);
    expect(x2).toBeCloseTo(10 / (1 + Math.exp(1)), 6);
    expect(anchorPosition(base, Int32Array.of(2), Float32Array.of(1), 0.1).every(Number.isNaN)).toBe(true);
  });
});

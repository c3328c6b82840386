import { describe, expect, it } from 'vitest';
import { itemCategoryLabels } from './concept-analysis';

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

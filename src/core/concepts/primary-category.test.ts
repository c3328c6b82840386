import { describe, expect, it } from 'vitest';
import { categoryFrequencies, mostFrequentCategories, primaryCategories } from './primary-category';

// categories: 0 Action (4 items), 1 Comedy (3), 2 Romance (2), 3 Western (1)
const items = [[0, 1], [0, 2], [1, 2], [0], [3, 0], [], [1]];

describe('primary category: the rarest among those in play', () => {
  it('counts how many items list each category', () => {
    expect(Array.from(categoryFrequencies(items, 4))).toEqual([4, 3, 2, 1]);
  });

  it('picks the rarest category, not the first listed', () => {
    expect(Array.from(primaryCategories(items, 4))).toEqual([1, 2, 2, 0, 3, -1, 1]);
  });

  it('considers only the categories in play, with −1 for items that list none of them', () => {
    expect(Array.from(primaryCategories(items, 4, [0, 1]))).toEqual([1, 0, 1, 0, 0, -1, 1]);
    expect(Array.from(primaryCategories(items, 4, [3]))).toEqual([-1, -1, -1, -1, 3, -1, -1]);
  });

  it('breaks ties in frequency toward the lower index', () => {
    expect(Array.from(primaryCategories([[2, 1], [1], [2]], 3))).toEqual([1, 1, 2]);
  });

  it('orders the most frequent categories, leaving out those no item lists', () => {
    expect(Array.from(mostFrequentCategories(items, 5, 3))).toEqual([0, 1, 2]);
    expect(Array.from(mostFrequentCategories(items, 5, 9))).toEqual([0, 1, 2, 3]);
  });
});

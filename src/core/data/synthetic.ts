import { RandomState } from './numpy-random';
import type { ClickLog, ItemMeta } from './types';

/** The member whose cumulative weight first exceeds u · total (a binary search): a draw in proportion to the weights. */
export function drawFrom(members: ArrayLike<number>, sums: Float64Array, u: number): number {
  const target = u * sums[sums.length - 1];
  let lo = 0;
  let hi = sums.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sums[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return members[lo];
}

export interface SyntheticOptions {
  nUsers: number;
  nItems: number;
  nCategories: number;
  seed: number;
  /** clicks per user are drawn uniformly from [minClicks, maxClicks] (default 20–40) */
  minClicks?: number;
  maxClicks?: number;
  /** each user mixes 1..maxCategoriesPerUser categories (default 3) */
  maxCategoriesPerUser?: number;
  /** share of a user's clicks inside their categories (default 0.9); the rest fall anywhere */
  inCategoryShare?: number;
  /** Zipf exponent of popularity within a category (default 0.5; 0 = uniform) */
  popularitySkew?: number;
}

export interface SyntheticData {
  log: ClickLog;
  /** the planted category of each item, by index into log.itemIds (items never clicked are left out) */
  itemCategory: Int32Array;
  /** the categories each user was drawn from, by user index of log.userIds */
  userCategories: number[][];
  meta: Map<string, ItemMeta>;
}

/** A seeded implicit click log with planted categories, for tests and the concept views. */
export function makeSyntheticLog(options: SyntheticOptions): SyntheticData {
  const { nUsers, nItems, nCategories, seed } = options;
  const minClicks = options.minClicks ?? 20;
  const maxClicks = options.maxClicks ?? 40;
  const maxMix = Math.min(options.maxCategoriesPerUser ?? 3, nCategories);
  const share = options.inCategoryShare ?? 0.9;
  const skew = options.popularitySkew ?? 0.5;
  if (nCategories < 1 || nItems < nCategories || nUsers < 1 || minClicks < 1 || maxClicks < minClicks) {
    throw new RangeError('synthetic log needs nUsers ≥ 1, nItems ≥ nCategories ≥ 1 and 1 ≤ minClicks ≤ maxClicks');
  }
  const rng = new RandomState(seed);

  // Balanced random categories; an item's rank inside its category sets its popularity.
  const categoryOf = new Int32Array(nItems);
  const members: number[][] = Array.from({ length: nCategories }, () => []);
  rng.permutation(nItems).forEach((item, j) => {
    categoryOf[item] = j % nCategories;
    members[j % nCategories].push(item);
  });
  const cumulative = members.map((items) => {
    const sums = new Float64Array(items.length);
    let total = 0;
    items.forEach((_, rank) => {
      total += 1 / Math.pow(rank + 1, skew);
      sums[rank] = total;
    });
    return sums;
  });
  const drawItem = (category: number): number => drawFrom(members[category], cumulative[category], rng.random());

  const users: number[] = [];
  const items: number[] = [];
  const userCategories: number[][] = [];
  const clickedBy = new Int32Array(nItems).fill(-1);
  for (let u = 0; u < nUsers; u++) {
    const categories = Array.from(rng.choice(nCategories, 1 + rng.randint(maxMix)));
    const weights = categories.map(() => 0.5 + rng.random());
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const drawCategory = (): number => {
      if (rng.random() >= share) return rng.randint(nCategories);
      let target = rng.random() * totalWeight;
      for (let k = 0; k < categories.length - 1; k++) {
        target -= weights[k];
        if (target < 0) return categories[k];
      }
      return categories[categories.length - 1];
    };
    const wanted = Math.min(minClicks + rng.randint(maxClicks - minClicks + 1), Math.floor(nItems / 2));
    // Rejection of repeats can stall on small categories, so the attempts are bounded.
    let clicks = 0;
    for (let attempt = 0; clicks < wanted && attempt < wanted * 20; attempt++) {
      const item = drawItem(drawCategory());
      if (clickedBy[item] === u) continue;
      clickedBy[item] = u;
      users.push(u);
      items.push(item);
      clicks++;
    }
    userCategories.push(categories.sort((a, b) => a - b));
  }

  // A ClickLog lists items in order of first appearance, so the planted items are renumbered.
  const index = new Int32Array(nItems).fill(-1);
  const order: number[] = [];
  const logItems = Int32Array.from(items, (item) => {
    if (index[item] < 0) {
      index[item] = order.length;
      order.push(item);
    }
    return index[item];
  });
  const categoryNames = Array.from({ length: nCategories }, (_, c) => `Category ${c + 1}`);
  const itemIds = order.map((item) => `i${item}`);
  const meta = new Map<string, ItemMeta>();
  order.forEach((item, i) => {
    meta.set(itemIds[i], { title: `Item ${item}`, categories: [categoryNames[categoryOf[item]]] });
  });
  return {
    log: {
      userIds: Array.from({ length: nUsers }, (_, u) => `u${u}`),
      itemIds,
      users: Int32Array.from(users),
      items: logItems,
      ratings: new Float32Array(users.length).fill(NaN),
      hasRatings: false,
      rowsRead: users.length,
    },
    itemCategory: Int32Array.from(order, (item) => categoryOf[item]),
    userCategories,
    meta,
  };
}

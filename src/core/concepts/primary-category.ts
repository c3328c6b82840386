/**
 * One category per item for single-label measures (NMI, ARI, map colours). MovieLens lists genres
 * alphabetically, so "the first listed" would mostly be Action, Adventure, Comedy or Drama; the
 * rarest of an item's categories is the one that says most about it.
 */

/** How many items list each category (an item counts once per category it lists). */
export function categoryFrequencies(all: readonly ArrayLike<number>[], nCategories: number): Int32Array {
  const freq = new Int32Array(nCategories);
  for (const cats of all) for (let p = 0; p < cats.length; p++) freq[cats[p]]++;
  return freq;
}

/**
 * Each item's rarest category among those in play (all of them unless `inPlay` lists some),
 * rarest by how many of these items list it, ties to the lower index; −1 for an item that lists
 * none in play.
 */
export function primaryCategories(all: readonly ArrayLike<number>[], nCategories: number, inPlay?: ArrayLike<number>): Int32Array {
  const freq = categoryFrequencies(all, nCategories);
  const allowed = new Uint8Array(nCategories).fill(inPlay ? 0 : 1);
  if (inPlay) for (let j = 0; j < inPlay.length; j++) allowed[inPlay[j]] = 1;
  return Int32Array.from(all, (cats) => {
    let best = -1;
    for (let p = 0; p < cats.length; p++) {
      const c = cats[p];
      if (allowed[c] === 0) continue;
      if (best < 0 || freq[c] < freq[best] || (freq[c] === freq[best] && c < best)) best = c;
    }
    return best;
  });
}

/** The `count` most frequent categories, most frequent first (ties to the lower index). */
export function mostFrequentCategories(all: readonly ArrayLike<number>[], nCategories: number, count: number): Int32Array {
  const freq = categoryFrequencies(all, nCategories);
  const order = Array.from({ length: nCategories }, (_, c) => c).filter((c) => freq[c] > 0);
  order.sort((a, b) => freq[b] - freq[a] || a - b);
  return Int32Array.from(order.slice(0, count));
}

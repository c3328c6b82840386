import { isNumeric } from './delimited';
import type { RowsByUser } from './interactions';

/*
 * Binarisation (rating > 3.5) happens in the parser, so a ClickLog holds clicks only; this file
 * does the rest of prep.py's filter_triplets(min_uc, min_sc=0): users with at least
 * minUserClicks clicks, in one pass, and no item filter.
 */

export const DEFAULT_MIN_USER_CLICKS = 5;

/** Indices of the users with ≥ minUserClicks clicks, sorted by id as pandas' groupby sorts them. */
export function activeUsersSorted(userIds: string[], byUser: RowsByUser, minUserClicks: number): Int32Array {
  const active: number[] = [];
  for (let u = 0; u < userIds.length; u++) {
    if (byUser.indptr[u + 1] - byUser.indptr[u] >= minUserClicks) active.push(u);
  }
  return Int32Array.from(sortByIds(active, userIds));
}

/**
 * pandas reads an all-numeric id column as numbers and sorts numerically; any other column
 * is strings, sorted by character codes (JS compares UTF-16 units, pandas code points: they
 * differ only for characters beyond the BMP).
 */
function sortByIds(indices: number[], ids: string[]): number[] {
  if (ids.every(isNumeric)) {
    const values = ids.map(Number);
    return indices.sort((a, b) => values[a] - values[b] || compareStrings(ids[a], ids[b]));
  }
  return indices.sort((a, b) => compareStrings(ids[a], ids[b]));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

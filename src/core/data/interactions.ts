import type { ClickLog, CsrMatrix } from './types';

/** Row numbers of a click log grouped by user (a stable counting sort): user u's rows, in
 *  file order, are rows[indptr[u] .. indptr[u+1]). */
export interface RowsByUser {
  indptr: Int32Array;
  rows: Int32Array;
}

export function rowsByUser(users: Int32Array, nUsers: number): RowsByUser {
  const indptr = new Int32Array(nUsers + 1);
  for (let r = 0; r < users.length; r++) indptr[users[r] + 1]++;
  for (let u = 0; u < nUsers; u++) indptr[u + 1] += indptr[u];
  const cursor = indptr.slice(0, nUsers);
  const rows = new Int32Array(users.length);
  for (let r = 0; r < users.length; r++) rows[cursor[users[r]]++] = r;
  return { indptr, rows };
}

/** Every user's clicks as one CSR matrix (users × items in log order) with id ↔ index maps. */
export interface Interactions {
  userIds: string[];
  itemIds: string[];
  userIndex: Map<string, number>;
  itemIndex: Map<string, number>;
  matrix: CsrMatrix;
}

export function buildInteractions(log: ClickLog): Interactions {
  const { indptr, rows } = rowsByUser(log.users, log.userIds.length);
  const indices = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) indices[k] = log.items[rows[k]];
  return {
    userIds: log.userIds,
    itemIds: log.itemIds,
    userIndex: indexOf(log.userIds),
    itemIndex: indexOf(log.itemIds),
    matrix: { nRows: log.userIds.length, nCols: log.itemIds.length, indptr, indices },
  };
}

function indexOf(ids: string[]): Map<string, number> {
  const map = new Map<string, number>();
  ids.forEach((id, i) => map.set(id, i));
  return map;
}

/** Keeps the first click of each (user, item) pair among the first n rows, in place; returns the rows kept. */
export function dropDuplicatePairs(
  users: Int32Array,
  items: Int32Array,
  ratings: Float32Array,
  n: number,
  nUsers: number,
  nItems: number,
): number {
  const { indptr, rows } = rowsByUser(users.subarray(0, n), nUsers);
  const lastUserOfItem = new Int32Array(nItems).fill(-1);
  const duplicate = new Uint8Array(n);
  let dropped = 0;
  for (let u = 0; u < nUsers; u++) {
    for (let k = indptr[u]; k < indptr[u + 1]; k++) {
      const r = rows[k];
      if (lastUserOfItem[items[r]] === u) {
        duplicate[r] = 1;
        dropped++;
      } else {
        lastUserOfItem[items[r]] = u;
      }
    }
  }
  if (dropped === 0) return n;
  let w = 0;
  for (let r = 0; r < n; r++) {
    if (duplicate[r]) continue;
    users[w] = users[r];
    items[w] = items[r];
    ratings[w] = ratings[r];
    w++;
  }
  return w;
}

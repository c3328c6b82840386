import type { CsrMatrix, HeldOutSet, Split } from './types';

export type UserRole = 'train' | 'validation' | 'test';

export interface UserHistories {
  /** every user of the split: training users, then validation, then test */
  ids: string[];
  roles: UserRole[];
  /** each user's in-vocabulary clicks (fold-in and held-out together for validation and test users) */
  clicks: CsrMatrix;
}

/** The whole history of every user in a split, as one CSR matrix over the item vocabulary. */
export function userHistories(split: Split): UserHistories {
  const sets: { rows: (u: number) => Int32Array[]; n: number; ids: string[]; role: UserRole }[] = [
    { rows: (u) => [rowOf(split.train, u)], n: split.train.nRows, ids: split.trainUserIds, role: 'train' },
    heldOutRows(split.validation, 'validation'),
    heldOutRows(split.test, 'test'),
  ];
  const ids: string[] = [];
  const roles: UserRole[] = [];
  const parts: Int32Array[] = [];
  for (const set of sets) {
    for (let u = 0; u < set.n; u++) {
      ids.push(set.ids[u]);
      roles.push(set.role);
      const rows = set.rows(u);
      const merged = new Int32Array(rows.reduce((a, r) => a + r.length, 0));
      let o = 0;
      for (const r of rows) {
        merged.set(r, o);
        o += r.length;
      }
      parts.push(merged);
    }
  }
  const indptr = new Int32Array(parts.length + 1);
  parts.forEach((p, i) => (indptr[i + 1] = indptr[i] + p.length));
  const indices = new Int32Array(indptr[parts.length]);
  parts.forEach((p, i) => indices.set(p, indptr[i]));
  return { ids, roles, clicks: { nRows: parts.length, nCols: split.itemIds.length, indptr, indices } };
}

function rowOf(m: CsrMatrix, u: number): Int32Array {
  return m.indices.subarray(m.indptr[u], m.indptr[u + 1]);
}

function heldOutRows(set: HeldOutSet, role: UserRole) {
  return { rows: (u: number) => [rowOf(set.foldIn, u), rowOf(set.heldOut, u)], n: set.foldIn.nRows, ids: set.userIds, role };
}

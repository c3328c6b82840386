import type { CsrMatrix } from '../data/types';

/** A minibatch of users' clicks as coordinates; `rows` are batch-local and non-decreasing. */
export interface SparseBatch {
  nUsers: number;
  nItems: number;
  rows: Int32Array;
  cols: Int32Array;
  /** clicks per batch row */
  counts: Float32Array;
}

export function batchFromCsr(m: CsrMatrix, users: ArrayLike<number>): SparseBatch {
  let nnz = 0;
  for (let b = 0; b < users.length; b++) nnz += m.indptr[users[b] + 1] - m.indptr[users[b]];
  const rows = new Int32Array(nnz);
  const cols = new Int32Array(nnz);
  const counts = new Float32Array(users.length);
  let j = 0;
  for (let b = 0; b < users.length; b++) {
    const u = users[b];
    for (let p = m.indptr[u]; p < m.indptr[u + 1]; p++) {
      rows[j] = b;
      cols[j++] = m.indices[p];
    }
    counts[b] = m.indptr[u + 1] - m.indptr[u];
  }
  return { nUsers: users.length, nItems: m.nCols, rows, cols, counts };
}

/** One user's history (item indices) as a batch of one. */
export function batchFromItems(items: ArrayLike<number>, nItems: number): SparseBatch {
  const cols = Int32Array.from(items);
  return { nUsers: 1, nItems, rows: new Int32Array(cols.length), cols, counts: Float32Array.of(cols.length) };
}

export function range(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

import { RandomState } from './numpy-random';
import type { CsrMatrix, HeldOutSet, Split } from './types';

function pickRows(m: CsrMatrix, rows: Int32Array): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i] + m.indptr[r + 1] - m.indptr[r]));
  const indices = new Int32Array(indptr[rows.length]);
  rows.forEach((r, i) => indices.set(m.indices.subarray(m.indptr[r], m.indptr[r + 1]), indptr[i]));
  return { nRows: rows.length, nCols: m.nCols, indptr, indices };
}

/** At most n of `count` rows, drawn with `rng`, in their original order. */
function sampleRows(count: number, n: number, rng: RandomState): Int32Array | null {
  if (n <= 0 || n >= count) return null;
  return rng.permutation(count).slice(0, n).sort();
}

/**
 * The split with at most `maxUsers` training users and as many validation users, drawn with the
 * run's seed; the item vocabulary (and so the model's shape) is unchanged. 0 keeps everything.
 */
export function sampleSplit(split: Split, maxUsers: number, seed: number): Split {
  const rng = new RandomState(seed);
  const train = sampleRows(split.train.nRows, maxUsers, rng);
  const val = sampleRows(split.validation.foldIn.nRows, maxUsers, rng);
  const held = (set: HeldOutSet, rows: Int32Array | null): HeldOutSet =>
    rows
      ? { userIds: Array.from(rows, (r) => set.userIds[r]), foldIn: pickRows(set.foldIn, rows), heldOut: pickRows(set.heldOut, rows) }
      : set;
  if (!train && !val) return split;
  return {
    ...split,
    trainUserIds: train ? Array.from(train, (r) => split.trainUserIds[r]) : split.trainUserIds,
    train: train ? pickRows(split.train, train) : split.train,
    validation: held(split.validation, val),
  };
}

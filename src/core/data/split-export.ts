import { DataError } from './data-error';
import type { NpyArray } from './npz';
import type { CsrMatrix, Split } from './types';

export const SPLIT_FORMAT = 'macridvae-explorer-split';

/** The split's matrices under the names of the .npz arrays: NAME_indptr, NAME_indices, NAME_shape. */
export function splitMatrices(split: Split): [string, CsrMatrix][] {
  return [
    ['train', split.train],
    ['validation_foldin', split.validation.foldIn],
    ['validation_heldout', split.validation.heldOut],
    ['test_foldin', split.test.foldIn],
    ['test_heldout', split.test.heldOut],
  ];
}

/** CSR arrays of every matrix: indptr and indices as int32, shape [rows, items] as int64 (as scipy.sparse.save_npz writes it). */
export function splitArrays(split: Split): [string, NpyArray][] {
  return splitMatrices(split).flatMap(([name, m]): [string, NpyArray][] => [
    [`${name}_indptr`, m.indptr],
    [`${name}_indices`, m.indices],
    [`${name}_shape`, BigInt64Array.of(BigInt(m.nRows), BigInt(m.nCols))],
  ]);
}

/** split.json: column i of every matrix is itemIds[i]; row r of train is trainUserIds[r], and so on. */
export function splitIds(split: Split, source: { file: string; heldout: number; ratingThreshold: number | null }) {
  return {
    format: SPLIT_FORMAT,
    version: 1,
    source,
    stats: split.stats,
    itemIds: split.itemIds,
    trainUserIds: split.trainUserIds,
    validationUserIds: split.validation.userIds,
    testUserIds: split.test.userIds,
  };
}

const CHUNK_ROWS = 50_000;

/**
 * RecBole atomic .inter files (a header of name:type fields, then tab-separated rows), streamed
 * in chunks of text. RecBole trains and evaluates on the same users, so the held-out users'
 * fold-in clicks go into .train with the training users' and their held-out clicks make .valid
 * and .test.
 */
export function* recboleInter(split: Split, part: 'train' | 'valid' | 'test'): Generator<string> {
  const rows: [string[], CsrMatrix][] =
    part === 'train'
      ? [
          [split.trainUserIds, split.train],
          [split.validation.userIds, split.validation.foldIn],
          [split.test.userIds, split.test.foldIn],
        ]
      : part === 'valid'
        ? [[split.validation.userIds, split.validation.heldOut]]
        : [[split.test.userIds, split.test.heldOut]];
  const plain = (id: string, role: string) => {
    if (/[\t\r\n]/.test(id))
      throw DataError.about(
        undefined,
        `the ${role} id ${JSON.stringify(id)} holds a tab or a line break, which a RecBole .inter file cannot hold`,
      );
    return id;
  };
  const items = split.itemIds.map((id) => plain(id, 'item'));
  let text = 'user_id:token\titem_id:token\n';
  let n = 0;
  for (const [users, m] of rows) {
    for (let r = 0; r < m.nRows; r++) {
      const user = plain(users[r], 'user');
      for (let j = m.indptr[r]; j < m.indptr[r + 1]; j++) {
        text += `${user}\t${items[m.indices[j]]}\n`;
        if (++n % CHUNK_ROWS === 0) {
          yield text;
          text = '';
        }
      }
    }
  }
  if (text) yield text;
}

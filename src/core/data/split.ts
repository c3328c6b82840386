import { DataError } from './data-error';
import { heldOutProblem, ratingScaleProblem, sameNumberTwice } from './degenerate';
import { rowsByUser } from './interactions';
import type { RowsByUser } from './interactions';
import { RandomState } from './numpy-random';
import { activeUsersSorted, DEFAULT_MIN_USER_CLICKS } from './preprocess';
import type { ClickLog, CsrMatrix, HeldOutSet, Split } from './types';

export interface SplitOptions {
  /** users in each of validation and test (ml-latest-small 50, ml-1m 500, ml-20m 10 000) */
  nHeldout: number;
  minUserClicks?: number;
  /** prep.py's seed for the user permutation and both fold-in splits */
  seed?: number;
  /** named in error messages */
  fileName?: string;
}

export const DEFAULT_SPLIT_SEED = 98765;
const TEST_PROPORTION = 0.2;
/** prep.py holds nothing out of users with fewer in-vocabulary clicks than this */
const MIN_CLICKS_TO_HOLD_OUT = 5;

const TRAIN = 0;
const VALIDATION = 1;
const TEST = 2;

/** The strong-generalization split of SPEC §2, as the official prep.py computes it. */
export function buildSplit(log: ClickLog, options: SplitOptions): Split {
  const { nHeldout } = options;
  const minUserClicks = options.minUserClicks ?? DEFAULT_MIN_USER_CLICKS;
  const seed = options.seed ?? DEFAULT_SPLIT_SEED;
  const file = options.fileName;
  if (!Number.isInteger(nHeldout) || nHeldout < 1) {
    throw DataError.about(file, `the number of held-out users must be a whole number ≥ 1, got ${nHeldout}`);
  }
  if (!Number.isInteger(minUserClicks) || minUserClicks < 1) {
    throw DataError.about(file, `the minimum clicks per user must be a whole number ≥ 1, got ${minUserClicks}`);
  }

  const scale = ratingScaleProblem(log);
  if (scale) throw DataError.about(file, scale);
  for (const [role, ids] of [
    ['user', log.userIds],
    ['item', log.itemIds],
  ] as const) {
    const twice = sameNumberTwice(ids);
    if (twice) {
      throw DataError.about(
        file,
        `the ${role} ids "${twice[0]}" and "${twice[1]}" are one number written two ways, which would make them two ${role}s: write every id one way`,
      );
    }
  }
  const nUsers = log.userIds.length;
  const byUser = rowsByUser(log.users, nUsers);
  const sorted = activeUsersSorted(log.userIds, byUser, minUserClicks);
  if (sorted.length === 0) {
    const rated = log.ratingThreshold === undefined ? '' : `ratings > ${log.ratingThreshold} and `;
    throw DataError.about(file, `no rows left after keeping ${rated}users with ≥ ${minUserClicks} clicks`);
  }
  const nTrain = sorted.length - 2 * nHeldout;
  if (nTrain < 1) {
    throw DataError.about(
      file,
      `only ${sorted.length} users have ≥ ${minUserClicks} clicks; holding out 2 × ${nHeldout} users ` +
        `needs at least ${2 * nHeldout + 1}`,
    );
  }
  if (nTrain < nHeldout) {
    throw DataError.about(
      file,
      `holding out 2 × ${nHeldout} of the ${sorted.length} users with ≥ ${minUserClicks} clicks leaves ${nTrain} for training, ` +
        `fewer than each held-out set: hold out at most ${Math.floor(sorted.length / 3)} users`,
    );
  }

  const permutation = new RandomState(seed).permutation(sorted.length);
  const permuted = permutation.map((i) => sorted[i]);
  const role = new Int8Array(nUsers).fill(-1);
  permuted.forEach((u, p) => {
    role[u] = p < nTrain ? TRAIN : p < nTrain + nHeldout ? VALIDATION : TEST;
  });

  const column = new Int32Array(log.itemIds.length).fill(-1);
  const itemIds: string[] = [];
  let filteredItems = 0;
  const seenItem = new Uint8Array(log.itemIds.length);
  for (let r = 0; r < log.users.length; r++) {
    const userRole = role[log.users[r]];
    if (userRole < 0) continue;
    const item = log.items[r];
    if (!seenItem[item]) {
      seenItem[item] = 1;
      filteredItems++;
    }
    if (userRole === TRAIN && column[item] < 0) {
      column[item] = itemIds.length;
      itemIds.push(log.itemIds[item]);
    }
  }

  const context = { byUser, items: log.items, column, nCols: itemIds.length, seed };
  const trainUsers = permuted.subarray(0, nTrain);
  const train = clicksOf(trainUsers, context);
  const pick = (r: number): Int32Array => sorted.filter((u) => role[u] === r);
  const validation = heldOutSet(permuted.subarray(nTrain, nTrain + nHeldout), pick(VALIDATION), log, context);
  const test = heldOutSet(permuted.subarray(nTrain + nHeldout), pick(TEST), log, context);
  const empty = heldOutProblem('validation', validation) ?? heldOutProblem('test', test);
  if (empty) throw DataError.about(file, empty);

  let interactions = 0;
  for (const u of sorted) interactions += byUser.indptr[u + 1] - byUser.indptr[u];
  return {
    itemIds,
    trainUserIds: Array.from(trainUsers, (u) => log.userIds[u]),
    train,
    validation,
    test,
    stats: {
      filteredUsers: sorted.length,
      interactions,
      filteredItems,
      items: itemIds.length,
      trainUsers: nTrain,
      trainInteractions: train.indices.length,
      valUsers: nHeldout,
      valFoldIn: validation.foldIn.indices.length,
      valHeldOut: validation.heldOut.indices.length,
      testUsers: nHeldout,
      testFoldIn: test.foldIn.indices.length,
      testHeldOut: test.heldOut.indices.length,
    },
  };
}

interface SplitContext {
  byUser: RowsByUser;
  items: Int32Array;
  /** vocabulary column per log item, -1 outside the training vocabulary */
  column: Int32Array;
  nCols: number;
  seed: number;
}

/** One row per user (in the given order) of their in-vocabulary clicks in file order. */
function clicksOf(users: Int32Array, { byUser, items, column, nCols }: SplitContext): CsrMatrix {
  const indptr = new Int32Array(users.length + 1);
  users.forEach((u, k) => {
    let n = 0;
    for (let j = byUser.indptr[u]; j < byUser.indptr[u + 1]; j++) if (column[items[byUser.rows[j]]] >= 0) n++;
    indptr[k + 1] = indptr[k] + n;
  });
  const indices = new Int32Array(indptr[users.length]);
  let w = 0;
  for (const u of users) {
    for (let j = byUser.indptr[u]; j < byUser.indptr[u + 1]; j++) {
      const c = column[items[byUser.rows[j]]];
      if (c >= 0) indices[w++] = c;
    }
  }
  return { nRows: users.length, nCols, indptr, indices };
}

/**
 * prep.py's split_train_test_proportion: the generator is re-seeded for each set, users are
 * visited in sorted-id order, and a user with n ≥ 5 in-vocabulary clicks has
 * choice(n, int(0.2·n)) of them (positions in file order) held out. Users with none left in
 * the vocabulary stay as empty rows: prep.py drops them from its files, but the evaluation
 * still counts them as scoring 0.
 */
function heldOutSet(users: Int32Array, usersInIdOrder: Int32Array, log: ClickLog, context: SplitContext): HeldOutSet {
  const all = clicksOf(users, context);
  const rowOf = new Map<number, number>();
  users.forEach((u, k) => rowOf.set(u, k));
  const heldOut = new Uint8Array(all.indices.length);
  const rng = new RandomState(context.seed);
  for (const u of usersInIdOrder) {
    const k = rowOf.get(u)!;
    const n = all.indptr[k + 1] - all.indptr[k];
    if (n < MIN_CLICKS_TO_HOLD_OUT) continue;
    for (const j of rng.choice(n, Math.trunc(TEST_PROPORTION * n))) heldOut[all.indptr[k] + j] = 1;
  }
  return {
    userIds: Array.from(users, (u) => log.userIds[u]),
    foldIn: selectEntries(all, heldOut, 0),
    heldOut: selectEntries(all, heldOut, 1),
  };
}

function selectEntries(matrix: CsrMatrix, flags: Uint8Array, keep: number): CsrMatrix {
  const indptr = new Int32Array(matrix.nRows + 1);
  for (let k = 0; k < matrix.nRows; k++) {
    let n = 0;
    for (let j = matrix.indptr[k]; j < matrix.indptr[k + 1]; j++) if (flags[j] === keep) n++;
    indptr[k + 1] = indptr[k] + n;
  }
  const indices = new Int32Array(indptr[matrix.nRows]);
  let w = 0;
  for (let j = 0; j < matrix.indices.length; j++) if (flags[j] === keep) indices[w++] = matrix.indices[j];
  return { nRows: matrix.nRows, nCols: matrix.nCols, indptr, indices };
}

/** Held-out users per set: the paper's sizes by dataset scale, and never more than a fifth of the users. */
export function suggestHeldout(activeUsers: number): number {
  const preset = activeUsers < 2000 ? 50 : activeUsers < 20000 ? 500 : activeUsers < 300000 ? 10000 : 40000;
  return Math.max(1, Math.min(preset, Math.floor((activeUsers - 1) / 5)));
}

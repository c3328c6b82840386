/** Rows × columns binary matrix in CSR form; column indices of a row keep input order. */
export interface CsrMatrix {
  nRows: number;
  nCols: number;
  indptr: Int32Array;
  indices: Int32Array;
}

/** One parsed click (after the rating threshold, before any user filter). */
export interface ClickLog {
  /** external user id per distinct user, index = user index, in order of first appearance */
  userIds: string[];
  /** external item id per distinct item, index = item index, in order of first appearance */
  itemIds: string[];
  /** per row, in file order */
  users: Int32Array;
  items: Int32Array;
  /** NaN where the log has no rating column */
  ratings: Float32Array;
  hasRatings: boolean;
  /** rows read before thresholding and de-duplication */
  rowsRead: number;
  /** the parser kept rows with rating > this; absent when the log has no ratings or all were kept */
  ratingThreshold?: number;
}

export interface ItemMeta {
  title: string;
  categories: string[];
}

export interface DatasetStats {
  filteredUsers: number;
  interactions: number;
  filteredItems: number;
  items: number;
  trainUsers: number;
  trainInteractions: number;
  valUsers: number;
  valFoldIn: number;
  valHeldOut: number;
  testUsers: number;
  testFoldIn: number;
  testHeldOut: number;
}

export interface HeldOutSet {
  userIds: string[];
  foldIn: CsrMatrix;
  heldOut: CsrMatrix;
}

/** The strong-generalization split of SPEC §2; all matrices have nCols = itemIds.length (M). */
export interface Split {
  itemIds: string[];
  trainUserIds: string[];
  train: CsrMatrix;
  validation: HeldOutSet;
  test: HeldOutSet;
  stats: DatasetStats;
}

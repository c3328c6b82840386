import type { DenseMatrix } from './dense-matrix';

/**
 * Counts of label pairs: data[i * cols + j] = #{n : a[n] = i and b[n] = j}. Pairs with a label
 * outside [0, rows) or [0, cols) (e.g. -1 for unknown) are skipped.
 */
export function contingencyTable(a: Int32Array, b: Int32Array, rows: number, cols: number): DenseMatrix {
  if (a.length !== b.length) throw new Error(`labelings differ in length: ${a.length} vs ${b.length}`);
  const data = new Float64Array(rows * cols);
  for (let n = 0; n < a.length; n++) {
    const i = a[n];
    const j = b[n];
    if (i >= 0 && i < rows && j >= 0 && j < cols) data[i * cols + j]++;
  }
  return { rows, cols, data };
}

/** Every label value, -1 included, is a cluster of its own, as in sklearn. */
function denseContingency(a: Int32Array, b: Int32Array): DenseMatrix {
  const relabel = (x: Int32Array): [Int32Array, number] => {
    const ids = new Map<number, number>();
    const out = new Int32Array(x.length);
    for (let n = 0; n < x.length; n++) {
      let id = ids.get(x[n]);
      if (id === undefined) ids.set(x[n], (id = ids.size));
      out[n] = id;
    }
    return [out, ids.size];
  };
  const [ra, na] = relabel(a);
  const [rb, nb] = relabel(b);
  return contingencyTable(ra, rb, na, nb);
}

function marginals(t: DenseMatrix): { rowSums: Float64Array; colSums: Float64Array; total: number } {
  const rowSums = new Float64Array(t.rows);
  const colSums = new Float64Array(t.cols);
  let total = 0;
  for (let i = 0; i < t.rows; i++) {
    for (let j = 0; j < t.cols; j++) {
      const c = t.data[i * t.cols + j];
      rowSums[i] += c;
      colSums[j] += c;
      total += c;
    }
  }
  return { rowSums, colSums, total };
}

function entropy(counts: Float64Array, total: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log(c / total);
  return h;
}

/** sklearn's normalized_mutual_info_score with average_method = 'arithmetic'. */
export function normalizedMutualInfo(labelsTrue: Int32Array, labelsPred: Int32Array): number {
  const t = denseContingency(labelsTrue, labelsPred);
  // sklearn: two single-cluster (or empty) labelings are a perfect match.
  if (t.rows === t.cols && t.rows <= 1) return 1;
  const { rowSums, colSums, total } = marginals(t);
  let mi = 0;
  for (let i = 0; i < t.rows; i++) {
    for (let j = 0; j < t.cols; j++) {
      const c = t.data[i * t.cols + j];
      if (c > 0) mi += (c / total) * Math.log((c * total) / (rowSums[i] * colSums[j]));
    }
  }
  if (mi <= 0) return 0;
  return mi / ((entropy(rowSums, total) + entropy(colSums, total)) / 2);
}

/** sklearn's adjusted_rand_score, via its pair confusion matrix. */
export function adjustedRandIndex(labelsTrue: Int32Array, labelsPred: Int32Array): number {
  const t = denseContingency(labelsTrue, labelsPred);
  const { rowSums, colSums, total: n } = marginals(t);
  let sumSquares = 0;
  for (const c of t.data) sumSquares += c * c;
  let sumRows = 0;
  for (const c of rowSums) sumRows += c * c;
  let sumCols = 0;
  for (const c of colSums) sumCols += c * c;
  // Ordered pair counts (twice the unordered ones; the ratio below is unchanged).
  const tp = sumSquares - n;
  const fp = sumCols - sumSquares;
  const fn = sumRows - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

export interface Matching {
  /** matched column of each row, -1 if unmatched (only when rows > cols) */
  rowToCol: Int32Array;
  /** matched row of each column, -1 if unmatched (only when cols > rows) */
  colToRow: Int32Array;
  /** sum of the matched weights */
  total: number;
  /**
   * Display orders putting matched pairs on the diagonal: the matched rows ascending, then the
   * unmatched rows; the columns matched to them in the same order, then the unmatched columns.
   * Cell (r, c) of the display is weights[rowOrder[r], colOrder[c]].
   */
  rowOrder: Int32Array;
  colOrder: Int32Array;
}

/**
 * One-to-one matching of rows to columns maximising the summed weight (Hungarian algorithm with
 * potentials, O(min² · max)); min(rows, cols) pairs are matched.
 */
export function maxWeightMatching(w: DenseMatrix): Matching {
  const transposed = w.rows > w.cols;
  const n = transposed ? w.cols : w.rows;
  const m = transposed ? w.rows : w.cols;
  const cost = (i: number, j: number): number => -(transposed ? w.data[j * w.cols + i] : w.data[i * w.cols + j]);

  // 1-based rows and columns; column 0 is a virtual start. owner[j] is the row holding column j.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const owner = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    owner[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = owner[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j] === 1) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j] === 1) {
          u[owner[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (owner[j0] !== 0);
    do {
      const j1 = way[j0];
      owner[j0] = owner[j1];
      j0 = j1;
    } while (j0 !== 0);
  }

  const rowToCol = new Int32Array(w.rows).fill(-1);
  const colToRow = new Int32Array(w.cols).fill(-1);
  let total = 0;
  for (let j = 1; j <= m; j++) {
    if (owner[j] === 0) continue;
    const r = transposed ? j - 1 : owner[j] - 1;
    const c = transposed ? owner[j] - 1 : j - 1;
    rowToCol[r] = c;
    colToRow[c] = r;
    total += w.data[r * w.cols + c];
  }

  const rowOrder: number[] = [];
  const colOrder: number[] = [];
  for (let r = 0; r < w.rows; r++) {
    if (rowToCol[r] >= 0) {
      rowOrder.push(r);
      colOrder.push(rowToCol[r]);
    }
  }
  for (let r = 0; r < w.rows; r++) if (rowToCol[r] < 0) rowOrder.push(r);
  for (let c = 0; c < w.cols; c++) if (colToRow[c] < 0) colOrder.push(c);
  return { rowToCol, colToRow, total, rowOrder: Int32Array.from(rowOrder), colOrder: Int32Array.from(colOrder) };
}

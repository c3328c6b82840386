/** Row-major dense matrix of doubles. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

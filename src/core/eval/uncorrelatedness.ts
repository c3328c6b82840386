import type { DenseMatrix } from './dense-matrix';

/**
 * D × D Pearson correlation between the columns of x (n × D, row-major). A constant column has no
 * defined correlation; it is reported as 0 against every column, itself included.
 */
export function correlationMatrix(x: Float32Array, D: number): DenseMatrix {
  if (D < 1 || x.length % D !== 0) throw new Error(`length ${x.length} is not a multiple of ${D}`);
  const n = x.length / D;
  const mean = new Float64Array(D);
  for (let r = 0; r < n; r++) for (let a = 0; a < D; a++) mean[a] += x[r * D + a];
  for (let a = 0; a < D; a++) mean[a] /= n;
  const scale = new Float64Array(D);
  for (let r = 0; r < n; r++) for (let a = 0; a < D; a++) scale[a] += (x[r * D + a] - mean[a]) ** 2;
  for (let a = 0; a < D; a++) scale[a] = scale[a] > 0 ? 1 / Math.sqrt(scale[a]) : 0;

  // Rows are standardised a block at a time, column by column, so that each pair of columns is
  // a short dot product over cached values and the D × D result is swept once per block.
  const data = new Float64Array(D * D);
  const block = Math.max(1, Math.min(n, 128));
  const z = new Float64Array(block * D);
  for (let r0 = 0; r0 < n; r0 += block) {
    const len = Math.min(block, n - r0);
    for (let r = 0; r < len; r++) {
      for (let a = 0; a < D; a++) z[a * block + r] = (x[(r0 + r) * D + a] - mean[a]) * scale[a];
    }
    for (let a = 0; a < D; a++) {
      const za = a * block;
      let b = a;
      // Four columns per pass share each load of column a.
      for (; b + 3 < D; b += 4) {
        const z0 = b * block;
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        for (let r = 0; r < len; r++) {
          const va = z[za + r];
          d0 += va * z[z0 + r];
          d1 += va * z[z0 + block + r];
          d2 += va * z[z0 + 2 * block + r];
          d3 += va * z[z0 + 3 * block + r];
        }
        data[a * D + b] += d0;
        data[a * D + b + 1] += d1;
        data[a * D + b + 2] += d2;
        data[a * D + b + 3] += d3;
      }
      for (; b < D; b++) {
        const zb = b * block;
        let dot = 0;
        for (let r = 0; r < len; r++) dot += z[za + r] * z[zb + r];
        data[a * D + b] += dot;
      }
    }
  }
  for (let a = 0; a < D; a++) {
    for (let b = a; b < D; b++) {
      const c = Math.max(-1, Math.min(1, data[a * D + b]));
      data[a * D + b] = c;
      data[b * D + a] = c;
    }
  }
  return { rows: D, cols: D, data };
}

/**
 * 1 − mean over pairs a < b of |corr(a, b)|: 1 for uncorrelated dimensions, 0 for fully
 * correlated ones; NaN when D < 2.
 * SPEC §5.2: this formula is an assumption ([MEM]); the released code has no such metric.
 */
export function uncorrelatedness(corr: DenseMatrix): number {
  const D = corr.rows;
  if (corr.cols !== D) throw new Error(`correlation matrix is ${D} × ${corr.cols}`);
  if (D < 2) return NaN;
  let sum = 0;
  for (let a = 0; a < D; a++) for (let b = a + 1; b < D; b++) sum += Math.abs(corr.data[a * D + b]);
  return 1 - (2 / (D * (D - 1))) * sum;
}

/**
 * A first layout in milliseconds: the rows' projection on their two leading principal axes
 * (power iteration), scaled to [−10, 10] with a little noise, as umap-learn scales its
 * initialisation. UMAP then starts from it, so the map on screen refines rather than jumps.
 */
import { Rng } from '../../model/random';

const ITERATIONS = 24;

export function principalLayout(x: Float32Array, d: number, seed: number): Float32Array {
  const M = x.length / d;
  const rng = new Rng(seed ^ 0x9ca);
  const mean = new Float64Array(d);
  for (let i = 0; i < M; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, M);
  const axes: Float64Array[] = [];
  const s = new Float64Array(M);
  for (let c = 0; c < 2; c++) {
    let v = Float64Array.from({ length: d }, () => rng.normal());
    for (let it = 0; it < ITERATIONS; it++) {
      const w = new Float64Array(d);
      for (let i = 0; i < M; i++) {
        let t = 0;
        for (let j = 0; j < d; j++) t += (x[i * d + j] - mean[j]) * v[j];
        s[i] = t;
      }
      for (let i = 0; i < M; i++) for (let j = 0; j < d; j++) w[j] += s[i] * (x[i * d + j] - mean[j]);
      for (const u of axes) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += w[j] * u[j];
        for (let j = 0; j < d; j++) w[j] -= dot * u[j];
      }
      const norm = Math.hypot(...w);
      if (!(norm > 0)) break;
      v = w.map((a) => a / norm);
    }
    axes.push(v);
  }
  const y = new Float32Array(M * 2);
  let max = 0;
  for (let i = 0; i < M; i++) {
    for (let c = 0; c < 2; c++) {
      let t = 0;
      for (let j = 0; j < d; j++) t += (x[i * d + j] - mean[j]) * axes[c][j];
      y[i * 2 + c] = t;
      max = Math.max(max, Math.abs(t));
    }
  }
  const scale = max > 0 ? 10 / max : 1;
  for (let p = 0; p < y.length; p++) y[p] = y[p] * scale + 1e-4 * rng.normal();
  return y;
}

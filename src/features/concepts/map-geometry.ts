/** Places UMAP coordinates (M × 2) in a w × h box with a margin, keeping the aspect ratio. */
export function fitToBox(coords: Float32Array, w: number, h: number, margin = 16): Float32Array {
  const M = coords.length / 2;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < M; i++) {
    const x = coords[2 * i];
    const y = coords[2 * i + 1];
    // NaN (an item left out of the sample) fails every comparison and is skipped.
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const s = M ? Math.min((w - 2 * margin) / Math.max(x1 - x0, 1e-9), (h - 2 * margin) / Math.max(y1 - y0, 1e-9)) : 1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const out = new Float32Array(M * 2);
  for (let i = 0; i < M; i++) {
    out[2 * i] = w / 2 + (coords[2 * i] - cx) * s;
    // Screen y grows downwards; flip so the picture matches a usual scatter plot.
    out[2 * i + 1] = h / 2 - (coords[2 * i + 1] - cy) * s;
  }
  return out;
}

/**
 * Where to draw a user's component μ_k: the mean position of its nearest items, weighted by
 * exp(cos / τ), the kernel the model scores items with (UMAP's own transform starts from the
 * same kind of weighted mean of neighbours and then refines it; we do not refine).
 */
export function anchorPosition(base: Float32Array, items: Int32Array, cos: Float32Array, tau: number): [number, number] {
  if (items.length === 0) return [NaN, NaN];
  let best = -Infinity;
  for (const c of cos) best = Math.max(best, c);
  let x = 0;
  let y = 0;
  let total = 0;
  for (let p = 0; p < items.length; p++) {
    if (!Number.isFinite(base[2 * items[p]])) continue;
    const w = Math.exp((cos[p] - best) / tau);
    x += w * base[2 * items[p]];
    y += w * base[2 * items[p] + 1];
    total += w;
  }
  return total > 0 ? [x / total, y / total] : [NaN, NaN];
}

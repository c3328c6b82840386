/** Data-driven slider ranges for the traversal panel. Pure TypeScript. */

/** Spread of each latent coordinate (k, j) across users; every array is K × d, row-major. */
export interface DimensionRanges {
  K: number;
  d: number;
  nUsers: number;
  min: Float32Array;
  max: Float32Array;
  /** 5th / 95th percentiles, linear interpolation between order statistics (numpy's default). */
  p05: Float32Array;
  p95: Float32Array;
  mean: Float32Array;
  /** Population standard deviation (ddof = 0). */
  std: Float32Array;
}

/** Per-coordinate statistics of the users' means μ (nUsers × K × d, row-major). */
export function dimensionRanges(mus: Float32Array, K: number, d: number): DimensionRanges {
  const D = K * d;
  if (D <= 0 || mus.length % D !== 0) throw new RangeError(`dimensionRanges: ${mus.length} values is not a multiple of K·d = ${D}`);
  const nUsers = mus.length / D;
  if (nUsers === 0) throw new RangeError('dimensionRanges: no users');
  const out: DimensionRanges = {
    K,
    d,
    nUsers,
    min: new Float32Array(D),
    max: new Float32Array(D),
    p05: new Float32Array(D),
    p95: new Float32Array(D),
    mean: new Float32Array(D),
    std: new Float32Array(D),
  };
  const col = new Float32Array(nUsers);
  for (let x = 0; x < D; x++) {
    let sum = 0;
    for (let u = 0; u < nUsers; u++) {
      const v = mus[u * D + x];
      col[u] = v;
      sum += v;
    }
    const mean = sum / nUsers;
    let ss = 0;
    for (let u = 0; u < nUsers; u++) ss += (col[u] - mean) ** 2;
    col.sort();
    out.min[x] = col[0];
    out.max[x] = col[nUsers - 1];
    out.p05[x] = quantileSorted(col, 0.05);
    out.p95[x] = quantileSorted(col, 0.95);
    out.mean[x] = mean;
    out.std[x] = Math.sqrt(ss / nUsers);
  }
  return out;
}

function quantileSorted(sorted: Float32Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export interface SliderRange {
  lo: number;
  hi: number;
}

/**
 * Slider range of coordinate (k, j), in absolute values of z_kj: the users' p05..p95 widened by
 * `widen` (default 0.25) of that width on each side, but never past the observed min..max. So the
 * few extreme users do not stretch the slider, while the slider still reaches a bit past where 90 %
 * of users sit. A degenerate coordinate (all users equal) gets value ± `fallback` (default 0.1,
 * about one coordinate's typical size on a unit-norm μ_k with d = 100).
 */
export function sliderRange(r: DimensionRanges, k: number, j: number, widen = 0.25, fallback = 0.1): SliderRange {
  if (!Number.isInteger(k) || k < 0 || k >= r.K || !Number.isInteger(j) || j < 0 || j >= r.d) {
    throw new RangeError(`sliderRange: (${k}, ${j}) out of range`);
  }
  const x = k * r.d + j;
  const w = r.p95[x] - r.p05[x];
  const lo = Math.max(r.min[x], r.p05[x] - widen * w);
  const hi = Math.min(r.max[x], r.p95[x] + widen * w);
  if (hi > lo) return { lo, hi };
  return { lo: r.mean[x] - fallback, hi: r.mean[x] + fallback };
}

/** Slider ranges of all d coordinates of component k (see {@link sliderRange}). */
export function componentSliderRanges(r: DimensionRanges, k: number, widen = 0.25, fallback = 0.1): { lo: Float32Array; hi: Float32Array } {
  const lo = new Float32Array(r.d);
  const hi = new Float32Array(r.d);
  for (let j = 0; j < r.d; j++) {
    const s = sliderRange(r, k, j, widen, fallback);
    lo[j] = s.lo;
    hi[j] = s.hi;
  }
  return { lo, hi };
}

/** `count` evenly spaced values from lo to hi inclusive (count = 1 → the midpoint). */
export function evenlySpaced(lo: number, hi: number, count: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [(lo + hi) / 2];
  return Array.from({ length: count }, (_, s) => lo + ((hi - lo) * s) / (count - 1));
}

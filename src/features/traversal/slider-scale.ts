/**
 * Maps a latent coordinate to an `<input type="range">`. The slider shows the VALUE z_kj = μ_kj +
 * offset over the data-driven range [lo, hi] of that value across users (engine.dimensions); the
 * store and the engine hold the OFFSET. The step grid is anchored at μ_kj, so the user's own value
 * (offset 0) is a slider position, every position is a whole number of steps from it, and the
 * browser's snapping to `min + n·step` never nudges an unmoved slider.
 */
export interface SliderScale {
  min: number;
  max: number;
  step: number;
}

/** Positions across [lo, hi]: an arrow key moves the thumb 1/40 of the track, a visible jump. */
export const SLIDER_STEPS = 40;

export function sliderScale(mu: number, lo: number, hi: number, steps = SLIDER_STEPS): SliderScale {
  const width = hi > lo ? hi - lo : 0.2;
  const step = width / steps;
  // A user outside the range (it spans most users, not all) still gets a slider that holds μ_kj.
  const below = Math.max(0, Math.ceil((mu - lo) / step - 1e-6));
  const above = Math.max(0, Math.ceil((hi - mu) / step - 1e-6));
  // The browser snaps in decimal arithmetic: a max that sits exactly on the last grid point can
  // land a hair below it, and the thumb then snaps one step down. A sliver of slack avoids that.
  return { min: mu - below * step, max: mu + above * step + step * 1e-6, step };
}

/** The offset for a slider reading, snapped to the grid (exactly 0 at μ_kj). */
export function offsetAt(scale: SliderScale, mu: number, value: number): number {
  const steps = Math.round((value - mu) / scale.step);
  return steps === 0 ? 0 : steps * scale.step;
}

export function formatValue(x: number): string {
  const s = x.toFixed(3);
  return s === '-0.000' ? '0.000' : s;
}

export function formatOffset(x: number): string {
  return (x > 0 ? '+' : x < 0 ? '−' : '±') + Math.abs(x).toFixed(3);
}

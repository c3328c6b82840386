import { hcl, interpolateRainbow, quantize } from 'd3';
import { conceptColor } from '../../ui/concept-colors';

/** Concepts are shown 1-based (C1…CK) as in the rest of the app; the engine counts from 0. */
export const conceptName = (k: number) => `C${k + 1}`;

export { conceptColor };

export function percent(x: number, digits?: number): string {
  const p = x * 100;
  if (digits !== undefined) return `${p.toFixed(digits)} %`;
  return `${p === 0 || p >= 10 ? p.toFixed(0) : p < 0.1 ? p.toFixed(2) : p.toFixed(1)} %`;
}

export const fixed = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

export const count = (n: number) => n.toLocaleString('en-US');

/**
 * Distinct colours for n categories (genres): a rainbow darkened enough to read on white and
 * different from the concept palette's order, so a category colour is not mistaken for a concept.
 */
export function categoryPalette(n: number): string[] {
  if (n <= 0) return [];
  const raw = n === 1 ? [interpolateRainbow(0.6)] : quantize((t) => interpolateRainbow(t * (1 - 1 / n)), n);
  return raw.map((c, i) => {
    const h = hcl(c);
    h.l = Math.min(h.l, i % 2 ? 52 : 66);
    return h.formatHex();
  });
}

export const MUTED = '#c9c9cf';

/** Black or white text, whichever reads better on `fill`. */
export function inkFor(fill: string): string {
  const h = hcl(fill);
  return h.l > 62 ? '#1d1d1f' : '#ffffff';
}

import { rgb } from 'd3';
import { conceptColor } from './concept-colors';

/** Concepts are shown 1-based (C1…CK, as in the paper); the store, URL and engine count from 0. */
export function conceptName(k: number): string {
  return `C${k + 1}`;
}

function luminance(hex: string): number {
  const c = rgb(hex);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

const inkCache = new Map<string, string>();

/** White or near-black, whichever contrasts more with the concept colour (Tableau 10 has light yellows and pinks). */
export function inkOn(background: string): string {
  let ink = inkCache.get(background);
  if (!ink) {
    const l = luminance(background);
    ink = 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#fff' : '#1d1d1f';
    inkCache.set(background, ink);
  }
  return ink;
}

export function ConceptTag({ k, label, title }: { k: number; label?: string; title?: string }) {
  const background = conceptColor(k);
  return (
    <span className="concept-tag" style={{ background, color: inkOn(background) }} title={title}>
      {conceptName(k)}
      {label ? ` ${label}` : ''}
    </span>
  );
}

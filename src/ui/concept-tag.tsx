import { rgb } from 'd3';
import type { ConceptLabel } from '../protocol/engine';
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

/** "C3 Horror ×2.4" or "C3 weak · best ×1.1": a concept's name never goes without the lift behind it. */
export function conceptText(k: number, label: ConceptLabel | undefined): string {
  return label ? `${conceptName(k)} ${label.short}` : conceptName(k);
}

/** A concept's colour, name and label; hovering it gives the numbers behind the label. */
export function ConceptTag({ k, label, title }: { k: number; label?: ConceptLabel; title?: string }) {
  const background = conceptColor(k);
  const tip = [title, label?.detail].filter(Boolean).join('\n');
  return (
    <span className={`concept-tag${label?.weak ? ' weak' : ''}`} style={{ background, color: inkOn(background) }} title={tip || undefined}>
      {conceptText(k, label)}
    </span>
  );
}

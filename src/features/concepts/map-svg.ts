import { fitToBox } from './map-geometry';
import type { PointStyle } from './map-style';
import { xmlEscape } from './download';

/**
 * The item map as an SVG of points (one circle per item, coloured as on screen) with its legend,
 * for papers and slides. Dimmed points are drawn first and faint, as on the canvas.
 */
export function mapSvg(coords: Float32Array, style: PointStyle, title: string, titles: string[]): string {
  const W = 900;
  const H = 720;
  const legendW = 220;
  const plotW = W - legendW;
  const pos = fitToBox(coords, plotW, H, 20);
  const M = coords.length / 2;
  const r = M < 3000 ? 2.6 : M < 12000 ? 2 : 1.5;
  const parts: string[] = [];
  parts.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">`,
  );
  parts.push(`<title>${xmlEscape(title)}</title>`);
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(`<g fill="#d4d4d9" fill-opacity="0.55">`);
  for (let i = 0; i < M; i++) {
    if (style.dim[i] && Number.isFinite(pos[2 * i]))
      parts.push(`<circle cx="${pos[2 * i].toFixed(1)}" cy="${pos[2 * i + 1].toFixed(1)}" r="${(r * 0.8).toFixed(1)}"/>`);
  }
  parts.push(`</g>`);
  style.legend.forEach((entry, g) => {
    parts.push(`<g fill="${entry.color}" fill-opacity="0.8">`);
    for (let i = 0; i < M; i++) {
      if (style.dim[i] || style.group[i] !== g || !Number.isFinite(pos[2 * i])) continue;
      parts.push(
        `<circle cx="${pos[2 * i].toFixed(1)}" cy="${pos[2 * i + 1].toFixed(1)}" r="${r}"><title>${xmlEscape(titles[i] ?? '')}</title></circle>`,
      );
    }
    parts.push(`</g>`);
  });
  parts.push(`<g transform="translate(${plotW + 10},24)" font-size="12" fill="#1d1d1f">`);
  parts.push(`<text font-weight="600" y="0">${xmlEscape(title)}</text>`);
  style.legend.forEach((entry, g) => {
    const y = 22 + g * 18;
    parts.push(`<circle cx="6" cy="${y - 4}" r="5" fill="${entry.color}"/>`);
    parts.push(`<text x="16" y="${y}">${xmlEscape(entry.label)} (${entry.count})</text>`);
  });
  parts.push(`</g></svg>`);
  return parts.join('\n') + '\n';
}

import type { ConceptsReport } from '../../protocol/concepts';
import type { ItemTable } from '../../protocol/engine';
import type { ColourBy } from './concepts-store';
import { categoryPalette, conceptColor, conceptName, MUTED } from './format';

export interface LegendEntry {
  label: string;
  color: string;
  count: number;
}

export interface PointStyle {
  /** legend entry of each point */
  group: Int32Array;
  legend: LegendEntry[];
  /** 1 = drawn faint (another legend entry is isolated, or the point does not match the search) */
  dim: Uint8Array;
  /** 1 = matches the search */
  match: Uint8Array;
  matches: number;
}

/** Category names in the order of the report (which may differ from the dataset's sorted list). */
export function categoryNames(report: ConceptsReport): string[] {
  return report.categories?.names ?? [];
}

export function colourGroups(report: ConceptsReport, items: ItemTable, by: ColourBy): { group: Int32Array; legend: LegendEntry[] } {
  const M = report.M;
  const group = new Int32Array(M);
  if (by.kind === 'concept' || !report.categories) {
    const legend = report.labels.map((l, k) => ({ label: `${conceptName(k)} ${l.short}`, color: conceptColor(k), count: 0 }));
    for (let i = 0; i < M; i++) {
      group[i] = report.concept[i];
      legend[group[i]].count++;
    }
    return { group, legend };
  }
  const names = categoryNames(report);
  const index = new Map(names.map((n, c) => [n, c]));
  if (by.kind === 'primary') {
    const palette = categoryPalette(names.length);
    const legend = [...names.map((n, c) => ({ label: n, color: palette[c], count: 0 })), { label: 'no category', color: MUTED, count: 0 }];
    for (let i = 0; i < M; i++) {
      const first = items.categories[i]?.[0];
      group[i] = first !== undefined && index.has(first) ? index.get(first)! : names.length;
      legend[group[i]].count++;
    }
    return { group, legend };
  }
  const name = names[by.c] ?? '';
  const legend = [
    { label: name, color: '#d1495b', count: 0 },
    { label: `not ${name}`, color: '#8d99ae', count: 0 },
  ];
  for (let i = 0; i < M; i++) {
    group[i] = items.categories[i]?.includes(name) ? 0 : 1;
    legend[group[i]].count++;
  }
  return { group, legend };
}

/** Items whose title contains every word of the query (case-insensitive). */
export function searchMatches(titles: string[], query: string): Uint8Array {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out = new Uint8Array(titles.length);
  if (!words.length) return out;
  for (let i = 0; i < titles.length; i++) {
    const t = titles[i].toLowerCase();
    if (words.every((w) => t.includes(w))) out[i] = 1;
  }
  return out;
}

export function pointStyle(report: ConceptsReport, items: ItemTable, by: ColourBy, isolate: number, query: string): PointStyle {
  const { group, legend } = colourGroups(report, items, by);
  const match = searchMatches(items.titles, query);
  const searching = query.trim().length > 0;
  const dim = new Uint8Array(report.M);
  let matches = 0;
  for (let i = 0; i < report.M; i++) {
    if (match[i]) matches++;
    if ((isolate >= 0 && group[i] !== isolate) || (searching && !match[i])) dim[i] = 1;
  }
  return { group, legend, dim, match, matches };
}

import type { ItemTable } from '../../protocol/engine';

export type HistoryOrder = 'concept' | 'title';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The history's items in display order: by concept (most confidently assigned first), or by title. */
export function orderHistory(history: Int32Array, items: ItemTable, order: HistoryOrder): Int32Array {
  const out = Int32Array.from(history);
  const byTitle = (a: number, b: number) => collator.compare(items.titles[a] ?? '', items.titles[b] ?? '');
  if (order === 'title') return out.sort(byTitle);
  return out.sort((a, b) => items.concept[a] - items.concept[b] || items.conceptProb[b] - items.conceptProb[a] || byTitle(a, b));
}

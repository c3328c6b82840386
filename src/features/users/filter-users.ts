import type { UserTable } from '../../protocol/engine';

export type UserOrder = 'split' | 'id' | 'clicks';

const collator = new Intl.Collator(undefined, { numeric: true });

/** Every user's index in display order: as the split lists them (train, validation, test), by id, or most clicks first. */
export function orderUsers(users: UserTable, order: UserOrder): Int32Array {
  const all = Int32Array.from(users.ids, (_, i) => i);
  if (order === 'id') return all.sort((a, b) => collator.compare(users.ids[a], users.ids[b]));
  if (order === 'clicks') return all.sort((a, b) => users.clicks[b] - users.clicks[a] || a - b);
  return all;
}

/**
 * The users of `ordered` whose id contains `query` (case-insensitive): exact match first, then ids
 * that start with it, then the rest, each group in the given order. An empty query keeps them all.
 */
export function filterUsers(ids: readonly string[], ordered: Int32Array, query: string): Int32Array {
  const q = query.trim().toLowerCase();
  if (!q) return ordered;
  const exact: number[] = [];
  const prefix: number[] = [];
  const inner: number[] = [];
  for (const i of ordered) {
    const s = ids[i].toLowerCase();
    const at = s.indexOf(q);
    if (at < 0) continue;
    if (s.length === q.length) exact.push(i);
    else if (at === 0) prefix.push(i);
    else inner.push(i);
  }
  return Int32Array.from([...exact, ...prefix, ...inner]);
}

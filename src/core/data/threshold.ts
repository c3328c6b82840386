import type { ParsedClicks } from './parse-clicks';
import type { ClickLog } from './types';

/**
 * Keeps the rows rated above `threshold` of a log parsed with no threshold, renumbering users
 * and items in order of first appearance as the parser does. Exact only for logs without
 * duplicate (user, item) pairs: the parser drops duplicates after thresholding.
 */
export function applyThreshold(parsed: ParsedClicks, threshold: number | null): ParsedClicks {
  const { log, report } = parsed;
  if (!log.hasRatings || threshold === null) return parsed;
  if (report.duplicatesDropped > 0) throw new Error('applyThreshold needs a log without duplicates');
  const n = log.users.length;
  const userOf = new Int32Array(log.userIds.length).fill(-1);
  const itemOf = new Int32Array(log.itemIds.length).fill(-1);
  const userIds: string[] = [];
  const itemIds: string[] = [];
  let kept = 0;
  for (let r = 0; r < n; r++) if (log.ratings[r] > threshold) kept++;
  const users = new Int32Array(kept);
  const items = new Int32Array(kept);
  const ratings = new Float32Array(kept);
  let w = 0;
  for (let r = 0; r < n; r++) {
    if (!(log.ratings[r] > threshold)) continue;
    const u = log.users[r];
    const i = log.items[r];
    if (userOf[u] < 0) {
      userOf[u] = userIds.length;
      userIds.push(log.userIds[u]);
    }
    if (itemOf[i] < 0) {
      itemOf[i] = itemIds.length;
      itemIds.push(log.itemIds[i]);
    }
    users[w] = userOf[u];
    items[w] = itemOf[i];
    ratings[w] = log.ratings[r];
    w++;
  }
  const out: ClickLog = { userIds, itemIds, users, items, ratings, hasRatings: true, rowsRead: log.rowsRead, ratingThreshold: threshold };
  return {
    log: out,
    report: { ...report, belowThreshold: n - kept, kept, users: userIds.length, items: itemIds.length, ratingThreshold: threshold },
  };
}

import { isNumeric } from './delimited';
import type { ClickLog, HeldOutSet } from './types';

/** Logs smaller than this may keep all or none of their rows by chance; the share checks skip them. */
const MIN_ROWS_FOR_SHARE = 1000;
/** The official threshold (3.5) is meant for ratings of 1–5 stars (10 at most, for half-star-doubled scales). */
const MAX_RATING_FOR_THRESHOLD = 10;

/**
 * Why a rating threshold does not fit the ratings it was applied to, or null: ratings above 10
 * (a 0–100 scale), or a threshold keeping under 1 % or over 99 % of a sizeable log. `log` holds
 * the rows kept, so their maximum is the scale's.
 */
export function ratingScaleProblem(log: ClickLog): string | null {
  const threshold = log.ratingThreshold;
  if (!log.hasRatings || threshold === undefined || log.rowsRead === 0) return null;
  let max = -Infinity;
  for (const r of log.ratings) if (r > max) max = r;
  const kept = log.users.length;
  const share = `${kept} of ${log.rowsRead} rated rows (${((100 * kept) / log.rowsRead).toFixed(1)} %)`;
  if (max > MAX_RATING_FOR_THRESHOLD && threshold <= MAX_RATING_FOR_THRESHOLD) {
    return `ratings go up to ${max}, but the threshold ${threshold} is meant for 1–5 star ratings (it keeps ${share}): choose a threshold for this scale, or none`;
  }
  if (log.rowsRead >= MIN_ROWS_FOR_SHARE && (kept < 0.01 * log.rowsRead || kept > 0.99 * log.rowsRead)) {
    return `the rating threshold ${threshold} keeps ${share}: are the ratings on another scale? Choose a threshold that separates likes, or none`;
  }
  return null;
}

/** Why a validation or test set cannot measure anything, or null. */
export function heldOutProblem(name: 'validation' | 'test', set: HeldOutSet): string | null {
  if (set.heldOut.indices.length > 0) return null;
  const n = set.userIds.length;
  return (
    `the ${n} ${name} user${n === 1 ? ' has' : 's have'} no held-out clicks ` +
    `(a user needs 5 or more clicks on items that training users clicked), so every metric would read 0: ` +
    'use a larger log, or fewer held-out users'
  );
}

const CANONICAL_INTEGER = /^(0|[1-9]\d*)$/;

/** Two ids that are one number written two ways ("1" and "1.0", "7" and "007"), or null. */
export function sameNumberTwice(ids: string[]): [string, string] | null {
  const odd = ids.filter((id) => !CANONICAL_INTEGER.test(id) && isNumeric(id));
  if (odd.length === 0) return null;
  const byValue = new Map<string, string>();
  for (const id of ids) if (CANONICAL_INTEGER.test(id)) byValue.set(id, id);
  for (const id of odd) {
    const value = String(Number(id));
    const other = byValue.get(value);
    if (other !== undefined) return [other, id];
    byValue.set(value, id);
  }
  return null;
}

/** Strings that spreadsheets, pandas and databases write for a missing value. */
const MISSING_MARKERS = new Set(['null', 'nan', 'none', 'na', 'n/a', 'nil', 'undefined', '\\n', '?', '-']);

/** The missing-value marker text[from, to) is, or null; cheap for ordinary ids (first character test). */
export function missingMarker(text: string, from: number, to: number): string | null {
  if (to - from > 9) return null;
  const c = text.charCodeAt(from) | 32;
  if (c !== 110 && c !== 117 && c !== 124 && c !== 63 && c !== 45) return null;
  const value = text.slice(from, to);
  return MISSING_MARKERS.has(value.toLowerCase()) ? value : null;
}

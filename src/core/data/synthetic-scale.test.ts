import { describe, expect, it } from 'vitest';
import { parseClicks } from './parse-clicks';
import { scaleRatingsCsv, scaleShape } from './synthetic-scale';

describe('scale synthetic ratings', () => {
  const text = () => [...scaleRatingsCsv({ rows: 60_000, seed: 4 })].join('');

  it('writes exactly the rows asked for, seeded, as a ratings.csv the parser reads', () => {
    const a = text();
    expect(a).toBe(text());
    expect(a.startsWith('userId,movieId,rating,timestamp\n')).toBe(true);
    const { log, report } = parseClicks(a, { fileName: 'ratings.csv' });
    expect(report.rowsRead).toBe(60_000);
    expect(report.formatLabel).toMatch(/ratings\.csv/);
    expect(log.itemIds.length).toBeLessThanOrEqual(scaleShape({ rows: 60_000, seed: 4 }).items);
  });

  it('has a long tail of item popularity and users with at least 20 ratings', () => {
    const rows = text().trimEnd().split('\n').slice(1);
    const perUser = new Map<string, number>();
    const perItem = new Map<string, number>();
    for (const r of rows) {
      const [u, i] = r.split(',');
      perUser.set(u, (perUser.get(u) ?? 0) + 1);
      perItem.set(i, (perItem.get(i) ?? 0) + 1);
    }
    const counts = [...perUser.values()];
    expect(counts.slice(0, -1).every((c) => c >= 20)).toBe(true);
    expect(Math.max(...counts)).toBeGreaterThan(5 * (rows.length / counts.length));
    const items = [...perItem.values()].sort((a, b) => b - a);
    const top = items.slice(0, Math.ceil(items.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / rows.length).toBeGreaterThan(0.4);
  });
});

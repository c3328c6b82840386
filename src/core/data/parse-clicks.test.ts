import { describe, expect, it } from 'vitest';
import { createClickParser, parseClicks } from './parse-clicks';
import type { ClickParserOptions, ParsedClicks } from './parse-clicks';

/** The log as readable (user, item, rating) triples, in row order. */
function triples({ log }: ParsedClicks): [string, string, number][] {
  return Array.from(log.users, (u, r) => [log.userIds[u], log.itemIds[log.items[r]], log.ratings[r]]);
}

function parseInChunks(text: string, size: number, options: ClickParserOptions = {}): ParsedClicks {
  const parser = createClickParser(options);
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  return parser.finish();
}

const U_DATA =
  [
    '196\t242\t3\t881250949',
    '186\t302\t3\t891717742',
    '22\t377\t1\t878887116',
    '298\t474\t4\t884182806',
    '253\t465\t5\t891628467',
    '298\t465\t4.5\t884182807',
  ].join('\n') + '\n';

const RATINGS_DAT = [
  '1::1193::5::978300760',
  '1::661::3::978302109',
  '1::914::3::978301968',
  '2::3408::4::978300275',
  '2::1193::5::978300276',
].join('\n');

const RATINGS_CSV =
  '\ufeffuserId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,3,3.5,964981247\r\n' + '1,6,4.5,964982224\r\n2,1,5.0,964982931\r\n';

describe('parseClicks: formats', () => {
  it('reads MovieLens u.data (tab, no header) and keeps ratings > 3.5', () => {
    const parsed = parseClicks(U_DATA);
    expect(parsed.report).toMatchObject({
      format: 'ml-100k',
      delimiter: '\t',
      header: null,
      rowsRead: 6,
      belowThreshold: 3,
      kept: 3,
      columns: { user: 0, item: 1, rating: 2, timestamp: 3 },
      ratingThreshold: 3.5,
    });
    expect(triples(parsed)).toEqual([
      ['298', '474', 4],
      ['253', '465', 5],
      ['298', '465', 4.5],
    ]);
    expect(parsed.log.userIds).toEqual(['298', '253']);
    expect(parsed.log.itemIds).toEqual(['474', '465']);
    expect(parsed.log.hasRatings).toBe(true);
    expect(parsed.log.ratingThreshold).toBe(3.5);
  });

  it('reads MovieLens ratings.dat (::) without a final newline', () => {
    const parsed = parseClicks(RATINGS_DAT);
    expect(parsed.report.format).toBe('ml-1m');
    expect(parsed.report.formatLabel).toMatch(/ratings\.dat/);
    expect(triples(parsed)).toEqual([
      ['1', '1193', 5],
      ['2', '3408', 4],
      ['2', '1193', 5],
    ]);
  });

  it('reads MovieLens ratings.csv with a BOM and CRLF line ends', () => {
    const parsed = parseClicks(RATINGS_CSV);
    expect(parsed.report).toMatchObject({
      format: 'ml-csv',
      header: ['userId', 'movieId', 'rating', 'timestamp'],
      rowsRead: 4,
      kept: 3,
    });
    expect(triples(parsed)).toEqual([
      ['1', '1', 4],
      ['1', '6', 4.5],
      ['2', '1', 5],
    ]);
  });

  it('reads an implicit log with string ids and no header: every row is a click', () => {
    const parsed = parseClicks('alice,tt0111161\nbob,tt0068646\nalice,tt0068646\n');
    expect(parsed.report).toMatchObject({ format: 'delimited', header: null, kept: 3, ratingThreshold: null });
    expect(parsed.report.columns).toEqual({ user: 0, item: 1, rating: -1, timestamp: -1 });
    expect(parsed.log.hasRatings).toBe(false);
    expect(parsed.log.ratingThreshold).toBeUndefined();
    expect(Array.from(parsed.log.ratings).every(Number.isNaN)).toBe(true);
    expect(parsed.log.userIds).toEqual(['alice', 'bob']);
    expect(parsed.log.itemIds).toEqual(['tt0111161', 'tt0068646']);
  });

  it('finds columns by header name in a TSV, whatever their order', () => {
    const parsed = parseClicks('stars\titem_id\tUser ID\n5\tA\tx\n2\tB\tx\n4\tB\ty\n');
    expect(parsed.report.columns).toEqual({ user: 2, item: 1, rating: 0, timestamp: -1 });
    expect(triples(parsed)).toEqual([
      ['x', 'A', 5],
      ['y', 'B', 4],
    ]);
  });

  it('reads semicolon-separated files with a header', () => {
    const parsed = parseClicks('user;item;rating;time\nu1;i1;4;2020-01-01\nu1;i2;3;2020-01-02\n');
    expect(parsed.report).toMatchObject({ delimiter: ';', formatLabel: 'semicolon-separated, with header' });
    expect(parsed.report.columns.timestamp).toBe(3);
    expect(triples(parsed)).toEqual([['u1', 'i1', 4]]);
  });

  it('takes a third headerless column of Unix times as a timestamp, not a rating', () => {
    const parsed = parseClicks('u1,i1,1600000000\nu2,i1,1600000100\n');
    expect(parsed.report.columns).toEqual({ user: 0, item: 1, rating: -1, timestamp: 2 });
    expect(parsed.report.kept).toBe(2);
  });

  it('detects a header from non-numeric names above numeric columns', () => {
    const parsed = parseClicks('a,b,c\n1,10,5\n2,10,1\n');
    expect(parsed.report.header).toEqual(['a', 'b', 'c']);
    expect(parsed.report.columns).toMatchObject({ user: 0, item: 1 });
    expect(parsed.report.rowsRead).toBe(2);
  });

  it('reads RFC 4180 quoted fields with delimiters and doubled quotes', () => {
    const text = 'user,item,rating\n"smith, john","The ""Best"" item",5\n"x",plain,4\n  bob , "spaced" ,4\n';
    expect(triples(parseClicks(text))).toEqual([
      ['smith, john', 'The "Best" item', 5],
      ['x', 'plain', 4],
      ['bob', 'spaced', 4],
    ]);
  });

  it('skips blank and whitespace-only lines', () => {
    const parsed = parseClicks('\n\nu,i\n  \n\t\nu,j\n\n');
    expect(parsed.report.rowsRead).toBe(2);
    expect(triples(parsed).map((t) => t[1])).toEqual(['i', 'j']);
  });

  it('keeps the first of repeated (user, item) clicks and reports the rest', () => {
    const parsed = parseClicks('u1,i1\nu1,i2\nu2,i1\nu1,i1\nu1,i2\nu1,i3\n');
    expect(parsed.report).toMatchObject({ rowsRead: 6, duplicatesDropped: 2, kept: 4 });
    expect(triples(parsed).map((t) => `${t[0]}:${t[1]}`)).toEqual(['u1:i1', 'u1:i2', 'u2:i1', 'u1:i3']);
  });

  it('applies the threshold before dropping repeats, so a low first rating does not hide a high one', () => {
    const parsed = parseClicks('u,i,2\nu,i,5\n');
    expect(parsed.report).toMatchObject({ belowThreshold: 1, duplicatesDropped: 0, kept: 1 });
  });

  it('uses a configurable threshold; null keeps every rated row', () => {
    expect(parseClicks(U_DATA, { ratingThreshold: 2.5 }).report.kept).toBe(5);
    const all = parseClicks(U_DATA, { ratingThreshold: null });
    expect(all.report).toMatchObject({ kept: 6, ratingThreshold: null });
    expect(all.log.ratingThreshold).toBeUndefined();
  });

  it('honours delimiter, header and column overrides', () => {
    const text = 'i1|u1|9\ni2|u1|1\n';
    const parsed = parseClicks(text, { delimiter: '|', header: false, columns: { user: 1, item: 0, rating: null } });
    expect(parsed.report.columns).toEqual({ user: 1, item: 0, rating: -1, timestamp: -1 });
    expect(triples(parsed).map((t) => `${t[0]}:${t[1]}`)).toEqual(['u1:i1', 'u1:i2']);

    const named = parseClicks('who,what,how much\nu,i,1\nu,j,4\n', { columns: { user: 'who', item: 'what', rating: 'how much' } });
    expect(triples(named)).toEqual([['u', 'j', 4]]);

    const first = parseClicks('1,2,5\n3,4,5\n', { header: true });
    expect(first.report.rowsRead).toBe(1);
  });

  it('reads a file in its forced format', () => {
    const parsed = parseClicks('7\t8\t5\t1\n', { format: 'ml-100k' });
    expect(parsed.report.format).toBe('ml-100k');
    expect(triples(parsed)).toEqual([['7', '8', 5]]);
  });

  it('gives the same result however the text is cut into chunks', () => {
    const longer = RATINGS_CSV + Array.from({ length: 80 }, (_, k) => `${k % 7},"${k}",${k % 6},1\r\n`).join('');
    const whole = parseClicks(longer);
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const chunked = parseInChunks(longer, size);
      expect(triples(chunked)).toEqual(triples(whole));
      expect(chunked.report).toEqual(whole.report);
    }
  });

  it('keeps large ids and many users apart', () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `${k * 7919},${(k * 31) % 1000},5`);
    rows.push('0042,5,5', '42,5,5', '99999999999,5,5');
    const parsed = parseClicks(rows.join('\n'));
    expect(parsed.log.userIds.length).toBe(3003);
    expect(parsed.log.userIds.slice(-3)).toEqual(['0042', '42', '99999999999']);
    expect(parsed.log.itemIds.length).toBe(1000);
  });
});

import { describe, expect, it } from 'vitest';
import { DataError } from './data-error';
import { createClickParser, parseClicks } from './parse-clicks';
import type { ClickParserOptions } from './parse-clicks';
import { buildSplit } from './split';

function failure(run: () => unknown): DataError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('expected a DataError');
}

function parseError(text: string, options: ClickParserOptions = {}): DataError {
  return failure(() => parseClicks(text, { fileName: 'ratings.csv', ...options }));
}

const HEADER = 'userId,movieId,rating,timestamp\n';
const GOOD_ROW = '1,1,4.0,964982703\n';

describe('parseClicks: broken input', () => {
  it('an empty file', () => {
    expect(parseError('').message).toBe('ratings.csv: the file is empty');
  });

  it('a file of blank lines', () => {
    expect(parseError('\n \r\n\t\n').message).toBe('ratings.csv: the file is empty');
  });

  it('only a header', () => {
    expect(parseError(HEADER).message).toBe('ratings.csv: the file has only a header line and no data rows');
  });

  it('a binary file (NUL bytes), with the line where they start', () => {
    const error = parseError(HEADER + GOOD_ROW + '1,2,\u0000\u0000\u0001,3\n');
    expect(error.message).toMatch(/^ratings\.csv line 3: contains NUL bytes: this looks like a binary file/);
    expect(error.problems).toEqual([{ line: 3, message: expect.stringMatching(/NUL/) }]);
  });

  it('bytes that are not UTF-8, found in a later chunk', () => {
    const parser = createClickParser({ fileName: 'ratings.csv' });
    parser.push(HEADER + GOOD_ROW);
    const error = failure(() => parser.push('1,2,4.0,1\n1,\ufffd\ufffd,4.0,1\n'));
    expect(error.message).toBe('ratings.csv line 4: contains bytes that are not valid UTF-8 text');
  });

  it('a ZIP archive or a gzip file', () => {
    expect(parseError('PK\u0003\u0004\u0014\u0000rest').message).toBe(
      'ratings.csv line 1: this is a ZIP archive; extract the file inside it first',
    );
    expect(parseError('\u001f\ufffd\u0008\u0000').message).toMatch(/line 1: this is a gzip-compressed file/);
  });

  it('one column and no delimiter', () => {
    expect(parseError('12345\n67890\n').message).toMatch(
      /^ratings\.csv line 1: expected 2–4 columns \(user, item, then optionally rating and timestamp\), found 1/,
    );
  });

  it('a row with too few columns', () => {
    const rows = Array.from({ length: 15 }, () => GOOD_ROW).join('');
    expect(parseError(HEADER + rows + '7\n').message).toBe('ratings.csv line 17: expected 4 columns, found 1');
  });

  it('a row with too many columns', () => {
    expect(parseError(HEADER + GOOD_ROW + '1,2,4,5,6\n').message).toBe('ratings.csv line 3: expected 4 columns, found 5');
  });

  it('a rating that is not a number', () => {
    expect(parseError(HEADER + GOOD_ROW + '1,2,five,964982703\n').message).toBe('ratings.csv line 3: rating "five" is not a number');
  });

  it('NaN, Infinity and hex ratings', () => {
    expect(parseError(HEADER + '1,2,NaN,1\n').message).toBe('ratings.csv line 2: rating "NaN" is not a number');
    expect(parseError(HEADER + '1,2,Infinity,1\n').message).toMatch(/line 2: rating "Infinity" is not a number/);
    expect(parseError(HEADER + '1,2,0x4,1\n').message).toMatch(/line 2: rating "0x4" is not a number/);
  });

  it('a decimal comma in a semicolon file is read as a decimal, with a notice', () => {
    const { log, report } = parseClicks('1;2;4,5\n1;3;3,0\n', { fileName: 'ratings.csv', ratingThreshold: null });
    expect(Array.from(log.ratings)).toEqual([4.5, 3]);
    expect(report.notices).toEqual(['ratings.csv: 2 ratings written with a decimal comma ("4,5") read as decimals']);
  });

  it('a negative rating', () => {
    expect(parseError(HEADER + GOOD_ROW + '1,2,-1,3\n').message).toBe('ratings.csv line 3: rating -1 is negative');
  });

  it('a missing rating', () => {
    expect(parseError(HEADER + '1,2,,3\n').message).toBe('ratings.csv line 2: missing rating');
  });

  it('a missing user id', () => {
    expect(parseError(HEADER + GOOD_ROW + ' ,2,4,3\n').message).toBe('ratings.csv line 3: missing user id');
  });

  it('a missing item id', () => {
    expect(parseError('alice,x\nbob,\n').message).toBe('ratings.csv line 2: missing item id');
  });

  it('an unterminated quote', () => {
    expect(parseError('user,item\nalice,"The Matrix\nbob,x\n').message).toBe(
      'ratings.csv line 2: a quoted value opened on this line is never closed',
    );
  });

  it('text after a closing quote', () => {
    expect(parseError('user,item\n"alice"x,i\n').message).toBe('ratings.csv line 2: unexpected text after the closing quote in column 1');
  });

  it('lists five problems, then counts the rest, and never loads part of a file', () => {
    const bad = Array.from({ length: 128 }, (_, k) => `${k},${k},bad,1\n`).join('');
    const error = parseError(HEADER + GOOD_ROW + bad);
    expect(error.totalProblems).toBe(128);
    expect(error.problems).toHaveLength(5);
    expect(error.message.split('\n')).toEqual([
      'ratings.csv line 3: rating "bad" is not a number',
      'ratings.csv line 4: rating "bad" is not a number',
      'ratings.csv line 5: rating "bad" is not a number',
      'ratings.csv line 6: rating "bad" is not a number',
      'ratings.csv line 7: rating "bad" is not a number',
      '… and 123 more problems',
    ]);
  });

  it('a column name that the header does not have', () => {
    expect(parseError(HEADER + GOOD_ROW, { columns: { user: 'uid' } }).message).toBe(
      'ratings.csv: no column named "uid" for the user: the header has userId, movieId, rating, timestamp',
    );
  });

  it('a column number beyond the last column', () => {
    expect(parseError(HEADER + GOOD_ROW, { columns: { rating: 6 } }).message).toBe(
      'ratings.csv: the rating column 7 does not exist: the file has 4 columns',
    );
  });

  it('a column name for a file without a header', () => {
    expect(parseError('1\t2\t5\t1\n', { columns: { item: 'movieId' } }).message).toMatch(
      /the item column is given by name \("movieId"\) but the file has no header/,
    );
  });

  it('the same column for user and item', () => {
    expect(parseError('a,b\n', { columns: { user: 1, item: 1 } }).message).toBe(
      'ratings.csv: the user and item ids cannot both come from column 2',
    );
  });

  it('a forced format that does not fit the file', () => {
    expect(parseError('1,2,5,1\n', { format: 'ml-1m' }).message).toMatch(
      /^ratings\.csv line 1: expected 2–4 columns .*found 1 with the "::" delimiter/,
    );
  });

  it('no rows left once ratings and the user filter are applied', () => {
    const { log } = parseClicks(HEADER + '1,1,3.0,1\n1,2,4.0,1\n2,1,5.0,1\n');
    expect(failure(() => buildSplit(log, { nHeldout: 1 })).message).toBe(
      'no rows left after keeping ratings > 3.5 and users with ≥ 5 clicks',
    );
    const implicit = parseClicks('a,1\na,2\n').log;
    expect(failure(() => buildSplit(implicit, { nHeldout: 1 })).message).toBe('no rows left after keeping users with ≥ 5 clicks');
  });

  it('too few users for the held-out sets', () => {
    const rows = Array.from({ length: 10 }, (_, k) => `u${k % 2},i${k}`).join('\n');
    expect(failure(() => buildSplit(parseClicks(rows).log, { nHeldout: 1 })).message).toBe(
      'only 2 users have ≥ 5 clicks; holding out 2 × 1 users needs at least 3',
    );
  });

  it('messages without a file name still name the line', () => {
    expect(failure(() => parseClicks('a,b\nc\n')).message).toBe('line 2: expected 2 columns, found 1');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from './data-error';
import { ML100K_GENRES, parseGenreList, parseMetadata } from './parse-metadata';
import type { MetadataOptions } from './parse-metadata';

const MOVIES_CSV = new URL('../../../../shared/data/ml-latest-small/movies.csv', import.meta.url);

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function flags(...on: number[]): string {
  return Array.from({ length: 19 }, (_, g) => (on.includes(g) ? '1' : '0')).join('|');
}

const U_ITEM =
  [
    `1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|${flags(3, 4, 5)}`,
    `267|unknown||||${flags(0)}`,
    `999|Misérables, Les (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Mis%E9rables|${flags(8, 14)}`,
  ].join('\n') + '\n';

function failure(input: string | Uint8Array, options: MetadataOptions = {}): string {
  try {
    parseMetadata(input, { fileName: 'items.csv', ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).message;
  }
  throw new Error('expected a DataError');
}

describe('parseMetadata', () => {
  it('reads ml-latest-small movies.csv: quoted titles, | genres, no-genre movies', () => {
    const meta = parseMetadata(readFileSync(MOVIES_CSV), { fileName: 'movies.csv' });
    expect(meta.size).toBe(9742);
    expect(meta.get('1')).toEqual({
      title: 'Toy Story (1995)',
      categories: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
    });
    expect(meta.get('29')?.title).toBe('City of Lost Children, The (Cité des enfants perdus, La) (1995)');
    expect(meta.get('7789')?.title).toBe(`11'09"01 - September 11 (2002)`);
    const noGenres = [...meta.values()].filter((m) => m.categories.length === 0);
    expect(noGenres).toHaveLength(34);
  });

  it('reads u.item bytes as Latin-1 with the standard ML-100K genres', () => {
    const meta = parseMetadata(latin1(U_ITEM), { fileName: 'u.item' });
    expect(meta.size).toBe(3);
    expect(meta.get('1')).toEqual({ title: 'Toy Story (1995)', categories: ['Animation', "Children's", 'Comedy'] });
    expect(meta.get('267')).toEqual({ title: 'unknown', categories: ['unknown'] });
    expect(meta.get('999')).toEqual({ title: 'Misérables, Les (1995)', categories: ['Drama', 'Romance'] });
  });

  it('reads u.item already decoded to a string, with genre names from u.genre', () => {
    const uGenre = 'Other|0\nFun|1\nSad|2\n\n';
    expect(parseGenreList(uGenre)).toEqual(['Other', 'Fun', 'Sad']);
    const meta = parseMetadata('5|Five (1990)|||url|0|1|1\n6|Six (1991)|||url|1|0|0\n', { uGenre });
    expect(meta.get('5')?.categories).toEqual(['Fun', 'Sad']);
    expect(meta.get('6')?.categories).toEqual(['Other']);
    expect(ML100K_GENRES).toHaveLength(19);
  });

  it('reads generic item,title,category files with or without a header', () => {
    const withHeader = parseMetadata('item,title,category\ni1,"Hello, World",A|B\ni2,Other,\n');
    expect(withHeader.get('i1')).toEqual({ title: 'Hello, World', categories: ['A', 'B'] });
    expect(withHeader.get('i2')).toEqual({ title: 'Other', categories: [] });

    const tsv = parseMetadata('tt1\tFirst\tDrama|Crime\ntt2\tSecond\tComedy\n');
    expect(tsv.get('tt1')).toEqual({ title: 'First', categories: ['Drama', 'Crime'] });

    const twoColumns = parseMetadata('a;Alpha\nb;Beta\n');
    expect(twoColumns.get('b')).toEqual({ title: 'Beta', categories: [] });

    // AliShop-7C's item_cate.csv has ids and categories but no titles.
    const itemCate = parseMetadata('item_hash,cate_id\n123,7\n456,2\n');
    expect(itemCate.get('123')).toEqual({ title: '123', categories: ['7'] });
  });

  it('reads UTF-8 bytes with a BOM', () => {
    const bytes = new TextEncoder().encode('\ufeffmovieId,title,genres\n1,Amélie (2001),Comedy|Romance\n');
    expect(parseMetadata(bytes).get('1')).toEqual({ title: 'Amélie (2001)', categories: ['Comedy', 'Romance'] });
  });

  it('keeps the first entry of a repeated id', () => {
    const meta = parseMetadata('movieId,title,genres\n1,First,A\n1,Second,B\n');
    expect(meta.get('1')?.title).toBe('First');
  });

  describe('broken input', () => {
    it('an empty file', () => {
      expect(failure('')).toBe('items.csv: the file is empty');
      expect(failure(new Uint8Array(0))).toBe('items.csv: the file is empty');
    });

    it('only a header', () => {
      expect(failure('movieId,title,genres\n')).toBe('items.csv: the file has only a header line and no data rows');
    });

    it('a binary file', () => {
      expect(failure(Uint8Array.from([0x6d, 0x0a, 0x00, 0x01, 0x02]))).toMatch(/^items\.csv line 2: contains NUL bytes/);
    });

    it('a row with the wrong number of columns', () => {
      expect(failure('movieId,title,genres\n1,Toy Story (1995),Comedy\n2,Jumanji\n')).toBe('items.csv line 3: expected 3 columns, found 2');
    });

    it('a missing item id', () => {
      expect(failure('movieId,title,genres\n,Nameless,Drama\n')).toBe('items.csv line 2: missing item id');
    });

    it('an unterminated quote in a title', () => {
      expect(failure('movieId,title,genres\n1,"Toy Story,Comedy\n')).toBe('items.csv line 2: unterminated quote in column 2');
    });

    it('a u.item genre flag that is not 0 or 1', () => {
      const line = `1|Toy Story (1995)|01-Jan-1995||url|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0`;
      const bad = `2|GoldenEye (1995)|01-Jan-1995||url|0|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0|yes|0|0`;
      expect(failure(latin1(`${line}\n${bad}\n`), { fileName: 'u.item' })).toBe('u.item line 2: genre flag "yes" (Thriller) is not 0 or 1');
    });

    it('a u.item row with a missing genre column', () => {
      const line = `1|Toy Story (1995)|01-Jan-1995||url|${flags(3)}`;
      expect(failure(`${line}\n${line.slice(0, -2)}\n`, { fileName: 'u.item' })).toBe('u.item line 2: expected 24 columns, found 23');
    });

    it('a malformed u.genre', () => {
      expect(() => parseGenreList('Action|1\nComedy|x\n')).toThrow(
        'u.genre line 2: expected "genre name|index" with a new index, found "Comedy|x"',
      );
      expect(() => parseGenreList('Action|1\n')).toThrow('u.genre: genre index 0 is missing');
    });

    it('a single column', () => {
      expect(failure('just one value\n')).toMatch(/^items\.csv line 1: expected 2–3 columns .*found 1/);
    });
  });
});

import { gzipSync, strToU8, zipSync } from 'fflate';

/** One input file and what reading it as a click log must give: refused with `refused`, or accepted with `notice` (or nothing). */
export interface InputCase {
  name: string;
  file: string;
  bytes: Uint8Array;
  refused?: RegExp;
  notice?: RegExp;
  /** accepted cases: rows read */
  rows?: number;
}

const enc = (s: string) => new TextEncoder().encode(s);
const utf16 = (s: string, le: boolean, bom: boolean) => {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  const text = bom ? `\ufeff${s}` : s;
  for (let i = 0; i < text.length; i++) view.setUint16(2 * i, text.charCodeAt(i), le);
  return out;
};

/** 40 users × 8 clicks, rated 4 or 5: a small log every good case is a variant of. */
function rows(sep = ',', rating: (k: number) => string = (k) => (k % 2 ? '4' : '5')): string[] {
  const out: string[] = [];
  for (let u = 1; u <= 40; u++) for (let k = 0; k < 8; k++) out.push([u, ((u * 7 + k * 3) % 60) + 1, rating(k), 1000 + k].join(sep));
  return out;
}
const HEADER = 'userId,movieId,rating,timestamp';
const GOOD = [HEADER, ...rows()].join('\n');

/** A click log whose rows are all one line repeated: it compresses about 1000 : 1, as a bomb does. */
export function textBomb(megabytes: number): Uint8Array {
  const line = '1,1,5,1\n';
  return gzipSync(strToU8(HEADER + '\n' + line.repeat(Math.ceil((megabytes * 2 ** 20) / line.length))), { level: 9 });
}

export function inputCases(): InputCase[] {
  const refused = (name: string, file: string, bytes: Uint8Array | string, pattern: RegExp): InputCase => ({
    name,
    file,
    bytes: typeof bytes === 'string' ? enc(bytes) : bytes,
    refused: pattern,
  });
  const accepted = (name: string, file: string, bytes: Uint8Array | string, n: number, notice?: RegExp): InputCase => ({
    name,
    file,
    bytes: typeof bytes === 'string' ? enc(bytes) : bytes,
    rows: n,
    notice,
  });
  const lines = GOOD.split('\n');
  const withLine = (i: number, text: string) => [...lines.slice(0, i), text, ...lines.slice(i + 1)].join('\n');
  const latin1 = new Uint8Array([...enc(`${GOOD}\ncaf`), 0xe9, ...enc(',8,5,1\n')]);
  return [
    // accepted, possibly with a notice
    accepted('a plain ratings.csv', 'ratings.csv', GOOD, 320),
    accepted('CRLF line ends', 'ratings.csv', GOOD.replace(/\n/g, '\r\n'), 320),
    accepted('classic Mac CR-only line ends', 'ratings.csv', GOOD.replace(/\n/g, '\r'), 320),
    accepted('a UTF-8 BOM', 'ratings.csv', `\ufeff${GOOD}`, 320),
    accepted('UTF-16LE with a BOM', 'ratings.csv', utf16(GOOD, true, true), 320),
    accepted('UTF-16BE with a BOM', 'ratings.csv', utf16(GOOD, false, true), 320),
    accepted('UTF-16LE without a BOM', 'ratings.csv', utf16(GOOD, true, false), 320),
    accepted('Latin-1 bytes in an id', 'ratings.csv', latin1, 321, /ratings\.csv is not valid UTF-8: it was read as Latin-1/),
    accepted(
      'Excel’s sep=; first line',
      'ratings.csv',
      `sep=;\n${[HEADER.replace(/,/g, ';'), ...rows(';')].join('\n')}`,
      320,
      /the first line "sep=;" set the delimiter/,
    ),
    accepted(
      'decimal commas',
      'ratings.csv',
      [HEADER.replace(/,/g, ';'), ...rows(';', (k) => (k % 2 ? '4,5' : '5'))].join('\n'),
      320,
      /160 ratings written with a decimal comma/,
    ),
    accepted(
      '# comment lines',
      'ratings.csv',
      `# exported 2024\n${withLine(5, '# a note')}`,
      319,
      /2 comment lines \(starting with #\) skipped/,
    ),
    accepted(
      'the header repeated mid-file',
      'ratings.csv',
      withLine(100, HEADER),
      319,
      /the header line repeats 1 time further down; skipped/,
    ),
    accepted('a quoted id with a line break', 'ratings.csv', withLine(3, '"1\n",2,5,1'), 320),
    accepted('tab-separated u.data', 'u.data', rows('\t').join('\n'), 320),
    accepted('::-separated ratings.dat', 'ratings.dat', rows('::').join('\n'), 320),
    accepted('a gzip of the log', 'ratings.csv.gz', gzipSync(enc(GOOD)), 320),
    accepted('a zip holding the log and a readme', 'ml.zip', zipSync({ 'ml/README.txt': enc('readme'), 'ml/ratings.csv': enc(GOOD) }), 320),
    accepted(
      'implicit user,item pairs',
      'clicks.csv',
      ['user,item', ...rows().map((r) => r.split(',').slice(0, 2).join(','))].join('\n'),
      320,
    ),
    accepted('trailing blank lines', 'ratings.csv', `${GOOD}\n\n\n`, 320),
    accepted('spaces around values', 'ratings.csv', GOOD.replace(/,/g, ' , '), 320),
    // refused, with the words
    refused('an empty file', 'ratings.csv', '', /ratings\.csv: the file is empty/),
    refused('only blank lines', 'ratings.csv', '\n\n  \n', /ratings\.csv: the file is empty/),
    refused('a header without rows', 'ratings.csv', `${HEADER}\n`, /ratings\.csv: the file has only a header line and no data rows/),
    refused('a 0-byte .gz', 'ratings.csv.gz', new Uint8Array(0), /ratings\.csv(\.gz)?: the file is empty/),
    refused('a truncated .gz', 'ratings.csv.gz', gzipSync(enc(GOOD)).subarray(0, 30), /ratings\.csv\.gz: the compressed data is damaged/),
    refused(
      'a gzip bomb',
      'bomb.csv.gz',
      textBomb(40),
      /bomb\.csv\.gz: it expands beyond 16 MB, over 100 times its \d+ KB compressed: this looks like a decompression bomb/,
    ),
    refused(
      'a zip without a CSV',
      'pics.zip',
      zipSync({ 'a.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'b.jpg': new Uint8Array([0xff, 0xd8, 0xff]) }),
      /pics\.zip: the ZIP archive holds no text table \(only a\.png, b\.jpg\)/,
    ),
    refused('an empty zip', 'empty.zip', zipSync({}), /empty\.zip: there is no file in it to read/),
    refused(
      'a zip missing its end',
      'cut.zip',
      zipSync({ 'ratings.csv': enc(GOOD) }).subarray(0, 100),
      /cut\.zip: this ZIP archive is damaged or incomplete/,
    ),
    refused(
      'an .xlsx named .csv',
      'ratings.csv',
      zipSync({ '[Content_Types].xml': enc('<Types/>'), 'xl/workbook.xml': enc('<workbook/>') }),
      /ratings\.csv: this is an Excel workbook \(\.xlsx\), not a click log/,
    ),
    refused(
      'a .docx',
      'ratings.docx',
      zipSync({ '[Content_Types].xml': enc('<Types/>'), 'word/document.xml': enc('<w/>') }),
      /ratings\.docx: this is a Word document \(\.docx\)/,
    ),
    refused(
      'an old .xls',
      'ratings.xls',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      /ratings\.xls: this is a Microsoft Office 97–2003 file/,
    ),
    refused('a PDF', 'ratings.csv', enc('%PDF-1.7\n%âãÏÓ\n'), /ratings\.csv: this is a PDF document, not a click log/),
    refused('a PNG', 'ratings.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), /ratings\.csv: this is a PNG image/),
    refused('a JPEG', 'ratings.csv', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), /ratings\.csv: this is a JPEG image/),
    refused('a GIF', 'ratings.csv', enc('GIF89a....'), /ratings\.csv: this is a GIF image/),
    refused(
      'a bzip2 file',
      'ratings.csv.bz2',
      enc('BZh91AY&SY'),
      /ratings\.csv\.bz2: this is a bzip2-compressed file \(only \.gz and \.zip are read\)/,
    ),
    refused('a 7z archive', 'ratings.7z', new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), /ratings\.7z: this is a 7-Zip archive/),
    refused('a Parquet file', 'ratings.parquet', enc('PAR1\u0000\u0000'), /ratings\.parquet: this is a Parquet file/),
    refused('an SQLite database', 'ratings.db', enc('SQLite format 3\u0000'), /ratings\.db: this is an SQLite database/),
    refused(
      'an HTML error page',
      'ratings.csv',
      '<!DOCTYPE html><html><body>404</body></html>',
      /ratings\.csv: this is an HTML page \(perhaps a download that failed\)/,
    ),
    refused('JSON', 'ratings.csv', '[{"user": 1, "item": 2}]', /ratings\.csv: this is JSON, not a click log/),
    refused(
      'JSON lines',
      'ratings.jsonl',
      '{"user": 1, "item": 2}\n{"user": 1, "item": 3}\n',
      /ratings\.jsonl: this is JSON, not a click log/,
    ),
    refused('XML', 'ratings.xml', '<?xml version="1.0"?><ratings/>', /ratings\.xml: this is an XML document/),
    refused(
      'binary with NUL bytes',
      'ratings.csv',
      new Uint8Array([49, 44, 50, 0, 1, 2, 3, 44, 10, 0, 0]),
      /ratings\.csv line 1: contains NUL bytes: this looks like a binary file/,
    ),
    refused('one column', 'ratings.csv', 'a\nb\nc\n', /ratings\.csv line 1: expected 2–4 columns/),
    refused('a short row', 'ratings.csv', withLine(17, '5,6,4'), /ratings\.csv line 18: expected 4 columns, found 3/),
    refused('a long row', 'ratings.csv', withLine(9, '5,6,4,1,9'), /ratings\.csv line 10: expected 4 columns, found 5/),
    refused(
      'a 100k-column line',
      'ratings.csv',
      withLine(4, Array.from({ length: 100000 }, (_, i) => i).join(',')),
      /ratings\.csv line 5: expected 4 columns, found 100000/,
    ),
    refused('a rating that is text', 'ratings.csv', withLine(2, '1,2,five,1'), /ratings\.csv line 3: rating "five" is not a number/),
    refused('a negative rating', 'ratings.csv', withLine(2, '1,2,-4,1'), /ratings\.csv line 3: rating -4 is negative/),
    refused('a missing rating', 'ratings.csv', withLine(2, '1,2,,1'), /ratings\.csv line 3: missing rating/),
    refused('a missing user', 'ratings.csv', withLine(2, ',2,4,1'), /ratings\.csv line 3: missing user id/),
    refused('a missing item', 'ratings.csv', withLine(2, '1,,4,1'), /ratings\.csv line 3: missing item id/),
    refused('a NULL user', 'ratings.csv', withLine(2, 'NULL,2,4,1'), /ratings\.csv line 3: the user id "NULL" marks a missing value/),
    refused('a nan item', 'ratings.csv', withLine(2, '1,nan,4,1'), /ratings\.csv line 3: the item id "nan" marks a missing value/),
    refused('a None user', 'ratings.csv', withLine(2, 'None,2,4,1'), /ratings\.csv line 3: the user id "None" marks a missing value/),
    refused(
      'an unclosed quote',
      'ratings.csv',
      withLine(2, '1,"2,4,1'),
      /ratings\.csv line 3: a quoted value opened on this line is never closed/,
    ),
    refused(
      'text after a closing quote',
      'ratings.csv',
      withLine(2, '"1"x,2,4,1'),
      /ratings\.csv line 3: unexpected text after the closing quote in column 1/,
    ),
    refused(
      'ids 1 and 1.0',
      'ratings.csv',
      withLine(2, '1.0,2,4,1'),
      /ratings\.csv: the user ids "1" and "1\.0" are one number written two ways/,
    ),
    refused(
      'a 0–100 rating scale',
      'ratings.csv',
      [HEADER, ...rows(',', (k) => String(k * 14))].join('\n'),
      /ratings\.csv: ratings go up to 98, but the threshold 3\.5 is meant for 1–5 star ratings/,
    ),
    refused(
      'every rating below the threshold',
      'ratings.csv',
      [HEADER, ...rows(',', () => '2')].join('\n'),
      /ratings\.csv: no rows left after keeping ratings > 3\.5 and users with ≥ 5 clicks/,
    ),
    refused(
      'every item clicked by one user',
      'ratings.csv',
      ['user,item', ...Array.from({ length: 320 }, (_, r) => `${Math.floor(r / 8)},${r}`)].join('\n'),
      /ratings\.csv: the 5 validation users have no held-out clicks/,
    ),
    refused(
      'too few users',
      'ratings.csv',
      [HEADER, ...rows().slice(0, 64)].join('\n'),
      /ratings\.csv: holding out 2 × 5 of the 8 users|ratings\.csv: only 8 users have ≥ 5 clicks; holding out 2 × 5 users needs at least 11/,
    ),
  ];
}

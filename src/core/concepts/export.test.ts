import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { assignmentsCsv, csvField, formatFloat32, metadataTsv, tsvField, vectorsTsv } from './export';

const nasty = [
  'Plain',
  'Comma, The (1999)',
  'Say "Hello"',
  'Tab\there',
  'Two\nlines',
  'CR\r\nLF',
  '',
  ' spaced ',
  '"',
  'Amélie (2001) — ünïcödé',
];

describe('formatFloat32', () => {
  it('reads back as the same float32, and is short', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const values = [
      0,
      1,
      0.5,
      0.1,
      1e-8,
      -3.25,
      0.999999,
      1 / 3,
      ...Array.from({ length: 500 }, () => (rand() - 0.5) * 10 ** Math.floor(rand() * 10 - 5)),
    ];
    for (const v of values) {
      const f = Math.fround(v);
      const s = formatFloat32(f);
      expect(Math.fround(Number(s))).toBe(f);
      expect(s.replace(/^-|\.|e.*$/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(9);
    }
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(0.5)).toBe('0.5');
    expect(formatFloat32(1)).toBe('1');
  });
});

describe('csvField / tsvField', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\tb')).toBe('a\tb');
  });

  it('TSV fields never hold a tab or a line break (the Projector has no quoting)', () => {
    expect(tsvField('a\tb\nc\r\nd')).toBe('a b c d');
    expect(tsvField('"quoted", fine')).toBe('"quoted", fine');
  });
});

describe('assignments CSV round trip', () => {
  it('gives back the ids, titles, concepts and float32 values', () => {
    const K = 3;
    const M = nasty.length;
    const ids = nasty.map((_, i) => (i === 3 ? 'id,with,commas' : `m${i}`));
    const assignment = new Float32Array(M * K);
    const concept = new Int32Array(M);
    for (let i = 0; i < M; i++) {
      const raw = [Math.exp(i * 0.37), Math.exp(-i * 0.21), 1 / (i + 1)];
      const sum = raw.reduce((a, b) => a + b, 0);
      raw.forEach((v, k) => (assignment[i * K + k] = v / sum));
      concept[i] = raw.indexOf(Math.max(...raw));
    }
    const csv = assignmentsCsv({ ids, titles: nasty, concept, assignment, K });
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['item_id', 'title', 'concept', 'c_1', 'c_2', 'c_3']);
    expect(rows).toHaveLength(M);
    rows.forEach((row, i) => {
      expect(row).toHaveLength(3 + K);
      expect(row[0]).toBe(ids[i]);
      expect(row[1]).toBe(nasty[i]);
      expect(Number(row[2])).toBe(concept[i] + 1);
      for (let k = 0; k < K; k++) expect(Math.fround(Number(row[3 + k]))).toBe(assignment[i * K + k]);
    });
  });
});

describe('Embedding Projector TSV files', () => {
  it('vectors.tsv has M rows of d floats, no header, and reads back exactly', () => {
    const d = 4;
    const M = 5;
    const v = Float32Array.from({ length: M * d }, (_, i) => Math.sin(i * 1.7) / (i + 1));
    const text = vectorsTsv(v, d);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(M);
    const back = Float32Array.from(lines.flatMap((l) => l.split('\t').map(Number)));
    expect(lines.every((l) => l.split('\t').length === d)).toBe(true);
    expect(Array.from(back)).toEqual(Array.from(v));
  });

  it('metadata.tsv has the header and one line per item, with tabs and line breaks in titles flattened', () => {
    const M = nasty.length;
    const ids = nasty.map((_, i) => `${i + 1}`);
    const concept = Int32Array.from({ length: M }, (_, i) => i % 3);
    const categories = nasty.map((_, i) => (i % 2 ? ['Comedy', 'Drama'] : i === 4 ? [] : ['Sci-Fi']));
    const text = metadataTsv({ ids, titles: nasty, concept, categories });
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('id\ttitle\tconcept\tcategories');
    expect(lines).toHaveLength(M + 1);
    lines.slice(1).forEach((line, i) => {
      const f = line.split('\t');
      expect(f).toHaveLength(4);
      expect(f[0]).toBe(ids[i]);
      expect(f[1]).toBe(nasty[i].replace(/[\t\r\n]+/g, ' '));
      expect(f[2]).toBe(`C${concept[i] + 1}`);
      expect(f[3].split('|').filter(Boolean)).toEqual(categories[i]);
    });
  });
});

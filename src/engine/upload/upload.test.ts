import { gzipSync, strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedCounts, makeMovieLensLike, XSS_TITLE } from '../../../e2e/fixtures/movielens-like';
import { parseClicks } from '../../core/data/parse-clicks';
import { createModel } from '../../core/model/factory';
import { MACRID_DEFAULTS } from '../../core/model/defaults';
import { saveModel } from '../../core/model/checkpoint';
import { tf } from '../../core/tf';
import type { BackendStatus } from '../../protocol/engine';
import { Engine } from '../engine';
import { listEntries } from '../../core/source/archive';
import type { UploadListing, UploadPreview, UploadProgress, UploadRequest } from '../../protocol/upload';
import { UploadSession } from './upload-session';
import { Workspace } from '../workspace';
import { findLines, readClicks } from '../../core/source/read-clicks';

const fixture = makeMovieLensLike({ users: 300, items: 400, perUser: 40, seed: 11 });
const enc = (s: string) => new TextEncoder().encode(s);
const file = (name: string, data: string | Uint8Array) => new File([typeof data === 'string' ? enc(data) : new Uint8Array(data)], name);

const AUTO: UploadRequest['layout'] = { format: 'auto', delimiter: null, header: null, columns: null };
const PRE: UploadRequest['preprocess'] = { ratingThreshold: 3.5, minUserClicks: 5, nHeldout: null };

function request(listing: UploadListing, over: Partial<UploadRequest> = {}): UploadRequest {
  return { picks: listing.picks, layout: AUTO, preprocess: PRE, ...over };
}

async function open(session: UploadSession, files: File[], over: Partial<UploadRequest> = {}, onProgress?: (p: UploadProgress) => void) {
  const listing = await session.inspect(files);
  const preview = await session.prepare(request(listing, over), onProgress);
  return { listing, preview };
}

const nameOf = (l: UploadListing, id: string | null) => l.entries.find((e) => e.id === id)?.label ?? null;

describe('what the reader did is in the preview', () => {
  it('a Latin-1 click log with a comment line is read, and the preview says how', async () => {
    const lines = [
      '# exported by hand',
      'user,item,rating',
      ...fixture.uData
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t').slice(0, 3).join(',')),
    ];
    const bytes = Uint8Array.from([...strToU8(lines.join('\n')), 0x0a, ...strToU8('999,Caf'), 0xe9, ...strToU8(',4\n')]);
    const { preview } = await open(new UploadSession(new Workspace()), [file('clicks.csv', bytes)]);
    expect(preview.errors).toEqual([]);
    const notices = preview.clicks?.parse?.notices.join('\n') ?? '';
    expect(notices).toContain('read as Latin-1');
    expect(notices).toMatch(/comment line/);
  });
});

describe('archives', () => {
  it('picks u.data, u.item and u.genre out of an ML-100K-style zip', async () => {
    const zip = zipSync({
      'ml-100k/README': strToU8('readme'),
      'ml-100k/u.user': strToU8('1|24|M|technician|85711\n'),
      'ml-100k/u1.base': strToU8(fixture.uData.slice(0, 2000)),
      'ml-100k/u.data': strToU8(fixture.uData),
      'ml-100k/u.item': fixture.uItem,
      'ml-100k/u.genre': strToU8(fixture.uGenre),
      '__MACOSX/ml-100k/._u.data': new Uint8Array([0, 5, 22, 7]),
    });
    const session = new UploadSession(new Workspace());
    const listing = await session.inspect([file('ml-100k.zip', zip)]);
    expect(listing.errors).toEqual([]);
    expect(listing.entries.map((e) => e.name).sort()).toEqual(['README', 'u.data', 'u.genre', 'u.item', 'u.user', 'u1.base']);
    expect(nameOf(listing, listing.picks.clicks)).toBe('ml-100k.zip › ml-100k/u.data');
    expect(nameOf(listing, listing.picks.metadata)).toBe('ml-100k.zip › ml-100k/u.item');
    expect(nameOf(listing, listing.picks.genres)).toBe('ml-100k.zip › ml-100k/u.genre');
    const preview = await session.prepare(request(listing));
    expect(preview.errors).toEqual([]);
    expect(preview.name).toBe('ml-100k');
    expect(preview.metadata?.sample[0].title).toBe(XSS_TITLE);
    expect(preview.metadata?.sample[1].title).toBe('Café Society (1995)');
    expect(preview.counts?.filteredUsers).toBe(expectedCounts(fixture.ratings).users);
  });

  it('picks ratings.csv and movies.csv out of an ml-latest-small-style zip, stored or deflated', async () => {
    const ratings =
      'userId,movieId,rating,timestamp\n' + fixture.ratings.map((r) => `${r.user},${r.item},${r.rating},${r.timestamp}`).join('\n');
    const movies = 'movieId,title,genres\n' + fixture.titles.map((t, i) => `${i + 1},"${t.replace(/"/g, '""')}",Drama|Comedy`).join('\n');
    for (const level of [0, 6] as const) {
      const zip = zipSync(
        {
          'ml-latest-small/README.txt': strToU8('readme'),
          'ml-latest-small/links.csv': strToU8('movieId,imdbId,tmdbId\n1,1,1\n'),
          'ml-latest-small/tags.csv': strToU8('userId,movieId,tag,timestamp\n1,1,funny,1\n'),
          'ml-latest-small/movies.csv': strToU8(movies),
          'ml-latest-small/ratings.csv': strToU8(ratings),
        },
        { level },
      );
      const session = new UploadSession(new Workspace(), { chunkSize: 1000 });
      const { listing, preview } = await open(session, [file('ml-latest-small.zip', zip)]);
      expect(nameOf(listing, listing.picks.clicks)).toMatch(/ratings\.csv$/);
      expect(nameOf(listing, listing.picks.metadata)).toMatch(/movies\.csv$/);
      expect(listing.picks.genres).toBeNull();
      expect(preview.errors).toEqual([]);
      expect(preview.clicks?.layout?.format).toBe('ml-csv');
      expect(preview.counts?.interactions).toBe(expectedCounts(fixture.ratings).interactions);
    }
  });

  it('reads a .gz click log and tells metadata from clicks by their first lines', async () => {
    const session = new UploadSession(new Workspace(), { chunkSize: 333 });
    const items = 'item,title\n' + fixture.titles.map((t, i) => `${i + 1}\t${t}`).join('\n');
    const listing = await session.inspect([
      file('a.tsv', items.replace('item,title', 'item\ttitle')),
      file('b.data.gz', gzipSync(enc(fixture.uData))),
    ]);
    const gz = listing.entries.find((e) => e.container === 'gzip')!;
    expect(gz.name).toBe('b.data');
    expect(listing.picks.clicks).toBe(gz.id);
    expect(nameOf(listing, listing.picks.metadata)).toBe('a.tsv');
    const preview = await session.prepare(request(listing));
    expect(preview.errors).toEqual([]);
    expect(preview.counts?.filteredUsers).toBe(expectedCounts(fixture.ratings).users);
  });

  it('names a damaged archive and still lists the other files', async () => {
    const zip = zipSync({ 'u.data': strToU8(fixture.uData) });
    const session = new UploadSession(new Workspace());
    const listing = await session.inspect([file('cut.zip', zip.subarray(0, zip.length - 30)), file('u.data', fixture.uData)]);
    expect(listing.errors).toHaveLength(1);
    expect(listing.errors[0].file).toBe('cut.zip');
    expect(listing.errors[0].message).toMatch(/cut\.zip: this ZIP archive is damaged/);
    expect(nameOf(listing, listing.picks.clicks)).toBe('u.data');
  });

  it('skips folders and macOS resource forks inside zips', async () => {
    const zip = zipSync({ 'd/': new Uint8Array(0), 'd/x.csv': strToU8('a,b\n1,2\n'), '__MACOSX/d/._x.csv': new Uint8Array([1]) });
    const entries = await listEntries([file('x.zip', zip)]);
    expect(entries.map((e) => e.path)).toEqual(['d/x.csv']);
  });
});

describe('chunked reading', () => {
  const text = '\ufeffuser,item,rating\r\n' + ['ü1,é9,5', 'ü1,𝄞2,4', 'u2,é9,3', 'u2,x,4.5', '"u,3",x,5', 'u2,é9,1'].join('\r\n') + '\r\n';

  it('gives the same ClickLog as parsing the text in one go, for any chunk size and container', async () => {
    const oneShot = parseClicks(text, { ratingThreshold: 3.5, fileName: 'r.csv' });
    const bytes = enc(text);
    const sources = [
      file('r.csv', bytes),
      file('r.csv.gz', gzipSync(bytes)),
      file('r.zip', zipSync({ 'r.csv': bytes })),
      file('r0.zip', zipSync({ 'r.csv': bytes }, { level: 0 })),
    ];
    for (const source of sources) {
      const [entry] = await listEntries([source]);
      for (const chunkSize of [1, 2, 3, 7, 64, 1 << 20]) {
        const read = await readClicks(entry, { ratingThreshold: null, fileName: 'r.csv' }, { chunkSize });
        expect(read.error).toBeNull();
        // duplicates present: the null-threshold log is the parser's as well
        expect(read.parsed).toEqual(parseClicks(text, { ratingThreshold: null, fileName: 'r.csv' }));
        const exact = await readClicks(entry, { ratingThreshold: 3.5, fileName: 'r.csv' }, { chunkSize });
        expect(exact.parsed).toEqual(oneShot);
      }
    }
  });

  it('reports progress in bytes and rows, and finds the text of a numbered line', async () => {
    const [entry] = await listEntries([file('u.data', fixture.uData)]);
    const seen: { bytesRead: number; rows: number }[] = [];
    await readClicks(entry, {}, { chunkSize: 4096, progressMs: 0, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toEqual({ bytesRead: entry.sourceSize, bytesTotal: entry.sourceSize, rows: fixture.ratings.length });
    const lines = await findLines(entry, [3, 9000], { chunkSize: 100 });
    expect(lines.get(3)).toBe(fixture.uData.split('\n')[2]);
  });
});

describe('preview', () => {
  it('counts users, items, interactions and the three sets as preprocessing gives them', async () => {
    const session = new UploadSession(new Workspace());
    const { preview } = await open(session, [file('u.data', fixture.uData)]);
    const want = expectedCounts(fixture.ratings);
    expect(preview.ready).toBe(true);
    expect(preview.clicks?.layout?.format).toBe('ml-100k');
    expect(preview.clicks?.rows[0].fields).toHaveLength(4);
    expect(preview.nHeldout).toBe(50);
    expect(preview.counts).toMatchObject({
      filteredUsers: want.users,
      interactions: want.interactions,
      filteredItems: want.items,
      trainUsers: want.trainUsers,
      valUsers: 50,
      testUsers: 50,
    });
    expect(preview.clicks?.parse?.rowsRead).toBe(fixture.ratings.length);
  });

  it('recomputes for new options without reading the file again', async () => {
    const session = new UploadSession(new Workspace(), { progressMs: 0 });
    const phases: string[] = [];
    const { listing } = await open(session, [file('u.data', fixture.uData)], {}, (p) => phases.push(p.phase));
    expect(phases).toContain('reading');
    phases.length = 0;
    for (const [threshold, minClicks, heldOut] of [
      [3, 5, 20],
      [4, 8, 30],
      [null, 5, 50],
    ] as const) {
      const preview = await session.prepare(
        request(listing, { preprocess: { ratingThreshold: threshold, minUserClicks: minClicks, nHeldout: heldOut } }),
        (p) => phases.push(p.phase),
      );
      const want = expectedCounts(fixture.ratings, { threshold: threshold ?? -Infinity, minClicks, heldOut });
      expect(preview.counts).toMatchObject({
        filteredUsers: want.users,
        interactions: want.interactions,
        filteredItems: want.items,
        trainUsers: want.trainUsers,
      });
    }
    expect(phases).not.toContain('reading');
    // a different layout is a different reading
    await session.prepare(request(listing, { layout: { ...AUTO, header: false, delimiter: '\t' } }), (p) => phases.push(p.phase));
    expect(phases).toContain('reading');
  });

  it('keeps the parsed click log when a metadata file is added', async () => {
    const session = new UploadSession(new Workspace(), { progressMs: 0 });
    const clicks = file('u.data', fixture.uData);
    await open(session, [clicks]);
    const phases: string[] = [];
    const { listing, preview } = await open(session, [clicks, file('u.item', fixture.uItem)], {}, (p) => phases.push(p.phase));
    expect(nameOf(listing, listing.picks.metadata)).toBe('u.item');
    expect(phases).not.toContain('reading');
    expect(phases).toContain('metadata');
    expect(preview.metadata).toMatchObject({ items: 400, categories: 18 });
    expect(preview.metadata?.matched).toBe(preview.counts?.items);
  });

  it('lets the user choose the columns, and says when the held-out sets are too big', async () => {
    const swapped = fixture.ratings.map((r) => `${r.timestamp};${r.rating};${r.item};${r.user}`).join('\n');
    const session = new UploadSession(new Workspace());
    const listing = await session.inspect([file('clicks.txt', swapped)]);
    const layout = { format: 'delimited' as const, delimiter: ';', header: false, columns: { user: 3, item: 2, rating: 1, timestamp: 0 } };
    const preview = await session.prepare(request(listing, { layout }));
    expect(preview.errors).toEqual([]);
    expect(preview.counts?.filteredUsers).toBe(expectedCounts(fixture.ratings).users);
    const tooMany = await session.prepare(request(listing, { layout, preprocess: { ...PRE, nHeldout: 200 } }));
    expect(tooMany.ready).toBe(false);
    expect(tooMany.errors[0].stage).toBe('preprocessing');
    expect(tooMany.errors[0].message).toMatch(/holding out 2 × 200 users/);
  });

  it('a newer request or cancel() stops the read under way', async () => {
    const big = fixture.uData.repeat(4);
    const session = new UploadSession(new Workspace(), { chunkSize: 2048 });
    const listing = await session.inspect([file('u.data', big)]);
    const first = session.prepare(request(listing), () => session.cancel());
    expect((await first).cancelled).toBe(true);
    const again = await session.prepare(request(listing));
    expect(again.cancelled).toBe(false);
  });
});

describe('a failed upload leaves the engine as it was', () => {
  const noBackend = async (): Promise<BackendStatus> => ({ name: 'cpu', reason: 'test', tried: [] });
  let engine: Engine;
  const good = makeMovieLensLike({ users: 120, items: 90, perUser: 25, seed: 3 });

  beforeAll(async () => {
    await tf.setBackend('cpu');
    engine = new Engine(noBackend);
    const listing = await engine.upload.inspect([file('first.data', good.uData)]);
    const preview = await engine.upload.prepare(request(listing, { preprocess: { ...PRE, nHeldout: 10 } }));
    expect(preview.errors).toEqual([]);
    await engine.upload.commit();
    // a MacridVAE over this dataset's vocabulary, opened as a user would open model files
    const vocab = engine.dataset.items().ids;
    const model = createModel({ ...MACRID_DEFAULTS, nItems: vocab.length, K: 2, d: 4 }, 1);
    const saved = await saveModel(model, {
      seed: 1,
      training: { epochs: 0, bestEpoch: 0, lr: 1e-3, batchSize: 10, backend: 'cpu' },
      itemIds: vocab,
      dataset: {
        name: 'first.data',
        fingerprint: engine.dataset.loaded().dataset.fingerprint,
        stats: engine.dataset.loaded().dataset.stats,
      },
      metrics: {},
    });
    model.dispose();
    await engine.models.openFiles([
      file('model.json', JSON.stringify(saved.description)),
      file('model.weights.bin', new Uint8Array(saved.weights)),
    ]);
    expect(engine.dataset.loaded().model?.kind).toBe('macridvae');
  });

  const broken: [string, () => File[], RegExp][] = [
    ['an empty file', () => [file('empty.csv', '')], /empty\.csv: the file is empty/],
    ['a header without rows', () => [file('h.csv', 'userId,movieId,rating\n')], /h\.csv: the file has only a header line/],
    [
      'a short row',
      () => [
        file(
          'u.data',
          good.uData
            .split('\n')
            .map((l, i) => (i === 16 ? l.split('\t').slice(0, 3).join('\t') : l))
            .join('\n'),
        ),
      ],
      /u\.data line 17: expected 4 columns, found 3/,
    ],
    [
      'a rating that is not a number',
      () => [file('r.csv', 'user,item,rating\n1,2,4\n1,3,five\n')],
      /r\.csv line 3: rating "five" is not a number/,
    ],
    ['a negative rating', () => [file('r.csv', 'user,item,rating\n1,2,-4\n')], /r\.csv line 2: rating -4 is negative/],
    [
      'many bad rows',
      () => [file('m.csv', 'user,item,rating\n' + Array.from({ length: 40 }, (_, i) => `${i},${i},x`).join('\n'))],
      /m\.csv line 2: .*\n(.*\n){4}… and 35 more problems/,
    ],
    ['a binary file', () => [file('bin.csv', new Uint8Array([49, 44, 50, 10, 0, 1, 2, 3, 10]))], /bin\.csv line 2: contains NUL bytes/],
    [
      'a PNG image named .csv',
      () => [file('l.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13]))],
      /l\.csv: this is a PNG image, not a click log/,
    ],
    [
      'an unterminated quote',
      () => [file('q.csv', 'user,item\n"u1,2\n')],
      /q\.csv line 2: a quoted value opened on this line is never closed/,
    ],
    ['one column', () => [file('one.txt', 'a\nb\nc\n')], /one\.txt line 1: expected 2–4 columns/],
    [
      'a truncated .gz',
      () => [file('u.data.gz', gzipSync(enc(good.uData)).subarray(0, 200))],
      /u\.data\.gz: the compressed data is damaged/,
    ],
    [
      'too few users for the held-out sets',
      () => [file('small.csv', 'user,item\n1,1\n1,2\n1,3\n1,4\n1,5\n')],
      /holding out 2 × 1 users needs at least 3/,
    ],
    [
      'metadata with a bad genre flag',
      () => [
        file('u.data', good.uData),
        file('u.item', new TextEncoder().encode(`1|A|d||u|${'0|'.repeat(18)}0\n2|B|d||u|${'0|'.repeat(18)}7\n`)),
      ],
      /u\.item line 2: genre flag "7"/,
    ],
    [
      'metadata of another dataset',
      () => [file('u.data', good.uData), file('movies.csv', 'movieId,title,genres\n99999,X,Drama\n')],
      /movies\.csv: none of its item ids appear in the click log/,
    ],
    ['an empty archive', () => [file('e.zip', zipSync({}))], /e\.zip: there is no file in it to read/],
    [
      'damaged data inside a zip',
      () => {
        const zip = zipSync({ 'u.data': strToU8(good.uData) });
        for (let i = 200; i < 260; i++) zip[i] ^= 0x5a;
        return [file('d.zip', zip)];
      },
      /u\.data: the compressed data is damaged/,
    ],
    [
      'an archive with no click log',
      () => [file('docs.zip', zipSync({ 'README.txt': strToU8('hello') }))],
      /Choose which file is the click log/,
    ],
  ];

  for (const [what, files, message] of broken) {
    it(`on ${what}: the error names the file and line, and nothing is replaced`, async () => {
      const before = engine.dataset.loaded();
      const users = engine.dataset.users();
      const listing = await engine.upload.inspect(files());
      let preview: UploadPreview | null = null;
      const errors = [...listing.errors];
      if (!errors.length) {
        preview = await engine.upload.prepare(
          request(listing, {
            preprocess: { ...PRE, minUserClicks: what.startsWith('too few') ? 1 : 5, nHeldout: what.startsWith('too few') ? 1 : 10 },
          }),
        );
        errors.push(...preview.errors);
        expect(preview.ready).toBe(false);
      }
      expect(errors.map((e) => e.message).join('\n')).toMatch(message);
      await expect(engine.upload.commit()).rejects.toThrow(/no checked upload/);
      expect(engine.dataset.loaded()).toEqual(before);
      expect(engine.dataset.users()).toEqual(users);
      expect(engine.dataset.loaded().model?.kind).toBe('macridvae');
    });
  }

  it('shows the text of the lines a problem names', async () => {
    const lines = good.uData.split('\n');
    lines[3000] = 'oops';
    const listing = await engine.upload.inspect([file('u.data', lines.join('\n'))]);
    const preview = await engine.upload.prepare(request(listing));
    expect(preview.errors[0].problems[0]).toEqual({ line: 3001, message: 'expected 4 columns, found 1', text: 'oops' });
  });

  it('refuses a model for other items and keeps the shown one', async () => {
    const before = engine.dataset.loaded();
    const model = createModel({ ...MACRID_DEFAULTS, nItems: 3, K: 2, d: 4 }, 1);
    const saved = await saveModel(model, {
      seed: 1,
      training: { epochs: 1, bestEpoch: 1, lr: 1e-3, batchSize: 10, backend: 'cpu' },
      itemIds: ['a', 'b', 'c'],
      dataset: { name: 'other', fingerprint: 'x', stats: before.dataset.stats },
      metrics: {},
    });
    model.dispose();
    await expect(
      engine.models.openFiles([
        file('model.json', JSON.stringify(saved.description)),
        file('model.weights.bin', new Uint8Array(saved.weights)),
      ]),
    ).rejects.toThrow(/item vocabulary \(3 items, from other\) does not match/);
    await expect(engine.models.openFiles([file('model.json', JSON.stringify(saved.description))])).rejects.toThrow(
      /weights file \(model\.weights\.bin\) was not chosen/,
    );
    expect(engine.dataset.loaded()).toEqual(before);
  });

  it('a good upload with other items replaces the dataset and closes the model, saying why', async () => {
    const other = makeMovieLensLike({ users: 80, items: 60, perUser: 20, seed: 99 });
    const listing = await engine.upload.inspect([file('second.data', other.uData)]);
    const preview = await engine.upload.prepare(request(listing, { preprocess: { ...PRE, nHeldout: 5 } }));
    expect(preview.ready).toBe(true);
    const result = await engine.upload.commit();
    expect(result.loaded.dataset.name).toBe('second.data');
    expect(result.loaded.dataset.source).toBe('upload');
    expect(result.loaded.dataset.stats).toEqual(preview.counts);
    expect(result.loaded.model).toBeNull();
    expect(result.modelDropped).toMatch(/model was closed/);
    expect(engine.dataset.users().ids.length).toBe(preview.counts!.filteredUsers);
    await expect(engine.upload.commit()).rejects.toThrow(/no checked upload/);
  });
});

import { Gunzip, Inflate } from 'fflate';
import { DataError } from '../data/data-error';
import type { EntryInfo } from './entry';
import { errorMessage } from '../error-message';
import { officeKind } from '../data/sniff';

/** One chunk of an entry's bytes, and how far into its File the reading has got. */
export interface EntryChunk {
  bytes: Uint8Array;
  /** bytes of the source File consumed so far */
  sourceBytes: number;
}

/** A readable file found in what the user opened: read lazily, in chunks, never all at once. */
export interface SourceEntry extends EntryInfo {
  /** path inside an archive, or the file name */
  path: string;
  /** bytes read from the File to decode the whole entry */
  sourceSize: number;
  chunks(chunkSize?: number): AsyncGenerator<EntryChunk>;
}

export const DEFAULT_CHUNK = 4 << 20;
/** Compressed bytes pushed into the inflater at a time: deflate expands at most ~1032×, so one push yields ≤ 66 MB. */
const PUSH_BYTES = 64 << 10;
const MB = 2 ** 20;

/**
 * The most an archive entry may expand to: real click logs compress 3–20×, a bomb ~1000×.
 * 100 × the compressed size, at least 16 MB and at most 2 GB.
 */
export function expansionLimit(compressedBytes: number): number {
  return Math.min(2048 * MB, Math.max(16 * MB, 100 * compressedBytes));
}
/** Entry names that are certainly not a click log. */
const NOT_TEXT =
  /\.(png|jpe?g|gif|webp|svg|bmp|ico|pdf|docx?|xlsx?|pptx?|exe|dll|so|bin|pkl|npy|npz|h5|parquet|mp[34]|wav|mov|zip|gz|7z|rar)$/i;
const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
/** the end record is 22 bytes plus a comment of up to 65535 */
const ZIP_END_SEARCH = 22 + 0xffff;

function sizeText(bytes: number): string {
  return bytes < MB ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / MB).toFixed(1)} MB`;
}

/** A file's identity for entry ids: the same file opened again gets the same ids (and keeps its cached parse). */
export function fileKey(file: File): string {
  return `${file.name}:${file.size}:${file.lastModified}`;
}

async function bytesOf(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

/** Lists what can be read in the given files: plain files as they are, .gz decompressed, every file in a .zip. */
export async function listEntries(files: File[]): Promise<SourceEntry[]> {
  const entries: SourceEntry[] = [];
  for (const file of files) {
    const id = fileKey(file);
    if (file.size === 0) throw DataError.about(file.name, 'the file is empty');
    const head = await bytesOf(file, 0, 4);
    if (head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) {
      entries.push(...(await zipEntries(file, id)));
    } else if (head[0] === 0x1f && head[1] === 0x8b) {
      entries.push(gzipEntry(file, id));
    } else {
      entries.push(plainEntry(file, id));
    }
  }
  return entries;
}

function plainEntry(file: File, id: string): SourceEntry {
  return {
    id,
    label: file.name,
    name: file.name,
    path: file.name,
    container: 'file',
    size: file.size,
    sourceSize: file.size,
    async *chunks(chunkSize = DEFAULT_CHUNK) {
      for (let pos = 0; pos < file.size; pos += chunkSize) {
        const end = Math.min(file.size, pos + chunkSize);
        yield { bytes: await bytesOf(file, pos, end), sourceBytes: end };
      }
    },
  };
}

function gzipEntry(file: File, id: string): SourceEntry {
  const name = file.name.replace(/\.(gz|gzip)$/i, '') || file.name;
  return {
    id,
    label: `${file.name} › ${name}`,
    name,
    path: name,
    container: 'gzip',
    size: null,
    sourceSize: file.size,
    chunks: (chunkSize = DEFAULT_CHUNK) => inflated(file, 0, file.size, 'gzip', `${file.name}`, chunkSize),
  };
}

/**
 * Decompresses file[start, end) chunk by chunk: each compressed slice is pushed through fflate's
 * streaming decoder and what it produced is yielded before the next slice is read.
 */
async function* inflated(
  file: Blob,
  start: number,
  end: number,
  kind: 'gzip' | 'deflate',
  label: string,
  chunkSize: number,
): AsyncGenerator<EntryChunk> {
  let out: Uint8Array[] = [];
  const collect = (data: Uint8Array) => {
    if (data.length) out.push(data);
  };
  const stream = kind === 'gzip' ? new Gunzip(collect) : new Inflate(collect);
  if (end <= start) {
    throw DataError.about(label, 'the compressed data is empty');
  }
  const limit = expansionLimit(end - start);
  let expanded = 0;
  for (let pos = start; pos < end; pos += chunkSize) {
    const stop = Math.min(end, pos + chunkSize);
    const slice = await bytesOf(file, pos, stop);
    for (let at = 0; at < slice.length; at += PUSH_BYTES) {
      const to = Math.min(slice.length, at + PUSH_BYTES);
      try {
        stream.push(slice.subarray(at, to), stop === end && to === slice.length);
      } catch (e) {
        throw DataError.about(label, `the compressed data is damaged (${errorMessage(e)})`);
      }
      for (const bytes of out) expanded += bytes.length;
      if (expanded > limit) {
        throw DataError.about(
          label,
          `it expands beyond ${Math.round(limit / MB)} MB, over 100 times its ${sizeText(end - start)} compressed: this looks like a decompression bomb, and was not read further`,
        );
      }
      const produced = out;
      out = [];
      for (const bytes of produced) yield { bytes, sourceBytes: pos + to };
    }
  }
}

function readUint64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

/** The files of a ZIP archive, from its central directory (ZIP64 included); only stored and deflated entries are readable. */
async function zipEntries(file: File, id: string): Promise<SourceEntry[]> {
  const damaged = (why: string) => DataError.about(file.name, `this ZIP archive is damaged or incomplete: ${why}`);
  const tailStart = Math.max(0, file.size - ZIP_END_SEARCH);
  const tail = await bytesOf(file, tailStart, file.size);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged('its table of contents (the end of the file) is missing');
  let count = tv.getUint16(end + 10, true);
  let dirSize = tv.getUint32(end + 12, true);
  let dirOffset = tv.getUint32(end + 16, true);
  if (
    (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) &&
    end >= 20 &&
    tv.getUint32(end - 20, true) === ZIP64_LOCATOR
  ) {
    const at = readUint64(tv, end - 20 + 8);
    const rec = await bytesOf(file, at, at + 56);
    const rv = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
    if (rec.length < 56 || rv.getUint32(0, true) !== ZIP64_END) throw damaged('its ZIP64 end record is missing');
    count = readUint64(rv, 32);
    dirSize = readUint64(rv, 40);
    dirOffset = readUint64(rv, 48);
  }
  if (dirOffset + dirSize > file.size) throw damaged('its table of contents points past the end of the file');
  const paths: string[] = [];
  const dir = await bytesOf(file, dirOffset, dirOffset + dirSize);
  const dv = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const entries: SourceEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dv.getUint32(p, true) !== ZIP_CENTRAL)
      throw damaged(`entry ${n + 1} of its table of contents is unreadable`);
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let compressed = dv.getUint32(p + 20, true);
    let size = dv.getUint32(p + 24, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    let local = dv.getUint32(p + 42, true);
    const path = new TextDecoder().decode(dir.subarray(p + 46, p + 46 + nameLength));
    // ZIP64: the 32-bit fields that overflowed are in the 0x0001 extra field, in this order.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
      const tag = dv.getUint16(e, true);
      const length = dv.getUint16(e + 2, true);
      if (tag === 1) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = readUint64(dv, q);
          q += 8;
        }
        if (compressed === 0xffffffff) {
          compressed = readUint64(dv, q);
          q += 8;
        }
        if (local === 0xffffffff) local = readUint64(dv, q);
      }
      e += 4 + length;
    }
    p += 46 + nameLength + extraLength + commentLength;
    paths.push(path);
    const base = path.split('/').pop() ?? path;
    // Folders and the resource forks macOS adds to archives it makes.
    if (path.endsWith('/') || path.startsWith('__MACOSX/') || base.startsWith('._') || base === '.DS_Store') continue;
    const label = `${file.name} › ${path}`;
    entries.push({
      id: `${id}!${path}`,
      label,
      name: base,
      path,
      container: 'zip',
      size,
      sourceSize: compressed,
      chunks: (chunkSize = DEFAULT_CHUNK) => zipEntryChunks(file, { flags, method, compressed, local, label, path }, chunkSize),
    });
  }
  const office = officeKind(paths);
  if (office) throw DataError.about(file.name, `this is ${office}, not a click log: save the sheet as CSV (user, item, rating) first`);
  if (entries.length > 0 && entries.every((e) => NOT_TEXT.test(e.name))) {
    const listed = entries.slice(0, 5).map((e) => e.path);
    const more = entries.length > 5 ? ` and ${entries.length - 5} more` : '';
    throw DataError.about(file.name, `the ZIP archive holds no text table (only ${listed.join(', ')}${more}): it has no click log to read`);
  }
  return entries;
}

interface ZipEntryInfo {
  flags: number;
  method: number;
  compressed: number;
  local: number;
  label: string;
  path: string;
}

async function* zipEntryChunks(file: File, info: ZipEntryInfo, chunkSize: number): AsyncGenerator<EntryChunk> {
  if (info.flags & 1) throw DataError.about(info.path, 'it is encrypted in the ZIP archive; extract it with its password first');
  if (info.method !== 0 && info.method !== 8) {
    throw DataError.about(
      info.path,
      `it is compressed with ZIP method ${info.method}, which cannot be read here; extract it, or re-zip it with ordinary (deflate) compression`,
    );
  }
  const header = await bytesOf(file, info.local, info.local + 30);
  const hv = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < 30 || hv.getUint32(0, true) !== ZIP_LOCAL) {
    throw DataError.about(info.label, "the ZIP archive is damaged: this file's local header is missing");
  }
  const start = info.local + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
  const end = start + info.compressed;
  if (end > file.size) throw DataError.about(info.label, 'the ZIP archive is incomplete: this file runs past its end');
  if (info.method === 8) {
    for await (const c of inflated(file, start, end, 'deflate', info.path, chunkSize))
      yield { bytes: c.bytes, sourceBytes: c.sourceBytes - start };
    return;
  }
  for (let pos = start; pos < end; pos += chunkSize) {
    const stop = Math.min(end, pos + chunkSize);
    yield { bytes: await bytesOf(file, pos, stop), sourceBytes: stop - start };
  }
}

/** Every byte of an entry, for files read whole (item metadata); refuses files over maxBytes. */
export async function readAll(
  entry: SourceEntry,
  maxBytes: number,
  onChunk?: (c: EntryChunk) => void | Promise<void>,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const c of entry.chunks()) {
    total += c.bytes.length;
    if (total > maxBytes) {
      throw DataError.about(entry.name, `it is larger than ${Math.round(maxBytes / 2 ** 20)} MB: is this really an item metadata file?`);
    }
    parts.push(c.bytes);
    await onChunk?.(c);
  }
  if (parts.length === 1) return parts[0];
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/** The first bytes of an entry (at least `n` when it has them), for sniffing its format. */
export async function readHead(entry: SourceEntry, n: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const it = entry.chunks(Math.max(n, 1 << 14));
  try {
    for await (const c of it) {
      parts.push(c.bytes);
      total += c.bytes.length;
      if (total >= n) break;
    }
  } finally {
    await it.return(undefined);
  }
  const all = new Uint8Array(Math.min(total, n));
  let at = 0;
  for (const p of parts) {
    if (at >= all.length) break;
    all.set(p.subarray(0, all.length - at), at);
    at += p.length;
  }
  return all;
}

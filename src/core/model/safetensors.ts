import { DataError } from '../data/data-error';

/**
 * The safetensors file format (huggingface/safetensors): an 8-byte little-endian header length N,
 * N bytes of JSON mapping each tensor name to {dtype, shape, data_offsets: [begin, end]} (offsets
 * into the data that follows the header) plus an optional "__metadata__" of string values, then
 * the tensors' bytes, little-endian, row-major. Only F32 and F16 are read or written here.
 */

export type SafeDtype = 'F32' | 'F16';

export interface SafeTensor {
  name: string;
  dtype: SafeDtype;
  shape: number[];
  /** the tensor's little-endian bytes (a copy, 4- or 2-byte aligned) */
  bytes: Uint8Array;
}

export interface SafetensorsFile {
  /** in the order of their data offsets */
  tensors: SafeTensor[];
  metadata: Record<string, string>;
}

const BYTES: Record<SafeDtype, number> = { F32: 4, F16: 2 };
/** A header larger than this is not a model's: the official reader refuses headers over 100 MB too. */
const MAX_HEADER = 100_000_000;

/** Writes tensors (in the given order) and string metadata; the header is padded with spaces to 8 bytes, as the official writer does. */
export function encodeSafetensors(tensors: SafeTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    const expected = t.shape.reduce((a, b) => a * b, 1) * BYTES[t.dtype];
    if (t.bytes.byteLength !== expected)
      throw new Error(`tensor "${t.name}" has ${t.bytes.byteLength} bytes, not the ${expected} its shape needs`);
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + expected] };
    offset += expected;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(padded - json.length));
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors) {
    out.set(t.bytes, at);
    at += t.bytes.byteLength;
  }
  return out;
}

/** Reads a safetensors file; every problem is a DataError naming the file and, where it is one tensor's, the tensor. */
export function decodeSafetensors(buffer: ArrayBuffer, fileName = 'model.safetensors'): SafetensorsFile {
  const fail = (message: string) => DataError.about(fileName, message);
  if (buffer.byteLength < 8) throw fail(`is ${buffer.byteLength} bytes long: a safetensors file starts with an 8-byte header length`);
  const length = new DataView(buffer).getBigUint64(0, true);
  if (length > BigInt(Math.min(MAX_HEADER, buffer.byteLength - 8))) {
    throw fail(
      `announces a ${length}-byte header in a file of ${buffer.byteLength} bytes: it is not a safetensors file, or it is cut short`,
    );
  }
  const headerEnd = 8 + Number(length);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(buffer, 8, headerEnd - 8)));
  } catch {
    throw fail('has a header that is not valid UTF-8 JSON: it is not a safetensors file');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw fail('has a header that is not a JSON object');
  const dataLength = buffer.byteLength - headerEnd;
  const metadata: Record<string, string> = {};
  const tensors: (SafeTensor & { begin: number })[] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw fail('has a "__metadata__" that is not an object');
      for (const [k, v] of Object.entries(entry)) {
        if (typeof v !== 'string') throw fail(`"__metadata__" entry "${k}" is not a string`);
        metadata[k] = v;
      }
      continue;
    }
    tensors.push(readEntry(buffer, headerEnd, dataLength, name, entry, fail));
  }
  tensors.sort((a, b) => a.begin - b.begin);
  let covered = 0;
  for (const t of tensors) {
    if (t.begin !== covered)
      throw fail(`tensor "${t.name}" starts at data byte ${t.begin}, not ${covered}: tensors overlap or leave a gap`);
    covered += t.bytes.byteLength;
  }
  if (covered !== dataLength) throw fail(`its tensors cover ${covered} of the ${dataLength} data bytes after the header`);
  return { tensors: tensors.map(({ begin: _, ...t }) => t), metadata };
}

function readEntry(
  buffer: ArrayBuffer,
  headerEnd: number,
  dataLength: number,
  name: string,
  entry: unknown,
  fail: (m: string) => DataError,
): SafeTensor & { begin: number } {
  const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (typeof entry !== 'object' || entry === null) throw fail(`tensor "${name}" has no dtype, shape and data_offsets`);
  if (e.dtype !== 'F32' && e.dtype !== 'F16') {
    throw fail(
      `tensor "${name}" has dtype ${JSON.stringify(e.dtype)}: only F32 and F16 are read (convert with tensor.float() or .half() before saving)`,
    );
  }
  const shape = e.shape;
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw fail(`tensor "${name}" has shape ${JSON.stringify(shape)}: a shape is a list of whole numbers ≥ 0`);
  }
  const offsets = e.data_offsets;
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((n) => Number.isSafeInteger(n) && n >= 0) ||
    offsets[0] > offsets[1]
  ) {
    throw fail(`tensor "${name}" has data_offsets ${JSON.stringify(offsets)}: they must be [begin, end] with 0 ≤ begin ≤ end`);
  }
  const [begin, end] = offsets as number[];
  if (end > dataLength)
    throw fail(`tensor "${name}" ends at data byte ${end}, past the ${dataLength} bytes after the header: the file is cut short`);
  const needed = (shape as number[]).reduce((a, b) => a * b, 1) * BYTES[e.dtype];
  if (end - begin !== needed) {
    throw fail(`tensor "${name}" holds ${end - begin} bytes, but ${e.dtype} of shape [${shape.join(', ')}] takes ${needed}`);
  }
  return { name, dtype: e.dtype, shape: shape as number[], bytes: new Uint8Array(buffer.slice(headerEnd + begin, headerEnd + end)), begin };
}

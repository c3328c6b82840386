import { zipSync } from 'fflate';

export type NpyArray = Int32Array | BigInt64Array;

/**
 * A .npy file, format 1.0: magic, version, a little-endian uint16 header length, then a Python
 * dict literal padded with spaces and a newline so the data starts 64-byte aligned (what numpy
 * writes and expects), then the little-endian values.
 */
export function encodeNpy(values: NpyArray): Uint8Array {
  const descr = values instanceof Int32Array ? '<i4' : '<i8';
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${values.length},), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + values.byteLength);
  out.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), 10 + header.length);
  return out;
}

/** An uncompressed .npz (numpy.savez): a zip holding NAME.npy for each array, read back by numpy.load(path)[NAME]. */
export function encodeNpz(arrays: [string, NpyArray][]): Uint8Array {
  // A fixed date keeps the file the same bytes for the same split.
  return zipSync(Object.fromEntries(arrays.map(([name, values]) => [`${name}.npy`, encodeNpy(values)])), {
    level: 0,
    mtime: new Date(1980, 0, 1),
  });
}

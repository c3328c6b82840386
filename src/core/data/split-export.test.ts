import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeNpz } from './npz';
import { parseClicks } from './parse-clicks';
import { buildSplit } from './split';
import { recboleInter, splitArrays, splitIds, splitMatrices } from './split-export';

const RATINGS = new URL('../../../public/data/ml-latest-small/ratings.csv', import.meta.url);

/** numpy's .npy 1.0 as numpy.load reads it: magic, version, header dict, 64-byte aligned little-endian data. */
function readNpy(bytes: Uint8Array): { descr: string; shape: number[]; values: Int32Array | BigInt64Array } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
  expect((10 + headerLength) % 64).toBe(0);
  expect(header.endsWith('\n')).toBe(true);
  const match = /^\{'descr': '(<i4|<i8)', 'fortran_order': False, 'shape': \((\d+),\), \} *\n$/.exec(header);
  expect(match, header).not.toBeNull();
  const data = bytes.slice(10 + headerLength).buffer;
  const values = match![1] === '<i4' ? new Int32Array(data) : new BigInt64Array(data);
  expect(values.length).toBe(Number(match![2]));
  return { descr: match![1], shape: [Number(match![2])], values };
}

describe('the split as .npz, split.json and RecBole files', () => {
  const { log } = parseClicks(readFileSync(RATINGS, 'utf8'), { fileName: 'ratings.csv' });
  const split = buildSplit(log, { nHeldout: 50 });

  it('the .npz parsed back holds every matrix of the official split, entry for entry', () => {
    const entries = unzipSync(encodeNpz(splitArrays(split)));
    const names = splitMatrices(split).flatMap(([n]) => [`${n}_indptr.npy`, `${n}_indices.npy`, `${n}_shape.npy`]);
    expect(Object.keys(entries).sort()).toEqual(names.sort());
    for (const [name, m] of splitMatrices(split)) {
      const indptr = readNpy(entries[`${name}_indptr.npy`]);
      const indices = readNpy(entries[`${name}_indices.npy`]);
      const shape = readNpy(entries[`${name}_shape.npy`]);
      expect(indptr.descr).toBe('<i4');
      expect(indices.descr).toBe('<i4');
      expect(shape.descr).toBe('<i8');
      expect(Array.from(shape.values, Number)).toEqual([m.nRows, 5697]);
      expect(indptr.values).toEqual(m.indptr);
      expect(indices.values).toEqual(m.indices);
    }
    const sizes = Object.fromEntries(splitMatrices(split).map(([n, m]) => [n, m.indices.length]));
    expect(sizes).toEqual({ train: 39618, validation_foldin: 4141, validation_heldout: 1008, test_foldin: 2546, test_heldout: 609 });
  });

  it('gives the same bytes for the same split', () => {
    expect(encodeNpz(splitArrays(split))).toEqual(encodeNpz(splitArrays(buildSplit(log, { nHeldout: 50 }))));
  });

  it('split.json names the rows and columns', () => {
    const ids = JSON.parse(JSON.stringify(splitIds(split, { file: 'ratings.csv', heldout: 50, ratingThreshold: 3.5 })));
    expect(ids).toMatchObject({ format: 'macridvae-explorer-split', version: 1, stats: split.stats, itemIds: split.itemIds });
    expect(ids.trainUserIds).toEqual(split.trainUserIds);
    expect(ids.validationUserIds).toEqual(split.validation.userIds);
    expect(ids.testUserIds).toEqual(split.test.userIds);
  });

  it('the RecBole files hold every click once: training users and fold-in in .train, held-out clicks in .valid and .test', () => {
    const lines = (part: 'train' | 'valid' | 'test') => [...recboleInter(split, part)].join('').split('\n').slice(0, -1);
    const train = lines('train');
    expect(train[0]).toBe('user_id:token\titem_id:token');
    expect(train.length - 1).toBe(39618 + 4141 + 2546);
    const valid = lines('valid');
    expect(valid.length - 1).toBe(1008);
    expect(lines('test').length - 1).toBe(609);
    const first = split.validation.heldOut;
    const row0 = Array.from(
      first.indices.subarray(first.indptr[0], first.indptr[1]),
      (c) => `${split.validation.userIds[0]}\t${split.itemIds[c]}`,
    );
    expect(valid.slice(1, 1 + row0.length)).toEqual(row0);
    expect(train[1]).toBe(`${split.trainUserIds[0]}\t${split.itemIds[split.train.indices[0]]}`);
  });
});

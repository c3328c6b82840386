import type { Split } from './types';

const FNV_PRIME = 16777619;
const FNV_OFFSET = 0x811c9dc5;
// A second offset basis gives an independent 32-bit hash, so together they make 64 bits.
const SECOND_OFFSET = 0x050c5d1f;

/**
 * A short stable id of a split (16 hex digits) for model files: FNV-1a over the item
 * vocabulary, the user ids of every set and the matrix sizes. Same data and split options
 * give the same string in any runtime.
 */
export function datasetFingerprint(split: Split): string {
  let a = FNV_OFFSET;
  let b = SECOND_OFFSET;
  const add = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, FNV_PRIME);
      b = Math.imul(b ^ c, FNV_PRIME);
    }
    a = Math.imul(a ^ 0xffff, FNV_PRIME);
    b = Math.imul(b ^ 0xffff, FNV_PRIME);
  };
  const { stats } = split;
  add('items');
  split.itemIds.forEach(add);
  add('train');
  split.trainUserIds.forEach(add);
  add('validation');
  split.validation.userIds.forEach(add);
  add('test');
  split.test.userIds.forEach(add);
  add([stats.trainInteractions, stats.valFoldIn, stats.valHeldOut, stats.testFoldIn, stats.testHeldOut].join());
  return hex(a) + hex(b);
}

function hex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

import { describe, expect, it } from 'vitest';
import { RandomState } from './numpy-random';

// Expected values come from numpy's legacy np.random.RandomState (numpy 1.24 and 2.x agree).
describe('RandomState', () => {
  it('draws the same 32-bit words as numpy after seed(98765)', () => {
    const rng = new RandomState(98765);
    expect(Array.from({ length: 5 }, () => rng.nextUint32())).toEqual([381816597, 462228979, 4069238124, 3270897581, 3428218845]);
  });

  it('stays exact past the first state refill (624 words)', () => {
    const rng = new RandomState(98765);
    for (let i = 0; i < 1000; i++) rng.nextUint32();
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([463501449, 1563425243, 2387523740]);
  });

  it('permutes like numpy', () => {
    expect(Array.from(new RandomState(98765).permutation(10))).toEqual([8, 7, 1, 2, 0, 6, 9, 4, 3, 5]);
    expect(Array.from(new RandomState(98765).permutation(603).slice(0, 10))).toEqual([437, 502, 167, 152, 111, 468, 277, 117, 292, 213]);
    const long = new RandomState(98765).permutation(5000);
    expect(Array.from(long.slice(0, 5))).toEqual([1039, 2356, 1574, 3305, 3923]);
    expect(Array.from(long.slice(-5))).toEqual([4827, 4013, 1388, 3571, 3861]);
    expect(Array.from(new RandomState(4294967295).permutation(20))).toEqual([
      11, 17, 19, 15, 1, 5, 8, 16, 13, 18, 14, 9, 10, 6, 0, 4, 7, 12, 2, 3,
    ]);
  });

  it('chooses without replacement like numpy, continuing the same stream', () => {
    expect(Array.from(new RandomState(98765).choice(7, 2))).toEqual([2, 0]);
    const rng = new RandomState(98765);
    expect(Array.from(rng.choice(11, 2))).toEqual([7, 8]);
    expect(Array.from(rng.choice(20, 4))).toEqual([4, 1, 6, 18]);
  });

  it('shuffles a plain array in place like numpy', () => {
    const values = Array.from({ length: 12 }, (_, i) => i);
    new RandomState(98765).shuffle(values);
    expect(values).toEqual([11, 9, 2, 7, 8, 4, 1, 10, 6, 0, 3, 5]);
  });

  it('gives random_sample and randint values equal to numpy', () => {
    const rng = new RandomState(98765);
    expect([rng.random(), rng.random(), rng.random()]).toEqual([0.088898599949636, 0.94744333447192, 0.7981944001722441]);
    expect([new RandomState(0).random(), new RandomState(0).random()]).toEqual([0.5488135039273248, 0.5488135039273248]);
    const ints = new RandomState(98765);
    expect(Array.from({ length: 10 }, () => ints.randint(10))).toEqual([5, 3, 0, 6, 9, 4, 9, 2, 7, 0]);
    expect(Array.from({ length: 5 }, () => ints.randint(1000))).toEqual([335, 106, 786, 200, 407]);
  });

  it('re-seeding restarts the stream', () => {
    const rng = new RandomState(1);
    const first = rng.nextUint32();
    rng.nextUint32();
    rng.seed(1);
    expect(rng.nextUint32()).toBe(first);
  });

  it('rejects seeds numpy rejects', () => {
    expect(() => new RandomState(-1)).toThrow(/seed/);
    expect(() => new RandomState(2 ** 32)).toThrow(/seed/);
    expect(() => new RandomState(1.5)).toThrow(/seed/);
  });
});

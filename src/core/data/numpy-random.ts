const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

type Shufflable = { length: number; [index: number]: unknown };

/**
 * numpy's legacy `RandomState` (MT19937), bit-exact for the calls the official code makes:
 * `np.random.seed(int)`, `permutation`, `choice(replace=False)`, `shuffle`, `random_sample`
 * and scalar `randint(0, high)`.
 */
export class RandomState {
  private readonly mt = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** The generator's whole state (numpy's `get_state()`: the 624 words and the position). */
  getState(): { mt: Uint32Array; index: number } {
    return { mt: this.mt.slice(), index: this.index };
  }

  setState(state: { mt: Uint32Array; index: number }): void {
    if (state.mt.length !== N || !Number.isInteger(state.index) || state.index < 0 || state.index > N) {
      throw new RangeError('not a MT19937 state: it needs 624 words and a position 0…624');
    }
    this.mt.set(state.mt);
    this.index = state.index;
  }

  /** `np.random.seed(seed)` for an integer seed: MT19937's init_genrand. */
  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer between 0 and 2^32 − 1, got ${seed}`);
    }
    const mt = this.mt;
    mt[0] = seed;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = Math.imul(1812433253, prev) + i;
    }
    this.index = N;
  }

  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random_sample()`: a float in [0, 1) with 53 random bits. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** An integer in [0, max] by masked rejection sampling (numpy's `random_interval`). */
  randomInterval(max: number): number {
    if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) {
      throw new RangeError(`interval bound must be an integer between 0 and 2^32 − 1, got ${max}`);
    }
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** Scalar `randint(0, high)`, which uses the same masked sampling as `random_interval`. */
  randint(high: number): number {
    if (high < 1) throw new RangeError(`randint needs high ≥ 1, got ${high}`);
    return this.randomInterval(high - 1);
  }

  /** Legacy in-place Fisher–Yates shuffle, from the last element down. */
  shuffle<T extends Shufflable>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.randomInterval(i);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** `permutation(n)`: a shuffled `arange(n)`. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /** `choice(n, size, replace=False)`, which numpy implements as `permutation(n)[:size]`. */
  choice(n: number, size: number): Int32Array {
    if (size > n) throw new RangeError(`cannot choose ${size} of ${n} without replacement`);
    return this.permutation(n).slice(0, size);
  }

  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }
}

/** The random draws a model makes in one training step. */
export interface NoiseSource {
  normals(n: number): Float32Array;
  gumbels(n: number): Float32Array;
  /** Inverted-dropout multipliers: 1/keep with probability keep, else 0. */
  dropoutMask(n: number, keep: number): Float32Array;
}

/**
 * A fast seeded generator (xoshiro128**) for the per-step noise the models draw: dropout masks,
 * Gumbel noise and reparameterisation ε. The data split uses numpy's MT19937 instead (data/),
 * because it must match the official code bit for bit; model noise need not.
 */
export class Rng implements NoiseSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = NaN;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() | 1;
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in the open interval (0, 1). */
  uniform(): number {
    return ((this.nextUint32() >>> 8) + 0.5) / 16777216;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const t = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(t);
    return r * Math.cos(t);
  }

  normals(n: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal();
    return out;
  }

  gumbels(n: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = -Math.log(-Math.log(this.uniform()));
    return out;
  }

  /** Inverted-dropout multipliers: 1/keep with probability keep, else 0. */
  dropoutMask(n: number, keep: number): Float32Array {
    const out = new Float32Array(n);
    const scale = 1 / keep;
    for (let i = 0; i < n; i++) out[i] = this.uniform() < keep ? scale : 0;
    return out;
  }

  /** Fisher–Yates, in place. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * The generator of training step `step` in a run seeded `seed`. A step's noise depends on nothing
 * else, so data-parallel replicas draw the same noise for the same step, and a paused or resumed
 * run draws what an uninterrupted one would.
 */
export function stepRng(seed: number, step: number): Rng {
  return new Rng(Math.imul((seed ^ 0x5eed) >>> 0, 0x27d4eb2d) ^ Math.imul(step + 1, 0x165667b1));
}

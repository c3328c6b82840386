/**
 * UMAP's layout optimisation (umap-learn's optimize_layout_euclidean): each edge is sampled in
 * proportion to its weight, pulls its ends together under the low-dimensional kernel
 * 1 / (1 + a·r^(2b)), and pushes its head away from a few random points; the learning rate decays
 * linearly to 0 over the epochs. r^(2b) is exp(b·log r²): V8's Math.pow with a fractional
 * exponent is over twice as slow, and the kernel is most of the time.
 */
import { Rng } from '../../model/random';
import type { FuzzyGraph } from './fuzzy-graph';

/**
 * The kernel's a and b for min_dist and spread, fitted by least squares to the curve that is 1
 * up to min_dist and exp(−(r − min_dist)/spread) beyond (umap-learn's find_ab_params uses
 * scipy's curve_fit; a coarse-to-fine grid search reaches the same minimum).
 */
export function fitAB(minDist: number, spread = 1): { a: number; b: number } {
  const xs = Array.from({ length: 300 }, (_, i) => (3 * spread * i) / 299);
  const ys = xs.map((x) => (x < minDist ? 1 : Math.exp(-(x - minDist) / spread)));
  const loss = (a: number, b: number) => xs.reduce((s, x, i) => s + (1 / (1 + a * x ** (2 * b)) - ys[i]) ** 2, 0);
  let best = { a: 1, b: 1, l: loss(1, 1) };
  let [logA, logB, span] = [0, 0, 3];
  for (let round = 0; round < 8; round++) {
    for (let i = -10; i <= 10; i++) {
      for (let j = -10; j <= 10; j++) {
        const a = Math.exp(logA + (span * i) / 10);
        const b = Math.exp(logB + (span * j) / 10);
        const l = loss(a, b);
        if (l < best.l) best = { a, b, l };
      }
    }
    [logA, logB, span] = [Math.log(best.a), Math.log(best.b), span / 5];
  }
  return { a: best.a, b: best.b };
}

export interface SgdOptions {
  nEpochs: number;
  minDist: number;
  seed: number;
}

const NEGATIVE_RATE = 5;
const REPULSION = 1;
const CLIP = 4;

export class UmapSgd {
  epoch = 0;
  private readonly a: number;
  private readonly b: number;
  private readonly perSample: Float32Array;
  private readonly nextSample: Float32Array;
  private readonly nextNegative: Float32Array;
  private readonly rng: Rng;

  /** `y` (M × 2) is the starting layout, updated in place. */
  constructor(
    private readonly graph: FuzzyGraph,
    readonly y: Float32Array,
    private readonly options: SgdOptions,
  ) {
    ({ a: this.a, b: this.b } = fitAB(options.minDist));
    let max = 0;
    for (const w of graph.weight) max = Math.max(max, w);
    this.perSample = Float32Array.from(graph.weight, (w) => max / w);
    this.nextSample = this.perSample.slice();
    this.nextNegative = Float32Array.from(this.perSample, (e) => e / NEGATIVE_RATE);
    this.rng = new Rng(options.seed ^ 0x5ed);
  }

  get done(): boolean {
    return this.epoch >= this.options.nEpochs;
  }

  /** One epoch. */
  step(): void {
    const { head, tail } = this.graph;
    const { y, a, b, perSample, nextSample, nextNegative, rng } = this;
    const n = this.epoch;
    const alpha = 1 - n / this.options.nEpochs;
    const M = y.length / 2;
    const twoAB = 2 * a * b;
    const twoGB = 2 * REPULSION * b;
    for (let e = 0; e < head.length; e++) {
      if (nextSample[e] > n) continue;
      const j = head[e] * 2;
      const k = tail[e] * 2;
      let dx = y[j] - y[k];
      let dy = y[j + 1] - y[k + 1];
      let r2 = dx * dx + dy * dy;
      if (r2 > 0) {
        const pb = Math.exp(b * Math.log(r2));
        const c = (-twoAB * (pb / r2)) / (a * pb + 1);
        const gx = clip(c * dx) * alpha;
        const gy = clip(c * dy) * alpha;
        y[j] += gx;
        y[j + 1] += gy;
        y[k] -= gx;
        y[k + 1] -= gy;
      }
      nextSample[e] += perSample[e];
      const negatives = Math.floor((n - nextNegative[e]) / (perSample[e] / NEGATIVE_RATE));
      for (let p = 0; p < negatives; p++) {
        const o = (rng.nextUint32() % M) * 2;
        if (o === j) continue;
        dx = y[j] - y[o];
        dy = y[j + 1] - y[o + 1];
        r2 = dx * dx + dy * dy;
        if (r2 > 0) {
          const c = twoGB / ((0.001 + r2) * (a * Math.exp(b * Math.log(r2)) + 1));
          y[j] += clip(c * dx) * alpha;
          y[j + 1] += clip(c * dy) * alpha;
        } else {
          y[j] += CLIP * alpha;
          y[j + 1] += CLIP * alpha;
        }
      }
      nextNegative[e] += negatives * (perSample[e] / NEGATIVE_RATE);
    }
    this.epoch++;
  }
}

const clip = (v: number) => (v > CLIP ? CLIP : v < -CLIP ? -CLIP : v);

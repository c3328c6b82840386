import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { MacridVAE } from './macridvae';
import { MACRID_DEFAULTS } from './defaults';
import { assertAllClose, batchFromLists, FixedNoise, lossValue, useBackend } from '../testing/test-utils';
import type { AnchorTargets } from './types';

beforeAll(async () => {
  await useBackend('cpu');
});

afterAll(async () => {
  await useBackend('cpu');
});

const K = 3;
const d = 4;
const M = 6;
const tau = 0.2;
const anchors: AnchorTargets = {
  items: Int32Array.of(0, 2, 5),
  targets: Float32Array.of(1, 0, 0, 0.5, 0.5, 0, 0, 0, 1),
  weight: 7,
};

const modelOf = (seed = 4) => new MacridVAE({ ...MACRID_DEFAULTS, nItems: M, K, d, tau }, seed);

/** The anchoring term in float64 JS: λ · mean_i −Σ_k t_ik log softmax_k(cos(h_i, p_k)/τ). */
function anchorJs(items: number[], cores: number[], a: AnchorTargets): number {
  const unit = (x: number[], r: number) => {
    const v = x.slice(r * d, r * d + d);
    const n = Math.hypot(...v);
    return v.map((t) => t / n);
  };
  let ce = 0;
  a.items.forEach((item, row) => {
    const h = unit(items, item);
    const logits = Array.from({ length: K }, (_, k) => unit(cores, k).reduce((s, p, t) => s + p * h[t], 0) / tau);
    const lse = Math.log(logits.reduce((s, l) => s + Math.exp(l), 0));
    for (let k = 0; k < K; k++) ce -= a.targets[row * K + k] * (logits[k] - lse);
  });
  return (a.weight * ce) / a.items.length;
}

describe('MacridVAE anchoring term', () => {
  it('equals the float64 cross-entropy against multi-category targets, and its gradient matches central differences', () => {
    const model = modelOf();
    model.anchors = anchors;
    try {
      const items = Array.from(model.items.dataSync());
      const cores = Array.from(model.cores.dataSync());
      const value = model.anchorLoss();
      expect(value.dataSync()[0]).toBeCloseTo(anchorJs(items, cores, anchors), 4);
      value.dispose();
      const { value: v, grads } = tf.variableGrads(() => model.anchorLoss(), [model.items, model.cores]);
      const eps = 1e-6;
      const numeric = (x: number[], f: (y: number[]) => number) =>
        x.map((_, i) => {
          const plus = x.slice();
          plus[i] += eps;
          const minus = x.slice();
          minus[i] -= eps;
          return (f(plus) - f(minus)) / (2 * eps);
        });
      const gItems = grads[model.items.name].dataSync();
      assertAllClose(
        gItems,
        numeric(items, (y) => anchorJs(y, cores, anchors)),
        1e-3,
        1e-5,
        'items',
      );
      assertAllClose(
        grads[model.cores.name].dataSync(),
        numeric(cores, (y) => anchorJs(items, y, anchors)),
        1e-3,
        1e-5,
        'cores',
      );
      // unlabelled items get no gradient from the term
      for (const i of [1, 3, 4]) expect(Array.from(gItems.subarray(i * d, i * d + d))).toEqual([0, 0, 0, 0]);
      tf.dispose([v, ...Object.values(grads)]);
    } finally {
      model.dispose();
    }
  });

  it('adds exactly the term to the training loss, and nothing without anchors, at λ = 0 or with no labelled item', () => {
    const model = modelOf();
    const batch = batchFromLists(
      [
        [0, 1, 4],
        [2, 3],
        [5, 1],
      ],
      M,
    );
    const noise = new FixedNoise({ gumbels: 'seeded', dropout: 'seeded', normals: 'seeded', seed: 2 });
    try {
      const plain = lossValue(model, batch, 0.2, noise);
      for (const off of [null, { ...anchors, weight: 0 }, { items: new Int32Array(0), targets: new Float32Array(0), weight: 7 }]) {
        model.anchors = off;
        expect(lossValue(model, batch, 0.2, noise)).toBe(plain);
        const zero = model.anchorLoss();
        expect(zero.dataSync()[0]).toBe(0);
        zero.dispose();
      }
      model.anchors = anchors;
      const term = model.anchorLoss();
      expect(lossValue(model, batch, 0.2, noise)).toBeCloseTo(plain + term.dataSync()[0], 3);
      term.dispose();
    } finally {
      model.dispose();
    }
  });

  it('leaves no tensor behind, in the loss, its gradient or the term alone', () => {
    const model = modelOf();
    model.anchors = anchors;
    const batch = batchFromLists(
      [
        [0, 1, 4],
        [2, 3],
      ],
      M,
    );
    const noise = new FixedNoise({ gumbels: 'seeded', dropout: 'seeded', normals: 'seeded' });
    try {
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        lossValue(model, batch, 0.2, noise);
        const { value, grads } = tf.variableGrads(() => {
          const p = model.loss(batch, 0.2, { rng: noise });
          tf.dispose([p.recon, p.kl]);
          return p.loss;
        }, model.variables);
        tf.dispose([value, ...Object.values(grads)]);
        model.anchorLoss().dispose();
        expect(tf.memory().numTensors).toBe(before);
      }
    } finally {
      model.dispose();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ItemSpace } from './item-space';
import { LatentScorer } from './latent-scorer';
import { bruteForceScores, syntheticTraversalData, uniformRng } from './synthetic';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Reference ranking: full sort by (score desc, index asc), skipping excluded items. */
function fullSortTop(scores: Float64Array, n: number, excluded: Set<number> = new Set()): number[] {
  return Array.from(scores.keys())
    .filter((i) => !excluded.has(i))
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, n);
}

describe('LatentScorer re-normalisation', () => {
  const data = syntheticTraversalData(400, 5, 16, 7);
  const { H, C, K, d, tau } = data;
  const space = new ItemSpace(data);

  it('matches the full formula at the original z', () => {
    const s = new LatentScorer(space, data.z);
    expect(maxAbsDiff(s.scores(), bruteForceScores(H, C, data.z, K, d, tau))).toBeLessThan(1e-5);
  });

  it('matches a brute-force recomputation after offsets on one, two and more components, and after reset', () => {
    const s = new LatentScorer(space, data.z);
    const z = Float64Array.from(data.z);
    const rnd = uniformRng(3);
    const check = () => {
      expect(maxAbsDiff(s.scores(), bruteForceScores(H, C, z, K, d, tau))).toBeLessThan(1e-5);
      expect(maxAbsDiff(s.currentZ(), z)).toBeLessThan(1e-6);
    };
    const set = (k: number, j: number, off: number) => {
      s.setOffset(k, j, off);
      z[k * d + j] = data.z[k * d + j] + off;
    };
    // One component, several coordinates and repeated moves of the same coordinate.
    set(2, 3, 0.4);
    check();
    set(2, 3, -0.7);
    check();
    set(2, 11, 0.25);
    check();
    // A second component at the same time.
    set(4, 0, -0.5);
    check();
    expect(s.offset(2, 3)).toBeCloseTo(-0.7, 12);
    expect(s.offset(4, 0)).toBeCloseTo(-0.5, 12);
    // Random walk over all components (drift check), large offsets included.
    for (let step = 0; step < 300; step++) {
      const k = Math.floor(rnd() * K);
      const j = Math.floor(rnd() * d);
      set(k, j, (rnd() - 0.5) * (step % 50 === 0 ? 20 : 1.5));
      if (step % 25 === 0) check();
    }
    check();
    s.resetOffsets();
    z.set(data.z);
    check();
    expect(s.offset(2, 3)).toBe(0);
  });

  it('setValue sets the absolute coordinate and moving back restores the original exactly', () => {
    const s = new LatentScorer(space, data.z);
    const before = s.scores().slice();
    s.setValue(1, 5, 0.9);
    expect(s.value(1, 5)).toBeCloseTo(0.9, 12);
    const z = Float64Array.from(data.z);
    z[1 * d + 5] = 0.9;
    expect(maxAbsDiff(s.scores(), bruteForceScores(H, C, z, K, d, tau))).toBeLessThan(1e-5);
    s.setOffset(1, 5, 0);
    expect(maxAbsDiff(s.scores(), before)).toBeLessThan(1e-12);
  });

  it('handles a zero component (l2_normalize floor: cosine 0) and driving a component to zero', () => {
    const z = Float32Array.from(data.z);
    z.fill(0, 0, d); // z_0 = 0
    const s = new LatentScorer(space, z);
    expect(maxAbsDiff(s.scores(), bruteForceScores(H, C, z, K, d, tau))).toBeLessThan(1e-5);
    s.setOffset(0, 2, 0.3);
    const z2 = Float64Array.from(z);
    z2[2] = 0.3;
    expect(maxAbsDiff(s.scores(), bruteForceScores(H, C, z2, K, d, tau))).toBeLessThan(1e-5);
  });

  it('rejects bad arguments', () => {
    const s = new LatentScorer(space, data.z);
    expect(() => s.setOffset(K, 0, 1)).toThrow(RangeError);
    expect(() => s.setOffset(0, d, 1)).toThrow(RangeError);
    expect(() => s.setOffset(0, 0, NaN)).toThrow(RangeError);
    expect(() => new LatentScorer(space, new Float32Array(3))).toThrow(RangeError);
    expect(() => new LatentScorer(space, data.z, Int32Array.of(400))).toThrow(RangeError);
    expect(() => new ItemSpace({ ...data, tau: 0.001 })).toThrow(RangeError);
  });
});

describe('LatentScorer ranking', () => {
  const data = syntheticTraversalData(600, 4, 12, 11);
  const { H, C, K, d, tau } = data;
  const space = new ItemSpace(data);
  const history = Int32Array.from({ length: 40 }, (_, t) => (t * 37 + 5) % 600);
  const excluded = new Set(history);

  it('topN equals a full sort of the brute-force scores and never lists history items', () => {
    const s = new LatentScorer(space, data.z, history);
    const z = Float64Array.from(data.z);
    const rnd = uniformRng(5);
    for (let step = 0; step < 20; step++) {
      const k = Math.floor(rnd() * K);
      const j = Math.floor(rnd() * d);
      const off = (rnd() - 0.5) * 2;
      s.setOffset(k, j, off);
      z[k * d + j] = data.z[k * d + j] + off;
      const ref = bruteForceScores(H, C, z, K, d, tau);
      for (const n of [1, 20, 100]) {
        const top = s.topN(n);
        expect(Array.from(top.items)).toEqual(fullSortTop(ref, n, excluded));
        for (let r = 0; r < top.items.length; r++) expect(top.scores[r]).toBeCloseTo(ref[top.items[r]], 5);
        for (const i of top.items) expect(excluded.has(i)).toBe(false);
      }
    }
  });

  it('returns every non-excluded item when n exceeds them, and nothing for n = 0', () => {
    const s = new LatentScorer(space, data.z, history);
    expect(s.topN(10_000).items.length).toBe(600 - excluded.size);
    expect(s.topN(0).items.length).toBe(0);
  });

  it('componentProbe lists what componentTopN lists after setValue, and changes nothing', () => {
    const s = new LatentScorer(space, data.z, history);
    s.setOffset(2, 1, -0.3);
    const before = s.scores().slice();
    for (const [k, j, v] of [
      [0, 0, 0.7],
      [2, 1, 0.1],
      [2, 5, -0.9],
      [3, d - 1, 0],
    ]) {
      const probed = Array.from(s.componentProbe(k, j, v, 15));
      expect(Array.from(s.scores())).toEqual(Array.from(before));
      const saved = s.snapshot();
      s.setValue(k, j, v);
      expect(probed).toEqual(Array.from(s.componentTopN(k, 15).items));
      s.restore(saved);
    }
  });

  it('breaks ties by lower index', () => {
    // Items 0, 2 and 4 are identical (same h, same c): equal scores.
    const H2 = new Float32Array(5 * 2);
    H2.set([1, 0, 0, 1, 1, 0, 0.5, 0.5, 1, 0]);
    const C2 = Float32Array.from([0.5, 0.5, 0.2, 0.8, 0.5, 0.5, 0.3, 0.7, 0.5, 0.5]);
    const sp = new ItemSpace({ H: H2, C: C2, K: 2, d: 2, tau: 0.1 });
    const s = new LatentScorer(sp, Float32Array.from([1, 0, 1, 0]));
    expect(Array.from(s.topN(3).items)).toEqual([0, 2, 4]);
    const s2 = new LatentScorer(sp, Float32Array.from([1, 0, 1, 0]), Int32Array.of(2));
    expect(Array.from(s2.topN(3).items)).toEqual([0, 4, 3]);
  });

  it("componentTopN ranks by the component's mixture term c_ik·exp(s_ik)", () => {
    const s = new LatentScorer(space, data.z, history);
    s.setOffset(1, 3, 0.6);
    const z = Float64Array.from(data.z);
    z[1 * d + 3] += 0.6;
    for (let k = 0; k < K; k++) {
      let sq = 0;
      for (let j = 0; j < d; j++) sq += z[k * d + j] ** 2;
      const term = new Float64Array(600);
      for (let i = 0; i < 600; i++) {
        let hs = 0;
        let dot = 0;
        for (let j = 0; j < d; j++) {
          hs += H[i * d + j] ** 2;
          dot += H[i * d + j] * z[k * d + j];
        }
        term[i] = Math.log(C[i * K + k]) + dot / Math.sqrt(hs * sq) / tau;
      }
      const top = s.componentTopN(k, 15);
      expect(Array.from(top.items)).toEqual(fullSortTop(term, 15, excluded));
      for (let r = 0; r < 15; r++) expect(top.scores[r]).toBeCloseTo(term[top.items[r]], 4);

      const cos = s.componentTopN(k, 15, 'cosine');
      for (const i of cos.items) expect(space.concept[i]).toBe(k);
      for (let r = 1; r < cos.items.length; r++) expect(cos.scores[r]).toBeLessThanOrEqual(cos.scores[r - 1]);
      for (const x of cos.scores) expect(Math.abs(x)).toBeLessThanOrEqual(1 + 1e-6);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { LinearScorer } from './linear-scorer';

describe('LinearScorer', () => {
  // d = 2, M = 4: s_i = b_i + z_0 W_0i + z_1 W_1i
  const W = Float32Array.of(1, 0, -1, 0.5, 0, 1, 0, -0.5);
  const b = Float32Array.of(0, 0.1, 0.2, 0.3);

  it('matches the formula after moves and returns exactly to the start on reset', () => {
    const s = new LinearScorer(W, b, Float32Array.of(0.5, -0.5), Int32Array.of(3));
    const start = Array.from(s.scores());
    s.setValue(0, 1, 2);
    const z = [0.5, 2];
    Array.from(s.scores()).forEach((v, i) => expect(v).toBeCloseTo(b[i] + z[0] * W[i] + z[1] * W[4 + i], 6));
    expect(Array.from(s.topN(2).items)).toEqual([1, 0]);
    const snap = s.snapshot();
    s.setOffset(0, 0, -3);
    s.restore(snap);
    expect(s.value(0, 1)).toBe(2);
    s.setOffset(0, 1, 0);
    expect(Array.from(s.scores())).toEqual(start);
    expect(Array.from(s.componentTopN(0, 4).items)).not.toContain(3);
    expect(() => s.setOffset(1, 0, 1)).toThrow(RangeError);
  });
});

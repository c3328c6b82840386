import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../model/random';
import { useBackend } from '../testing/test-utils';
import { exactKnn } from './knn';

beforeAll(async () => {
  await useBackend('cpu');
});

function unitRows(M: number, d: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const x = Float32Array.from(rng.normals(M * d));
  for (let i = 0; i < M; i++) {
    const row = x.subarray(i * d, (i + 1) * d);
    const n = Math.hypot(...row);
    row.forEach((v, c) => (row[c] = v / n));
  }
  return x;
}

describe('exactKnn', () => {
  it('matches brute force, self first', async () => {
    const d = 6;
    const M = 90;
    const hn = unitRows(M, d, 3);
    const knn = await exactKnn(hn, d, 5);
    for (const i of [0, 17, 89]) {
      const sims = Array.from({ length: M }, (_, j) => {
        let s = 0;
        for (let c = 0; c < d; c++) s += hn[i * d + c] * hn[j * d + c];
        return { j, s };
      }).sort((a, b) => b.s - a.s);
      expect(knn.indices[i][0]).toBe(i);
      expect(knn.distances[i][0]).toBe(0);
      expect(new Set(knn.indices[i])).toEqual(new Set(sims.slice(0, 5).map((x) => x.j)));
      expect(knn.distances[i][4]).toBeCloseTo(Math.sqrt(2 - 2 * sims[4].s), 4);
    }
  });
});

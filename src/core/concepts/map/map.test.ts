import { describe, expect, it } from 'vitest';
import { Rng } from '../../model/random';
import { layoutItems, type LayoutProgress } from './item-layout';
import { fuzzyGraph } from './fuzzy-graph';
import { nnDescent } from './nn-descent';
import { fitAB } from './umap-sgd';

/** C clusters of unit vectors in d dimensions, point i in cluster i % C. */
function clusters(M: number, d: number, C: number, spread: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const centres = Array.from({ length: C }, () => rng.normals(d));
  const x = new Float32Array(M * d);
  for (let i = 0; i < M; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const v = centres[i % C][j] + spread * rng.normal();
      x[i * d + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < d; j++) x[i * d + j] /= Math.sqrt(norm);
  }
  return x;
}

function exactNeighbours(x: Float32Array, d: number, i: number, k: number): Set<number> {
  const M = x.length / d;
  const cos: [number, number][] = [];
  for (let j = 0; j < M; j++) {
    if (j === i) continue;
    let s = 0;
    for (let c = 0; c < d; c++) s += x[i * d + c] * x[j * d + c];
    cos.push([s, j]);
  }
  cos.sort((a, b) => b[0] - a[0]);
  return new Set(cos.slice(0, k).map(([, j]) => j));
}

const noPause = () => Promise.resolve();

describe('item map', () => {
  it("fits UMAP's kernel as umap-learn does (min_dist 0.1: a = 1.577, b = 0.8951)", () => {
    const { a, b } = fitAB(0.1);
    expect(a).toBeCloseTo(1.577, 2);
    expect(b).toBeCloseTo(0.8951, 3);
  });

  it('NN-descent finds most of the exact neighbours, sorted, without the point itself', async () => {
    const d = 32;
    const x = clusters(3000, d, 6, 0.5, 1);
    const g = await nnDescent(x, d, { k: 14, seed: 3 });
    let hits = 0;
    for (let q = 0; q < 100; q++) {
      const i = q * 29;
      const truth = exactNeighbours(x, d, i, 14);
      const row = Array.from(g.indices.subarray(i * 14, (i + 1) * 14));
      expect(row).not.toContain(i);
      expect(new Set(row).size).toBe(14);
      for (let p = 1; p < 14; p++) expect(g.distances[i * 14 + p]).toBeGreaterThanOrEqual(g.distances[i * 14 + p - 1]);
      hits += row.filter((j) => truth.has(j)).length;
    }
    expect(hits / (100 * 14)).toBeGreaterThan(0.9);
  });

  it('builds a symmetric fuzzy graph', async () => {
    const d = 8;
    const x = clusters(200, d, 4, 0.3, 2);
    const g = fuzzyGraph(await nnDescent(x, d, { k: 9, seed: 1 }), 200);
    const w = new Map<string, number>();
    for (let e = 0; e < g.head.length; e++) w.set(`${g.head[e]},${g.tail[e]}`, g.weight[e]);
    for (let e = 0; e < g.head.length; e++) {
      expect(g.weight[e]).toBeGreaterThan(0);
      expect(g.weight[e]).toBeLessThanOrEqual(1);
      expect(w.get(`${g.tail[e]},${g.head[e]}`)).toBe(g.weight[e]);
    }
  });

  it('shows a first layout before the neighbours, converges progressively, and is reproducible', async () => {
    const d = 16;
    const C = 5;
    const x = clusters(1500, d, C, 0.4, 5);
    const frames: { p: LayoutProgress; coords?: Float32Array }[] = [];
    const options = { nEpochs: 120, nNeighbors: 15, minDist: 0.1, seed: 9 };
    const y = await layoutItems(x, d, options, { onFrame: (p, coords) => frames.push({ p, coords }), pause: noPause });
    expect(frames[0].p.stage).toBe('neighbours');
    expect(frames[0].coords).toHaveLength(3000);
    expect(frames.at(-1)!.p).toMatchObject({ stage: 'done', fraction: 1 });
    expect(Array.from(frames.at(-1)!.coords!)).toEqual(Array.from(y));
    for (let f = 1; f < frames.length; f++) expect(frames[f].p.fraction).toBeGreaterThanOrEqual(frames[f - 1].p.fraction);
    const again = await layoutItems(x, d, options, { onFrame: () => {}, pause: noPause });
    expect(Array.from(again)).toEqual(Array.from(y));
    let same = 0;
    for (let q = 0; q < 300; q++) {
      const i = q * 5;
      let best = -1;
      let bd = Infinity;
      for (let j = 0; j < 1500; j++) {
        const dd = (y[2 * i] - y[2 * j]) ** 2 + (y[2 * i + 1] - y[2 * j + 1]) ** 2;
        if (j !== i && dd < bd) [bd, best] = [dd, j];
      }
      if (best % C === i % C) same++;
    }
    expect(same).toBeGreaterThanOrEqual(295);
  });

  it('lays two points on a line and stops when pause throws', async () => {
    expect(
      Array.from(
        await layoutItems(
          new Float32Array([1, 0, 0, 1]),
          2,
          { nEpochs: 10, nNeighbors: 15, minDist: 0.1, seed: 1 },
          { onFrame: () => {}, pause: noPause },
        ),
      ),
    ).toEqual([0, 0, 1, 0]);
    const x = clusters(300, 4, 3, 0.3, 1);
    const run = layoutItems(
      x,
      4,
      { nEpochs: 50, nNeighbors: 10, minDist: 0.1, seed: 1 },
      {
        onFrame: () => {},
        pause: () => Promise.reject(new Error('stop')),
      },
    );
    await expect(run).rejects.toThrow('stop');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { correlationMatrix, uncorrelatedness } from '../../core/eval/uncorrelatedness';
import { Rng } from '../../core/model/random';
import { useBackend } from '../../core/testing/test-utils';
import { ItemSpace } from '../../core/traversal';
import { ConceptsService, type ConceptsSource } from './concepts-service';
import { sampleIndices } from '../../core/concepts/knn';
import { Superseded } from './item-map';
import type { MapProgress } from '../../protocol/concepts';
import type { DatasetState } from '../dataset/dataset-state';
import type { MacridState } from '../model/model-state';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Three tight clusters of 30 unit vectors in d = 6, K = 3 concepts, 12 users. */
function fakeModel(seed = 3): { m: MacridState; data: DatasetState } {
  const K = 3;
  const d = 6;
  const M = 90;
  const rng = new Rng(seed);
  const H = new Float32Array(M * d);
  const C = new Float32Array(M * K);
  const concept = new Int32Array(M);
  for (let i = 0; i < M; i++) {
    const k = i % K;
    concept[i] = k;
    for (let j = 0; j < d; j++) H[i * d + j] = (j === 2 * k ? 3 : 0) + (j === 2 * k + 1 ? 1 : 0) + 0.3 * rng.normal();
    for (let c = 0; c < K; c++) C[i * K + c] = c === k ? 0.96 : 0.02;
  }
  const P = new Float32Array(K * d);
  for (let k = 0; k < K; k++) P[k * d + 2 * k] = 1;
  const nUsers = 12;
  const mus = rng.normals(nUsers * K * d);
  const m = {
    model: { config: { kind: 'macridvae', K, d, tau: 0.1 } },
    space: new ItemSpace({ H, C, K, d, tau: 0.1 }),
    assignment: C,
    prototypes: P,
    items: H,
    concept,
    conceptProb: Float32Array.from(concept, () => 0.96),
    labels: ['a', 'b', 'c'],
    mus,
  } as unknown as MacridState;
  const indptr = Int32Array.from({ length: nUsers + 1 }, (_, u) => u * 3);
  const indices = Int32Array.from({ length: nUsers * 3 }, (_, p) => (p * 7) % M);
  const ids = Array.from({ length: M }, (_, i) => `${i}`);
  const data = {
    split: { itemIds: ids },
    users: { ids: Array.from({ length: nUsers }, (_, u) => `u${u}`), roles: [], clicks: { nRows: nUsers, nCols: M, indptr, indices } },
    meta: new Map(ids.map((id, i) => [id, { title: `t${i}`, categories: [['X', 'Y', 'Z'][i % 3]] }])),
    titles: ids.map((i) => `t${i}`),
    categories: ids.map((_, i) => [['X', 'Y', 'Z'][i % 3]]),
  } as unknown as DatasetState;
  return { m, data };
}

/** A stand-in for the engine's workspace that shows `m` (and `data`) until told otherwise. */
function showing(m: MacridState, data = {} as DatasetState): ConceptsSource & { shown: MacridState } {
  return {
    shown: m,
    get macrid() {
      return this.shown;
    },
    requireData: () => data,
    requireMacrid() {
      return this.shown;
    },
  };
}

describe('ConceptsService', () => {
  it('maps reproducibly for a seed, keeps clusters together and reports progress to done', async () => {
    const { m } = fakeModel();
    const events: MapProgress[] = [];
    const a = await new ConceptsService(showing(m)).map({ nEpochs: 60, seed: 7 }, (p) => events.push(p));
    const b = await new ConceptsService(showing(m)).map({ nEpochs: 60, seed: 7 });
    expect(a.coords).toHaveLength(90 * 2);
    expect(Array.from(a.coords)).toEqual(Array.from(b.coords));
    expect(events.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
    for (let e = 1; e < events.length; e++) expect(events[e].fraction).toBeGreaterThanOrEqual(events[e - 1].fraction);
    // Nearest 2-D neighbour of each point is in its own cluster.
    let same = 0;
    for (let i = 0; i < 90; i++) {
      let best = -1;
      let bd = Infinity;
      for (let j = 0; j < 90; j++) {
        if (j === i) continue;
        const dd = (a.coords[2 * i] - a.coords[2 * j]) ** 2 + (a.coords[2 * i + 1] - a.coords[2 * j + 1]) ** 2;
        if (dd < bd) [bd, best] = [dd, j];
      }
      if (best % 3 === i % 3) same++;
    }
    expect(same).toBeGreaterThanOrEqual(85);
  });

  it('lays out a seeded sample when asked, leaving the other items NaN', async () => {
    const { m } = fakeModel();
    const r = await new ConceptsService(showing(m)).map({ nEpochs: 20, sample: 50 });
    expect(r.laidOut).toBe(50);
    const placed = Array.from({ length: 90 }, (_, i) => Number.isFinite(r.coords[2 * i]));
    expect(placed.filter(Boolean)).toHaveLength(50);
    expect(Array.from(sampleIndices(90, 50, 42))).toEqual(placed.flatMap((p, i) => (p ? [i] : [])));
    expect(Array.from(sampleIndices(5, 0, 1))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(sampleIndices(5, 9, 1))).toEqual([0, 1, 2, 3, 4]);
  });

  it('shares one run between concurrent requests and caches per model', async () => {
    const { m } = fakeModel();
    const source = showing(m);
    const svc = new ConceptsService(source);
    const p1 = svc.map({ nEpochs: 20 });
    const p2 = svc.map({ nEpochs: 20 });
    expect(p1).toBe(p2);
    await p1;
    expect(svc.map({ nEpochs: 20 })).toBe(p1);
    // Asking for other options abandons an unfinished run.
    const a = svc.map({ nEpochs: 30, seed: 1 }).catch((e: unknown) => e);
    const b = svc.map({ nEpochs: 30, seed: 2 });
    expect(await a).toBeInstanceOf(Superseded);
    expect((await b).coords).toHaveLength(180);
    // A run whose model is no longer the shown one is abandoned.
    const r = svc.map({ nEpochs: 40 }).catch((e: unknown) => e);
    source.shown = fakeModel(4).m;
    expect(await r).toBeInstanceOf(Superseded);
  });

  it('report: sizes, categories and profiles from the model', () => {
    const { m, data } = fakeModel();
    const source = showing(m, data);
    const svc = new ConceptsService(source);
    const r = svc.report();
    expect(r.M).toBe(90);
    expect(Array.from(r.sizes)).toEqual([30, 30, 30]);
    expect(r.confidence.below90).toBe(0);
    expect(r.categories!.names).toEqual(['X', 'Y', 'Z']);
    expect(r.categories!.nmi).toBeCloseTo(1, 10);
    expect(r.categories!.interpretability).toBe(3);
    expect(r.profiles).toHaveLength(3);
    expect(svc.report()).toBe(r);
    source.shown = fakeModel(5).m;
    expect(svc.report().version).toBe(r.version + 1);
  });

  it('report: alignment with the anchored categories on all and on the unlabelled items, from the same label draw', () => {
    const { m, data } = fakeModel();
    const anchored = {
      ...m,
      anchor: { categories: ['X', 'Y', 'Z'], fraction: 0.5, weight: 1, target: 'rarest' as const, seed: 4, labelled: 45 },
    };
    const r = new ConceptsService(showing(anchored, data)).report();
    expect(r.anchored).toMatchObject({ anchoredCategories: ['X', 'Y', 'Z'], labelled: 45, fraction: 0.5 });
    expect(r.anchored!.nmi).toBeCloseTo(1, 10);
    expect(r.anchored!.nmiUnlabelled).toBeCloseTo(1, 10);
    expect(new ConceptsService(showing(m, data)).report().anchored).toBeNull();
  });

  it('micro: the correlation of μ_k across users and of h across items', () => {
    const { m } = fakeModel();
    const svc = new ConceptsService(showing(m));
    const K = 3;
    const d = 6;
    const k = 1;
    const rows = new Float32Array(12 * d);
    for (let u = 0; u < 12; u++) rows.set(m.mus.subarray((u * K + k) * d, (u * K + k + 1) * d), u * d);
    const expected = correlationMatrix(rows, d);
    const r = svc.micro({ kind: 'users', k });
    expect(r.n).toBe(12);
    expect(r.D).toBe(d);
    expect(Array.from(r.corr)).toEqual(Array.from(expected.data));
    expect(r.uncorrelatedness).toBe(uncorrelatedness(expected));
    const items = svc.micro({ kind: 'items' });
    expect(items.n).toBe(90);
    expect(items.uncorrelatedness).toBeLessThan(1);
    expect(() => svc.micro({ kind: 'users', k: 3 })).toThrow(/no component/);
  });

  it('neighbours and user anchors', () => {
    const { m } = fakeModel();
    const svc = new ConceptsService(showing(m));
    const nb = svc.neighbours(4, 5);
    expect(nb.items).toHaveLength(5);
    expect(Array.from(nb.items).every((j) => j % 3 === 4 % 3 && j !== 4)).toBe(true);
    const anchors = svc.userAnchors(2, 4);
    expect(anchors.anchors).toHaveLength(3);
    expect(anchors.anchors[0].items).toHaveLength(4);
    anchors.anchors.forEach((a, k) => expect(Array.from(a.items).every((i) => m.concept[i] === k)).toBe(true));
    expect(() => svc.neighbours(90, 3)).toThrow();
  });
});

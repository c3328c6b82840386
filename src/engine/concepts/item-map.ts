/**
 * The 2-D item map: exact cosine k-nearest neighbours of the normalised item vectors (tfjs, in
 * row blocks), then UMAP (umap-js) on that graph, a few epochs at a time so the worker stays
 * responsive and progress can be reported.
 */
import { UMAP } from 'umap-js';
import { exactKnn } from '../../core/concepts/knn';
import { Rng } from '../../core/model/random';
import type { MapOptions, MapProgress } from '../../protocol/concepts';
import { nextMacrotask } from '../host/yield';

/** Thrown when a newer model replaced the one being mapped. */
export class Superseded extends Error {
  constructor() {
    super('the model changed while the map was being computed');
  }
}

// Rough shares of the total time, for one progress bar over the three stages.
const STAGE_WEIGHT = { neighbours: 0.3, graph: 0.1, layout: 0.6 };

/**
 * UMAP coordinates (M × 2) of the unit item vectors hn, reproducible for a given seed.
 * `check` throws (e.g. Superseded) to abandon the run between steps.
 */
export async function itemMap(
  hn: Float32Array,
  d: number,
  options: MapOptions,
  onProgress: (p: MapProgress) => void,
  check: () => void = () => {},
): Promise<Float32Array> {
  const M = hn.length / d;
  const nNeighbors = Math.max(2, Math.min(options.nNeighbors, M - 1));
  const report = (stage: MapProgress['stage'], done: number, total: number) => {
    let fraction = 1;
    if (stage !== 'done') {
      const before =
        stage === 'neighbours' ? 0 : stage === 'graph' ? STAGE_WEIGHT.neighbours : STAGE_WEIGHT.neighbours + STAGE_WEIGHT.graph;
      fraction = before + STAGE_WEIGHT[stage] * (total > 0 ? done / total : 0);
    }
    onProgress({ stage, done, total, fraction });
  };
  if (M < 3) {
    // Too few points for a neighbour graph: lay them on a line.
    const coords = new Float32Array(M * 2);
    for (let i = 0; i < M; i++) coords[i * 2] = i;
    report('done', 1, 1);
    return coords;
  }
  report('neighbours', 0, M);
  const knn = await exactKnn(hn, d, nNeighbors, async (done, total) => {
    report('neighbours', done, total);
    await nextMacrotask();
    check();
  });
  check();
  report('graph', 0, 1);
  await nextMacrotask();
  const rng = new Rng(options.seed);
  const umap = new UMAP({ nComponents: 2, nNeighbors, nEpochs: options.nEpochs, minDist: options.minDist, random: () => rng.uniform() });
  umap.setPrecomputedKNN(knn.indices, knn.distances);
  // The search graph only serves umap.transform(), which is never called here; skip building it.
  (umap as unknown as { makeSearchGraph: () => undefined }).makeSearchGraph = () => undefined;
  const X: number[][] = new Array(M);
  for (let i = 0; i < M; i++) X[i] = Array.from(hn.subarray(i * d, (i + 1) * d));
  const nEpochs = umap.initializeFit(X);
  report('graph', 1, 1);
  let last = performance.now();
  for (let epoch = 0; epoch < nEpochs;) {
    check();
    // About 40 ms of work between yields.
    do {
      epoch = umap.step();
    } while (epoch < nEpochs && performance.now() - last < 40);
    report('layout', epoch, nEpochs);
    await nextMacrotask();
    last = performance.now();
  }
  const embedding = umap.getEmbedding();
  const coords = new Float32Array(M * 2);
  for (let i = 0; i < M; i++) {
    coords[i * 2] = embedding[i][0];
    coords[i * 2 + 1] = embedding[i][1];
  }
  report('done', nEpochs, nEpochs);
  return coords;
}

/**
 * The item map, computed progressively: a principal-axes layout at once, then approximate
 * neighbours (NN-descent), UMAP's fuzzy graph and its epochs, with the layout handed out every
 * quarter second. Plain TypeScript on typed arrays, no tfjs, so it runs in its own worker (or,
 * yielding, on any thread).
 */
import { principalLayout } from './first-layout';
import { fuzzyGraph } from './fuzzy-graph';
import { nnDescent } from './nn-descent';
import { UmapSgd } from './umap-sgd';

export interface LayoutOptions {
  nEpochs: number;
  /** UMAP's n_neighbors: the point itself and its nNeighbors − 1 nearest */
  nNeighbors: number;
  minDist: number;
  seed: number;
}

export type LayoutStage = 'neighbours' | 'graph' | 'layout' | 'done';

export interface LayoutProgress {
  stage: LayoutStage;
  /** progress within the stage */
  done: number;
  total: number;
  /** overall fraction 0..1 */
  fraction: number;
}

export interface LayoutHooks {
  /** progress, with the current layout (M × 2, a fresh copy) when it changed */
  onFrame(progress: LayoutProgress, coords?: Float32Array): void;
  /** awaited between slices of work: to yield, or to throw and abandon the run */
  pause(): Promise<void>;
}

// Rough shares of the total time, for one progress bar over the stages.
const WEIGHT = { neighbours: 0.35, graph: 0.05, layout: 0.6 };
const FRAME_MS = 250;
const SLICE_MS = 40;

function progress(stage: LayoutStage, done: number, total: number): LayoutProgress {
  const part = total > 0 ? Math.min(1, done / total) : 0;
  const fraction =
    stage === 'done'
      ? 1
      : stage === 'neighbours'
        ? WEIGHT.neighbours * part
        : stage === 'graph'
          ? WEIGHT.neighbours + WEIGHT.graph * part
          : WEIGHT.neighbours + WEIGHT.graph + WEIGHT.layout * part;
  return { stage, done, total, fraction };
}

/** UMAP coordinates (M × 2) of the unit rows of x (M × d); the same for the same seed on any thread. */
export async function layoutItems(x: Float32Array, d: number, options: LayoutOptions, hooks: LayoutHooks): Promise<Float32Array> {
  const M = x.length / d;
  if (M < 3) {
    // Too few points for a neighbour graph: lay them on a line.
    const line = new Float32Array(M * 2);
    for (let i = 0; i < M; i++) line[i * 2] = i;
    hooks.onFrame(progress('done', 1, 1), line.slice());
    return line;
  }
  const y = principalLayout(x, d, options.seed);
  hooks.onFrame(progress('neighbours', 0, 1), y.slice());
  await hooks.pause();
  const neighbours = await nnDescent(x, d, {
    k: Math.max(1, options.nNeighbors - 1),
    seed: options.seed,
    onProgress: async (done, total) => {
      hooks.onFrame(progress('neighbours', done, total));
      await hooks.pause();
    },
  });
  hooks.onFrame(progress('graph', 0, 1));
  const graph = fuzzyGraph(neighbours, options.nEpochs);
  hooks.onFrame(progress('graph', 1, 1));
  await hooks.pause();
  const sgd = new UmapSgd(graph, y, options);
  let shown = performance.now();
  while (!sgd.done) {
    const start = performance.now();
    do sgd.step();
    while (!sgd.done && performance.now() - start < SLICE_MS);
    if (sgd.done) break;
    const now = performance.now();
    if (now - shown >= FRAME_MS) {
      hooks.onFrame(progress('layout', sgd.epoch, options.nEpochs), y.slice());
      shown = now;
    } else hooks.onFrame(progress('layout', sgd.epoch, options.nEpochs));
    await hooks.pause();
  }
  hooks.onFrame(progress('done', options.nEpochs, options.nEpochs), y.slice());
  return y;
}

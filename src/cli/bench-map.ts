/**
 * Benchmark of the item map (not a test): npm run bench:map
 * The demo model's 5,697 item vectors, then 20,000 planted-cluster vectors (d = 100, 20 clusters),
 * each laid out in a worker thread as the app does: the first frame (principal axes), the first
 * UMAP frame, the finished layout, and the longest this thread waited for a 5 ms timer meanwhile.
 */
import { readFileSync } from 'node:fs';
import { layoutOnPort } from '../core/concepts/map/map-protocol';
import { loadModel } from '../core/model/checkpoint';
import { parseModelDescription } from '../core/model/model-description';
import { MacridVAE } from '../core/model/macridvae';
import { Rng } from '../core/model/random';
import { ItemSpace } from '../core/traversal';
import { startMapThread } from './map-thread';
import { useNodeBackend } from './node-backend';

const OPTIONS = { nEpochs: 200, nNeighbors: 15, minDist: 0.1, seed: 42 };

async function demoVectors(): Promise<{ hn: Float32Array; d: number }> {
  const dir = new URL('../../public/models/ml-latest-small/', import.meta.url);
  const description = parseModelDescription(readFileSync(new URL('model.json', dir), 'utf8'));
  const bytes = readFileSync(new URL('model.weights.bin', dir));
  const model = loadModel(description, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  if (!(model instanceof MacridVAE)) throw new Error('the demo model is not a MacridVAE');
  const { items, assignment } = await model.concepts();
  const { K, d, tau } = model.config;
  model.dispose();
  return { hn: new ItemSpace({ H: items, C: assignment, K, d, tau }).hn, d };
}

function plantedVectors(M: number, d: number, clusters: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const centres = Array.from({ length: clusters }, () => rng.normals(d));
  const x = new Float32Array(M * d);
  for (let i = 0; i < M; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const v = centres[i % clusters][j] + 0.8 * rng.normal();
      x[i * d + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < d; j++) x[i * d + j] /= Math.sqrt(norm);
  }
  return x;
}

async function time(label: string, x: Float32Array, d: number) {
  const items = x.length / d;
  const t0 = performance.now();
  const at: Record<string, number> = {};
  let worstGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last - 5);
    last = now;
  }, 5);
  await layoutOnPort(
    startMapThread(),
    { x, d, options: OPTIONS },
    (p, coords) => {
      const ms = performance.now() - t0;
      if (coords && at.firstFrame === undefined) at.firstFrame = ms;
      if (coords && p.stage === 'layout' && at.firstUmapFrame === undefined) at.firstUmapFrame = ms;
      if (p.stage === 'graph' && at.neighbours === undefined) at.neighbours = ms;
    },
    () => {},
  );
  clearInterval(timer);
  const row = { items, ...at, done: performance.now() - t0, worstTimerDelay: worstGap };
  console.log(JSON.stringify({ map: label, ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Math.round(v)])) }));
}

await useNodeBackend('cpu');
const demo = await demoVectors();
await time('demo (ml-latest-small)', demo.hn, demo.d);
await time('planted clusters', plantedVectors(20_000, 100, 20, 7), 100);

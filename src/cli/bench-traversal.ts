/**
 * Benchmark of the traversal panel's hot path (not a test):
 *   npx tsx src/core/traversal/bench-traversal.ts
 * Random data, K = 7, d = 100, M = 5,697 and 20,000; p50/p95 of setOffset + topN(20) over 500
 * slider moves (wall clock, and this process's CPU time, which excludes time the OS gave to other
 * processes on a busy machine), plus one dimensionSensitivity sweep (d = 100 dims × 5 probes) and one 7-step strip.
 */
import { ItemSpace } from '../core/traversal/item-space';
import { LatentScorer } from '../core/traversal/latent-scorer';
import { syntheticTraversalData, uniformRng } from '../core/traversal/synthetic';
import { dimensionSensitivity, traversalStrip } from '../core/traversal/traversal';
import { evenlySpaced } from '../core/traversal/ranges';

const K = 7;
const d = 100;
const MOVES = 500;

function pct(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
}
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

for (const M of [5697, 20000]) {
  const data = syntheticTraversalData(M, K, d, 42);
  let t0 = performance.now();
  const space = new ItemSpace(data);
  const tSpace = performance.now() - t0;
  const history = Int32Array.from({ length: 50 }, (_, t) => (t * 7919) % M);
  t0 = performance.now();
  const scorer = new LatentScorer(space, data.z, history);
  const tScorer = performance.now() - t0;
  const rnd = uniformRng(M);

  let sink = 0;
  const run = (label: string, move: (step: number) => [number, number, number]) => {
    scorer.resetOffsets();
    for (let w = 0; w < 50; w++) {
      const [k, j, v] = move(w);
      scorer.setOffset(k, j, v);
      sink += scorer.topN(20).items[0];
    }
    scorer.resetOffsets();
    const times: number[] = [];
    const cpu: number[] = [];
    for (let step = 0; step < MOVES; step++) {
      const [k, j, v] = move(step);
      const c = process.cpuUsage();
      const t = performance.now();
      scorer.setOffset(k, j, v);
      const top = scorer.topN(20);
      times.push(performance.now() - t);
      const dc = process.cpuUsage(c);
      cpu.push((dc.user + dc.system) / 1000);
      sink += top.items[0];
    }
    console.log(
      `  ${label.padEnd(44)} wall p50 ${fmt(pct(times, 0.5))}  p95 ${fmt(pct(times, 0.95))}  max ${fmt(Math.max(...times))}` +
        ` | cpu p50 ${fmt(pct(cpu, 0.5))}  p95 ${fmt(pct(cpu, 0.95))}`,
    );
  };

  console.log(`M = ${M}, K = ${K}, d = ${d}  (ItemSpace ${fmt(tSpace)}, LatentScorer ${fmt(tScorer)})`);
  // A drag: 10 drags of 50 moves each on one (k, j), small steps, as a slider emits them.
  let dk = 0;
  let dj = 0;
  let dv = 0;
  run('setOffset+topN(20), drags of 50 moves', (step) => {
    if (step % 50 === 0) {
      dk = Math.floor(rnd() * K);
      dj = Math.floor(rnd() * d);
      dv = 0;
    }
    dv += (rnd() - 0.5) * 0.02;
    return [dk, dj, dv];
  });
  // Worst case: every move on a random component (rebuilds the cached Σ over the others, O(MK)).
  run('setOffset+topN(20), random (k, j) every move', () => [Math.floor(rnd() * K), Math.floor(rnd() * d), (rnd() - 0.5) * 0.4]);

  scorer.resetOffsets();
  const lo = new Float32Array(d).fill(-0.25);
  const hi = new Float32Array(d).fill(0.25);
  t0 = performance.now();
  dimensionSensitivity(scorer, 3, 20, { lo, hi }, 5);
  console.log(`  dimensionSensitivity(k, n=20, 100 dims × 5 probes): ${fmt(performance.now() - t0)}`);
  t0 = performance.now();
  traversalStrip(scorer, 3, 17, evenlySpaced(-0.25, 0.25, 7), 20);
  console.log(`  traversalStrip(7 values, n=20):                     ${fmt(performance.now() - t0)}`);
  if (sink === -1) console.log(sink);
}

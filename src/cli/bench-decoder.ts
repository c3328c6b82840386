/**
 * The chunked MacridVAE decoder at catalogue size (not a test): the gradient of one 500-user
 * minibatch of seeded synthetic clicks (about 100 per user, skewed to popular items) on wasm, one thread, at M = 5,697
 * and M = 20,000, with the FLOPs of its products and the rate reached.
 * Run: npx tsx src/cli/bench-decoder.ts
 */
import { chooseBackend } from '../core/backend';
import { tensorBudget, usersPerChunk } from '../core/tensor-budget';
import { MACRID_DEFAULTS } from '../core/model/defaults';
import { MacridVAE } from '../core/model/macridvae';
import { Rng, stepRng } from '../core/model/random';
import type { SparseBatch } from '../core/model/batch';
import { tf } from '../core/tf';
import { shardGradients } from '../core/train/gradients';

const B = 500;

function syntheticBatch(M: number, seed: number): SparseBatch {
  const rng = new Rng(seed);
  const lists = Array.from({ length: B }, () => {
    const u = rng.normals(1)[0];
    const n = Math.min(M, Math.max(5, Math.round(100 * Math.exp(0.8 * u))));
    const set = new Set<number>();
    while (set.size < n) set.add(Math.floor(rng.uniform() ** 2 * M));
    return [...set].sort((a, b) => a - b);
  });
  const rows = Int32Array.from(lists.flatMap((l, b) => l.map(() => b)));
  return { nUsers: B, nItems: M, rows, cols: Int32Array.from(lists.flat()), counts: Float32Array.from(lists, (l) => l.length) };
}

await chooseBackend(['wasm']);
for (const M of [5697, 20_000]) {
  const { K, d } = MACRID_DEFAULTS;
  const model = new MacridVAE({ ...MACRID_DEFAULTS, nItems: M }, 98765);
  const batch = syntheticBatch(M, 7);
  const nnz = batch.cols.length;
  // decoder: three [B·K, M] × d products; first layer on the clicks: forward and w0's gradient;
  // second layer and the assignments C: three products each
  const flops = 3 * 2 * B * K * M * d + 2 * 2 * nnz * K * d + 3 * 2 * B * K * d * 2 * d + 3 * 2 * M * K * d;
  const times: number[] = [];
  for (let r = 0; r < 6; r++) {
    const t0 = performance.now();
    shardGradients(model, { batch, userStart: 0, clickStart: 0 }, B, 0.2, stepRng(98765, r));
    if (r > 0) times.push((performance.now() - t0) / 1000);
  }
  model.dispose();
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  console.log(
    `M ${M}: ${B}-user minibatch gradient median ${median.toFixed(3)} s (${times.map((t) => t.toFixed(2)).join(' ')}), ` +
      `${usersPerChunk(tensorBudget(null), K, M)} users per chunk, ${(flops / 1e9).toFixed(2)} GFLOP, ${(flops / 1e9 / median).toFixed(1)} GFLOP/s, ` +
      `${nnz} clicks; tensors alive after: ${tf.memory().numTensors}`,
  );
}

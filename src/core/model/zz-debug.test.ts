import { it } from 'vitest';
import { tf } from '../tf';
import { MacridVAE, MACRID_DEFAULTS } from './macridvae';
import { batchFromLists, FixedNoise, lossValue, modelGrads, numericGrads, maxDiff } from './test-utils';
it('dbg', async () => {
  await tf.setBackend('cpu');
  const cfg = { ...MACRID_DEFAULTS, nItems: 7, K: 2, d: 3, tau: 0.2, reg: 0.01 };
  const model = new MacridVAE(cfg, 3);
  const batch = batchFromLists([[0, 2, 5], [1, 2, 3, 6], [4, 6]], 7);
  for (let seed = 1; seed < 40; seed++) {
  const noise = new FixedNoise({ gumbels: 'seeded', dropout: 'seeded', normals: 'seeded', seed });
  const { grads } = modelGrads(model, batch, 0.2, noise);
  const mask = noise.drawn('dropoutMask', 18);
  const kept = new Set<string>();
  for (let j = 0; j < 9; j++) for (let k = 0; k < 2; k++) if (mask[j * 2 + k] > 0) kept.add(`${batch.rows[j]},${k}`);
  if (kept.size < 6) continue;
  const num = numericGrads(() => lossValue(model, batch, 0.2, noise), model.variables, 2e-3);
  console.log(seed, grads.map((g, i) => { const m = maxDiff(g, num[i]); return (m.diff / m.scale).toFixed(4) + '/' + m.scale.toFixed(2); }).join(' '));
  }
});

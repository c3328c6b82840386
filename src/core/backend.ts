import { batchFromItems } from './model/batch';
import { MacridVAE } from './model/macridvae';
import { MACRID_DEFAULTS } from './model/defaults';
import { Rng } from './model/random';
import { tf } from './tf';
import { errorMessage } from './error-message';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendChoice {
  name: BackendName;
  /** why this one won, and why the ones before it did not */
  reason: string;
  tried: { name: BackendName; ok: boolean; note: string }[];
}

/**
 * One real MacridVAE training step (forward, gradients, Adam) on a tiny model, checked for NaN.
 * No per-op fallback exists between tfjs backends, so a backend is trusted only after this.
 */
export async function probeBackend(): Promise<void> {
  const model = new MacridVAE({ ...MACRID_DEFAULTS, nItems: 8, K: 2, d: 4 }, 1);
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
  try {
    const batch = batchFromItems([0, 3, 5], 8);
    const rng = new Rng(1);
    let parts: ReturnType<MacridVAE['loss']> | undefined;
    const { value, grads } = tf.variableGrads(() => {
      parts = model.loss(batch, 0.2, { rng });
      return parts.loss;
    }, model.variables);
    optimizer.applyGradients(grads as Parameters<tf.AdamOptimizer['applyGradients']>[0]);
    const loss = (await value.data())[0];
    const gradSum = await Promise.all(
      Object.values(grads).map(async (g) => {
        const t = tf.tidy(() => tf.sum(tf.abs(g)));
        const v = (await t.data())[0];
        t.dispose();
        return v;
      }),
    );
    tf.dispose([value, parts!.loss, parts!.recon, parts!.kl, ...Object.values(grads)]);
    const scores = model.scores(batch);
    const s = await scores.data();
    scores.dispose();
    if (!Number.isFinite(loss) || gradSum.some((g) => !Number.isFinite(g)) || s.some((v) => !Number.isFinite(v))) {
      throw new Error('a probe training step gave NaN or infinite values');
    }
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

/**
 * Tries `order` in turn: a backend wins when it initialises and passes the probe step.
 * `skip` lets the caller pass over a backend that works but is known to be slow, with a reason.
 */
export async function chooseBackend(
  order: BackendName[],
  skip: (name: BackendName) => Promise<string | null> = async () => null,
): Promise<BackendChoice> {
  const tried: BackendChoice['tried'] = [];
  for (const name of order) {
    const skipped = await skip(name);
    if (skipped) {
      tried.push({ name, ok: false, note: skipped });
      continue;
    }
    try {
      if (!(await tf.setBackend(name))) throw new Error('it did not initialise');
      await tf.ready();
      await probeBackend();
      const others = tried.map((t) => `${t.name}: ${t.note}`).join('; ');
      return {
        name,
        reason: others ? `passed the probe step (${others})` : 'passed the probe step',
        tried: [...tried, { name, ok: true, note: 'probe step passed' }],
      };
    } catch (e) {
      tried.push({ name, ok: false, note: errorMessage(e) });
    }
  }
  throw new Error(`no TensorFlow.js backend works here: ${tried.map((t) => `${t.name}: ${t.note}`).join('; ')}`);
}

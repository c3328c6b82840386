/**
 * Helpers shared by the model and trainer tests (not imported by the app).
 */
import { tf, type Tensor, type Variable } from '../tf';
import type { CsrMatrix } from '../data/types';
import { batchFromCsr, range, type SparseBatch } from '../model/batch';
import { Rng } from '../model/random';
import type { Recommender } from '../model/types';

export const DEVICE_SIM = 'device-sim';

/**
 * Registers a backend named DEVICE_SIM: a fresh instance of the cpu backend with every cpu kernel
 * registered under the new name. sparseAggregate picks its host loop only for the backend names
 * 'cpu' and 'wasm', so under this backend the gather/scatter "device" path (the one webgl and
 * webgpu run) executes, on the same cpu kernels, without touching the source.
 */
export function registerDeviceSimBackend(): void {
  if (tf.findBackendFactory(DEVICE_SIM)) return;
  const cpu = tf.findBackend('cpu');
  if (!cpu) throw new Error('the cpu backend must be initialised first');
  const Ctor = (cpu as object).constructor as new () => tf.KernelBackend;
  tf.registerBackend(DEVICE_SIM, () => new Ctor(), -1);
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: DEVICE_SIM });
}

export async function useBackend(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} did not initialise`);
  await tf.ready();
}

export interface FixedNoiseOptions {
  /** 'zero' (ε = 0) or 'seeded' (standard normals) */
  normals?: 'zero' | 'seeded';
  /** 'zero' (no Gumbel noise) or 'seeded' (Gumbel(0, 1)) */
  gumbels?: 'zero' | 'seeded';
  /** 'ones' (keep everything, multiplier 1) or 'seeded' (inverted dropout at the given keep) */
  dropout?: 'ones' | 'seeded';
  seed?: number;
}

/**
 * An Rng whose per-step draws are frozen: the first call of normals / gumbels / dropoutMask with a
 * given size draws (or fills) an array, and every later call with that size returns a copy of the
 * same values. A model's training loss is then a deterministic function of its variables, and a
 * reference implementation can read back exactly the noise the model used.
 */
export class FixedNoise extends Rng {
  private readonly cache = new Map<string, Float32Array>();
  readonly calls: string[] = [];

  constructor(readonly options: FixedNoiseOptions = {}) {
    super(options.seed ?? 1234);
  }

  private frozen(key: string, draw: () => Float32Array): Float32Array {
    this.calls.push(key);
    let v = this.cache.get(key);
    if (!v) {
      v = draw();
      this.cache.set(key, v);
    }
    return v.slice();
  }

  /** The values last returned for a draw of `method` of size n (throws if never drawn). */
  drawn(method: 'normals' | 'gumbels' | 'dropoutMask', n: number): Float32Array {
    const hit = [...this.cache.entries()].find(([k]) => k.startsWith(`${method}:${n}:`) || k === `${method}:${n}`);
    if (!hit) throw new Error(`no ${method} draw of size ${n}; calls were ${this.calls.join(', ')}`);
    return hit[1];
  }

  override normals(n: number): Float32Array {
    return this.frozen(`normals:${n}`, () => (this.options.normals === 'seeded' ? super.normals(n) : new Float32Array(n)));
  }

  override gumbels(n: number): Float32Array {
    return this.frozen(`gumbels:${n}`, () => (this.options.gumbels === 'seeded' ? super.gumbels(n) : new Float32Array(n)));
  }

  override dropoutMask(n: number, keep: number): Float32Array {
    return this.frozen(`dropoutMask:${n}:${keep}`, () =>
      this.options.dropout === 'seeded' ? super.dropoutMask(n, keep) : new Float32Array(n).fill(1),
    );
  }
}

/** A binary CSR matrix from per-row item lists. */
export function csrFromLists(lists: number[][], nCols: number): CsrMatrix {
  const indptr = new Int32Array(lists.length + 1);
  lists.forEach((l, r) => (indptr[r + 1] = indptr[r] + l.length));
  return { nRows: lists.length, nCols, indptr, indices: Int32Array.from(lists.flat()) };
}

/** A batch of all rows of per-user item lists. */
export function batchFromLists(lists: number[][], nItems: number): SparseBatch {
  return batchFromCsr(csrFromLists(lists, nItems), range(lists.length));
}

/** The batch as a dense binary B × M matrix. */
export function denseOf(batch: SparseBatch): number[][] {
  const x = Array.from({ length: batch.nUsers }, () => new Array<number>(batch.nItems).fill(0));
  for (let j = 0; j < batch.cols.length; j++) x[batch.rows[j]][batch.cols[j]] = 1;
  return x;
}

/** Training loss as a JS number; the returned tensors are disposed. */
export function lossValue(model: Recommender, batch: SparseBatch, anneal: number, noise: Rng): number {
  const parts = model.loss(batch, anneal, { rng: noise });
  const v = parts.loss.dataSync()[0];
  tf.dispose([parts.loss, parts.recon, parts.kl]);
  return v;
}

/** Analytic gradients of a scalar function of the variables, as JS arrays in variable order. */
export function analyticGrads(f: () => tf.Scalar, vars: Variable[]): { value: number; grads: Float32Array[] } {
  const { value, grads } = tf.variableGrads(f, vars);
  const out = vars.map((v) => {
    const g = grads[v.name];
    if (!g) throw new Error(`no gradient for ${v.name}`);
    return g.dataSync() as Float32Array;
  });
  const val = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  return { value: val, grads: out };
}

/** Model gradients with the frozen noise, disposing the loss parts. */
export function modelGrads(model: Recommender, batch: SparseBatch, anneal: number, noise: Rng): { value: number; grads: Float32Array[] } {
  let extra: Tensor[] = [];
  const r = analyticGrads(() => {
    const p = model.loss(batch, anneal, { rng: noise });
    extra = [p.recon, p.kl];
    return p.loss;
  }, model.variables);
  tf.dispose(extra);
  return r;
}

/** Central differences of `f` with respect to every element of every variable. */
export function numericGrads(f: () => number, vars: Variable[], eps: number): Float32Array[] {
  return vars.map((v) => {
    const base = v.dataSync().slice() as Float32Array;
    const g = new Float32Array(base.length);
    const set = (values: Float32Array) => {
      const t = tf.tensor(values, v.shape);
      v.assign(t);
      t.dispose();
    };
    for (let i = 0; i < base.length; i++) {
      const p = base.slice();
      p[i] = base[i] + eps;
      set(p);
      const fp = f();
      p[i] = base[i] - eps;
      set(p);
      const fm = f();
      g[i] = (fp - fm) / (2 * eps);
    }
    set(base);
    return g;
  });
}

/** A model's weights, read back, in `variables` order. */
export function weightsOf(model: Recommender): Float32Array[] {
  return model.variables.map((v) => v.dataSync() as Float32Array);
}

/** Largest absolute difference between two arrays, and the largest absolute value of `ref`. */
export function maxDiff(a: ArrayLike<number>, ref: ArrayLike<number>): { diff: number; scale: number; at: number } {
  if (a.length !== ref.length) throw new Error(`length ${a.length} vs ${ref.length}`);
  let diff = 0;
  let scale = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const dd = Math.abs(a[i] - ref[i]);
    if (!(dd <= diff)) {
      diff = dd;
      at = i;
    }
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return { diff, scale, at };
}

/**
 * Throws unless |a − ref| ≤ atol + rtol · max|ref| elementwise (NaN fails), with a message that
 * names the worst element.
 */
export function assertAllClose(a: ArrayLike<number>, ref: ArrayLike<number>, rtol: number, atol: number, what = ''): void {
  const { diff, scale, at } = maxDiff(a, ref);
  const tol = atol + rtol * scale;
  if (!(diff <= tol) || Number.isNaN(diff)) {
    throw new Error(
      `${what}: max |diff| ${diff.toExponential(3)} at [${at}] (${a[at]} vs ${ref[at]}) exceeds ${tol.toExponential(3)} (scale ${scale.toExponential(3)})`,
    );
  }
}

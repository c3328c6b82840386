import { tf, type Variable } from '../tf';
import type { Rng } from './random';

/** Glorot/Xavier uniform, as tf.contrib.layers.xavier_initializer for a [fanIn, fanOut] matrix. */
export function xavierUniform(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * limit;
  return out;
}

/** Normal(0, std²) redrawn outside ±2·std, as tf.truncated_normal_initializer. */
export function truncatedNormal(rng: Rng, n: number, std: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = rng.normal();
    while (Math.abs(v) > 2) v = rng.normal();
    out[i] = v * std;
  }
  return out;
}

let instances = 0;

/** tfjs variable names are global and must be unique, so each model prefixes its own. */
export function variableScope(): (values: Float32Array, shape: number[], name: string) => Variable {
  const prefix = `model${++instances}/`;
  return (values, shape, name) => {
    const initial = tf.tensor(values, shape);
    const v = tf.variable(initial, true, prefix + name);
    initial.dispose();
    return v;
  };
}

/** The stable name of a variable, without its model's prefix: the key in saved weights. */
export function weightName(v: Variable): string {
  return v.name.slice(v.name.indexOf('/') + 1);
}

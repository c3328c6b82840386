import { DataError } from '../data/data-error';
import { tf } from '../tf';
import { createModel } from './factory';
import { toFloat16 } from './float16';
import { weightName } from './init';
import { MODEL_FORMAT, MODEL_VERSION, weightTotals, type ModelDescription, type WeightSpec } from './model-description';
import type { Recommender } from './types';

export interface SavedModel {
  description: ModelDescription;
  weights: ArrayBuffer;
}

/** Serialises the model's variables (optionally as float16, half the bytes) with its description. */
export async function saveModel(
  model: Recommender,
  meta: Omit<ModelDescription, 'format' | 'version' | 'config' | 'weights' | 'weightsFile' | 'createdAt'> & { weightsFile?: string },
  half = false,
): Promise<SavedModel> {
  const parts: Uint8Array[] = [];
  const weights: WeightSpec[] = [];
  for (const v of model.variables) {
    const data = (await v.data()) as Float32Array;
    parts.push(
      half ? new Uint8Array(toFloat16(data).buffer) : new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
    );
    weights.push({
      name: weightName(v),
      shape: v.shape,
      dtype: 'float32',
      ...(half ? { quantization: { dtype: 'float16' as const } } : {}),
    });
  }
  const total = parts.reduce((a, p) => a + p.byteLength, 0);
  const buffer = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    buffer.set(p, offset);
    offset += p.byteLength;
  }
  return {
    description: {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      config: model.config,
      weights,
      weightsFile: meta.weightsFile ?? 'model.weights.bin',
      createdAt: new Date().toISOString(),
      ...meta,
    },
    weights: buffer.buffer,
  };
}

/**
 * Builds the model a checked description and weight buffer describe. Byte count, names, shapes
 * and every value (finite) are checked; whatever was created is disposed when one fails.
 */
export function loadModel(description: ModelDescription, weights: ArrayBuffer, weightsName = description.weightsFile): Recommender {
  const { config } = description;
  const totals = weightTotals(description.weights);
  if (weights.byteLength !== totals.bytes) {
    throw DataError.about(weightsName, `has ${weights.byteLength} bytes but model.json describes ${totals.bytes}`);
  }
  // Every model holds an nItems × d matrix: a config larger than the weights would build a huge model only to refuse it.
  if (config.nItems * config.d > totals.values) {
    throw DataError.about(
      weightsName,
      `holds ${totals.values} values, fewer than one ${config.nItems} × ${config.d} item matrix of the ${config.kind} model.json describes`,
    );
  }
  const model = createModel(config, description.seed);
  let decoded: tf.NamedTensorMap = {};
  try {
    const byName = new Map(description.weights.map((w) => [w.name, w]));
    for (const v of model.variables) {
      const name = weightName(v);
      const spec = byName.get(name);
      if (!spec) throw DataError.about(weightsName, `has no weight "${name}", which a ${config.kind} model needs`);
      if (spec.shape.join() !== v.shape.join()) {
        throw DataError.about(weightsName, `weight "${name}" has shape [${spec.shape}] but the model needs [${v.shape}]`);
      }
    }
    decoded = tf.io.decodeWeights(weights, description.weights as tf.io.WeightsManifestEntry[]);
    for (const v of model.variables) {
      const name = weightName(v);
      const bad = nonFinite(decoded[name].dataSync() as Float32Array);
      if (bad) {
        throw DataError.about(
          weightsName,
          `weight "${name}" has ${bad.count} non-finite value${bad.count === 1 ? '' : 's'} (the first, at position ${bad.first}, is ${bad.value}): it was saved after training diverged, or the file is damaged`,
        );
      }
    }
    for (const v of model.variables) v.assign(decoded[weightName(v)]);
    return model;
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose(Object.values(decoded));
  }
}

function nonFinite(values: Float32Array): { count: number; first: number; value: number } | null {
  let count = 0;
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) continue;
    if (count++ === 0) first = i;
  }
  return count ? { count, first, value: values[first] } : null;
}

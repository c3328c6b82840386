import { DataError } from '../data/data-error';
import type { DatasetStats } from '../data/types';
import { tf } from '../tf';
import { createModel } from './factory';
import { MODEL_KINDS } from './defaults';
import { toFloat16 } from './float16';
import { weightName } from './init';
import type { AnchorRecord, ModelConfig, Recommender } from './types';
import { errorMessage } from '../error-message';

export const MODEL_FORMAT = 'macridvae-explorer-model';
export const MODEL_VERSION = 1;

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: { dtype: 'float16' };
}

/** The JSON description saved beside the weights (model.json). */
export interface ModelDescription {
  format: typeof MODEL_FORMAT;
  version: number;
  config: ModelConfig;
  seed: number;
  training: {
    epochs: number;
    bestEpoch: number;
    lr: number;
    batchSize: number;
    backend: string;
    threads?: number;
    /** present when MacridVAE was trained with the anchoring term: prototype k ↔ anchor.categories[k] */
    anchor?: AnchorRecord;
  };
  /** the item-id vocabulary: row i of every item matrix is item itemIds[i] */
  itemIds: string[];
  dataset: { name: string; fingerprint: string; stats: DatasetStats };
  metrics: Record<string, unknown>;
  weightsFile: string;
  weights: WeightSpec[];
  createdAt: string;
}

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

/** Reads and checks a model.json text; every problem is a DataError naming the file. */
export function parseModelDescription(text: string, fileName = 'model.json'): ModelDescription {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw DataError.about(fileName, `not a model description: it is not valid JSON (${errorMessage(e)})`);
  }
  const d = raw as Partial<ModelDescription>;
  const fail = (message: string) => DataError.about(fileName, message);
  if (typeof d !== 'object' || d === null || d.format !== MODEL_FORMAT)
    throw fail(`not a model description: "format" must be "${MODEL_FORMAT}"`);
  if (d.version !== MODEL_VERSION)
    throw fail(`model format version ${d.version} is not supported (this app reads version ${MODEL_VERSION})`);
  if (!d.config || !MODEL_KINDS.includes(d.config.kind)) throw fail(`unknown model kind "${d.config?.kind}"`);
  if (!Array.isArray(d.itemIds) || d.itemIds.length !== d.config.nItems) {
    throw fail(
      `the item vocabulary has ${Array.isArray(d.itemIds) ? d.itemIds.length : 'no'} entries but the model has ${d.config.nItems} items`,
    );
  }
  if (!Array.isArray(d.weights) || d.weights.length === 0) throw fail('the description lists no weights');
  return d as ModelDescription;
}

/** Builds the model a description and weight buffer describe, checking every shape and the byte count. */
export function loadModel(description: ModelDescription, weights: ArrayBuffer, weightsName = description.weightsFile): Recommender {
  const expectedBytes = description.weights.reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1) * (w.quantization ? 2 : 4), 0);
  if (weights.byteLength !== expectedBytes) {
    throw DataError.about(weightsName, `has ${weights.byteLength} bytes but model.json describes ${expectedBytes}`);
  }
  const model = createModel(description.config, description.seed ?? 0);
  try {
    const byName = new Map(description.weights.map((w) => [w.name, w]));
    for (const v of model.variables) {
      const name = weightName(v);
      const spec = byName.get(name);
      if (!spec) throw DataError.about(weightsName, `has no weight "${name}", which a ${description.config.kind} model needs`);
      if (spec.shape.join() !== v.shape.join()) {
        throw DataError.about(weightsName, `weight "${name}" has shape [${spec.shape}] but the model needs [${v.shape}]`);
      }
    }
    const decoded = tf.io.decodeWeights(weights, description.weights as tf.io.WeightsManifestEntry[]);
    for (const v of model.variables) v.assign(decoded[weightName(v)]);
    tf.dispose(Object.values(decoded));
    return model;
  } catch (e) {
    model.dispose();
    throw e;
  }
}

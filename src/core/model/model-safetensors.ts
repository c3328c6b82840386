import { DataError } from '../data/data-error';
import { errorMessage } from '../error-message';
import { toFloat16 } from './float16';
import { MODEL_FORMAT, MODEL_VERSION, validateModelDescription, weightTotals, type ModelDescription } from './model-description';
import { decodeSafetensors, encodeSafetensors, type SafeTensor } from './safetensors';
import { weightShapes } from './weight-shapes';

/** config.json: a model.json without its weight list, whose weights are the tensors of a .safetensors file. */
export const CONFIG_FORMAT = 'macridvae-explorer-config';
export const CONFIG_VERSION = 1;
export const SAFETENSORS_FILE = 'model.safetensors';

export type ModelConfigFile = Omit<ModelDescription, 'format' | 'weights' | 'createdAt'> & {
  format: typeof CONFIG_FORMAT;
  createdAt?: string;
};

/** A config.json as read: its fields, checked later against the weights, and the weights file it names. */
export interface ParsedConfig {
  raw: Record<string, unknown>;
  name: string;
  weightsFile: string;
}

/** A model.json and its weights buffer as a config.json and safetensors bytes; `half` stores float32 weights as F16. */
export function toSafetensors(
  description: ModelDescription,
  weights: ArrayBuffer,
  half = false,
  weightsFile = SAFETENSORS_FILE,
): { config: ModelConfigFile; bytes: Uint8Array } {
  if (weights.byteLength !== weightTotals(description.weights).bytes) {
    throw DataError.about(
      description.weightsFile,
      `has ${weights.byteLength} bytes but model.json describes ${weightTotals(description.weights).bytes}`,
    );
  }
  const tensors: SafeTensor[] = [];
  let offset = 0;
  for (const w of description.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const stored = w.quantization ? 2 : 4;
    const bytes = new Uint8Array(weights.slice(offset, offset + n * stored));
    offset += n * stored;
    if (!w.quantization && half) {
      tensors.push({ name: w.name, dtype: 'F16', shape: w.shape, bytes: new Uint8Array(toFloat16(new Float32Array(bytes.buffer)).buffer) });
    } else {
      tensors.push({ name: w.name, dtype: w.quantization ? 'F16' : 'F32', shape: w.shape, bytes });
    }
  }
  const { weights: _weights, format: _format, createdAt, ...rest } = description;
  const config: ModelConfigFile = { ...rest, format: CONFIG_FORMAT, version: CONFIG_VERSION, weightsFile, createdAt };
  return { config, bytes: encodeSafetensors(tensors, { format: CONFIG_FORMAT, kind: description.config.kind }) };
}

/** Reads a config.json's text: JSON, its format and version, and the name of its weights file. */
export function parseConfigFile(text: string, name = 'config.json'): ParsedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw DataError.about(name, `not a model config: it is not valid JSON (${errorMessage(e)})`);
  }
  const r = raw as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || r.format !== CONFIG_FORMAT) {
    const hint = r?.format === MODEL_FORMAT ? ': this is a model.json, which is opened with its .bin weights file' : '';
    throw DataError.about(name, `not a model config: "format" must be "${CONFIG_FORMAT}"${hint}`);
  }
  if (r.version !== CONFIG_VERSION) {
    throw DataError.about(name, `config version ${JSON.stringify(r.version)} is not supported (this app reads version ${CONFIG_VERSION})`);
  }
  const weightsFile = r.weightsFile ?? SAFETENSORS_FILE;
  if (typeof weightsFile !== 'string' || weightsFile === '' || /[\\/]/.test(weightsFile)) {
    throw DataError.about(name, `"weightsFile" must be a file name, not ${JSON.stringify(weightsFile)}`);
  }
  return { raw: r, name, weightsFile };
}

/**
 * The model description and weights buffer loadModel takes, from a config.json and a safetensors
 * file: the config gets model.json's checks, the tensors must be exactly the model's (names and
 * shapes), and loadModel then checks every value. Messages name the file and the tensor.
 */
export function fromSafetensors(
  config: ParsedConfig,
  buffer: ArrayBuffer,
  weightsName: string,
): { description: ModelDescription; weights: ArrayBuffer } {
  const file = decodeSafetensors(buffer, weightsName);
  const fail = (message: string) => DataError.about(weightsName, message);
  if (file.tensors.length === 0) throw fail('holds no tensors');
  const description = validateModelDescription(
    {
      ...config.raw,
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      // The real shapes are checked below against the config, with messages naming the safetensors file, not config.json.
      weightsFile: 'model.weights.bin',
      weights: file.tensors.map((t) => ({ name: t.name, shape: [1], dtype: 'float32' })),
      createdAt: typeof config.raw.createdAt === 'string' ? config.raw.createdAt : new Date().toISOString(),
    },
    config.name,
  );
  const { kind } = description.config;
  const expected = new Map(weightShapes(description.config));
  const byName = new Map(file.tensors.map((t) => [t.name, t]));
  for (const t of file.tensors) {
    if (!expected.has(t.name))
      throw fail(`holds tensor "${t.name}", which a ${kind} model does not have (its tensors are ${[...expected.keys()].join(', ')})`);
  }
  for (const [name, shape] of expected) {
    const t = byName.get(name);
    if (!t) throw fail(`has no tensor "${name}", which a ${kind} model needs (shape [${shape.join(', ')}])`);
    if (t.shape.join() !== shape.join()) {
      throw fail(
        `tensor "${name}" has shape [${t.shape.join(', ')}] but the ${kind} model ${config.name} describes needs [${shape.join(', ')}]`,
      );
    }
  }
  const total = file.tensors.reduce((a, t) => a + t.bytes.byteLength, 0);
  const weights = new Uint8Array(total);
  let offset = 0;
  for (const t of file.tensors) {
    weights.set(t.bytes, offset);
    offset += t.bytes.byteLength;
  }
  description.weights = file.tensors.map((t) => ({
    name: t.name,
    shape: t.shape,
    dtype: 'float32',
    ...(t.dtype === 'F16' ? { quantization: { dtype: 'float16' as const } } : {}),
  }));
  return { description, weights: weights.buffer };
}

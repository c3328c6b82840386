import { DataError } from '../data/data-error';
import type { DatasetStats } from '../data/types';
import { defaultConfig, MODEL_KINDS } from './defaults';
import type { AnchorRecord, ModelConfig, ModelKind } from './types';
import { errorMessage } from '../error-message';

export const MODEL_FORMAT = 'macridvae-explorer-model';
export const MODEL_VERSION = 1;

/** Bounds no real model reaches; past them, building the model would exhaust memory before failing. */
export const MAX_D = 4096;
export const MAX_K = 256;
export const MAX_ITEMS = 10_000_000;

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: { dtype: 'float16' };
}

export interface TrainingInfo {
  epochs: number;
  bestEpoch: number;
  lr: number;
  batchSize: number;
  backend: string;
  threads?: number;
  /** present when MacridVAE was trained with the anchoring term: prototype k ↔ anchor.categories[k] */
  anchor?: AnchorRecord;
}

/** The JSON description saved beside the weights (model.json). */
export interface ModelDescription {
  format: typeof MODEL_FORMAT;
  version: number;
  config: ModelConfig;
  seed: number;
  /** absent in hand-made descriptions: the model loads, without its training history */
  training?: TrainingInfo;
  /** the item-id vocabulary: row i of every item matrix is item itemIds[i] */
  itemIds: string[];
  dataset?: { name: string; fingerprint: string; stats: DatasetStats };
  metrics: Record<string, unknown>;
  weightsFile: string;
  weights: WeightSpec[];
  createdAt: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown): string => {
  const text = typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** Reads and checks a model.json text as a whole; every problem is a DataError naming the file and the field. */
export function parseModelDescription(text: string, fileName = 'model.json'): ModelDescription {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw DataError.about(fileName, `not a model description: it is not valid JSON (${errorMessage(e)})`);
  }
  return validateModelDescription(raw, fileName);
}

export function validateModelDescription(raw: unknown, fileName = 'model.json'): ModelDescription {
  const fail = (message: string) => DataError.about(fileName, message);
  if (!isObject(raw) || raw.format !== MODEL_FORMAT) throw fail(`not a model description: "format" must be "${MODEL_FORMAT}"`);
  if (raw.version !== MODEL_VERSION) {
    throw fail(`model format version ${shown(raw.version)} is not supported (this app reads version ${MODEL_VERSION})`);
  }
  const config = checkConfig(raw.config, fail);
  const itemIds = raw.itemIds;
  if (!Array.isArray(itemIds) || itemIds.length !== config.nItems) {
    throw fail(
      `the item vocabulary has ${Array.isArray(itemIds) ? itemIds.length : 'no'} entries but the model has ${config.nItems} items`,
    );
  }
  const badId = itemIds.findIndex((id) => typeof id !== 'string');
  if (badId >= 0) throw fail(`"itemIds" entry ${badId + 1} is ${shown(itemIds[badId])}, not a string`);
  if (new Set(itemIds).size !== itemIds.length) throw fail('"itemIds" lists the same item twice');
  const weights = checkWeights(raw.weights, fail);
  const seed = raw.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw fail(`"seed" must be a number, not ${shown(seed)}`);
  const weightsFile = raw.weightsFile ?? 'model.weights.bin';
  if (typeof weightsFile !== 'string' || weightsFile === '' || /[\\/]/.test(weightsFile)) {
    throw fail(`"weightsFile" must be a file name, not ${shown(weightsFile)}`);
  }
  if (raw.metrics !== undefined && raw.metrics !== null && !isObject(raw.metrics)) {
    throw fail(`"metrics" must be an object, not ${shown(raw.metrics)}`);
  }
  return {
    ...(raw as unknown as ModelDescription),
    config,
    itemIds: itemIds as string[],
    seed,
    weightsFile,
    weights,
    training: checkTraining(raw.training, fail),
    metrics: isObject(raw.metrics) ? raw.metrics : {},
    dataset: isObject(raw.dataset) ? (raw.dataset as ModelDescription['dataset']) : undefined,
  };
}

function checkConfig(raw: unknown, fail: (m: string) => DataError): ModelConfig {
  if (!isObject(raw)) throw fail('"config" is missing: the description does not say which model it is');
  if (!MODEL_KINDS.includes(raw.kind as ModelKind)) {
    throw fail(`unknown model kind ${shown(raw.kind)} (expected ${MODEL_KINDS.join(', ')})`);
  }
  const kind = raw.kind as ModelKind;
  const int = (key: string, max: number): number => {
    const v = raw[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
      throw fail(`"config.${key}" must be a whole number from 1 to ${max}, not ${shown(v)}`);
    }
    return v;
  };
  const real = (key: string, ok: (v: number) => boolean, what: string): number => {
    const v = raw[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw fail(`"config.${key}" must be ${what}, not ${shown(v)}`);
    return v;
  };
  const nItems = int('nItems', MAX_ITEMS);
  const base = defaultConfig(kind, nItems);
  const common = {
    d: int('d', MAX_D),
    keep: real('keep', (v) => v > 0 && v <= 1, 'a keep probability in (0, 1]'),
    beta: real('beta', (v) => v >= 0, 'a number ≥ 0'),
    reg: raw.reg === undefined ? base.reg : real('reg', (v) => v >= 0, 'a number ≥ 0'),
  };
  if (base.kind !== 'macridvae') return { ...base, ...common };
  if (raw.gumbel !== undefined && typeof raw.gumbel !== 'boolean')
    throw fail(`"config.gumbel" must be true or false, not ${shown(raw.gumbel)}`);
  return {
    ...base,
    ...common,
    K: int('K', MAX_K),
    tau: real('tau', (v) => v > 0, 'a temperature > 0'),
    sigma0: real('sigma0', (v) => v >= 0, 'a number ≥ 0'),
    gumbel: raw.gumbel === undefined ? base.gumbel : raw.gumbel,
  };
}

function checkWeights(raw: unknown, fail: (m: string) => DataError): WeightSpec[] {
  if (!Array.isArray(raw) || raw.length === 0) throw fail('the description lists no weights');
  const names = new Set<string>();
  return raw.map((w, i) => {
    const where = isObject(w) && typeof w.name === 'string' ? `weight "${w.name}"` : `weight ${i + 1}`;
    if (!isObject(w) || typeof w.name !== 'string' || w.name === '') throw fail(`${where} has no name`);
    if (names.has(w.name)) throw fail(`${where} is listed twice`);
    names.add(w.name);
    const shape = w.shape;
    if (!Array.isArray(shape) || !shape.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_ITEMS)) {
      throw fail(`${where} has shape ${shown(shape)}: a shape is a list of whole numbers ≥ 1`);
    }
    if (w.dtype !== 'float32') throw fail(`${where} has dtype ${shown(w.dtype)}: model weights are float32 (optionally stored as float16)`);
    const q = w.quantization;
    if (q !== undefined && !(isObject(q) && q.dtype === 'float16' && Object.keys(q).length === 1)) {
      throw fail(`${where} has quantization ${shown(q)}: only float16 storage ({"dtype": "float16"}) is read`);
    }
    return { name: w.name, shape: shape as number[], dtype: 'float32', ...(q ? { quantization: { dtype: 'float16' as const } } : {}) };
  });
}

function checkTraining(raw: unknown, fail: (m: string) => DataError): TrainingInfo | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw fail(`"training" must be an object, not ${shown(raw)}`);
  for (const key of ['epochs', 'bestEpoch'] as const) {
    const v = raw[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      throw fail(`"training.${key}" must be a whole number ≥ 0, not ${shown(v)}`);
    }
  }
  return raw as unknown as TrainingInfo;
}

/** Values a description's weights hold, and the bytes they take in the weights file. */
export function weightTotals(weights: WeightSpec[]): { values: number; bytes: number } {
  let values = 0;
  let bytes = 0;
  for (const w of weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    values += n;
    bytes += n * (w.quantization ? 2 : 4);
  }
  return { values, bytes };
}

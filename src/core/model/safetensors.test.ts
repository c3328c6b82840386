import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { batchFromCsr, range } from './batch';
import { loadModel, saveModel, type SavedModel } from './checkpoint';
import { defaultConfig } from './defaults';
import { createModel } from './factory';
import { weightName } from './init';
import { fromSafetensors, parseConfigFile, toSafetensors } from './model-safetensors';
import { decodeSafetensors, encodeSafetensors } from './safetensors';
import type { ModelConfig, ModelKind, Recommender } from './types';
import { weightShapes } from './weight-shapes';

const M = 11;
const ITEMS = Array.from({ length: M }, (_, i) => `item${i}`);
const KINDS: ModelKind[] = ['macridvae', 'multvae', 'multdae'];
const configOf = (kind: ModelKind): ModelConfig => ({ ...defaultConfig(kind, M), d: 4, ...(kind === 'macridvae' ? { K: 3 } : {}) });
/** four users' clicks */
const CLICKS = { nRows: 4, nCols: M, indptr: Int32Array.of(0, 3, 5, 9, 10), indices: Int32Array.of(0, 4, 7, 1, 2, 3, 5, 8, 10, 6) };

async function saved(kind: ModelKind, half = false): Promise<{ model: Recommender; saved: SavedModel }> {
  const model = createModel(configOf(kind), 7);
  const s = await saveModel(model, { seed: 7, itemIds: ITEMS, metrics: {} }, half);
  return { model, saved: s };
}

/** the scores' bits, so that equal means bit-identical */
async function scoresOf(model: Recommender): Promise<Uint32Array> {
  const t = model.scores(batchFromCsr(CLICKS, range(CLICKS.nRows)));
  const values = (await t.data()) as Float32Array;
  t.dispose();
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

/** export, then import as the app and evaluate do: through config.json text and the safetensors bytes */
function roundTrip(s: SavedModel, half = false): Recommender {
  const { config, bytes } = toSafetensors(s.description, s.weights, half);
  const parsed = parseConfigFile(JSON.stringify(config), 'config.json');
  const { description, weights } = fromSafetensors(parsed, bytes.slice().buffer, 'model.safetensors');
  return loadModel(description, weights, 'model.safetensors');
}

/** A good MacridVAE export, edited: the safetensors' tensors and the config.json fields. */
async function goodExport() {
  const { model, saved: s } = await saved('macridvae');
  model.dispose();
  const { config, bytes } = toSafetensors(s.description, s.weights);
  return { config, file: decodeSafetensors(bytes.slice().buffer) };
}

function openEdited(config: object, tensors: ReturnType<typeof decodeSafetensors>['tensors']): string | null {
  try {
    const parsed = parseConfigFile(JSON.stringify(config), 'config.json');
    const { description, weights } = fromSafetensors(parsed, encodeSafetensors(tensors).slice().buffer, 'model.safetensors');
    loadModel(description, weights, 'model.safetensors').dispose();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('safetensors export and import', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(KINDS)("names and shapes each %s tensor as the model's variables are", (kind) => {
    const model = createModel(configOf(kind), 1);
    expect(model.variables.map((v) => [weightName(v), v.shape])).toEqual(weightShapes(model.config));
    model.dispose();
  });

  it.each(KINDS)('export → import gives %s scores bit for bit, F32 and F16, and leaves no tensor behind', async (kind) => {
    const before = tf.memory().numTensors;
    const { model, saved: s } = await saved(kind);
    const again = roundTrip(s);
    expect(await scoresOf(again)).toEqual(await scoresOf(model));
    const { model: halfModel, saved: h } = await saved(kind, true);
    const fromHalfJson = loadModel(h.description, h.weights);
    const halfAgain = roundTrip(h);
    const halvedOnExport = roundTrip(s, true);
    const expected = await scoresOf(fromHalfJson);
    expect(await scoresOf(halfAgain)).toEqual(expected);
    expect(await scoresOf(halvedOnExport)).toEqual(expected);
    for (const m of [model, again, halfModel, fromHalfJson, halfAgain, halvedOnExport]) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('writes the official layout: 8-byte length, JSON header padded to 8 bytes, __metadata__, contiguous offsets', async () => {
    const { model, saved: s } = await saved('macridvae', true);
    model.dispose();
    const { config, bytes } = toSafetensors(s.description, s.weights);
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.__metadata__).toEqual({ format: 'macridvae-explorer-config', kind: 'macridvae' });
    expect(header.items).toEqual({ dtype: 'F16', shape: [M, 4], data_offsets: [0, M * 4 * 2] });
    expect(header.cores).toEqual({ dtype: 'F16', shape: [3, 4], data_offsets: [M * 8, M * 8 + 24] });
    expect(bytes.byteLength).toBe(8 + n + header.b1.data_offsets[1]);
    expect(config).toMatchObject({ format: 'macridvae-explorer-config', version: 1, weightsFile: 'model.safetensors', itemIds: ITEMS });
    expect(config).not.toHaveProperty('weights');
  });

  it('refuses broken safetensors files, naming the file and the tensor', () => {
    const good = encodeSafetensors([{ name: 'a', dtype: 'F32', shape: [2], bytes: new Uint8Array(8) }]);
    const header = (json: string, data = 0) => {
      const text = new TextEncoder().encode(json);
      const out = new Uint8Array(8 + text.length + data);
      new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
      out.set(text, 8);
      return out.buffer;
    };
    const cases: [ArrayBuffer, RegExp][] = [
      [new ArrayBuffer(5), /^w\.safetensors: is 5 bytes long: a safetensors file starts with an 8-byte header length$/],
      [good.slice(0, 20).buffer, /announces a \d+-byte header in a file of 20 bytes/],
      [header('{"a": '), /has a header that is not valid UTF-8 JSON/],
      [header('[1]'), /has a header that is not a JSON object/],
      [header('{"a":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}}', 4), /tensor "a" has dtype "BF16": only F32 and F16 are read/],
      [header('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', 4), /tensor "a" ends at data byte 8, past the 4 bytes/],
      [header('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', 4), /tensor "a" holds 4 bytes, but F32 of shape \[2\] takes 8/],
      [header('{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}', 4), /tensor "a" has shape \[-1\]/],
      [header('{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', 8), /tensor "a" starts at data byte 4, not 0/],
      [header('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', 8), /its tensors cover 4 of the 8 data bytes/],
      [header('{"__metadata__":{"n":1}}'), /"__metadata__" entry "n" is not a string/],
    ];
    for (const [buffer, message] of cases) expect(() => decodeSafetensors(buffer, 'w.safetensors'), String(message)).toThrow(message);
    expect(decodeSafetensors(good.slice().buffer).tensors).toEqual([{ name: 'a', dtype: 'F32', shape: [2], bytes: new Uint8Array(8) }]);
  });

  it('refuses a model whose tensors or config do not match, with the checks of model.json, and leaks no tensor', async () => {
    const { config, file } = await goodExport();
    const t = file.tensors;
    const without = (name: string) => t.filter((x) => x.name !== name);
    const nan = t.map((x) =>
      x.name === 'w1' ? { ...x, bytes: new Uint8Array(new Float32Array(x.bytes.byteLength / 4).fill(NaN).buffer) } : x,
    );
    const transposed = t.map((x) => (x.name === 'w1' ? { ...x, shape: [8, 4] } : x));
    const before = tf.memory().numTensors;
    expect(openEdited(config, t)).toBeNull();
    const cases: [object, typeof t, RegExp][] = [
      [config, without('cores'), /^model\.safetensors: has no tensor "cores", which a macridvae model needs \(shape \[3, 4\]\)$/],
      [
        config,
        [...t, { ...t[3], name: 'encoder.weight' }],
        /model\.safetensors: holds tensor "encoder\.weight", which a macridvae model does not have/,
      ],
      [
        config,
        transposed,
        /model\.safetensors: tensor "w1" has shape \[8, 4\] but the macridvae model config\.json describes needs \[4, 8\]/,
      ],
      [config, nan, /model\.safetensors: weight "w1" has 32 non-finite values \(the first, at position 0, is NaN\)/],
      [config, [], /model\.safetensors: holds no tensors/],
      [{ ...config, config: { ...config.config, K: 0 } }, t, /config\.json: "config\.K" must be a whole number from 1 to 256, not 0/],
      [
        { ...config, config: { ...config.config, K: 4 } },
        t,
        /tensor "cores" has shape \[3, 4\] but the macridvae model config\.json describes needs \[4, 4\]/,
      ],
      [{ ...config, itemIds: ITEMS.slice(1) }, t, /config\.json: the item vocabulary has 10 entries but the model has 11 items/],
      [
        { ...config, format: 'macridvae-explorer-model' },
        t,
        /config\.json: not a model config: "format" must be "macridvae-explorer-config": this is a model\.json/,
      ],
      [{ ...config, version: 2 }, t, /config\.json: config version 2 is not supported/],
    ];
    for (const [c, tensors, message] of cases) expect(openEdited(c, tensors), String(message)).toMatch(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});

import type { SavedModel } from '../model/checkpoint';
import type { ModelDescription } from '../model/model-description';

/** One model file pair and what opening it must give: refused with `refused` (a pattern), or accepted. */
export interface ModelCase {
  name: string;
  json: string;
  weights: Uint8Array;
  refused?: RegExp;
}

type Edit = (d: Record<string, unknown> & { config: Record<string, unknown>; weights: Record<string, unknown>[] }) => void;

/** Position in values (4 bytes each, or 2 when stored as float16) where a weight starts in the file. */
function offsetOf(description: ModelDescription, name: string): number {
  let at = 0;
  for (const w of description.weights) {
    if (w.name === name) return at;
    at += w.shape.reduce((a, b) => a * b, 1);
  }
  throw new Error(`no weight ${name}`);
}

/**
 * Broken or odd model.json / weights pairs made from one good float32 save of a MacridVAE
 * (items first, then cores, w0, b0, w1, b1). The same list runs through the core loader and the app's model dialog.
 */
export function modelCases(saved: SavedModel): ModelCase[] {
  const good = JSON.stringify(saved.description);
  const bytes = new Uint8Array(saved.weights);
  const edited = (name: string, edit: Edit, refused?: RegExp): ModelCase => {
    const d = JSON.parse(good);
    edit(d);
    return { name, json: JSON.stringify(d), weights: bytes, refused };
  };
  const poisoned = (name: string, weight: string, values: number[], refused: RegExp): ModelCase => {
    const copy = bytes.slice();
    const view = new Float32Array(copy.buffer);
    const at = offsetOf(saved.description, weight);
    values.forEach((v, i) => (view[at + i * 3] = v));
    return { name, json: good, weights: copy, refused };
  };
  const M = saved.description.config.nItems;
  const nValues = bytes.byteLength / 4;
  return [
    { name: 'a good model', json: good, weights: bytes },
    { name: 'a BOM before the JSON', json: `\ufeff${good}`, weights: bytes },
    edited('no "training"', (d) => delete d.training),
    edited('"training": null', (d) => (d.training = null)),
    edited('no "metrics"', (d) => delete d.metrics),
    edited('"metrics": null', (d) => (d.metrics = null)),
    edited('no "dataset"', (d) => delete d.dataset),
    edited('no "seed"', (d) => delete d.seed),
    edited('no "weightsFile"', (d) => delete d.weightsFile),
    { name: 'not JSON', json: good.slice(0, 40), weights: bytes, refused: /model\.json: not a model description: it is not valid JSON/ },
    { name: 'an empty file', json: '', weights: bytes, refused: /model\.json: not a model description: it is not valid JSON/ },
    { name: 'a JSON array', json: '[1,2]', weights: bytes, refused: /model\.json: not a model description: "format" must be/ },
    edited('another format', (d) => (d.format = 'tfjs-layers'), /model\.json: not a model description: "format" must be/),
    edited('version 2', (d) => (d.version = 2), /model\.json: model format version 2 is not supported/),
    edited('no config', (d) => delete (d as Record<string, unknown>).config, /model\.json: "config" is missing/),
    edited('an unknown kind', (d) => (d.config.kind = 'lightgcn'), /model\.json: unknown model kind "lightgcn"/),
    edited('nItems as a string', (d) => (d.config.nItems = String(M)), /model\.json: "config\.nItems" must be a whole number from 1 to/),
    edited('d = 1e6', (d) => (d.config.d = 1e6), /model\.json: "config\.d" must be a whole number from 1 to 4096, not 1000000/),
    edited('d = 0.5', (d) => (d.config.d = 0.5), /model\.json: "config\.d" must be a whole number from 1 to 4096, not 0\.5/),
    edited(
      'd = 4000, more than the weights hold',
      (d) => (d.config.d = 4000),
      new RegExp(`model\\.weights\\.bin: holds ${nValues} values, fewer than one ${M} × 4000 item matrix`),
    ),
    edited('K = 0', (d) => (d.config.K = 0), /model\.json: "config\.K" must be a whole number from 1 to 256, not 0/),
    edited('K = 100000', (d) => (d.config.K = 100000), /model\.json: "config\.K" must be a whole number from 1 to 256/),
    edited('tau = 0', (d) => (d.config.tau = 0), /model\.json: "config\.tau" must be a temperature > 0, not 0/),
    edited('tau = -1', (d) => (d.config.tau = -1), /model\.json: "config\.tau" must be a temperature > 0, not -1/),
    edited('tau as a string', (d) => (d.config.tau = '0.1'), /model\.json: "config\.tau" must be a temperature > 0, not "0\.1"/),
    edited(
      'tau = null (NaN written by JSON.stringify)',
      (d) => (d.config.tau = null),
      /model\.json: "config\.tau" must be a temperature > 0, not null/,
    ),
    edited('keep = 2', (d) => (d.config.keep = 2), /model\.json: "config\.keep" must be a keep probability in \(0, 1\], not 2/),
    edited('gumbel as a string', (d) => (d.config.gumbel = 'yes'), /model\.json: "config\.gumbel" must be true or false/),
    edited(
      'no itemIds',
      (d) => delete d.itemIds,
      new RegExp(`model\\.json: the item vocabulary has no entries but the model has ${M} items`),
    ),
    edited(
      'one itemId too few',
      (d) => (d.itemIds as string[]).pop(),
      new RegExp(`the item vocabulary has ${M - 1} entries but the model has ${M} items`),
    ),
    edited('a numeric itemId', (d) => ((d.itemIds as unknown[])[2] = 7), /model\.json: "itemIds" entry 3 is 7, not a string/),
    edited(
      'an itemId twice',
      (d) => ((d.itemIds as string[])[1] = (d.itemIds as string[])[0]),
      /model\.json: "itemIds" lists the same item twice/,
    ),
    edited('no weights listed', (d) => (d.weights = []), /model\.json: the description lists no weights/),
    edited(
      'shapes as strings',
      (d) => (d.weights[0].shape = (d.weights[0].shape as number[]).map(String)),
      /model\.json: weight "items" has shape \["/,
    ),
    edited('a zero in a shape', (d) => (d.weights[1].shape = [0, 4]), /model\.json: weight "cores" has shape \[0,4\]/),
    edited(
      'dtype int32',
      (d) => (d.weights[0].dtype = 'int32'),
      /model\.json: weight "items" has dtype "int32": model weights are float32/,
    ),
    edited(
      'uint8 quantization',
      (d) => (d.weights[0].quantization = { dtype: 'uint8', scale: 1, min: 0 }),
      /model\.json: weight "items" has quantization/,
    ),
    edited('a weight without a name', (d) => delete d.weights[2].name, /model\.json: weight 3 has no name/),
    edited('a weight listed twice', (d) => (d.weights[1].name = 'items'), /model\.json: weight "items" is listed twice/),
    edited(
      'a weight renamed',
      (d) => (d.weights[0].name = 'item_matrix'),
      /model\.weights\.bin: has no weight "items", which a macridvae model needs/,
    ),
    edited(
      'two shapes swapped',
      (d) => (d.weights[0].shape = [...(d.weights[0].shape as number[])].reverse()),
      /model\.weights\.bin: weight "items" has shape \[4,\d+\] but the model needs \[\d+,4\]/,
    ),
    edited('a seed that is text', (d) => (d.seed = 'abc'), /model\.json: "seed" must be a number, not "abc"/),
    edited('a weights file in another folder', (d) => (d.weightsFile = '../secret.bin'), /model\.json: "weightsFile" must be a file name/),
    edited('metrics as text', (d) => (d.metrics = 'good'), /model\.json: "metrics" must be an object, not "good"/),
    edited('training as a number', (d) => (d.training = 3), /model\.json: "training" must be an object, not 3/),
    edited(
      'a negative best epoch',
      (d) => ((d.training as Record<string, unknown>).bestEpoch = -1),
      /model\.json: "training\.bestEpoch" must be a whole number ≥ 0, not -1/,
    ),
    {
      name: 'weights one byte short',
      json: good,
      weights: bytes.slice(0, -1),
      refused: new RegExp(`model\\.weights\\.bin: has ${bytes.length - 1} bytes but model\\.json describes ${bytes.length}`),
    },
    {
      name: 'an empty weights file',
      json: good,
      weights: new Uint8Array(0),
      refused: /model\.weights\.bin: has 0 bytes but model\.json describes/,
    },
    {
      name: 'every weight NaN',
      json: good,
      weights: new Uint8Array(new Float32Array(nValues).fill(NaN).buffer),
      refused: /model\.weights\.bin: weight "items" has \d+ non-finite values \(the first, at position 0, is NaN\)/,
    },
    {
      name: 'every weight Infinity',
      json: good,
      weights: new Uint8Array(new Float32Array(nValues).fill(Infinity).buffer),
      refused: /weight "items" has \d+ non-finite values \(the first, at position 0, is Infinity\)/,
    },
    poisoned(
      'four NaN values in w1',
      'w1',
      [NaN, NaN, NaN, NaN],
      /model\.weights\.bin: weight "w1" has 4 non-finite values \(the first, at position 0, is NaN\)/,
    ),
    poisoned(
      'one -Infinity in b1',
      'b1',
      [-Infinity],
      /model\.weights\.bin: weight "b1" has 1 non-finite value \(the first, at position 0, is -Infinity\)/,
    ),
  ];
}

import { DataError } from '../../core/data/data-error';
import { parseModelDescription, type ModelDescription } from '../../core/model/model-description';
import { CONFIG_FORMAT, fromSafetensors, parseConfigFile } from '../../core/model/model-safetensors';

export interface ModelFiles {
  description: ModelDescription;
  weights: ArrayBuffer;
  weightsName: string;
  /** the description's file as chosen: model.json, or the config.json of a .safetensors */
  jsonName: string;
}

/**
 * Finds a model among files chosen together: model.json and its weights (the file it names, else
 * the one .bin), or config.json and its .safetensors (a model exported, or trained elsewhere).
 */
export async function readModelFiles(files: File[]): Promise<ModelFiles> {
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  const safetensors = files.some((f) => /\.safetensors$/i.test(f.name));
  if (jsons.length !== 1) {
    throw DataError.about(
      undefined,
      jsons.length
        ? `choose one model description, not ${jsons.length} .json files`
        : safetensors
          ? 'choose the model config (config.json) and its weights (model.safetensors) together'
          : 'choose the model description (model.json) and its weights (model.weights.bin) together',
    );
  }
  const json = jsons[0];
  const text = await json.text();
  const others = files.filter((f) => f !== json);
  if (safetensors || isConfig(text)) {
    const config = parseConfigFile(text, json.name);
    const weights = pick(others, config.weightsFile, json.name, 'config.json');
    return { ...fromSafetensors(config, await weights.arrayBuffer(), weights.name), weightsName: weights.name, jsonName: json.name };
  }
  const description = parseModelDescription(text, json.name);
  const weights = pick(others, description.weightsFile, json.name, 'model.json');
  return { description, weights: await weights.arrayBuffer(), weightsName: weights.name, jsonName: json.name };
}

/** A config.json chosen without its .safetensors is still told apart from a model.json, so the message names what is missing. */
function isConfig(text: string): boolean {
  try {
    return (JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as { format?: unknown })?.format === CONFIG_FORMAT;
  } catch {
    return false;
  }
}

/** The weights file a description names, else the only other file chosen. */
function pick(others: File[], named: string, jsonName: string, role: string): File {
  const file = others.find((f) => f.name === named) ?? (others.length === 1 ? others[0] : undefined);
  if (!file) throw DataError.about(jsonName, `its weights file (${named}) was not chosen: choose ${role} and ${named} together`);
  return file;
}

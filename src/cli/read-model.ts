import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../core/data/data-error';
import { parseModelDescription, type ModelDescription } from '../core/model/model-description';
import { fromSafetensors, parseConfigFile } from '../core/model/model-safetensors';

export interface ModelDir {
  description: ModelDescription;
  weights: ArrayBuffer;
  /** the description's file (model.json or config.json) and the weights' file, for messages */
  jsonPath: string;
  weightsPath: string;
}

const bytesOf = (path: string): ArrayBuffer => {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

/** A model folder as npm run train writes it (model.json + weights) or as npm run export does (config.json + .safetensors). */
export function readModelDir(dir: string): ModelDir {
  const modelJson = join(dir, 'model.json');
  const configJson = join(dir, 'config.json');
  if (existsSync(modelJson)) {
    const description = parseModelDescription(readFileSync(modelJson, 'utf8'), modelJson);
    const weightsPath = join(dir, description.weightsFile);
    if (!existsSync(weightsPath)) throw DataError.about(modelJson, `its weights file ${description.weightsFile} is not beside it`);
    return { description, weights: bytesOf(weightsPath), jsonPath: modelJson, weightsPath };
  }
  if (existsSync(configJson)) {
    const config = parseConfigFile(readFileSync(configJson, 'utf8'), configJson);
    const weightsPath = join(dir, config.weightsFile);
    if (!existsSync(weightsPath)) throw DataError.about(configJson, `its weights file ${config.weightsFile} is not beside it`);
    return { ...fromSafetensors(config, bytesOf(weightsPath), weightsPath), jsonPath: configJson, weightsPath };
  }
  throw DataError.about(
    dir,
    'holds neither model.json nor config.json: --model names the folder npm run train, npm run export or the app wrote',
  );
}

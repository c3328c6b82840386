import { DataError } from '../../core/data/data-error';
import { parseModelDescription, type ModelDescription } from '../../core/model/model-description';

export interface ModelFiles {
  description: ModelDescription;
  weights: ArrayBuffer;
  weightsName: string;
}

/** Finds model.json and its weights (the file it names, else the one .bin) among files chosen together. */
export async function readModelFiles(files: File[]): Promise<ModelFiles> {
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  if (jsons.length !== 1) {
    throw DataError.about(
      undefined,
      jsons.length
        ? `choose one model description, not ${jsons.length} .json files`
        : 'choose the model description (model.json) and its weights (model.weights.bin) together',
    );
  }
  const json = jsons[0];
  const description = parseModelDescription(await json.text(), json.name);
  const bins = files.filter((f) => f !== json);
  const weights = bins.find((f) => f.name === description.weightsFile) ?? (bins.length === 1 ? bins[0] : undefined);
  if (!weights) {
    throw DataError.about(
      json.name,
      `its weights file (${description.weightsFile}) was not chosen: choose model.json and ${description.weightsFile} together`,
    );
  }
  return { description, weights: await weights.arrayBuffer(), weightsName: weights.name };
}

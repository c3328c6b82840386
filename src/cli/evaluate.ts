import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../core/data/data-error';
import { errorMessage } from '../core/error-message';
import { loadModel } from '../core/model/checkpoint';
import { parseModelDescription } from '../core/model/model-description';
import { evaluate } from '../core/train/evaluate';
import { EVALUATE_FLAGS, EVALUATE_USAGE } from './command-flags';
import { commandLine } from './flags';
import { exitOnDataError, loadSplit } from './load-split';
import { useNodeBackend } from './node-backend';

const args = commandLine(process.argv.slice(2), EVALUATE_FLAGS, EVALUATE_USAGE);

async function main(): Promise<void> {
  const backend = await useNodeBackend(args.backend);
  let opened;
  try {
    const jsonPath = join(args.model, 'model.json');
    if (!existsSync(jsonPath))
      throw DataError.about(args.model, 'holds no model.json: --model names the folder npm run train or the app wrote');
    const description = parseModelDescription(readFileSync(jsonPath, 'utf8'), jsonPath);
    const weightsPath = join(args.model, description.weightsFile);
    if (!existsSync(weightsPath)) throw DataError.about(jsonPath, `its weights file ${description.weightsFile} is not beside it`);
    const { split, fileName } = await loadSplit(args.data, { nHeldout: args.heldout, ratingThreshold: args.threshold });
    const ids = split.itemIds;
    if (ids.length !== description.itemIds.length || ids.some((id, i) => id !== description.itemIds[i])) {
      throw DataError.about(
        jsonPath,
        `its item vocabulary (${description.itemIds.length} items, from ${description.dataset?.name ?? 'an unknown dataset'}) is not the one of ${fileName} with --heldout ${args.heldout} (${ids.length} items): evaluate it on the data and split it was trained on`,
      );
    }
    const weights = readFileSync(weightsPath);
    const model = loadModel(description, weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength), weightsPath);
    opened = { description, split, fileName, model };
  } catch (e) {
    exitOnDataError(e);
  }
  const { description, split, fileName, model } = opened;
  const validation = await evaluate(model, split.validation);
  const test = await evaluate(model, split.test);
  model.dispose();
  const report = {
    model: { dir: args.model, kind: description.config.kind, config: description.config, training: description.training ?? null },
    dataset: { name: fileName, heldout: args.heldout, ratingThreshold: args.threshold, stats: split.stats },
    backend,
    validation,
    test,
  };
  const text = JSON.stringify(report, null, 2);
  console.log(text);
  if (args.json) writeFileSync(args.json, text);
}

main().catch((e) => {
  console.error(errorMessage(e));
  process.exit(1);
});

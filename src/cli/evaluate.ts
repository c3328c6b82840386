import { writeFileSync } from 'node:fs';
import { DataError } from '../core/data/data-error';
import { errorMessage } from '../core/error-message';
import { loadModel } from '../core/model/checkpoint';
import { evaluate } from '../core/train/evaluate';
import { EVALUATE_FLAGS, EVALUATE_USAGE } from './command-flags';
import { commandLine } from './flags';
import { exitOnDataError, loadSplit } from './load-split';
import { useNodeBackend } from './node-backend';
import { readModelDir } from './read-model';

const args = commandLine(process.argv.slice(2), EVALUATE_FLAGS, EVALUATE_USAGE);

async function main(): Promise<void> {
  const backend = await useNodeBackend(args.backend);
  let opened;
  try {
    const { description, weights, jsonPath, weightsPath } = readModelDir(args.model);
    const { split, fileName } = await loadSplit(args.data, { nHeldout: args.heldout, ratingThreshold: args.threshold });
    const ids = split.itemIds;
    if (ids.length !== description.itemIds.length || ids.some((id, i) => id !== description.itemIds[i])) {
      throw DataError.about(
        jsonPath,
        `its item vocabulary (${description.itemIds.length} items, from ${description.dataset?.name ?? 'an unknown dataset'}) is not the one of ${fileName} with --heldout ${args.heldout} (${ids.length} items): evaluate it on the data and split it was trained on`,
      );
    }
    const model = loadModel(description, weights, weightsPath);
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

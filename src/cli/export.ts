import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../core/data/data-error';
import { encodeNpz } from '../core/data/npz';
import { recboleInter, splitArrays, splitIds } from '../core/data/split-export';
import type { Split } from '../core/data/types';
import { errorMessage } from '../core/error-message';
import { SAFETENSORS_FILE, toSafetensors } from '../core/model/model-safetensors';
import { checkExport, EXPORT_FLAGS, EXPORT_USAGE } from './command-flags';
import { commandLine } from './flags';
import { exitOnDataError, loadSplit } from './load-split';
import { readModelDir, type ModelDir } from './read-model';

const args = commandLine(process.argv.slice(2), EXPORT_FLAGS, EXPORT_USAGE, checkExport);

function writeSplit(split: Split, fileName: string): void {
  const npz = join(args.out, 'split.npz');
  if (args.split.includes('npz')) {
    const ids = splitIds(split, { file: fileName, heldout: args.heldout, ratingThreshold: args.threshold });
    writeFileSync(npz, encodeNpz(splitArrays(split)));
    writeFileSync(join(args.out, 'split.json'), JSON.stringify(ids));
    console.log(
      `wrote ${npz} and split.json (${split.stats.items} items; ${split.stats.trainUsers} training users, 2 × ${split.stats.valUsers} held out)`,
    );
  }
  if (args.split.includes('recbole')) {
    const dir = join(args.out, args.name);
    mkdirSync(dir, { recursive: true });
    for (const part of ['train', 'valid', 'test'] as const) {
      const fd = openSync(join(dir, `${args.name}.${part}.inter`), 'w');
      try {
        for (const chunk of recboleInter(split, part)) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
    }
    console.log(`wrote ${join(dir, `${args.name}.{train,valid,test}.inter`)}`);
  }
}

function writeModel(model: ModelDir): void {
  const { config, bytes } = toSafetensors(model.description, model.weights, args.half);
  writeFileSync(join(args.out, SAFETENSORS_FILE), bytes);
  writeFileSync(join(args.out, 'config.json'), JSON.stringify(config));
  const dtypes = model.description.weights.some((w) => w.quantization) || args.half ? 'F16' : 'F32';
  console.log(`wrote ${join(args.out, SAFETENSORS_FILE)} (${dtypes}, ${(bytes.byteLength / 1e6).toFixed(1)} MB) and config.json`);
}

async function main(): Promise<void> {
  let loaded;
  let model;
  try {
    model = args.model ? readModelDir(args.model) : undefined;
    loaded = args.data ? await loadSplit(args.data, { nHeldout: args.heldout, ratingThreshold: args.threshold }) : undefined;
    if (model && loaded) {
      const ids = loaded.split.itemIds;
      const own = model.description.itemIds;
      if (ids.length !== own.length || ids.some((id, i) => id !== own[i])) {
        throw DataError.about(
          model.jsonPath,
          `its item vocabulary (${own.length} items) is not the one of ${loaded.fileName} with --heldout ${args.heldout} (${ids.length} items): export the split the model was trained on`,
        );
      }
    }
  } catch (e) {
    exitOnDataError(e);
  }
  mkdirSync(args.out, { recursive: true });
  if (loaded) writeSplit(loaded.split, loaded.fileName);
  if (model) writeModel(model);
}

main().catch((e) => {
  if (e instanceof DataError) exitOnDataError(e);
  console.error(errorMessage(e));
  process.exit(1);
});

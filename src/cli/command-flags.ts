import { MODEL_KINDS, TRAINING_DEFAULTS } from '../core/model/defaults';
import {
  choice,
  fileName,
  FlagError,
  inputDir,
  inputFile,
  int,
  list,
  outputDir,
  outputFile,
  required,
  switchFlag,
  withDefault,
  type FlagValues,
} from './flags';
import { ANCHOR_FLAGS } from './anchor-flags';
import { MAX_EPOCHS, MODEL_FLAGS, modelKind, RUN_FLAGS, seedFlag, threadsFlag } from './model-flags';

/** The flag tables of every command, in one place so that one test checks them all. */

const RATINGS_CSV = new URL('../../public/data/ml-latest-small/ratings.csv', import.meta.url).pathname;

export const TRAIN_USAGE = `npm run train -- --data FILE [--meta FILE] --out DIR [--model macridvae|multvae|multdae]
    [--epochs 200] [--seed 98765] [--heldout 50] [--threshold 3.5|none] [--half] [--backend wasm|cpu] [--threads 2]
    [--K 7 --d 100 --tau 0.1 --sigma0 0.075 --beta 0.2 --keep 0.5 --reg 0 --nogb --lr 1e-3 --batch 500]
    [--anchor-categories auto|A,B,... --anchor-fraction 1 --anchor-weight 17 --anchor-target rarest|even]   (MacridVAE, with --meta)
Writes DIR/model.json and DIR/model.weights.bin (float16 with --half), which the app loads.
--threads N trains data-parallel: each minibatch is split over N threads (default 2 where there are 2 cores).`;

export const TRAIN_FLAGS = {
  data: required(inputFile()),
  meta: inputFile(),
  out: required(outputDir()),
  model: withDefault(modelKind(), 'macridvae'),
  epochs: withDefault(int(1, MAX_EPOCHS), 200),
  seed: withDefault(seedFlag(), TRAINING_DEFAULTS.seed),
  half: switchFlag(),
  ...RUN_FLAGS,
  ...MODEL_FLAGS,
  ...ANCHOR_FLAGS,
};

export const REPRODUCE_USAGE = `npm run reproduce -- --data FILE [--meta FILE] [--heldout 50] [--threshold 3.5|none] [--models macridvae,multvae,multdae]
    [--seeds 98765,...] [--epochs 500] [--report-at 200,...] [--json OUT] [--backend wasm|cpu] [--threads 2]
    [--K 7 --d 100 --tau 0.1 --sigma0 0.075 --beta 0.2 --keep 0.5 --reg 0 --nogb --lr 1e-3 --batch 500]
    [--anchor-categories auto|A,B,... --anchor-fraction 1[,0.1,...] --anchor-weight 17 --anchor-target rarest|even]   (MacridVAE, with --meta)
With --meta, each MacridVAE run reports its concepts against the anchored categories (auto: the K most
frequent), and several seeds report how far their concepts agree.`;

export const REPRODUCE_FLAGS = {
  data: required(inputFile()),
  models: withDefault(list(modelKind()), [...MODEL_KINDS]),
  seeds: withDefault(list(seedFlag()), [TRAINING_DEFAULTS.seed]),
  epochs: withDefault(int(1, MAX_EPOCHS), 500),
  'report-at': list(int(1, MAX_EPOCHS)),
  json: outputFile(),
  meta: inputFile(),
  ...RUN_FLAGS,
  ...MODEL_FLAGS,
  ...ANCHOR_FLAGS,
};

export function checkReproduce(v: FlagValues<typeof REPRODUCE_FLAGS>): void {
  const late = v['report-at']?.find((h) => h >= v.epochs);
  if (late !== undefined) throw new FlagError(`--report-at ${late} is not below --epochs ${v.epochs}: the full run is reported anyway`);
}

export const BENCH_USAGE = `npm run bench -- [--data FILE] [--backends wasm,cpu] [--models macridvae] [--threads 1,2] [--epochs 5] [--json OUT]
Median train-epoch time (minibatch updates only, validation excluded) on ml-latest-small per backend
and thread count (data-parallel training), and the median time of one evaluation-mode score call
for 50 users.`;

export const BENCH_FLAGS = {
  data: withDefault(inputFile(), RATINGS_CSV),
  backends: withDefault(list(choice(['wasm', 'cpu'] as const)), ['wasm', 'cpu']),
  models: withDefault(list(modelKind()), ['macridvae']),
  threads: withDefault(list(threadsFlag()), [1, 2]),
  epochs: withDefault(int(1, 1000), 5),
  json: outputFile(),
};

export const EVALUATE_USAGE = `npm run evaluate -- --model DIR --data FILE [--heldout 50] [--threshold 3.5|none] [--json OUT] [--backend wasm|cpu]
Loads DIR/model.json and its weights (as the app or npm run train wrote them), or DIR/config.json and its
.safetensors (as npm run export writes them, or a model trained elsewhere), checks that the model belongs to
FILE's item vocabulary, and prints its test metrics on the official split as JSON.`;

export const EVALUATE_FLAGS = {
  model: required(inputDir()),
  data: required(inputFile()),
  heldout: RUN_FLAGS.heldout,
  threshold: RUN_FLAGS.threshold,
  backend: RUN_FLAGS.backend,
  json: outputFile(),
};

export const EXPORT_USAGE = `npm run export -- --out DIR [--data FILE [--heldout 50] [--threshold 3.5|none] [--split npz,recbole] [--name NAME]]
    [--model DIR [--half]]
--data writes FILE's official split: DIR/split.npz (CSR arrays) and DIR/split.json (item and user ids), and with
--split recbole DIR/NAME/NAME.{train,valid,test}.inter (RecBole atomic files; NAME defaults to "dataset").
--model writes the model in DIR (model.json + weights, or config.json + .safetensors) as DIR/model.safetensors and
DIR/config.json (--half stores float32 weights as F16). With both, the model must belong to the split's items.`;

export const EXPORT_FLAGS = {
  out: required(outputDir()),
  data: inputFile(),
  heldout: RUN_FLAGS.heldout,
  threshold: RUN_FLAGS.threshold,
  split: withDefault(list(choice(['npz', 'recbole'] as const)), ['npz']),
  name: withDefault(fileName(), 'dataset'),
  model: inputDir(),
  half: switchFlag(),
};

export function checkExport(v: FlagValues<typeof EXPORT_FLAGS>, given: Set<string>): void {
  if (!v.data && !v.model) throw new FlagError('give --data (to export a split), --model (to export weights), or both');
  for (const flag of ['heldout', 'threshold', 'split', 'name']) {
    if (given.has(flag) && !v.data) throw new FlagError(`--${flag} applies to the split: give --data too`);
  }
  if (v.half && !v.model) throw new FlagError('--half applies to the weights: give --model too');
}

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { datasetFingerprint } from '../core/data/fingerprint';
import { parseMetadata } from '../core/data/parse-metadata';
import { conceptAgreement, type AnchoredAgreement } from '../core/eval/concept-analysis';
import { loadModel, saveModel } from '../core/model/checkpoint';
import { createModel } from '../core/model/factory';
import { MACRID_DEFAULTS, MODEL_KINDS } from '../core/model/defaults';
import { MacridVAE } from '../core/model/macridvae';
import type { ModelKind } from '../core/model/types';
import { evaluate } from '../core/train/evaluate';
import { Trainer } from '../core/train/trainer';
import { exitOnDataError, loadSplit } from './load-split';
import { configFromFlags, MODEL_FLAG_OPTIONS, trainFlags } from './model-flags';
import { useNodeBackend } from './node-backend';
import { parseThreads, startPeersFor, stopPeers } from './thread-peers';
import { errorMessage } from '../core/error-message';
import { ANCHOR_FLAG_OPTIONS, anchorFlagsOrExit } from './anchor-flags';
import { anchorModel, categoryLabelsOrExit, formatConcepts, runConcepts } from './anchor-run';

const USAGE = `npm run train -- --data FILE [--meta FILE] --out DIR [--model macridvae|multvae|multdae]
    [--epochs 200] [--seed 98765] [--heldout 50] [--half] [--backend wasm|cpu] [--threads 2]
    [--K 7 --d 100 --tau 0.1 --sigma0 0.075 --beta 0.2 --keep 0.5 --lr 1e-3 --batch 500]
    [--anchor-categories auto|A,B,... --anchor-fraction 1 --anchor-weight 100 --anchor-target even|rarest]   (MacridVAE, with --meta)
Writes DIR/model.json and DIR/model.weights.bin (float16 with --half), which the app loads.
--threads N trains data-parallel: each minibatch is split over N threads (default 2 where there are 2 cores).`;

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    meta: { type: 'string' },
    out: { type: 'string' },
    model: { type: 'string', default: 'macridvae' },
    epochs: { type: 'string', default: '200' },
    seed: { type: 'string', default: '98765' },
    heldout: { type: 'string', default: '50' },
    half: { type: 'boolean' },
    backend: { type: 'string' },
    threads: { type: 'string' },
    help: { type: 'boolean' },
    ...MODEL_FLAG_OPTIONS,
    ...ANCHOR_FLAG_OPTIONS,
  },
});

if (args.help || !args.data || !args.out) {
  console.log(USAGE);
  process.exit(args.help ? 0 : 2);
}
const anchor = anchorFlagsOrExit(args, Number(args.K ?? MACRID_DEFAULTS.K), false, { meta: args.meta, models: [args.model!] });

async function main(): Promise<void> {
  const backend = await useNodeBackend(args.backend);
  const kind = args.model as ModelKind;
  if (!MODEL_KINDS.includes(kind)) throw new Error(`unknown model "${kind}" (expected ${MODEL_KINDS.join(', ')})`);
  let loaded;
  let meta;
  try {
    loaded = loadSplit(args.data!, Number(args.heldout));
    if (args.meta) meta = parseMetadata(new Uint8Array(readFileSync(args.meta)), { fileName: basename(args.meta) });
  } catch (e) {
    exitOnDataError(e);
  }
  const { split, fileName } = loaded;
  const seed = Number(args.seed);
  const epochs = Number(args.epochs);
  const flags = trainFlags(args);
  const model = createModel(configFromFlags(kind, split.stats.items, args), seed);
  const categories = meta && model instanceof MacridVAE ? categoryLabelsOrExit(split.itemIds, meta, anchor, model.config.K) : null;
  const anchoring = anchor && categories ? anchorModel(model as MacridVAE, categories.labels, anchor, anchor.fractions[0], seed) : null;
  const threads = parseThreads(args.threads);
  const peers = await startPeersFor(model, split.train, threads, { lr: flags.lr, seed }, backend);
  const trainer = new Trainer(model, split, { ...flags, seed, peers });
  for (let e = 1; e <= epochs; e++) {
    const log = await trainer.trainEpoch();
    if (e % 10 === 0 || e === epochs || e === 1) {
      process.stderr.write(
        `epoch ${e}/${epochs}  loss ${log.loss.toFixed(2)}  val NDCG@100 ${log.val.ndcg100.mean.toFixed(4)}  best ${trainer.bestNdcg.toFixed(4)} @${trainer.bestEpoch}\n`,
      );
    }
  }
  await stopPeers(peers);
  trainer.restoreBest();
  const validation = await evaluate(model, split.validation);
  const test = await evaluate(model, split.test);
  const metrics: Record<string, unknown> = { validation, test };
  let anchored: AnchoredAgreement | null = null;
  if (meta && model instanceof MacridVAE) {
    const c = await model.concepts();
    const a = conceptAgreement(c.assignment, c.items, c.prototypes, model.config.K, model.config.d, categories!.labels);
    metrics.concepts = { nmi: a.nmi, ari: a.ari, interpretability: a.interpretability.score, labelledItems: a.labelledItems };
    anchored = (await runConcepts(model, categories!.labels, categories!.categoryIndex, anchoring)).concepts;
    metrics.anchoredConcepts = anchored;
  }
  const saved = await saveModel(
    model,
    {
      seed,
      training: {
        epochs,
        bestEpoch: trainer.bestEpoch,
        lr: flags.lr,
        batchSize: flags.batchSize,
        backend,
        threads,
        ...(anchoring ? { anchor: anchoring.record } : {}),
      },
      itemIds: split.itemIds,
      dataset: { name: fileName, fingerprint: datasetFingerprint(split), stats: split.stats },
      metrics,
    },
    Boolean(args.half),
  );
  if (args.half) {
    const reloaded = loadModel(saved.description, saved.weights);
    const halfTest = await evaluate(reloaded, split.test);
    reloaded.dispose();
    metrics.testFloat16 = halfTest;
    console.log(`float16 weights: test NDCG@100 ${halfTest.ndcg100.mean.toFixed(5)} (float32 ${test.ndcg100.mean.toFixed(5)})`);
  }
  mkdirSync(args.out!, { recursive: true });
  writeFileSync(join(args.out!, 'model.json'), JSON.stringify(saved.description));
  writeFileSync(join(args.out!, saved.description.weightsFile), new Uint8Array(saved.weights));
  console.log(
    `best epoch ${trainer.bestEpoch}: test NDCG@100 ${test.ndcg100.mean.toFixed(5)}, Recall@20 ${test.recall20.mean.toFixed(5)}, Recall@50 ${test.recall50.mean.toFixed(5)}`,
  );
  if (metrics.concepts) console.log(`concepts vs genres: ${JSON.stringify(metrics.concepts)}`);
  if (anchored) console.log(formatConcepts(anchored));
  console.log(
    `wrote ${join(args.out!, 'model.json')} and ${saved.description.weightsFile} (${(saved.weights.byteLength / 1e6).toFixed(1)} MB)`,
  );
  trainer.dispose();
  model.dispose();
}

main().catch((e) => {
  console.error(errorMessage(e));
  process.exit(1);
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { datasetFingerprint } from '../core/data/fingerprint';
import { parseMetadata } from '../core/data/parse-metadata';
import { conceptAgreement, type AnchoredAgreement } from '../core/eval/concept-analysis';
import { loadModel, saveModel } from '../core/model/checkpoint';
import { createModel } from '../core/model/factory';
import { MACRID_DEFAULTS } from '../core/model/defaults';
import { MacridVAE } from '../core/model/macridvae';
import { evaluate } from '../core/train/evaluate';
import { DivergedError, Trainer } from '../core/train/trainer';
import { exitOnDataError, loadSplit } from './load-split';
import { TRAIN_FLAGS, TRAIN_USAGE } from './command-flags';
import { commandLine } from './flags';
import { configFromFlags, trainFlags } from './model-flags';
import { useNodeBackend } from './node-backend';
import { startPeersFor, stopPeers } from './thread-peers';
import { errorMessage } from '../core/error-message';
import { anchorChoice } from './anchor-flags';
import { anchorModel, categoryLabelsOrExit, formatConcepts, runConcepts } from './anchor-run';

const args = commandLine(process.argv.slice(2), TRAIN_FLAGS, TRAIN_USAGE, (v) => {
  anchorChoice(v, v.K ?? MACRID_DEFAULTS.K, false, { meta: v.meta, models: [v.model] });
});
const anchor = anchorChoice(args, args.K ?? MACRID_DEFAULTS.K, false, { meta: args.meta, models: [args.model] });

async function main(): Promise<void> {
  const backend = await useNodeBackend(args.backend);
  const kind = args.model;
  let loaded;
  let meta;
  try {
    loaded = await loadSplit(args.data, { nHeldout: args.heldout, ratingThreshold: args.threshold });
    if (args.meta) meta = parseMetadata(new Uint8Array(readFileSync(args.meta)), { fileName: basename(args.meta) });
  } catch (e) {
    exitOnDataError(e);
  }
  const { split, fileName } = loaded;
  const { seed, epochs, threads } = args;
  const flags = trainFlags(args);
  const model = createModel(configFromFlags(kind, split.stats.items, args), seed);
  const categories = meta && model instanceof MacridVAE ? categoryLabelsOrExit(split.itemIds, meta, anchor, model.config.K) : null;
  const anchoring = anchor && categories ? anchorModel(model as MacridVAE, categories.labels, anchor, anchor.fractions[0], seed) : null;
  const peers = await startPeersFor(model, split.train, threads, { lr: flags.lr, seed }, backend);
  const trainer = new Trainer(model, split, { ...flags, seed, peers });
  let diverged: DivergedError | null = null;
  for (let e = 1; e <= epochs && !diverged; e++) {
    try {
      const log = await trainer.trainEpoch();
      if (e % 10 === 0 || e === epochs || e === 1) {
        process.stderr.write(
          `epoch ${e}/${epochs}  loss ${log.loss.toFixed(2)}  val NDCG@100 ${log.val.ndcg100.mean.toFixed(4)}  best ${trainer.bestNdcg.toFixed(4)} @${trainer.bestEpoch}\n`,
        );
      }
    } catch (err) {
      if (!(err instanceof DivergedError)) throw err;
      diverged = err;
    }
  }
  if (diverged && trainer.bestEpoch === 0) {
    await stopPeers(peers);
    throw new Error(`${diverged.message}, before any epoch finished: no model was written`);
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
        epochs: trainer.epoch,
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
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'model.json'), JSON.stringify(saved.description));
  writeFileSync(join(args.out, saved.description.weightsFile), new Uint8Array(saved.weights));
  console.log(
    `best epoch ${trainer.bestEpoch}: test NDCG@100 ${test.ndcg100.mean.toFixed(5)}, Recall@20 ${test.recall20.mean.toFixed(5)}, Recall@50 ${test.recall50.mean.toFixed(5)}`,
  );
  if (metrics.concepts) console.log(`concepts vs genres: ${JSON.stringify(metrics.concepts)}`);
  if (anchored) console.log(formatConcepts(anchored));
  console.log(
    `wrote ${join(args.out, 'model.json')} and ${saved.description.weightsFile} (${(saved.weights.byteLength / 1e6).toFixed(1)} MB)`,
  );
  trainer.dispose();
  model.dispose();
  if (diverged) {
    console.error(
      `${diverged.message}; wrote the best checkpoint (epoch ${trainer.bestEpoch} of ${trainer.epoch} finished) to ${args.out}`,
    );
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(errorMessage(e));
  process.exit(1);
});

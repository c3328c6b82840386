import { writeFileSync } from 'node:fs';
import { PAPER_ML100K } from '../core/eval/paper-table';
import { createModel } from '../core/model/factory';
import { MACRID_DEFAULTS } from '../core/model/defaults';
import { MacridVAE } from '../core/model/macridvae';
import type { AnchorRecord, ModelKind } from '../core/model/types';
import type { AnchoredAgreement } from '../core/eval/concept-analysis';
import { conceptSeedAgreement, type ConceptSeedAgreement } from '../core/eval/seed-agreement';
import { evaluate, type RankingResult } from '../core/train/evaluate';
import { Trainer } from '../core/train/trainer';
import { exitOnDataError, loadSplit } from './load-split';
import { checkReproduce, REPRODUCE_FLAGS, REPRODUCE_USAGE } from './command-flags';
import { commandLine } from './flags';
import { configFromFlags, trainFlags } from './model-flags';
import { useNodeBackend } from './node-backend';
import { startPeersFor, stopPeers } from './thread-peers';
import { errorMessage } from '../core/error-message';
import { anchorChoice } from './anchor-flags';
import { anchorModel, categoryLabelsOrExit, formatConcepts, readMeta, runConcepts } from './anchor-run';

const args = commandLine(process.argv.slice(2), REPRODUCE_FLAGS, REPRODUCE_USAGE, (v) => {
  checkReproduce(v);
  anchorChoice(v, v.K ?? MACRID_DEFAULTS.K, true, { meta: v.meta, models: v.models });
});
const macridK = args.K ?? MACRID_DEFAULTS.K;
const anchor = anchorChoice(args, macridK, true, { meta: args.meta, models: args.models });

interface Run {
  model: ModelKind;
  seed: number;
  epochs: number;
  bestEpoch: number;
  backend: string;
  threads: number;
  test: RankingResult;
  /** test metrics of the best-validation checkpoint within the first N epochs */
  testAt: Record<string, { bestEpoch: number; test: RankingResult }>;
  trainEpochSeconds: { median: number };
  /** MacridVAE trained with the anchoring term */
  anchor?: AnchorRecord;
  /** MacridVAE with --meta: its concepts against the anchored categories (unanchored: the same choice, no labels) */
  concepts?: AnchoredAgreement;
}

interface SeedPair extends ConceptSeedAgreement {
  model: ModelKind;
  anchorFraction: number | null;
  seeds: [number, number];
}

const groupOf = (r: Run) => (r.anchor ? `${r.model} anchored ${r.anchor.fraction}` : r.model);

const fmt = (m: { mean: number; se: number }) => `${m.mean.toFixed(5)} ±${m.se.toFixed(5)}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const backend = await useNodeBackend(args.backend);
  const { threads, epochs, seeds } = args;
  let loaded;
  try {
    loaded = await loadSplit(args.data, { nHeldout: args.heldout, ratingThreshold: args.threshold });
  } catch (e) {
    exitOnDataError(e);
  }
  const { split, fileName } = loaded;
  const s = split.stats;
  const meta = args.meta ? readMeta(args.meta) : null;
  const categories = meta ? categoryLabelsOrExit(split.itemIds, meta, anchor, macridK) : null;
  console.log(
    `${fileName}: ${s.filteredUsers} users, ${s.interactions} interactions, ${s.filteredItems} items after filtering; M = ${s.items}`,
  );
  console.log(
    `train ${s.trainUsers} users / ${s.trainInteractions}; validation ${s.valUsers} users (${s.valFoldIn} fold-in / ${s.valHeldOut} held-out); test ${s.testUsers} users (${s.testFoldIn} / ${s.testHeldOut}); backend ${backend}, ${threads} thread(s) per model`,
  );

  const kinds = args.models;
  const horizons = args['report-at'] ?? [];
  const runs: Run[] = [];
  const assignments: Float32Array[] = [];
  const seedAgreement: SeedPair[] = [];
  const write = () => args.json && writeFileSync(args.json, JSON.stringify({ dataset: s, runs, seedAgreement }, null, 2));

  for (const kind of kinds) {
    for (const fraction of kind === 'macridvae' && anchor ? anchor.fractions : [null]) {
      const group: number[] = [];
      for (const seed of seeds) {
        const model = createModel(configFromFlags(kind, s.items, args), seed);
        const anchoring =
          anchor && fraction !== null && categories ? anchorModel(model as MacridVAE, categories.labels, anchor, fraction, seed) : null;
        const flags = trainFlags(args);
        const peers = await startPeersFor(model, split.train, threads, { lr: flags.lr, seed }, backend);
        const trainer = new Trainer(model, split, { ...flags, seed, peers });
        const epochSeconds: number[] = [];
        const testAt: Run['testAt'] = {};
        let bestTest: RankingResult | null = null;
        for (let e = 1; e <= epochs; e++) {
          const log = await trainer.trainEpoch();
          epochSeconds.push(log.trainSeconds);
          if (log.isBest && horizons.length) bestTest = await evaluate(model, split.test);
          for (const h of horizons) if (e === h && bestTest) testAt[h] = { bestEpoch: trainer.bestEpoch, test: bestTest };
          if (e % 10 === 0 || e === epochs || e === 1) {
            process.stderr.write(
              `${kind} seed ${seed} epoch ${e}/${epochs}  loss ${log.loss.toFixed(2)}  kl ${log.kl.toFixed(3)}  val NDCG@100 ${log.val.ndcg100.mean.toFixed(4)}  best ${trainer.bestNdcg.toFixed(4)} @${trainer.bestEpoch}  ${log.trainSeconds.toFixed(2)} s/epoch\n`,
            );
          }
        }
        await stopPeers(peers);
        trainer.restoreBest();
        const test = await evaluate(model, split.test);
        const concepts =
          categories && model instanceof MacridVAE
            ? await runConcepts(model, categories.labels, categories.categoryIndex, anchoring)
            : null;
        if (concepts) group.push(runs.length);
        assignments[runs.length] = concepts?.assignment ?? new Float32Array(0);
        runs.push({
          model: kind,
          seed,
          epochs,
          bestEpoch: trainer.bestEpoch,
          backend,
          threads,
          test,
          testAt,
          trainEpochSeconds: { median: median(epochSeconds) },
          ...(anchoring ? { anchor: anchoring.record } : {}),
          ...(concepts ? { concepts: concepts.concepts } : {}),
        });
        console.log(
          `${groupOf(runs[runs.length - 1]).padEnd(10)} seed ${String(seed).padEnd(6)} best epoch ${String(trainer.bestEpoch).padStart(3)}  NDCG@100 ${fmt(test.ndcg100)}  R@20 ${fmt(test.recall20)}  R@50 ${fmt(test.recall50)}`,
        );
        for (const [h, r] of Object.entries(testAt))
          console.log(`${''.padEnd(10)} (at ${h} epochs: best epoch ${r.bestEpoch}, NDCG@100 ${fmt(r.test.ndcg100)})`);
        if (concepts) console.log(`${''.padEnd(10)} ${formatConcepts(concepts.concepts)}`);
        trainer.dispose();
        model.dispose();
        write();
      }
      for (let a = 0; a < group.length; a++) {
        for (let b = a + 1; b < group.length; b++) {
          const [ra, rb] = [runs[group[a]], runs[group[b]]];
          const agreement = conceptSeedAgreement(assignments[group[a]], assignments[group[b]], macridK);
          seedAgreement.push({ model: kind, anchorFraction: fraction, seeds: [ra.seed, rb.seed], ...agreement });
          console.log(
            `${groupOf(ra)}: seeds ${ra.seed} and ${rb.seed} agree on concepts: NMI ${agreement.nmi.toFixed(3)}, matched share of C ${agreement.matchedShare.toFixed(3)}, same matched argmax ${agreement.matchedArgmax.toFixed(3)} (matching ${agreement.matching.join(',')})`,
          );
        }
      }
      write();
    }
  }

  const isMlSmall = s.filteredUsers === 603 && s.items === 5697;
  console.log(`\n${'model'.padEnd(10)} ${'seeds'.padEnd(6)} ${'NDCG@100'.padEnd(18)} ${'Recall@20'.padEnd(18)} Recall@50`);
  for (const label of [...new Set(runs.map(groupOf))]) {
    const rs = runs.filter((r) => groupOf(r) === label);
    const kind = rs[0].model;
    const avg = (f: (r: Run) => { mean: number; se: number }) => ({
      mean: rs.reduce((a, r) => a + f(r).mean, 0) / rs.length,
      se: rs.reduce((a, r) => a + f(r).se, 0) / rs.length,
    });
    console.log(
      `${label.padEnd(10)} ${String(rs.length).padEnd(6)} ${fmt(avg((r) => r.test.ndcg100))}  ${fmt(avg((r) => r.test.recall20))}  ${fmt(avg((r) => r.test.recall50))}`,
    );
    const p = PAPER_ML100K[kind];
    if (isMlSmall && p && !rs[0].anchor)
      console.log(
        `${'  paper'.padEnd(17)} ${p.ndcg100[0].toFixed(5)} ±${p.ndcg100[1].toFixed(5)}  ${p.recall20[0].toFixed(5)} ±${p.recall20[1].toFixed(5)}  ${p.recall50[0].toFixed(5)} ±${p.recall50[1].toFixed(5)}`,
      );
  }
  if (args.json) {
    write();
    console.log(`wrote ${args.json}`);
  }
}

main().catch((e) => {
  console.error(errorMessage(e));
  process.exit(1);
});

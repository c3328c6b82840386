import { writeFileSync } from 'node:fs';
import { PAPER_ML100K } from '../core/eval/paper-table';
import { createModel } from '../core/model/factory';
import type { ModelKind } from '../core/model/types';
import { evaluate, type RankingResult } from '../core/train/evaluate';
import { Trainer } from '../core/train/trainer';
import { exitOnDataError, loadSplit } from './load-split';
import { checkReproduce, REPRODUCE_FLAGS, REPRODUCE_USAGE } from './command-flags';
import { commandLine } from './flags';
import { configFromFlags, trainFlags } from './model-flags';
import { useNodeBackend } from './node-backend';
import { startPeersFor, stopPeers } from './thread-peers';
import { errorMessage } from '../core/error-message';

const args = commandLine(process.argv.slice(2), REPRODUCE_FLAGS, REPRODUCE_USAGE, checkReproduce);

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
}

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
  console.log(
    `${fileName}: ${s.filteredUsers} users, ${s.interactions} interactions, ${s.filteredItems} items after filtering; M = ${s.items}`,
  );
  console.log(
    `train ${s.trainUsers} users / ${s.trainInteractions}; validation ${s.valUsers} users (${s.valFoldIn} fold-in / ${s.valHeldOut} held-out); test ${s.testUsers} users (${s.testFoldIn} / ${s.testHeldOut}); backend ${backend}, ${threads} thread(s) per model`,
  );

  const kinds = args.models;
  const horizons = args['report-at'] ?? [];
  const runs: Run[] = [];

  for (const kind of kinds) {
    for (const seed of seeds) {
      const model = createModel(configFromFlags(kind, s.items, args), seed);
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
      });
      console.log(
        `${kind.padEnd(10)} seed ${String(seed).padEnd(6)} best epoch ${String(trainer.bestEpoch).padStart(3)}  NDCG@100 ${fmt(test.ndcg100)}  R@20 ${fmt(test.recall20)}  R@50 ${fmt(test.recall50)}`,
      );
      for (const [h, r] of Object.entries(testAt))
        console.log(`${''.padEnd(10)} (at ${h} epochs: best epoch ${r.bestEpoch}, NDCG@100 ${fmt(r.test.ndcg100)})`);
      trainer.dispose();
      model.dispose();
      if (args.json) writeFileSync(args.json, JSON.stringify({ dataset: s, runs }, null, 2));
    }
  }

  const isMlSmall = s.filteredUsers === 603 && s.items === 5697;
  console.log(`\n${'model'.padEnd(10)} ${'seeds'.padEnd(6)} ${'NDCG@100'.padEnd(18)} ${'Recall@20'.padEnd(18)} Recall@50`);
  for (const kind of kinds) {
    const rs = runs.filter((r) => r.model === kind);
    const avg = (f: (r: Run) => { mean: number; se: number }) => ({
      mean: rs.reduce((a, r) => a + f(r).mean, 0) / rs.length,
      se: rs.reduce((a, r) => a + f(r).se, 0) / rs.length,
    });
    console.log(
      `${kind.padEnd(10)} ${String(rs.length).padEnd(6)} ${fmt(avg((r) => r.test.ndcg100))}  ${fmt(avg((r) => r.test.recall20))}  ${fmt(avg((r) => r.test.recall50))}`,
    );
    const p = PAPER_ML100K[kind];
    if (isMlSmall && p)
      console.log(
        `${'  paper'.padEnd(17)} ${p.ndcg100[0].toFixed(5)} ±${p.ndcg100[1].toFixed(5)}  ${p.recall20[0].toFixed(5)} ±${p.recall20[1].toFixed(5)}  ${p.recall50[0].toFixed(5)} ±${p.recall50[1].toFixed(5)}`,
      );
  }
  if (args.json) {
    writeFileSync(args.json, JSON.stringify({ dataset: s, runs }, null, 2));
    console.log(`wrote ${args.json}`);
  }
}

main().catch((e) => {
  console.error(errorMessage(e));
  process.exit(1);
});

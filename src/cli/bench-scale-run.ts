/**
 * One size of the scale benchmark (bench-scale.ts forks this once per size, so each peak RSS is
 * that size's own): stream-parse the file, split, one training fraction on wasm, score, slider.
 *   tsx src/cli/bench-scale-run.ts FILE TRAIN_USERS THREADS   (TRAIN_USERS 0: the whole epoch)
 */
import { createReadStream } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { createClickParser } from '../core/data/parse-clicks';
import { buildSplit } from '../core/data/split';
import type { CsrMatrix, HeldOutSet, Split } from '../core/data/types';
import { batchFromCsr, range } from '../core/model/batch';
import { MACRID_DEFAULTS } from '../core/model/defaults';
import { MacridVAE } from '../core/model/macridvae';
import { Rng } from '../core/model/random';
import { Trainer } from '../core/train/trainer';
import { ItemSpace, LatentScorer } from '../core/traversal';
import { useNodeBackend } from './node-backend';
import { startPeersFor, stopPeers } from './thread-peers';

const [file, trainUsersArg, threadsArg] = process.argv.slice(2);
const MB = 1024 * 1024;
let heapPeak = 0;
const heapTimer = setInterval(() => (heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size)), 20);
const seconds = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(2));
const rssMB = () => Math.round(process.memoryUsage().rss / MB);
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * (xs.length - 1) + 0.5))];

function firstRows(m: CsrMatrix, n: number): CsrMatrix {
  const indptr = m.indptr.slice(0, n + 1);
  return { nRows: n, nCols: m.nCols, indptr, indices: m.indices.slice(0, indptr[n]) };
}
const firstUsers = (h: HeldOutSet, n: number): HeldOutSet => ({
  userIds: h.userIds.slice(0, n),
  foldIn: firstRows(h.foldIn, n),
  heldOut: firstRows(h.heldOut, n),
});

async function parse(): Promise<{ seconds: number; parsed: ReturnType<ReturnType<typeof createClickParser>['finish']> }> {
  const t0 = performance.now();
  const parser = createClickParser({ fileName: 'ratings.csv' });
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 4 * MB })) parser.push(chunk as string);
  return { seconds: seconds(t0), parsed: parser.finish() };
}

/** Training on the first `users` training users (whole minibatches of 500; 0: all), extrapolated to the epoch. */
async function trainFraction(split: Split, users: number, threads: number) {
  const n = users > 0 ? Math.min(users, split.train.nRows) : split.train.nRows;
  const part: Split = {
    ...split,
    train: firstRows(split.train, n),
    trainUserIds: split.trainUserIds.slice(0, n),
    validation: firstUsers(split.validation, 50),
  };
  const model = new MacridVAE({ ...MACRID_DEFAULTS, nItems: split.itemIds.length }, 98765);
  const run = { lr: 1e-3, seed: 98765 };
  const peers = await startPeersFor(model, part.train, threads, run, 'wasm');
  const trainer = new Trainer(model, part, { batchSize: 500, ...run, peers });
  const log = await trainer.trainEpoch();
  await stopPeers(peers);
  trainer.dispose();
  return {
    model,
    users: n,
    seconds: Number(log.trainSeconds.toFixed(2)),
    epochSecondsEstimate: Math.round((log.trainSeconds * split.train.nRows) / n),
    wholeEpoch: n === split.train.nRows,
  };
}

async function main() {
  const p = await parse();
  const { log, report } = p.parsed;
  const rssAfterParse = rssMB();
  const t1 = performance.now();
  const split = buildSplit(log, { nHeldout: Math.max(50, Math.round(log.userIds.length * 0.073)) });
  const splitSeconds = seconds(t1);
  const rssAfterSplit = rssMB();
  const peakRssBeforeTraining = Math.round(process.resourceUsage().maxRSS / 1024);
  const peakHeapBeforeTraining = Math.round(heapPeak / MB);
  await useNodeBackend('wasm');
  const train = await trainFraction(split, Number(trainUsersArg), Number(threadsArg));
  const batch = batchFromCsr(split.validation.foldIn, range(50));
  const scoreMs: number[] = [];
  for (let r = 0; r < 4; r++) {
    const t = performance.now();
    const s = train.model.scores(batch);
    await s.data();
    s.dispose();
    if (r > 0) scoreMs.push(performance.now() - t);
  }
  const { items, assignment } = await train.model.concepts();
  const { K, d, tau } = train.model.config;
  train.model.dispose();
  const space = new ItemSpace({ H: items, C: assignment, K, d, tau });
  const rng = new Rng(3);
  const scorer = new LatentScorer(space, rng.normals(K * d), split.train.indices.subarray(0, 100));
  const moves: number[] = [];
  for (let m = 0; m < 250; m++) {
    const t = performance.now();
    scorer.setOffset(m % K, (m * 7) % d, Math.sin(m / 10));
    scorer.topN(20);
    if (m >= 50) moves.push(performance.now() - t);
  }
  clearInterval(heapTimer);
  console.log(
    JSON.stringify({
      rows: report.rowsRead,
      clicks: report.kept,
      users: split.stats.filteredUsers,
      items: split.itemIds.length,
      trainUsers: split.train.nRows,
      heldOutUsers: split.validation.userIds.length,
      parseSeconds: p.seconds,
      splitSeconds,
      rssAfterParseMB: rssAfterParse,
      rssAfterSplitMB: rssAfterSplit,
      peakRssParseSplitMB: peakRssBeforeTraining,
      peakHeapParseSplitMB: peakHeapBeforeTraining,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      peakHeapMB: Math.round(heapPeak / MB),
      train: {
        backend: 'wasm',
        threads: Number(threadsArg),
        users: train.users,
        seconds: train.seconds,
        epochSecondsEstimate: train.epochSecondsEstimate,
        wholeEpoch: train.wholeEpoch,
      },
      score50UsersMs: Math.round(pct(scoreMs, 0.5)),
      sliderMs: { p50: Number(pct(moves, 0.5).toFixed(2)), p95: Number(pct(moves, 0.95).toFixed(2)) },
    }),
  );
  process.exit(0);
}

await main();

import { writeFileSync } from 'node:fs';
import { chooseBackend } from '../core/backend';
import { batchFromCsr, range } from '../core/model/batch';
import { createModel } from '../core/model/factory';
import { defaultConfig } from '../core/model/defaults';
import type { ModelKind } from '../core/model/types';
import { tf } from '../core/tf';
import { Trainer } from '../core/train/trainer';
import { BENCH_FLAGS, BENCH_USAGE } from './command-flags';
import { commandLine } from './flags';
import { exitOnDataError, loadSplit } from './load-split';
import { startPeersFor, stopPeers } from './thread-peers';
import { errorMessage } from '../core/error-message';
import { runScaleBench } from './bench-scale';

// --scale is its own benchmark (bench-scale.ts), with its own flags.
if (process.argv.slice(2).some((a) => a === '--scale' || a.startsWith('--scale='))) await runScaleBench(process.argv.slice(2));

const args = commandLine(process.argv.slice(2), BENCH_FLAGS, BENCH_USAGE);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  let loaded;
  try {
    loaded = await loadSplit(args.data, { nHeldout: 50 });
  } catch (e) {
    exitOnDataError(e);
  }
  const { split } = loaded;
  const { epochs, threads: threadCounts } = args;
  const results: {
    backend: string;
    model: ModelKind;
    threads: number;
    epochSeconds: { median: number; all: number[] };
    scoreMs: { median: number };
  }[] = [];
  for (const backend of args.backends) {
    try {
      await chooseBackend([backend]);
    } catch (e) {
      console.log(`${backend}: unavailable (${errorMessage(e)})`);
      continue;
    }
    for (const [kind, threads] of args.models.flatMap((k) => threadCounts.map((t) => [k, t] as const))) {
      const model = createModel(defaultConfig(kind, split.itemIds.length), 98765);
      const run = { lr: 1e-3, seed: 98765 };
      const peers = await startPeersFor(model, split.train, threads, run, backend);
      const trainer = new Trainer(model, split, { batchSize: 500, ...run, peers });
      const times: number[] = [];
      for (let e = 0; e <= epochs; e++) {
        const log = await trainer.trainEpoch();
        if (e > 0) times.push(log.trainSeconds);
      }
      await stopPeers(peers);
      const batch = batchFromCsr(split.validation.foldIn, range(split.validation.foldIn.nRows));
      const scoreTimes: number[] = [];
      for (let r = 0; r < 6; r++) {
        const t0 = performance.now();
        const s = model.scores(batch);
        await s.data();
        s.dispose();
        if (r > 0) scoreTimes.push(performance.now() - t0);
      }
      trainer.dispose();
      model.dispose();
      const row = {
        backend,
        model: kind,
        threads,
        epochSeconds: { median: median(times), all: times },
        scoreMs: { median: median(scoreTimes) },
      };
      results.push(row);
      console.log(
        `${backend.padEnd(5)} ${kind.padEnd(10)} ${threads} thread${threads > 1 ? 's' : ' '} train epoch median ${row.epochSeconds.median.toFixed(3)} s (${times.map((t) => t.toFixed(2)).join(' ')}), score(50 users) median ${row.scoreMs.median.toFixed(1)} ms`,
      );
    }
  }
  if (args.json) writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), tfjs: tf.version.tfjs, results }, null, 2));
}

main().catch((e) => {
  console.error(errorMessage(e));
  process.exit(1);
});

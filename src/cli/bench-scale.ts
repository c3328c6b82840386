/**
 * The scale benchmark (not a test): synthetic MovieLens-shaped ratings files of 1M, 5M and 20M
 * rows (or the sizes asked for), each streamed to disk, then measured in a process of its own by
 * bench-scale-run.ts. Prints one JSON line per size and a table; --json writes them all.
 */
import { execSync, fork } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { scaleRatingsCsv } from '../core/data/synthetic-scale';
import { measureInBrowser, type BrowserScale } from './bench-scale-browser';

const USAGE = `npm run bench -- --scale ml20m|1m,5m,20m|N[,N…] [--dir DIR] [--train-users 1000|all] [--threads 2] [--seed 1] [--json OUT]
    [--skip-browser] [--chromium /usr/bin/chromium] [--port 4198]
ml20m is 1m,5m,20m. Each size: a seeded synthetic ratings.csv (planted categories, Zipf item
popularity, lognormal user activity) written to DIR (kept for reruns), then in a fresh process:
streamed parse, official split, peak RSS and JS heap, one training pass over the first
--train-users training users (all: the whole epoch) on wasm with --threads threads (the epoch extrapolated
from it), score of 50 users, and slider moves. Then, unless --skip-browser, the app (built here with
vite build --mode test) reads the same file in Chromium through its upload dialog: parse + split in
the engine worker, "Use this dataset", main-thread long tasks and frame gaps, the browser's RSS.`;

const SIZES: Record<string, number[]> = { ml20m: [1_000_000, 5_000_000, 20_000_000] };

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`--scale: "${s}" is not a size (e.g. 1m, 500k, 20000000)`);
  return Math.round(Number(m[1]) * ({ k: 1e3, m: 1e6, '': 1 } as Record<string, number>)[m[2].toLowerCase()]);
}

async function writeFile(path: string, rows: number, seed: number): Promise<number> {
  const t0 = performance.now();
  const out = createWriteStream(path);
  for (const chunk of scaleRatingsCsv({ rows, seed })) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return (performance.now() - t0) / 1000;
}

function measure(file: string, trainUsers: number, threads: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./bench-scale-run.ts', import.meta.url).pathname, [file, String(trainUsers), String(threads)], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => {
      const line = out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop();
      if (code === 0 && line) resolve(JSON.parse(line));
      else reject(new Error(`measuring ${file} failed (exit ${code})`));
    });
  });
}

/** Runs the benchmark for argv (bench.ts hands over when it sees --scale) and exits. */
export async function runScaleBench(argv: string[]): Promise<never> {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      dir: { type: 'string', default: join(tmpdir(), 'macridvae-scale') },
      'train-users': { type: 'string', default: '1000' },
      threads: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      json: { type: 'string' },
      'skip-browser': { type: 'boolean' },
      chromium: { type: 'string', default: '/usr/bin/chromium' },
      port: { type: 'string', default: '4198' },
      help: { type: 'boolean' },
    },
  });
  if (args.help || !args.scale) {
    console.log(USAGE);
    process.exit(args.help ? 0 : 2);
  }
  const sizes = SIZES[args.scale.toLowerCase()] ?? args.scale.split(',').map(parseSize);
  const seed = Number(args.seed);
  const trainUsers = args['train-users'] === 'all' ? 0 : Number(args['train-users']);
  if (!Number.isInteger(trainUsers) || trainUsers < 0) throw new Error(`--train-users: "${args['train-users']}" is not a count or "all"`);
  mkdirSync(args.dir!, { recursive: true });
  const rows: Record<string, unknown>[] = [];
  const browser = !args['skip-browser'];
  if (browser) execSync('npx vite build --mode test', { stdio: 'ignore' });
  for (const size of sizes) {
    const file = join(args.dir!, `ratings-${size}-seed${seed}.csv`);
    const generateSeconds = existsSync(file) ? null : Number((await writeFile(file, size, seed)).toFixed(1));
    const row = {
      size,
      fileMB: Math.round(statSync(file).size / 1024 / 1024),
      generateSeconds,
      ...(await measure(file, trainUsers, Number(args.threads))),
      ...(browser ? { browser: await measureInBrowser(file, { chromium: args.chromium!, port: Number(args.port) }) } : {}),
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  console.table(
    rows.map((r) => {
      const t = r.train as { seconds: number; users: number; epochSecondsEstimate: number; wholeEpoch: boolean };
      const s = r.sliderMs as { p50: number; p95: number };
      const b = r.browser as BrowserScale | undefined;
      return {
        rows: r.rows,
        users: r.users,
        items: r.items,
        'parse s': r.parseSeconds,
        'split s': r.splitSeconds,
        'peak RSS MB parse+split / all': `${r.peakRssParseSplitMB} / ${r.peakRssMB}`,
        'peak heap MB parse+split / all': `${r.peakHeapParseSplitMB} / ${r.peakHeapMB}`,
        [`train s (${t.users} users)`]: t.seconds,
        [t.wholeEpoch ? 'epoch s' : 'epoch s (est.)']: t.epochSecondsEstimate,
        'score 50 ms': r.score50UsersMs,
        'slider p50/p95 ms': `${s.p50} / ${s.p95}`,
        ...(b
          ? {
              'browser parse+split / use s': `${b.parseSplitSeconds} / ${b.useSeconds}`,
              'long tasks (max ms)': `${b.longTasks.count} (${b.longTasks.maxMs})`,
              'renderer / browser RSS MB': `${b.peakRendererRssMB} / ${b.peakBrowserRssMB}`,
            }
          : {}),
      };
    }),
  );
  if (args.json) writeFileSync(args.json, JSON.stringify(rows, null, 2));
  process.exit(0);
}

/**
 * The browser half of the scale benchmark: the built app (`vite build --mode test`, served by
 * `vite preview`) in Chromium reads a ratings file through the upload dialog, whose parse and
 * split run in the engine worker, then uses it. The page's responsiveness is watched meanwhile
 * (long tasks and the longest gap between animation frames) and the browser's memory is read
 * from /proc every 200 ms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_FLAGS, startPreview } from '../../scripts/browser-harness.mjs';

export interface BrowserScale {
  /** file chosen → the preview's counts shown (listing, streamed parse and split in the worker) */
  parseSplitSeconds: number;
  /** "Use this dataset" → the dataset open in the explorer (stored in IndexedDB on the way) */
  useSeconds: number;
  /** main-thread tasks over 50 ms between choosing the file and the dataset being open */
  longTasks: { count: number; maxMs: number };
  /** the longest gap between two animation frames over the same span */
  maxFrameGapMs: number;
  peakRendererRssMB: number;
  peakBrowserRssMB: number;
}

function rssOf(pid: string): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** The RSS of the Chromium process `root` and all its descendants, the largest renderer's apart. */
function chromiumRss(root: number): { renderer: number; all: number } {
  const parent = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while being read
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 16; p = parent.get(p) ?? 0, hops++) if (p === root) return true;
    return false;
  };
  let renderer = 0;
  let all = 0;
  for (const pid of parent.keys()) {
    if (!ours(pid)) continue;
    try {
      const rss = rssOf(String(pid));
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderer = Math.max(renderer, rss);
      all += rss;
    } catch {
      // the process ended while being read
    }
  }
  return { renderer, all };
}

/** The browser process launched with `tag` among its arguments (its children have --type=). */
function browserPid(tag: string): number {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd.includes(tag) && !cmd.some((a) => a.startsWith('--type='))) return Number(pid);
    } catch {
      // the process ended while being read
    }
  }
  throw new Error('the browser process was not found in /proc');
}

const MB = 1024 * 1024;

/** Page script (a string: the bundler's helpers do not exist in the page) recording long tasks and frame gaps. */
const WATCH = `(() => {
  const w = window;
  w.__bench = { long: [], gap: 0 };
  new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__bench.long.push(e.duration))).observe({ type: 'longtask' });
  let last = performance.now();
  const frame = (t) => {
    w.__bench.gap = Math.max(w.__bench.gap, t - last);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

/** Measures one file; the server and browser live only for this call. */
export async function measureInBrowser(file: string, options: { chromium: string; port: number }): Promise<BrowserScale> {
  const server = await startPreview(options.port);
  let browser: Browser | null = null;
  let poll: NodeJS.Timeout | undefined;
  try {
    const tag = `--bench-scale-run=${process.pid}-${Date.now()}`;
    browser = await chromium.launch({ executablePath: options.chromium, args: [...CHROMIUM_FLAGS, tag] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(900_000);
    await page.goto(`http://127.0.0.1:${options.port}/?backend=wasm`);
    await page.getByTestId('status-model').getByText('macridvae').waitFor({ timeout: 300_000 });
    await page.getByTestId('open-data').click();
    await page.evaluate(WATCH);
    const root = browserPid(tag);
    let peak = { renderer: 0, all: 0 };
    poll = setInterval(() => {
      const now = chromiumRss(root);
      peak = { renderer: Math.max(peak.renderer, now.renderer), all: Math.max(peak.all, now.all) };
    }, 200);
    const t0 = performance.now();
    await page.getByTestId('upload-input').setInputFiles(file);
    const use = page.getByTestId('upload-use');
    await page.waitForFunction((el) => !(el as HTMLButtonElement).disabled, await use.elementHandle(), { timeout: 900_000, polling: 100 });
    const t1 = performance.now();
    await use.click();
    await page.getByTestId('upload-dialog').waitFor({ state: 'hidden', timeout: 900_000 });
    await page
      .getByTestId('status-dataset')
      .getByText(/ratings.*users/)
      .waitFor({ timeout: 900_000 });
    const t2 = performance.now();
    const seen = (await page.evaluate('window.__bench')) as { long: number[]; gap: number };
    return {
      parseSplitSeconds: Number(((t1 - t0) / 1000).toFixed(2)),
      useSeconds: Number(((t2 - t1) / 1000).toFixed(2)),
      longTasks: { count: seen.long.length, maxMs: Math.round(Math.max(0, ...seen.long)) },
      maxFrameGapMs: Math.round(seen.gap),
      peakRendererRssMB: Math.round(peak.renderer / MB),
      peakBrowserRssMB: Math.round(peak.all / MB),
    };
  } finally {
    clearInterval(poll);
    await browser?.close();
    server.kill();
  }
}

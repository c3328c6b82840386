// Browser benchmark (not a test): opening time to the first recommendations on screen, and the
// latency from a slider input event to the updated "Recommendations" list in the DOM, for the
// demo (5.7k items) and a synthetic 20k-item catalogue; then the seconds per training epoch of the
// default MacridVAE on the demo on wasm, on 1 thread and on 2, and the slider latency while it trains. Needs a built app (`npm run bench:ui` builds it).
// Usage: node scripts/bench-ui.mjs [--moves 300] [--epochs 4] [--chromium /usr/bin/chromium] [--parts demo,training,synthetic,epochs]
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, startPreview, WEBGPU_FLAG } from './browser-harness.mjs';

const { values: args } = parseArgs({
  options: {
    moves: { type: 'string', default: '300' },
    epochs: { type: 'string', default: '4' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    port: { type: 'string', default: '4199' },
    parts: { type: 'string', default: 'demo,training,synthetic,epochs' },
  },
});
const port = Number(args.port);
const server = await startPreview(port);
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: args.chromium,
  args: [...CHROMIUM_FLAGS, WEBGPU_FLAG],
});
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

function sliderTimes(page, moves, waitMs = 1000) {
  return page.evaluate(
    async ([moves, waitMs]) => {
      const slider = document.querySelector('input[type="range"][aria-label^="component"]');
      const list = document.querySelector('ol[aria-label="Recommendations"]');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const lo = Number(slider.min);
      const hi = Number(slider.max);
      const out = [];
      for (let m = 0; m < moves; m++) {
        const changed = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            obs.disconnect();
            resolve(performance.now());
          });
          obs.observe(list, { childList: true, subtree: true, characterData: true });
          setTimeout(() => {
            obs.disconnect();
            resolve(null);
          }, waitMs);
        });
        const t0 = performance.now();
        setValue.call(slider, String(m % 2 ? lo + (hi - lo) * 0.1 : hi - (hi - lo) * 0.1));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        const t1 = await changed;
        if (t1 !== null) out.push(t1 - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
      return out;
    },
    [moves, waitMs],
  );
}

async function measure(path, label) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('ol[aria-label="Recommendations"] li')) {
        window.__firstRecs = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(base + path);
  await page.waitForFunction(() => window.__firstRecs, null, { timeout: 120_000 });
  const open = await page.evaluate(() => window.__firstRecs);
  await page.waitForSelector('input[type="range"][aria-label^="component"]', { timeout: 120_000 });
  const times = await sliderTimes(page, Number(args.moves));
  const items = await page.evaluate(() => window.__explorer?.state().loaded?.dataset.stats.items ?? null);
  console.log(
    `${label}: ${items ?? '?'} items; open → first recommendations ${open.toFixed(0)} ms; slider → list in DOM over ${times.length}/${args.moves} moves that changed it: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
  );
  await page.close();
}

async function trainEpochs(threads) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(base + '/?backend=wasm');
  const panel = page.getByTestId('training-panel');
  await panel.waitFor({ timeout: 120_000 });
  const epochs = Number(args.epochs);
  await panel.getByLabel('epochs', { exact: true }).fill(String(epochs));
  await panel.getByLabel('threads (0 = auto)').fill(String(threads));
  await panel.getByTestId('train-start').click();
  await page.waitForFunction((n) => window.__explorer.state().points.length >= n, epochs, { timeout: 600_000, polling: 250 });
  const seconds = await page.evaluate(() => window.__explorer.state().points.map((p) => p.seconds));
  const used = await page.evaluate(() => window.__explorer.state().trainThreads);
  const warm = seconds.slice(1);
  console.log(
    `training on wasm (demo, MacridVAE K=7 d=100, batch 500), ${used} thread${used > 1 ? 's' : ''}: median ${pct(warm, 50).toFixed(2)} s per epoch (train + validation; ${seconds.map((x) => x.toFixed(2)).join(' ')})`,
  );
  await page.close();
}

/** Slider latency while a MacridVAE trains on wasm with 2 threads, in the same tab (the run is discarded after). */
async function duringTraining() {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(base + '/?backend=wasm');
  const panel = page.getByTestId('training-panel');
  await panel.waitFor({ timeout: 120_000 });
  await page.waitForSelector('input[type="range"][aria-label^="component"]', { timeout: 120_000 });
  await panel.getByLabel('epochs', { exact: true }).fill('100');
  await panel.getByLabel('threads (0 = auto)').fill('2');
  await panel.getByTestId('train-start').click();
  await page.waitForFunction(() => (window.__explorer.state().trainBatch?.done ?? 0) > 0, null, { timeout: 600_000, polling: 100 });
  const moves = Math.min(60, Number(args.moves));
  const times = await sliderTimes(page, moves, 10_000);
  await panel.getByTestId('train-discard').click();
  console.log(
    `during training (wasm, 2 threads, demo): slider → list in DOM over ${times.length}/${moves} moves: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
  );
  await page.close();
}

const parts = new Set(args.parts.split(','));
try {
  if (parts.has('demo')) await measure('/', 'demo (ml-latest-small)');
  if (parts.has('training')) await duringTraining();
  if (parts.has('synthetic')) await measure('/?synthetic=21000', 'synthetic catalogue');
  if (parts.has('epochs')) {
    await trainEpochs(1);
    await trainEpochs(2);
  }
} finally {
  await browser.close();
  server.kill();
}

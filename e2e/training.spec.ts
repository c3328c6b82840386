import { expect, test, type Page } from '@playwright/test';

/**
 * Trains a tiny MacridVAE through the form on WebGPU (SwiftShader in headless Chromium: correct,
 * but slow, so K=2, d=4 and two epochs) and checks the curves, the end state and the swapped model.
 */

type State = {
  trainState: string;
  trainBusy: boolean;
  points: { epoch: number }[];
  bestEpoch: number;
  trainMessage: string | null;
  loaded: { model: { K: number; d: number; source: string } | null } | null;
  lastRun: unknown;
};

const state = (page: Page) => page.evaluate(() => window.__explorer!.state() as unknown as State);

const USERS = process.env.E2E_TRAIN_USERS ?? '10';
const SHOTS = process.env.E2E_SHOTS ?? '/tmp/train-shots';

test('trains a tiny MacridVAE on WebGPU through the form; the best checkpoint goes to the library and is shown when chosen', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 1000 });

  await page.goto('/?backend=webgpu');
  await expect(page.getByTestId('status-backend')).toContainText('Backend: webgpu', { timeout: 180_000 });
  // the engine must train in its worker, or the page would stall
  await expect(page.getByTestId('status-backend')).toContainText('(worker)');
  const panel = page.getByTestId('training-panel');
  await expect(panel).toBeVisible({ timeout: 180_000 });
  await expect(panel.getByTestId('train-backend')).toContainText('webgpu');
  await expect(panel.getByTestId('train-backend')).toContainText('?backend=webgpu');

  // The paper's K·d is flagged as slow on a software GPU.
  await expect(panel.getByTestId('train-warnings')).toContainText('is large');
  await panel.screenshot({ path: `${SHOTS}/1-before.png` });

  // Only the hyperparameters of the chosen model are shown.
  const kind = panel.getByTestId('train-kind');
  await expect(kind).toHaveAccessibleName('Model');
  await kind.selectOption('multdae');
  await expect(panel.getByLabel('τ (temperature)')).toHaveCount(0);
  await expect(panel.getByLabel('K (concepts)')).toHaveCount(0);
  await kind.selectOption('macridvae');

  // Invalid input blocks Start and says why.
  const K = panel.getByLabel('K (concepts)');
  await K.fill('0');
  await expect(K).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByTestId('train-start')).toBeDisabled();

  await K.fill('2');
  await panel.getByLabel('d (latent size)').fill('4');
  await panel.getByLabel('epochs', { exact: true }).fill('2');
  // SwiftShader needs ~0.3 s per training user per epoch here: train and validate on a sample.
  await panel.getByLabel('users (0 = all)').fill(USERS);
  await expect(panel.getByTestId('train-warnings')).toHaveCount(0);
  await expect(panel.getByTestId('train-start')).toBeEnabled();
  await expect(panel.getByTestId('train-pause')).toBeDisabled();
  await expect(panel.getByTestId('train-stop')).toBeDisabled();

  const t0 = Date.now();
  await panel.getByTestId('train-start').click();
  await expect(panel.getByTestId('train-start')).toBeDisabled();
  await expect(panel.getByTestId('train-stop')).toBeEnabled();
  await expect(panel.getByTestId('train-pause')).toBeEnabled();
  await expect(panel.getByTestId('train-resume')).toBeDisabled();

  await page.waitForFunction(() => window.__explorer!.state().points.length >= 1, null, { timeout: 480_000, polling: 500 });
  await panel.screenshot({ path: `${SHOTS}/2-one-epoch.png` });
  await page.waitForFunction(
    () => {
      const s = window.__explorer!.state();
      return s.trainState === 'done' && !s.trainBusy && s.lastRun !== null;
    },
    null,
    { timeout: 480_000, polling: 500 },
  );
  const seconds = (Date.now() - t0) / 1000;
  console.log(`webgpu (SwiftShader) K=2 d=4 2 epochs, ${USERS} users: ${seconds.toFixed(1)} s from Start to the run in the library`);
  // The run is in the library, not shown, until it is chosen.
  expect((await state(page)).loaded?.model?.source).toBe('demo');
  await expect(panel.getByTestId('train-message')).toContainText('Added to the library:');
  await panel.getByTestId('use-run').click();
  await page.waitForFunction(() => window.__explorer!.state().loaded?.model?.source === 'trained');
  const s = await state(page);

  expect(s.points.map((p) => p.epoch)).toEqual([1, 2]);
  expect(s.loaded?.model).toMatchObject({ K: 2, d: 4, source: 'trained' });
  await expect(page.getByTestId('status-model')).toContainText('K=2 d=4');
  await expect(page.getByTestId('status-model')).toContainText('trained');

  // Every chart has two points and a two-vertex line; the best epoch is marked.
  for (const key of ['loss', 'kl', 'ndcg', 'recall']) {
    const chart = panel.getByTestId(`chart-${key}`);
    await expect(chart).toHaveAttribute('data-count', '2');
    await expect(chart.getByTestId(`chart-${key}-point`)).toHaveCount(2);
    const d = await chart.getByTestId(`chart-${key}-line`).getAttribute('d');
    expect(d?.match(/[ML]/g)).toHaveLength(2);
    await expect(chart.getByTestId(`chart-${key}-best`)).toHaveAttribute('data-epoch', String(s.bestEpoch));
  }

  await expect(panel.getByTestId('train-progress')).toHaveAttribute('aria-valuenow', '2');
  await expect(panel.getByTestId('train-progress')).toHaveAttribute('aria-valuemax', '2');
  await expect(panel.getByTestId('train-progress-text')).toContainText('per epoch');
  await expect(panel.getByTestId('train-message')).toContainText(`best epoch ${s.bestEpoch}, val NDCG@100`);
  await expect(panel.getByTestId('train-start')).toBeEnabled();
  await expect(panel.getByTestId('train-stop')).toBeDisabled();
  await panel.screenshot({ path: `${SHOTS}/3-done.png` });
  await page.screenshot({ path: `${SHOTS}/4-page.png`, fullPage: true });

  expect(errors).toEqual([]);
});

test('pause, step one epoch, resume and stop on wasm; the stop keeps the best checkpoint', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('status-backend')).toContainText('Backend: wasm', { timeout: 180_000 });
  const panel = page.getByTestId('training-panel');
  await expect(panel).toBeVisible({ timeout: 180_000 });

  await panel.getByLabel('K (concepts)').fill('2');
  await panel.getByLabel('d (latent size)').fill('8');
  await panel.getByLabel('batch size').fill('100');
  await panel.getByLabel('epochs', { exact: true }).fill('40');
  await panel.getByLabel('users (0 = all)').fill('200');
  await panel.getByTestId('train-start').click();

  await page.waitForFunction(() => window.__explorer!.state().points.length >= 1, null, { timeout: 120_000, polling: 200 });
  // on wasm every further core the browser reports trains a replica (up to 4 threads in all)
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  if (cores > 1) await expect(panel.getByTestId('train-thread-count')).toHaveText(` · ${Math.min(4, cores)} threads`);
  await panel.getByTestId('train-pause').click();
  await expect(panel.getByTestId('train-state')).toHaveText('Paused');
  await expect(panel.getByTestId('train-resume')).toBeEnabled();
  await expect(panel.getByTestId('train-pause')).toBeDisabled();
  await expect(panel.getByTestId('train-step')).toBeEnabled();
  await expect(panel.getByTestId('train-start')).toBeDisabled();
  // Paused means paused: the epoch count holds still (the current epoch may be finishing its batch).
  const pausedAt = (await state(page)).points.length;
  await page.waitForTimeout(1500);
  const held = (await state(page)).points.length;
  expect(held - pausedAt).toBeLessThanOrEqual(1);
  await page.waitForTimeout(1500);
  expect((await state(page)).points.length).toBe(held);

  // One step: the rest of the current epoch (or one whole epoch), then paused again.
  await panel.getByTestId('train-step').click();
  await page.waitForFunction((n) => window.__explorer!.state().points.length === n + 1, held, { timeout: 120_000, polling: 200 });
  await expect(panel.getByTestId('train-state')).toHaveText('Paused');
  await page.waitForTimeout(1500);
  expect((await state(page)).points.length).toBe(held + 1);
  await panel.screenshot({ path: `${SHOTS}/5-paused.png` });

  await panel.getByTestId('train-resume').click();
  await expect(panel.getByTestId('train-state')).toHaveText('Running');
  await page.waitForFunction((n) => window.__explorer!.state().points.length >= n + 2, held + 1, { timeout: 120_000, polling: 200 });
  await panel.getByTestId('train-stop').click();
  await page.waitForFunction(
    () => {
      const s = window.__explorer!.state();
      return s.trainState === 'stopped' && !s.trainBusy && s.lastRun !== null;
    },
    null,
    { timeout: 120_000, polling: 200 },
  );
  await panel.getByTestId('use-run').click();
  await page.waitForFunction(() => window.__explorer!.state().loaded?.model?.source === 'trained');
  const s = await state(page);
  expect(s.points.length).toBeLessThan(40);
  expect(s.loaded?.model).toMatchObject({ K: 2, d: 8, source: 'trained' });
  await expect(panel.getByTestId('train-message')).toContainText(`best epoch ${s.bestEpoch}`);
  await expect(page.getByTestId('status-model')).toContainText('K=2 d=8');
  await expect(panel.getByTestId('train-progress')).toHaveAttribute('aria-valuenow', String(s.points.length));
  await panel.screenshot({ path: `${SHOTS}/6-stopped.png` });
  expect(errors).toEqual([]);
});

import { expect, test } from '@playwright/test';

/**
 * A WebGPU device with 256 KiB buffers, simulated (?gpu-limit=): a tiny MacridVAE trains on the
 * demo's 5,697 items, its decoder in chunks, and the largest tensor measured in a probe training
 * step and a validation batch stays within the limit, while the unchunked logits would not.
 */
const LIMIT = 256 * 1024;
const USERS = 10;
const K = 2;

test('trains on WebGPU under a simulated small buffer limit, every measured tensor within it', async ({ page }) => {
  test.setTimeout(600_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?backend=webgpu&gpu-limit=${LIMIT}`);
  await expect(page.getByTestId('status-backend')).toContainText('Backend: webgpu', { timeout: 180_000 });
  await expect(page.getByTestId('status-gpu-limit')).toContainText('buffer limit 262,144 bytes (simulated');
  const panel = page.getByTestId('training-panel');
  await expect(panel).toBeVisible({ timeout: 180_000 });
  await panel.getByLabel('K (concepts)').fill(String(K));
  await panel.getByLabel('d (latent size)').fill('4');
  await panel.getByLabel('epochs', { exact: true }).fill('1');
  await panel.getByLabel('users (0 = all)').fill(String(USERS));
  await expect(panel.getByTestId('train-cost')).toContainText('(decoder 2 users at a time)');
  await panel.getByTestId('train-start').click();

  const plan = panel.getByTestId('train-decoder');
  await expect(plan).toBeVisible({ timeout: 300_000 });
  await expect(plan).toHaveAttribute('data-chunk-users', '2');
  await expect(plan).toHaveAttribute('data-limit', String(LIMIT));
  await expect(plan).toContainText(`2 of ${USERS} users at a time (5 chunks)`);
  await expect(plan).toContainText('(simulated)');
  const items = await page.evaluate(() => window.__explorer!.state().loaded!.dataset.stats.items);
  expect(4 * USERS * K * items).toBeGreaterThan(LIMIT);
  const largest = Number(await plan.getAttribute('data-largest'));
  expect(largest).toBeGreaterThan(0);
  expect(largest).toBeLessThanOrEqual(LIMIT);

  await page.waitForFunction(
    () => {
      const s = window.__explorer!.state();
      return s.trainState === 'done' && !s.trainBusy && s.lastRun !== null;
    },
    null,
    { timeout: 480_000, polling: 500 },
  );
  const points = await page.evaluate(() => window.__explorer!.state().points);
  expect(points).toHaveLength(1);
  expect(Number.isFinite(points[0].loss)).toBe(true);
  expect(points[0].ndcg100).toBeGreaterThanOrEqual(0);
  expect(errors).toEqual([]);
});

import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectedCounts, LATIN1_TITLE, makeMovieLensLike, XSS_TITLE } from './fixtures/movielens-like';

const SHOTS = process.env.E2E_SHOTS ?? 'test-results/upload-shots';
const count = (n: number) => n.toLocaleString('en-US');

const data = makeMovieLensLike({ users: 300, items: 400, perUser: 40, seed: 20240607 });
const want = expectedCounts(data.ratings, { threshold: 3.5, minClicks: 5, heldOut: 50 });

/** u.data with line 17 one field short. */
function brokenUData(): string {
  const lines = data.uData.split('\n');
  lines[16] = lines[16].split('\t').slice(0, 3).join('\t');
  return lines.join('\n');
}

async function state(page: Page) {
  return page.evaluate(() => {
    const s = window.__explorer!.state();
    return {
      dataset: s.loaded?.dataset.name ?? null,
      users: s.users?.ids.length ?? null,
      model: s.loaded?.model ? { kind: s.loaded.model.kind, source: s.loaded.model.source, K: s.loaded.model.K } : null,
      user: s.user,
      userId: s.user === null ? null : s.users!.ids[s.user],
      trainBusy: s.trainBusy,
      trainState: s.trainState,
      trainMessage: s.trainMessage,
      hasXssTitle: s.items?.titles.includes('<img src=x onerror=alert(1)>') ?? false,
    };
  });
}

test('open a click log with metadata, train on it, and survive a broken file', async ({ page, baseURL }) => {
  test.setTimeout(600_000);
  mkdirSync(SHOTS, { recursive: true });
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1360, height: 1000 });

  await page.goto('/');
  await expect(page.getByTestId('status-model')).toContainText('macridvae', { timeout: 240_000 });
  await expect(page.getByTestId('status-dataset')).toContainText('ml-latest-small');

  // 1. Both files through the dialog's file input.
  await page.getByTestId('open-data').click();
  const dialog = page.getByTestId('upload-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('upload-input').setInputFiles([
    { name: 'u.data', mimeType: 'text/plain', buffer: Buffer.from(data.uData, 'utf8') },
    { name: 'u.item', mimeType: 'application/octet-stream', buffer: Buffer.from(data.uItem) },
  ]);
  await expect(page.getByTestId('upload-use')).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByTestId('upload-format')).toContainText('MovieLens u.data');
  await expect(page.getByTestId('count-users')).toHaveText(count(want.users));
  await expect(page.getByTestId('count-items')).toHaveText(count(want.items));
  await expect(page.getByTestId('count-interactions')).toHaveText(count(want.interactions));
  await expect(page.getByTestId('count-train')).toHaveText(count(want.trainUsers));
  await expect(page.getByTestId('count-validation')).toHaveText('50');
  await expect(page.getByTestId('count-test')).toHaveText('50');
  const rows = page.getByTestId('upload-rows');
  await expect(rows.locator('tbody tr')).toHaveCount(8);
  await expect(rows.locator('tbody tr').first()).toContainText(data.uData.split('\n')[0].split('\t')[0]);
  // Titles from the file are text: the markup shows literally, no element is made from it, Latin-1 decodes.
  const metadata = page.getByTestId('upload-metadata');
  await expect(metadata.getByText(XSS_TITLE, { exact: true })).toBeVisible();
  await expect(metadata.getByText(LATIN1_TITLE, { exact: true })).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await dialog.screenshot({ path: `${SHOTS}/preview.png` });

  // Changing an option recomputes the counts (no re-read needed): users need ≥ 20 clicks.
  const strict = expectedCounts(data.ratings, { threshold: 3.5, minClicks: 20, heldOut: 50 });
  await page.getByTestId('pre-min-clicks').fill('20');
  await expect(page.getByTestId('count-users')).toHaveText(count(strict.users));
  await page.getByTestId('pre-min-clicks').fill('5');
  await expect(page.getByTestId('count-users')).toHaveText(count(want.users));
  await expect(page.getByTestId('upload-use')).toBeEnabled();

  // 2. Use it: the demo model knows other items, so it is closed and the page says a model is needed.
  await page.getByTestId('upload-use').click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.getByTestId('status-dataset')).toContainText(`u.data (${want.users} users`);
  await expect(page.getByTestId('model-needed')).toContainText('model was closed');
  await expect(page.getByTestId('status-model')).toContainText('—');
  let s = await state(page);
  expect(s).toMatchObject({ dataset: 'u.data', users: want.users, model: null, user: null, hasXssTitle: true });

  // A model for other items (the demo's) is refused; there is still no model.
  const [modelJson, weights] = await Promise.all([
    page.request.get('/models/ml-latest-small/model.json').then((r) => r.body()),
    page.request.get('/models/ml-latest-small/model.weights.bin').then((r) => r.body()),
  ]);
  await page.getByTestId('model-input').setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: modelJson },
    { name: 'model.weights.bin', mimeType: 'application/octet-stream', buffer: weights },
  ]);
  await expect(page.getByTestId('model-error')).toContainText('does not match the open dataset');
  expect((await state(page)).model).toBeNull();

  // 3. "Train a model" leads to the training panel; train a tiny MacridVAE for 2 epochs there.
  await page.getByTestId('model-needed-train').click();
  const panel = page.getByTestId('training-panel');
  await expect(panel).toBeInViewport();
  await page.getByTestId('train-kind').selectOption('macridvae');
  await page.getByTestId('train-K').fill('2');
  await page.getByTestId('train-d').fill('8');
  await page.getByTestId('train-epochs').fill('2');
  await page.getByTestId('train-batchSize').fill('100');
  await page.getByTestId('train-start').click();
  await page.waitForFunction(
    () => {
      const st = window.__explorer!.state();
      return st.loaded?.model?.source === 'trained' && !st.trainBusy && st.view !== null;
    },
    null,
    { timeout: 400_000, polling: 1000 },
  );
  s = await state(page);
  expect(s.model).toEqual({ kind: 'macridvae', source: 'trained', K: 2 });
  expect(s.users).toBe(want.users);
  expect(s.user).not.toBeNull();
  await expect(page.getByTestId('status-model')).toContainText('macridvae K=2');
  // The concept views follow the new model: every item of the uploaded catalogue, K = 2 rows.
  await page.getByTestId('concepts-section').scrollIntoViewIfNeeded();
  const vocabulary = await page.evaluate(() => window.__explorer!.state().loaded!.dataset.stats.items);
  expect(vocabulary).toBeLessThanOrEqual(want.items);
  await expect(page.getByTestId('concepts-item-count')).toHaveAttribute('data-count', String(vocabulary), { timeout: 120_000 });
  await expect(page.getByTestId('concepts-k')).toHaveText('2');
  await expect(page.getByTestId('category-heatmap-row')).toHaveCount(2);
  await expect(page.getByTestId('model-needed')).toBeHidden();
  await expect(page.getByTestId('users-count')).toContainText(`${want.users} users`);
  await expect(page.getByRole('listbox', { name: 'Users' }).getByRole('option', { selected: true })).toContainText(s.userId!);
  const statusBefore = await page.getByTestId('status-dataset').textContent();

  // 4. A broken file: the error names the line, and the dataset and model stay as they were.
  await page.getByTestId('open-data').click();
  await expect(dialog).toBeVisible();
  await page
    .getByTestId('upload-input')
    .setInputFiles([{ name: 'u.data', mimeType: 'text/plain', buffer: Buffer.from(brokenUData(), 'utf8') }]);
  const problem = page.getByTestId('upload-error-clicks');
  await expect(problem).toContainText('u.data line 17: expected 4 columns, found 3', { timeout: 120_000 });
  await problem.locator('summary').click();
  await expect(problem.locator('.import-problem-text')).toHaveText(brokenUData().split('\n')[16]);
  await expect(page.getByTestId('upload-use')).toBeDisabled();
  await dialog.screenshot({ path: `${SHOTS}/error.png` });
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-dataset')).toHaveText(statusBefore!);
  const after = await state(page);
  expect(after.dataset).toBe('u.data');
  expect(after.users).toBe(want.users);
  expect(after.model).toEqual({ kind: 'macridvae', source: 'trained', K: 2 });
  await page.screenshot({ path: `${SHOTS}/page.png` });

  // Nothing left the page's origin, no alert() ran, nothing threw.
  const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(outside).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

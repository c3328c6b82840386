import { expect, test, type Page } from '@playwright/test';
import { makeMovieLensLike } from './fixtures/movielens-like';

const data = makeMovieLensLike({ users: 160, items: 120, perUser: 30, seed: 77 });

const ready = (page: Page) =>
  page.waitForFunction(() => {
    const s = window.__explorer?.state();
    return s?.phase === 'ready' && s.library !== null;
  });

async function summary(page: Page) {
  return page.evaluate(() => {
    const s = window.__explorer!.state();
    return {
      dataset: s.loaded?.dataset.name ?? null,
      model: s.loaded?.model ? { id: s.loaded.model.libraryId, source: s.loaded.model.source } : null,
      recs: s.recs ? Array.from(s.recs.items) : null,
      order: s.dims ? Array.from(s.dims.order) : null,
      user: s.user,
      models: s.library?.models.map((m) => ({ id: m.id, status: m.status, test: m.test?.ndcg100.mean ?? null })) ?? [],
    };
  });
}

async function upload(page: Page) {
  await page.getByTestId('open-data').click();
  await page.getByTestId('upload-input').setInputFiles([
    { name: 'u.data', mimeType: 'text/plain', buffer: Buffer.from(data.uData, 'utf8') },
    { name: 'u.item', mimeType: 'application/octet-stream', buffer: Buffer.from(data.uItem) },
  ]);
  await page.getByTestId('pre-heldout').fill('10');
  await expect(page.getByTestId('upload-use')).toBeEnabled({ timeout: 120_000 });
  await page.getByTestId('upload-use').click();
  await expect(page.getByTestId('upload-dialog')).toBeHidden({ timeout: 60_000 });
}

async function train(page: Page, epochs: number) {
  const panel = page.getByTestId('training-panel');
  await panel.getByTestId('train-kind').selectOption('macridvae');
  await panel.getByTestId('train-K').fill('2');
  await panel.getByTestId('train-d').fill('4');
  await panel.getByTestId('train-epochs').fill(String(epochs));
  await panel.getByTestId('train-batchSize').fill('50');
  await panel.getByTestId('train-start').click();
}

test('an upload and the model trained on it survive a reload; an interrupted run resumes; the slider order is kept', async ({ page }) => {
  test.setTimeout(600_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?backend=wasm');
  await ready(page);
  await upload(page);
  await expect(page.getByTestId('model-needed')).toBeVisible();
  await train(page, 2);
  // With no model open the run replaces nothing, so it is shown as soon as it is in the library.
  await page.waitForFunction(
    () => window.__explorer!.state().loaded?.model?.source === 'trained' && !window.__explorer!.state().trainBusy,
    null,
    {
      timeout: 300_000,
    },
  );
  await page.waitForFunction(() => window.__explorer!.state().dims !== null);
  const before = await summary(page);
  expect(before.models).toHaveLength(1);
  expect(before.models[0]).toMatchObject({ status: 'complete' });
  expect(before.models[0].test).toBeGreaterThan(0);
  await expect(page.getByTestId('library-model')).toHaveCount(1);

  await page.reload();
  await ready(page);
  await page.waitForFunction(() => window.__explorer!.state().dims !== null);
  const after = await summary(page);
  expect(after.dataset).toBe('u.data');
  expect(after.model).toEqual(before.model);
  expect(after.recs).toEqual(before.recs);
  expect(after.order).toEqual(before.order);
  expect(after.models).toEqual(before.models);
  await expect(page.getByTestId('library-model').first()).toContainText(before.models[0].test!.toFixed(4));

  // A second, longer run: it is not shown while it trains, a reload interrupts it, Resume finishes it.
  await train(page, 12);
  await page.waitForFunction(() => (window.__explorer!.state().points.length ?? 0) >= 2, null, { timeout: 300_000 });
  await page.waitForFunction(() => window.__explorer!.state().library?.models.some((m) => m.status === 'running'));
  expect((await summary(page)).model).toEqual(before.model);
  await page.reload();
  await ready(page);
  const interrupted = page.getByTestId('library-model').filter({ hasText: 'interrupted' });
  await expect(interrupted).toHaveCount(1);
  expect((await summary(page)).model).toEqual(before.model);
  await interrupted.getByRole('button', { name: 'Resume' }).click();
  // The resumed run starts with the epochs it had saved, then goes on.
  await page.waitForFunction(() => window.__explorer!.state().points.length >= 1);
  expect(await page.evaluate(() => window.__explorer!.state().points[0].epoch)).toBe(1);
  await page.waitForFunction(() => window.__explorer!.state().lastRun !== null, null, { timeout: 480_000, polling: 500 });
  const done = await summary(page);
  expect(done.models.map((m) => m.status).sort()).toEqual(['complete', 'complete']);
  expect(done.model).toEqual(before.model);
  await expect(page.getByTestId('run-choice')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a link to a dataset this browser does not have says so and opens the demo at its first user', async ({ page }) => {
  await page.goto('/#ds=nosuch.csv&u=64&k=2');
  await ready(page);
  await expect(page.getByTestId('notice')).toContainText('“nosuch.csv”, which is not stored in this browser');
  const s = await summary(page);
  expect(s.dataset).toBe('ml-latest-small');
  expect(s.user).toBe(0);
  await page.goto('about:blank');
  await page.goto('/#ds=ml-latest-small&u=no-such-user');
  await ready(page);
  await expect(page.getByTestId('notice')).toContainText('User “no-such-user” is not in ml-latest-small');
});

test('a full disk costs nothing: the upload stays open, the notice says what was not stored, the stored state is untouched', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/?quota=20000');
  await ready(page);
  await upload(page);
  await expect(page.getByTestId('notice')).toContainText("was not stored: the browser's storage is full (quota exceeded)");
  const s = await summary(page);
  expect(s.dataset).toBe('u.data');
  await expect(page.getByTestId('model-needed')).toBeVisible();
  // Nothing half-written: a reload finds no stored upload and opens the demo as before.
  await page.goto('/');
  await ready(page);
  expect((await summary(page)).dataset).toBe('ml-latest-small');
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

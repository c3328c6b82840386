import { expect, test, type Page } from '@playwright/test';
import { formatHash } from '../src/state/url-state';

/** The titles in the "Recommendations" list, in order. */
async function titles(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Recommendations', exact: true }).locator('.rec-title').allTextContents();
}

/** Waits until the engine has answered every slider move (the store's list is the one the offsets give). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const s = window.__explorer!.state();
    return s.phase === 'ready' && s.recs !== null && s.dims !== null;
  });
}

/** The hash the store's view should have written (the URL is written shortly after a drag ends). */
async function expectedHash(page: Page): Promise<string> {
  const v = await page.evaluate(() => {
    const s = window.__explorer!.state();
    return { dataset: s.loaded?.dataset.name, user: s.users!.ids[s.user!], component: s.component, topN: s.topN, offsets: s.offsets };
  });
  return formatHash(v);
}

/** Screenshots of the two panels (kept with the test's output: --output decides where). */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 2400 });
  await page.locator('.panel-traversal').screenshot({ path: test.info().outputPath(`traversal-${name}.png`) });
  await page.locator('.panel-recs').screenshot({ path: test.info().outputPath(`recommendations-${name}.png`) });
  if (size) await page.setViewportSize(size);
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('sliders move the list, reset restores it, the URL reopens the view, no tensors leak', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const list = page.getByRole('list', { name: 'Recommendations', exact: true });
  await expect(list).toBeVisible();
  await settled(page);
  const original = await titles(page);
  expect(original.length).toBe(await page.evaluate(() => window.__explorer!.state().topN));

  // The most sensitive dimension of component 1 (sliders are sorted by it, so it is the first).
  const J = await page.evaluate(() => window.__explorer!.state().dims!.order[0] + 1);
  const slider = page.getByRole('slider', { name: `component 1 dimension ${J}`, exact: true });
  await expect(page.locator('.dim-list input[type=range]').first()).toHaveAccessibleName(`component 1 dimension ${J}`);
  await slider.focus();
  await expect.poll(() => page.evaluate(() => window.__explorer!.state().stripDim)).toBe(J - 1);

  // Step toward the far end of the range (the user's own value may sit near either end), then go there.
  const room = await slider.evaluate((el: HTMLInputElement) => ({
    up: Number(el.max) - Number(el.value),
    down: Number(el.value) - Number(el.min),
  }));
  const [step, end] = room.up >= room.down ? ['ArrowRight', 'End'] : ['ArrowLeft', 'Home'];
  const shown = await slider.getAttribute('aria-valuetext');
  for (let i = 0; i < 5; i++) await slider.press(step);
  await expect(slider).not.toHaveAttribute('aria-valuetext', shown!);
  expect(await page.evaluate((key) => window.__explorer!.state().offsets[key] ?? 0, `0:${J - 1}`)).not.toBe(0);
  await slider.press(end);
  await expect.poll(() => titles(page)).not.toEqual(original);
  const moved = await titles(page);
  await expect(page.locator('.rec-row.entered').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recommendations' }).getByRole('list', { name: /^Left the top \d+$/ })).toBeVisible();

  // The hash follows the drag (written shortly after it ends) and carries the offsets.
  const hash = await expectedHash(page);
  expect(hash).toContain('o=');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(hash);
  const shared = page.url();
  await shoot(page, 'moved');

  // Reset returns the original list and clears the offsets from the URL.
  await page.getByRole('button', { name: 'Reset all sliders' }).click();
  await expect.poll(() => titles(page)).toEqual(original);
  await expect(page.locator('.rec-row.entered')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('o=');

  // The copied link reopens the moved view in a fresh page.
  const other = await context.newPage();
  const otherErrors = watchErrors(other);
  await other.goto(shared);
  await expect(other.getByRole('list', { name: 'Recommendations', exact: true })).toBeVisible();
  await settled(other);
  await expect.poll(() => titles(other)).toEqual(moved);
  await expect(other.getByRole('slider', { name: `component 1 dimension ${J}`, exact: true })).toHaveAttribute('aria-valuetext', /offset/);
  expect(await other.evaluate(() => location.hash)).toBe(new URL(shared).hash);
  // Pasting a hash without offsets into the same tab (no reload) reopens that view too.
  const plain = new URL(shared).hash.replace(/&o=[^&]*/, '');
  await other.evaluate((h) => (location.hash = h), plain);
  await expect.poll(() => titles(other)).toEqual(original);
  await other.close();
  expect(otherErrors).toEqual([]);

  // 200 keyboard moves: the tensor count stays flat (traversal scoring does not touch tfjs).
  // The item map (further down) holds a tensor while it computes, and a tall screenshot can bring
  // it on screen: wait until it is idle or done, then take the count once it holds still.
  await expect
    .poll(async () => ['idle', 'done', 'error'].includes((await page.getByTestId('umap-status').getAttribute('data-stage')) ?? ''), {
      timeout: 300_000,
    })
    .toBe(true);
  const tensors = () => page.evaluate(() => window.__explorer!.memory().then((m) => m.numTensors));
  let before = await tensors();
  for (let settled = 0; settled < 3;) {
    await page.waitForTimeout(300);
    const now = await tensors();
    settled = now === before ? settled + 1 : 0;
    before = now;
  }
  await slider.focus();
  await slider.press('Home');
  for (let i = 0; i < 200; i++) await slider.press(i % 40 < 20 ? 'ArrowRight' : 'ArrowLeft');
  await expect.poll(tensors).toBe(before);
  const last = await page.evaluate(() => window.__explorer!.state().lastAction);
  console.log(`after 200 moves: ${before} tensors; last action ${last?.label}: ${last?.ms.toFixed(1)} ms`);
  await shoot(page, 'after-moves');

  // A mouse drag moves the coordinate too, and the list follows.
  const second = page.locator('.dim-list input[type=range]').nth(1);
  const name = await second.getAttribute('aria-label');
  const j2 = Number(/dimension (\d+)$/.exec(name!)![1]) - 1;
  await second.scrollIntoViewIfNeeded();
  // Rows use content-visibility: auto; a row scrolled into view is hit-testable after its next frame.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const box = (await second.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate((key) => window.__explorer!.state().offsets[key] ?? 0, `0:${j2}`)).not.toBe(0);

  expect(errors).toEqual([]);
});

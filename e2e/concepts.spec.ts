import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

/** Set CONCEPTS_SHOTS=/some/dir to keep screenshots of the section. */
const shots = process.env.CONCEPTS_SHOTS;

async function shot(page: Page, name: string, testId = 'concepts-section') {
  if (shots) await page.getByTestId(testId).screenshot({ path: `${shots}/${name}.png` });
}

test('concept views: overview, map, concept × category, exports', async ({ page }) => {
  test.setTimeout(480_000);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('/');

  const section = page.getByTestId('concepts-section');
  await expect(section).toBeVisible({ timeout: 240_000 });
  const { M, K } = await page.evaluate(() => {
    const s = window.__explorer!.state();
    return { M: s.loaded!.dataset.stats.items, K: s.loaded!.model!.K };
  });
  expect(M).toBeGreaterThan(1000);

  // Overview and concept × category, with the number of items from the store.
  await expect(page.getByTestId('concepts-item-count')).toHaveAttribute('data-count', String(M), { timeout: 120_000 });
  await expect(page.getByTestId('concepts-k')).toHaveText(String(K));
  await expect(page.getByTestId('confidence-verdict')).toContainText(/max c/);
  await expect(page.getByTestId('prototype-heatmap').locator('rect[role="img"]')).toHaveCount(K * K);
  await expect(page.getByTestId('category-heatmap-row')).toHaveCount(K);
  await expect(page.getByTestId('concepts-nmi')).toHaveText(/^\d\.\d{3}$/);
  await expect(page.getByTestId('concepts-ari')).toHaveText(/^-?\d\.\d{3}$/);
  await expect(page.getByTestId('concepts-interpretability')).toHaveText(/^[0-3] \/ 3$/);
  await expect(page.getByTestId('concept-typical').locator('li')).not.toHaveCount(0);
  await expect(page.getByTestId('micro-uncorrelatedness')).toHaveText(/^-?\d\.\d{3}$/, { timeout: 60_000 });

  // The UMAP map runs in the worker with a progress bar, then draws every item.
  const status = page.getByTestId('umap-status');
  await page.getByTestId('item-map').scrollIntoViewIfNeeded();
  await expect(status).toHaveAttribute('data-stage', 'done', { timeout: 300_000 });
  await expect(page.getByTestId('map-point-count')).toHaveAttribute('data-count', String(M));
  await shot(page, 'concepts-full');

  // Hovering a point shows its title and its K assignment bars.
  const canvas = page.getByTestId('item-map').locator('canvas');
  const box = (await canvas.boundingBox())!;
  const tip = page.getByTestId('item-map').getByRole('tooltip');
  for (const [fx, fy] of [
    [0.5, 0.5],
    [0.45, 0.5],
    [0.55, 0.45],
    [0.5, 0.6],
    [0.4, 0.4],
    [0.6, 0.6],
  ]) {
    await canvas.hover({ position: { x: box.width * fx, y: box.height * fy } });
    if (await tip.isVisible()) break;
  }
  await expect(tip).toBeVisible();
  await expect(tip.locator('svg rect')).toHaveCount(2 * K);
  await shot(page, 'map-hover', 'item-map');

  // Clicking a (non-empty) heatmap cell lists its items; the keyboard does the same.
  const cells = page.getByTestId('category-heatmap').locator('rect.cx-cell');
  const labels = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const nonEmpty = labels.map((l, i) => ({ l, i })).filter(({ l }) => !/: 0 items/.test(l));
  expect(nonEmpty.length).toBeGreaterThan(0);
  await cells.nth(nonEmpty[0].i).click();
  const cellItems = page.getByTestId('cell-items');
  await expect(cellItems.locator('h4')).toContainText(/: \d[\d,]* items?/);
  const expected = Number(labels[nonEmpty[0].i].match(/: ([\d,]+) items/)![1].replace(/,/g, ''));
  await expect(cellItems.locator('li')).toHaveCount(Math.min(expected, 40));
  const C = labels.length / K;
  const first = nonEmpty[0].i;
  const next = first % C === C - 1 ? first - 1 : first + 1;
  await cells.nth(first).press(first % C === C - 1 ? 'ArrowLeft' : 'ArrowRight');
  await page.keyboard.press('Enter');
  await expect(cells.nth(next)).toHaveAttribute('aria-pressed', 'true');
  await expect(cells.nth(first)).toHaveAttribute('aria-pressed', 'false');

  // Search highlights titles; picking one selects it and lists its nearest neighbours.
  await page.getByLabel('Search titles').fill('toy story');
  await expect(page.getByTestId('map-search-count')).toContainText(/\d+ match/);
  await section
    .getByRole('button', { name: /^Toy Story/ })
    .first()
    .click();
  await expect(page.getByTestId('map-neighbours').locator('li')).toHaveCount(10);
  await shot(page, 'map-selected', 'item-map');
  await shot(page, 'overview', 'assignment-overview');
  await shot(page, 'by-category', 'concepts-by-category');
  await shot(page, 'profile', 'concept-profile');
  await shot(page, 'micro', 'micro-panel');

  // Exports are downloads built from Blobs.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-assignments.csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/assignments\.csv$/);
  const text = await readFile((await csv.path())!, 'utf8');
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0]).toBe(['item_id', 'title', 'concept', ...Array.from({ length: K }, (_, k) => `c_${k + 1}`)].join(','));
  expect(lines).toHaveLength(M + 1);
  const [meta] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-metadata.tsv').click()]);
  expect(meta.suggestedFilename()).toBe('metadata.tsv');
  const metaLines = (await readFile((await meta.path())!, 'utf8')).trimEnd().split('\n');
  expect(metaLines[0]).toBe('id\ttitle\tconcept\tcategories');
  expect(metaLines).toHaveLength(M + 1);
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the item map as SVG' }).click(),
  ]);
  const svgText = await readFile((await svg.path())!, 'utf8');
  expect(svgText.match(/<circle /g)!.length).toBeGreaterThanOrEqual(M);

  expect(errors).toEqual([]);
});

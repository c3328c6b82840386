import { expect, test } from '@playwright/test';

test('the demo’s two models: one click to the anchored one, its alignment shown; compared side by side for the same user', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await page.waitForFunction(() => window.__explorer?.state().library?.models.length === 2);
  const library = page.getByTestId('library-panel');
  await expect(library.getByTestId('library-model')).toHaveCount(2);
  await expect(library.getByTestId('library-model').nth(1)).toContainText('concepts anchored to Drama, Comedy');

  await page.getByTestId('demo-switch').click();
  await page.waitForFunction(() => window.__explorer!.state().loaded?.model?.libraryId === 'demo/ml-latest-small-anchored');
  const anchored = page.getByTestId('concepts-anchored');
  await expect(anchored).toContainText('Drama');
  const nmi = Number(await anchored.getByTestId('anchored-nmi').textContent());
  expect(nmi).toBeGreaterThan(0.5);
  await expect(page.getByTestId('demo-switch')).toHaveText('Back to the unaided demo model');

  await library.getByTestId('compare-run').click();
  const result = library.getByTestId('compare-result');
  await expect(result).toBeVisible();
  const overlap = Number(await result.getByTestId('compare-overlap').textContent());
  expect(overlap).toBeGreaterThanOrEqual(0);
  expect(overlap).toBeLessThanOrEqual(20);
  await expect(result.getByTestId('compare-concepts')).toContainText('agreement NMI');
  await expect(result.getByRole('list')).toHaveCount(2);
  expect(await page.evaluate(() => window.__explorer!.state().loaded?.model?.libraryId)).toBe('demo/ml-latest-small-anchored');
  expect(errors).toEqual([]);
});

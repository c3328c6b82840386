import { expect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { textBomb } from '../src/core/testing/bad-inputs';

const memory = (page: Page) => page.evaluate(() => window.__explorer!.memory());
const loaded = (page: Page) =>
  page.evaluate(() => {
    const s = window.__explorer!.state();
    return { dataset: s.loaded?.dataset.name ?? null, model: s.loaded?.model?.kind ?? null, source: s.loaded?.model?.source ?? null };
  });

test('a bomb, a 0-byte .gz, an .xlsx and a NaN-weights model each get a clear message; nothing is lost or leaked', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('status-model')).toContainText('macridvae', { timeout: 240_000 });
  const before = await loaded(page);
  const tensors = (await memory(page)).numTensors;

  const dialog = page.getByTestId('upload-dialog');
  const files: [string, Buffer, RegExp][] = [
    ['bomb.csv.gz', Buffer.from(textBomb(40)), /bomb\.csv\.gz: it expands beyond 16 MB, over 100 times its \d+ KB compressed/],
    ['ratings.csv.gz', Buffer.alloc(0), /ratings\.csv\.gz: the file is empty/],
    [
      'ratings.csv',
      Buffer.from(
        zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'xl/workbook.xml': new Uint8Array([60, 119, 47, 62]) }),
      ),
      /ratings\.csv: this is an Excel workbook \(\.xlsx\), not a click log/,
    ],
  ];
  for (const [name, buffer, message] of files) {
    await page.getByTestId('open-data').click();
    await expect(dialog).toBeVisible();
    await page.getByTestId('upload-input').setInputFiles([{ name, mimeType: 'application/octet-stream', buffer }]);
    await expect(dialog.getByRole('alert').first()).toContainText(message, { timeout: 60_000 });
    await expect(page.getByTestId('upload-use')).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(dialog).toBeHidden();
    expect(await loaded(page)).toEqual(before);
  }

  const [modelJson, weights] = await Promise.all([
    page.request.get('/models/ml-latest-small/model.json').then((r) => r.body()),
    page.request.get('/models/ml-latest-small/model.weights.bin').then((r) => r.body()),
  ]);
  const nan = Buffer.from(weights);
  nan.fill(0xff, 0, 8);
  await page.getByTestId('model-input').setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: modelJson },
    { name: 'model.weights.bin', mimeType: 'application/octet-stream', buffer: nan },
  ]);
  await expect(page.getByTestId('model-error').first()).toContainText('model.weights.bin: weight "items" has 4 non-finite values');
  expect(await loaded(page)).toEqual(before);
  expect((await memory(page)).numTensors).toBe(tensors);
  expect(errors).toEqual([]);
});

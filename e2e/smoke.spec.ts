import { expect, test } from '@playwright/test';

test('opens the demo and shows the active backend', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('status-backend')).toContainText(/Backend: (webgpu|webgl|wasm|cpu)/);
  await expect(page.getByTestId('status-model')).toContainText('macridvae');
  expect(errors).toEqual([]);
});

import { expect, test, type Page } from '@playwright/test';

/** Waits until the engine has answered (lists and dimension effects are in the store). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const s = window.__explorer!.state();
    return s.phase === 'ready' && s.recs?.alone != null && s.dims !== null && s.dims.k === s.component && s.dims.range === s.range;
  });
}

const aloneTitles = (page: Page, k: number) =>
  page
    .getByRole('list', { name: `Component ${k} alone`, exact: true })
    .locator('.rec-title')
    .allTextContents();

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('the traversal workspace: sliders and both lists on one screen, at 1440×900 and 1920×1080', async ({ page }) => {
  const errors = watchErrors(page);
  for (const [width, height] of [
    [1440, 900],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto('/#k=2');
    await settled(page);
    await page.getByRole('combobox', { name: 'component' }).selectOption('2');
    await settled(page);
    await expect(page.getByRole('list', { name: 'Recommendations', exact: true })).toBeInViewport();
    await expect(page.getByRole('list', { name: 'Component 3 alone', exact: true })).toBeInViewport();
    await expect(page.locator('.dim-list input[type=range]').first()).toBeInViewport();
    await expect(page.locator('.strip')).toBeInViewport();
  }
  expect(errors).toEqual([]);
});

test('beyond the data range the top dimension rewrites its component’s own list; every slider says what it does', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await settled(page);
  await page.getByRole('checkbox', { name: 'Beyond the data range' }).check();
  await settled(page);
  expect(await page.evaluate(() => location.hash)).toContain('r=full');

  const first = page.locator('.dim-list input[type=range]').first();
  await first.focus();
  await first.press('Home');
  await expect.poll(() => page.evaluate(() => Object.keys(window.__explorer!.state().offsets).length)).toBe(1);
  await settled(page);
  const low = await aloneTitles(page, 1);
  await first.press('End');
  await expect.poll(async () => (await aloneTitles(page, 1)).join('|')).not.toBe(low.join('|'));
  await settled(page);
  const high = await aloneTitles(page, 1);
  const changed = high.filter((t) => !low.includes(t)).length;
  console.log(`top dimension, −1 → 1: ${changed} of the top ${high.length} of "Component 1 alone" changed`);
  expect(high.length).toBe(20);
  expect(changed).toBeGreaterThanOrEqual(10);

  // Every slider's accessible description names at least one item that rises or falls.
  const report = await page.evaluate(() => {
    const s = window.__explorer!.state();
    const trim = (t: string) => t.replace(/\s*\(\d{4}\)\s*$/, '').replace(/^(.*), (The|A|An)$/, '$2 $1');
    return Array.from(document.querySelectorAll<HTMLInputElement>('.dim-list input[type=range]'), (el) => {
      const j = Number(/dimension (\d+)$/.exec(el.getAttribute('aria-label') ?? '')![1]) - 1;
      const e = s.dims!.effects[j];
      const text = document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
      const named = [...e.rises, ...e.falls].some((i) => text.includes(trim(s.items!.titles[i])));
      return { j, text, named };
    });
  });
  expect(report.length).toBe(100);
  for (const r of report) expect(r, `dimension ${r.j + 1}: ${r.text}`).toMatchObject({ named: true });
  await expect(first).toHaveAccessibleDescription(/[↑↓] /);
  expect(errors).toEqual([]);
});

test('"Why this item" opens from the keyboard and its shares sum to 100 %; weak concepts carry no genre name', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await settled(page);
  const firstTitle = page.getByRole('list', { name: 'Recommendations', exact: true }).getByRole('button').first();
  await firstTitle.focus();
  await page.keyboard.press('Enter');
  const region = page.getByRole('region', { name: 'Why this item' });
  await expect(region).toBeVisible();
  await expect(region).toBeFocused();
  const shares = await region.getByTestId('why-share-value').allTextContents();
  expect(shares.length).toBe(await page.evaluate(() => window.__explorer!.state().view!.shares.length));
  const sum = shares.reduce((a, t) => a + Number(t.replace(/\s*%$/, '')), 0);
  expect(Math.abs(sum - 100)).toBeLessThan(0.5);
  await expect(region.getByRole('listitem').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(region).toBeHidden();

  const { weak, categories } = await page.evaluate(() => {
    const s = window.__explorer!.state();
    return {
      weak: s.view!.conceptLabels.flatMap((l, k) => (l.weak ? [k + 1] : [])),
      categories: s.loaded!.dataset.categories,
    };
  });
  expect(weak.length).toBeGreaterThan(0);
  const texts = [
    ...(await page.locator('.concept-tag.weak').allTextContents()),
    ...(await page.getByRole('combobox', { name: 'component' }).locator('option').allTextContents()).filter((t) =>
      weak.some((k) => t.startsWith(`C${k} `)),
    ),
  ];
  expect(texts.length).toBeGreaterThan(weak.length);
  for (const t of texts) {
    expect(t).toMatch(/weak/);
    for (const c of categories) expect(t, `"${t}" names ${c}`).not.toContain(c);
  }
  expect(errors).toEqual([]);
});

import { expect, test, type Page } from '@playwright/test';

/** A serialisable summary of the store (the full state holds typed arrays and functions). */
async function snapshot(page: Page) {
  return page.evaluate(() => {
    const s = window.__explorer!.state();
    return {
      phase: s.phase,
      user: s.user,
      userId: s.user === null ? null : s.users!.ids[s.user],
      component: s.component,
      historyLength: s.view?.history.length ?? null,
      K: s.view?.shares.length ?? null,
    };
  });
}

test('pick a user with the keyboard, read history and intentions, choose a component', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await page.waitForFunction(() => window.__explorer?.state().phase === 'ready' && window.__explorer.state().view !== null, null, {
    timeout: 180_000,
  });

  const first = await snapshot(page);
  expect(first.user).not.toBeNull();
  const users = page.getByRole('listbox', { name: 'Users' });
  const history = page.getByRole('list', { name: 'History' });
  const cards = page.getByTestId('intention-card');
  await expect(users.getByRole('option', { selected: true })).toContainText(first.userId!);
  await expect(page.getByTestId('history-summary')).toContainText(`${first.historyLength} items`);
  await expect(history.getByRole('listitem').first()).toBeVisible();
  await expect(cards).toHaveCount(first.K!);

  // the user with the longest history that is not the first one
  const target = await page.evaluate((current) => {
    const s = window.__explorer!.state();
    let best = -1;
    s.users!.clicks.forEach((n, u) => {
      if (u !== current && (best < 0 || n > s.users!.clicks[best])) best = u;
    });
    return { id: s.users!.ids[best], clicks: s.users!.clicks[best], maxClicks: Math.max(...s.users!.clicks) };
  }, first.user);

  await page.getByRole('combobox', { name: 'Order users' }).selectOption('clicks');
  await expect(users.getByRole('option').first()).toContainText(`${target.maxClicks} clicks`);

  const search = page.getByRole('searchbox', { name: 'Search users by id' });
  await search.fill(target.id);
  await expect(users.getByRole('option').first()).toContainText(target.id);
  // into the list, down and back up with the arrows, then Enter
  await search.press('ArrowDown');
  await expect(users).toBeFocused();
  const optionCount = await users.getByRole('option').count();
  if (optionCount > 1) {
    await users.press('ArrowDown');
    const second = await users.getAttribute('aria-activedescendant');
    await users.press('ArrowUp');
    expect(await users.getAttribute('aria-activedescendant')).not.toBe(second);
  }
  await expect(page.locator(`#${await users.getAttribute('aria-activedescendant')}`)).toContainText(target.id);
  await users.press('Enter');

  await expect.poll(async () => (await snapshot(page)).userId, { timeout: 120_000 }).toBe(target.id);
  await expect(users.getByRole('option', { selected: true })).toContainText(target.id);
  await expect(page.getByTestId('history-summary')).toContainText(`user ${target.id} · ${target.clicks} items`);
  await expect(page.getByTestId('intentions-user')).toContainText(`user ${target.id}`);
  await expect(history.getByRole('listitem').first()).toBeVisible();
  // virtualised: a long history renders only what fits
  expect(await history.getByRole('listitem').count()).toBeLessThan(Math.min(target.clicks, 100));
  await expect(cards).toHaveCount(first.K!);

  // a card selects its component for traversal
  const intentionButtons = page.getByRole('list', { name: 'Intentions' }).getByRole('button');
  await expect(intentionButtons).toHaveCount(first.K!);
  const pick = (first.component + 1) % first.K!;
  await cards.nth(pick).click({ position: { x: 40, y: 80 } });
  await expect(intentionButtons.nth(pick)).toHaveAttribute('aria-pressed', 'true');
  await expect(intentionButtons.nth(first.component)).toHaveAttribute('aria-pressed', 'false');
  expect((await snapshot(page)).component).toBe(pick);
  // and from the keyboard
  await intentionButtons.nth(first.component).focus();
  await page.keyboard.press('Enter');
  await expect(intentionButtons.nth(first.component)).toHaveAttribute('aria-pressed', 'true');

  await page.screenshot({ path: process.env.E2E_SCREENSHOT ?? test.info().outputPath('users-intentions.png'), fullPage: true });
  expect(errors).toEqual([]);
});

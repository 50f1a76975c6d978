/**
 * The wizard shell in Debian Chromium against the real browser-mode server (real renderer, real
 * core, real HTTP bridge): targets come from core, the first step works by keyboard alone, and
 * progress survives a reload because it lives on the Node side, not in the browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { startWizardServer, type WizardServer } from './support/wizard-stack';

/** The only web-storage key the renderer may write: the per-launch session token. */
const SESSION_TOKEN_KEY = 'wizard.token';

/** Fails the test on any console error, including CSP violations. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

const stepNav = (page: Page) => page.getByRole('navigation', { name: 'Wizard steps' });

test.describe('wizard shell (browser mode)', () => {
  // No emulator: nothing here talks to Dropbox, so the bare server is enough.
  let server: WizardServer;
  let dataDir: string;
  test.beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'wizard-shell-'));
    server = await startWizardServer({ dataDir, env: { WIZARD_LOG_REQUESTS: '0' } });
  });
  test.afterEach(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('shows the targets core serves and six steps with the current one marked', async ({
    page,
  }) => {
    const problems = watchConsole(page);
    await page.goto(server.url);

    await expect(page.getByRole('radio', { name: 'Snow Atlas', exact: true })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Custom', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Choose connector' })).toBeVisible();

    const steps = stepNav(page).getByRole('listitem');
    await expect(steps).toHaveCount(6);
    await expect(steps).toHaveText([
      /Choose connector/,
      /Create app/,
      /Permissions/,
      /Authorize/,
      /Verify/,
      /Copy & export/,
    ]);
    const current = stepNav(page).locator('[aria-current="step"]');
    await expect(current).toHaveCount(1);
    await expect(current).toContainText('Choose connector');

    // The token left the address bar as soon as the page read it.
    expect(new URL(page.url()).hash).toBe('');
    expect(problems).toEqual([]);
  });

  test('chooses a target with the keyboard alone', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto(server.url);
    await expect(page.getByRole('radio', { name: 'Snow Atlas', exact: true })).toBeVisible();

    // Tab until focus enters the radio group.
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press('Tab');
      if (
        await page.evaluate(
          () => (document.activeElement as HTMLInputElement | null)?.type === 'radio',
        )
      )
        break;
    }
    await expect(page.locator('input[type="radio"]:focus')).toHaveCount(1);

    // Arrow keys move through the group and select as they go (wrapping at the end); walk until
    // Snow Atlas is the selected one. Tab alone lands on a radio without selecting it.
    const snow = page.getByRole('radio', { name: 'Snow Atlas', exact: true });
    const count = await page.getByRole('radio').count();
    for (let i = 0; i <= count && !(await snow.isChecked()); i += 1) {
      await page.keyboard.press('ArrowDown');
    }
    await expect(snow).toBeFocused();
    await expect(snow).toBeChecked();

    // Arrow away and back: the selection follows the arrow keys.
    await page.keyboard.press('ArrowDown');
    await expect(snow).not.toBeChecked();
    await page.keyboard.press('ArrowUp');
    await expect(snow).toBeChecked();

    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: 'Create app' });
    await expect(heading).toBeVisible();
    // Focus moves to the new step's heading for screen-reader and keyboard users.
    await expect(heading).toBeFocused();
    await expect(page.getByRole('banner')).toContainText('Snow Atlas');
    await expect(stepNav(page).locator('[aria-current="step"]')).toContainText('Create app');
    expect(problems).toEqual([]);
  });

  test('selection and step survive a reload; the browser stores no progress', async ({ page }) => {
    await page.goto(server.url);
    await page.getByRole('radio', { name: 'Snow Atlas', exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create app' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Create app' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Snow Atlas');
    const nav = stepNav(page);
    await expect(nav.locator('[aria-current="step"]')).toContainText('Create app');
    await expect(nav.getByRole('listitem').first()).toContainText('completed');

    // Going back shows the persisted choice.
    await nav.getByRole('button', { name: /Choose connector/ }).click();
    await expect(page.getByRole('radio', { name: 'Snow Atlas', exact: true })).toBeChecked();

    const storage = await page.evaluate(() => ({
      local: Object.keys(window.localStorage),
      session: Object.keys(window.sessionStorage),
    }));
    expect(storage.local).toEqual([]);
    expect(storage.session).toEqual([SESSION_TOKEN_KEY]);
    const indexedDbs = await page.evaluate(async () =>
      (await indexedDB.databases()).map((db) => db.name),
    );
    expect(indexedDbs).toEqual([]);
  });
});

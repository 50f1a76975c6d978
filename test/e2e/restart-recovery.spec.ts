/**
 * Browser mode survives a restart of its local service. The admin has typed
 * into the page; the service stops; the page says so; the service is started again on the same
 * port and data dir and prints a new address (new token). Pasting that address, either into the
 * old tab's address bar (only the fragment changes, so no reload) or into the banner's field,
 * makes the very next call work, and what was typed is still there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { ROOT } from './support/wizard-stack';

const SERVER_ENTRY = path.join(ROOT, 'out/server/index.mjs');
const TYPED_KEY = 'typed-but-not-submitted-key';

/** A port that was free a moment ago: the restarted service must come back on the same one. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface Service {
  readonly url: string;
  stop(): Promise<void>;
}

/** `npm run start:browser -- --port N --data-dir D --no-open`, from the built out/. */
async function startService(port: number, dataDir: string): Promise<Service> {
  const proc: ChildProcess = spawn(
    process.execPath,
    [SERVER_ENTRY, '--port', String(port), '--no-open', '--data-dir', dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, WIZARD_LOG_REQUESTS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`wizard server did not start:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /Wizard ready at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wizard server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

const banner = (page: Page) => page.locator('#server-lost-banner');
const appKey = (page: Page) => page.getByLabel('App key', { exact: true });

test.describe('browser mode: the local service restarts', () => {
  let dataDir: string;
  let port: number;
  let running: Service | null = null;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'wizard-restart-'));
    port = await freePort();
    running = await startService(port, dataDir);
  });
  test.afterEach(async () => {
    await running?.stop();
    running = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Opens the wizard, reaches Create app and types a key without submitting it. */
  async function typeIntoThePage(page: Page, url: string): Promise<void> {
    await page.goto(url);
    await page.getByRole('radio', { name: 'Snow Atlas', exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create app' })).toBeVisible();
    await appKey(page).fill(TYPED_KEY);
    // A reload would drop this marker: it proves the page was never reloaded.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
  }

  async function stopAndSeeTheBanner(page: Page): Promise<void> {
    await running?.stop();
    running = null;
    await expect(banner(page)).toBeVisible({ timeout: 15_000 });
    await expect(banner(page)).toContainText("The wizard's local service stopped");
    await expect(banner(page)).toContainText('npm run start:browser');
  }

  async function expectNothingLostAndCallsWork(page: Page): Promise<void> {
    await expect(banner(page)).toBeHidden();
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    await expect(appKey(page)).toHaveValue(TYPED_KEY);
    // The token never stays in the address bar.
    expect(new URL(page.url()).hash).toBe('');
    // The next bridge call reaches the restarted service: going back to the first step asks it.
    const answered = page.waitForResponse(
      (response) => response.url().includes('/api/') && response.request().method() === 'POST',
    );
    await page
      .getByRole('navigation', { name: 'Wizard steps' })
      .getByRole('button', { name: /Choose connector/ })
      .click();
    expect((await answered).status()).toBe(200);
    await expect(page.getByRole('radio', { name: 'Snow Atlas', exact: true })).toBeChecked();
  }

  test('pasting the new address into the old tab changes only the fragment, and the next call works', async ({
    page,
  }) => {
    const first = running?.url ?? '';
    await typeIntoThePage(page, first);
    await stopAndSeeTheBanner(page);

    running = await startService(port, dataDir);
    expect(running.url).not.toBe(first);
    expect(new URL(running.url).origin).toBe(new URL(first).origin);
    // What the browser does when the admin pastes the address into this tab's address bar.
    await page.goto(running.url);

    await expectNothingLostAndCallsWork(page);
  });

  test('pasting the new address into the banner and pressing Reconnect resumes without a reload', async ({
    page,
  }) => {
    await typeIntoThePage(page, running?.url ?? '');
    await stopAndSeeTheBanner(page);

    // Too early: nothing answers yet, and the banner says what to do.
    await banner(page).getByRole('button', { name: 'Reconnect' }).click();
    await expect(banner(page)).toContainText('Nothing answers');

    running = await startService(port, dataDir);
    await banner(page).getByLabel('New address').fill(running.url);
    await banner(page).getByRole('button', { name: 'Reconnect' }).click();

    await expectNothingLostAndCallsWork(page);
  });
});

/**
 * Saved connectors never greener than what was checked, end to end in Chromium
 * against the emulator, on one stack shared in order: an rclone connector imported from its
 * export is Healthy only with every write scope proved by a call, and a write scope unticked in
 * the App Console makes it Failing, naming the scope; after a browser-mode restart the status is
 * a neutral "Can’t check" whose Import the exported file restores Healthy; a Certero connector
 * says what its check covers, and Run test authorization finds a demoted admin; a connector
 * deleted while Check all runs stays deleted; a second wizard on the same data folder is refused.
 * Screenshots of the states (1280×800 and 1024×700) go to E2E_SHOTS_DIR.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEFAULT_SEED_PATH, type Seed } from '../dropbox-emulator/index';
import { expectNoSeriousA11yViolations } from './support/axe';
import { connectorRow, goHome, openConnector, ADMIN_IDENTITY } from './support/saved-connectors';
import {
  button,
  continueButton,
  expectVerifyPassed,
  pressAndCatchTab,
  shot,
  signInByShownCode,
  watchConsole,
} from './support/wizard-steps';
import {
  PERSONAL_USER,
  startWizardServer,
  startWizardStack,
  TEAM_ADMIN,
  type WizardStack,
} from './support/wizard-stack';

const RCLONE_APP = { key: 'rclonehonest001', secret: 'h0nest5ecret7rc' };
const RCLONE_SCOPES = [
  'account_info.read',
  'files.content.read',
  'files.content.write',
  'files.metadata.read',
  'files.metadata.write',
  'sharing.read',
  'sharing.write',
];
const CERTERO_APP = { key: 'certerodemo0001', secret: '4umm6ec1ssbh54d' };
const CERTERO_URI = 'https://cc.certero.com/cmp/AuthorizeDropboxConnector';
const RCLONE_CONNECTOR = `rclone — ${PERSONAL_USER.email}`;
const CERTERO_CONNECTOR = 'Certero — Example Ltd';

function seed(): Seed {
  const base = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as Seed;
  delete (base as { $schema?: string }).$schema;
  return {
    ...base,
    description: 'Default seed plus an rclone app.',
    apps: [
      ...(base.apps ?? []),
      {
        key: RCLONE_APP.key,
        secret: RCLONE_APP.secret,
        name: 'rclone',
        access: 'full_dropbox',
        scopes: RCLONE_SCOPES,
        redirectUris: [],
        allowPublicClients: true,
        status: 'development',
      },
    ],
  };
}

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 800 } });

let stack: WizardStack;
let outDir: string;
let exportFile: string;
let problems: string[] = [];

test.beforeAll(async () => {
  stack = await startWizardStack({ emulator: { seed: seed() } });
  outDir = mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-honest-'));
  exportFile = path.join(outDir, 'rclone.json');
});
test.afterAll(async () => {
  await stack?.stop();
  rmSync(outDir, { recursive: true, force: true });
});
test.beforeEach(({ page }) => {
  problems = watchConsole(page);
});
test.afterEach(() => {
  expect(problems).toEqual([]);
});

/** The connector page's status panel (its heading is the status badge). */
const healthPanel = (page: Page): Locator => page.locator('section.connector-health');
const pageStatus = (page: Page): Locator => page.locator('.connector-title');

/** Both sizes an admin uses: a laptop and a small window. */
async function shots(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-1280x800`);
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, `${name}-1024x700`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function checkNow(page: Page): Promise<void> {
  await button(page, 'Check now').click();
  await expect(page.getByRole('region', { name: 'Checks just now' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText('Checking…')).toHaveCount(0, { timeout: 20_000 });
}

test('rclone: Healthy only with every write scope proved; sharing.write unticked → Failing, naming the scope', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // The rclone connector as its generic JSON export carries it (a grant made earlier).
  const account = (await stack.emulator.state()).accounts.find(
    (a) => a.email === PERSONAL_USER.email,
  )!;
  const minted = await stack.emulator.mintToken({
    appKey: RCLONE_APP.key,
    accountId: account.accountId,
  });
  writeFileSync(
    exportFile,
    JSON.stringify({
      format: 'dropbox-connector/v1',
      target: 'rclone',
      created_at: '2026-06-01T09:00:00Z',
      app_key: RCLONE_APP.key,
      app_secret: RCLONE_APP.secret,
      refresh_token: minted.refresh_token,
      scopes: RCLONE_SCOPES,
      token_kind: 'user',
      team: null,
      account: { id: account.accountId, email: PERSONAL_USER.email, display_name: 'Pat Personal' },
      checks: [],
    }),
  );
  await page.goto(stack.url);
  await goHome(page);
  await page.getByLabel('Import a file').setInputFiles(exportFile);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 connector:' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(connectorRow(page, RCLONE_CONNECTOR)).toContainText('Healthy');
  await openConnector(page, RCLONE_CONNECTOR);
  await expect(healthPanel(page)).toContainText('7 of 7 scopes verified by a call');
  await shots(page, 'honest-connector-healthy');

  await stack.emulator.patchApp(RCLONE_APP.key, {
    scopes: RCLONE_SCOPES.filter((scope) => scope !== 'sharing.write'),
  });
  await checkNow(page);
  await expect(pageStatus(page)).toContainText('Failing');
  await expect(pageStatus(page)).not.toContainText('Healthy');
  await expect(healthPanel(page)).toContainText('6 of 7 scopes verified by a call · 1 refused');
  // The cause and its fix, once: in what changed since the last check.
  const changed = page.getByRole('region', { name: 'What changed since the last check' });
  await expect(changed).toContainText('sharing.write is no longer ticked');
  await expect(changed.getByRole('button', { name: 'Open App Console' })).toBeVisible();
  await expect(healthPanel(page)).not.toContainText('sharing.write is no longer ticked');
  await shots(page, 'honest-connector-failing-scope');
  await expectNoSeriousA11yViolations(page, 'Connector page: failing scope');

  await goHome(page);
  const row = connectorRow(page, RCLONE_CONNECTOR);
  await expect(row).toContainText('Failing');
  await expect(row).toContainText('sharing.write');
  await expect(
    row.getByRole('button', { name: `Open App Console: ${RCLONE_CONNECTOR}` }),
  ).toBeVisible();
  await shots(page, 'honest-home-failing');
  await expectNoSeriousA11yViolations(page, 'Home: a failing row with its cause and fix');

  await stack.emulator.patchApp(RCLONE_APP.key, { scopes: RCLONE_SCOPES });
});

test('browser-mode restart: a neutral "Can’t check" with Import the exported file, which restores Healthy', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await stack.restartWizard();
  await page.goto(stack.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Connectors' })).toBeVisible();
  await button(page, 'Check all').click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Checked 1 connector: none failing, 1 can’t be checked' }),
  ).toBeVisible({ timeout: 20_000 });
  const row = connectorRow(page, RCLONE_CONNECTOR);
  await expect(row).toContainText('Can’t check');
  await expect(row).not.toContainText('Failing');
  await expect(row).toContainText('browser mode keeps secrets in memory');
  await shots(page, 'honest-home-secret-not-held');
  await expectNoSeriousA11yViolations(page, 'Home: secret not held, Import the exported file');

  await row.getByLabel(`Import the exported file: ${RCLONE_CONNECTOR}`).setInputFiles(exportFile);
  await expect(row).toContainText('Healthy', { timeout: 20_000 });
  // The same connector updated, not a copy.
  await expect(connectorRow(page, RCLONE_CONNECTOR)).toHaveCount(1);

  // The same file imported again from Import a file: offered as an update, never a copy.
  await page.getByLabel('Import a file').setInputFiles(exportFile);
  const offer = page
    .getByRole('status')
    .filter({ hasText: 'Already saved (same app key and account)' });
  await expect(offer).toBeVisible({ timeout: 20_000 });
  await shots(page, 'honest-home-import-existing');
  await offer.getByRole('button', { name: 'Update that connector from the file' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 connector:' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(connectorRow(page, RCLONE_CONNECTOR)).toHaveCount(1);
});

test('Certero: the status says what its check covers; Run test authorization finds a demoted admin', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await stack.emulator.patchApp(CERTERO_APP.key, {
    redirectUris: [CERTERO_URI, ...stack.redirectUris],
  });
  await page.goto(stack.url);
  await button(page, 'New connector').click();
  await page.getByRole('radio', { name: 'Certero', exact: true }).check();
  await continueButton(page).click();
  await page.getByLabel('App key', { exact: true }).fill(CERTERO_APP.key);
  await page.getByLabel('App secret', { exact: true }).fill(CERTERO_APP.secret);
  await continueButton(page).click();
  // The default test sign-in: the code Dropbox shows, pasted and exchanged at once.
  await signInByShownCode(page, TEAM_ADMIN);
  await expectVerifyPassed(page, ADMIN_IDENTITY);

  await goHome(page);
  await openConnector(page, CERTERO_CONNECTOR);
  await checkNow(page);
  await expect(pageStatus(page)).toContainText('Key and secret valid');
  await expect(healthPanel(page)).toContainText(
    'App key and secret valid · the product’s own token is not visible to the wizard',
  );

  const admin = (await stack.emulator.state()).accounts.find((a) => a.email === TEAM_ADMIN.email)!;
  await stack.emulator.patchAccount(admin.accountId, { role: 'member' });
  await checkNow(page);
  // The key check cannot see a demotion, and the label never claims it could.
  await expect(pageStatus(page)).toContainText('Key and secret valid');
  await shots(page, 'honest-connector-app-only');

  await healthPanel(page).getByRole('button', { name: 'Run test authorization' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Test authorization' })).toBeVisible();
  // Still signed in at Dropbox as the same admin (its session cookie): no sign-in form.
  const again = await pressAndCatchTab(page, 'Dropbox showed me a code');
  // Dropbox refuses a team app's sign-in by someone who is no longer a team admin.
  await expect(again.locator('#refusal-title')).toBeVisible();
  await again.close();
  await stack.emulator.patchAccount(admin.accountId, { role: 'team_admin' });
});

test('a connector deleted while Check all runs stays deleted', async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.goto(stack.url);
  await goHome(page);
  await expect(connectorRow(page, RCLONE_CONNECTOR)).toHaveCount(1);
  // Slow refreshes keep Check all running while the other tab deletes.
  await stack.emulator.addFault({ route: '/oauth2/token', latencyMs: 2_500, count: 4 });
  await button(page, 'Check all').click();
  await expect(page.getByText('Checking every connector…')).toBeVisible();

  const other = await context.newPage();
  await other.goto(stack.url);
  await goHome(other);
  await openConnector(other, RCLONE_CONNECTOR);
  await button(other, 'Delete').click();
  const dialog = other.getByRole('dialog', { name: `Delete ${RCLONE_CONNECTOR}?` });
  await dialog.getByRole('checkbox', { name: 'Also revoke its token at Dropbox' }).uncheck();
  await dialog.getByRole('button', { name: 'Delete connector' }).click();
  await expect(other.getByRole('heading', { level: 1, name: 'Connectors' })).toBeVisible();
  await other.close();

  await expect(page.getByRole('status').filter({ hasText: /^Checked / })).toBeVisible({
    timeout: 30_000,
  });
  await expect(connectorRow(page, RCLONE_CONNECTOR)).toHaveCount(0);
  await page.reload();
  await expect(connectorRow(page, CERTERO_CONNECTOR)).toHaveCount(1);
  await expect(connectorRow(page, RCLONE_CONNECTOR)).toHaveCount(0);
  await stack.emulator.clearFaults();
});

test('a second wizard on the same data folder is refused with a message naming the first', async () => {
  let output = '';
  await expect(
    startWizardServer({
      dataDir: stack.dataDir,
      env: { DROPBOX_WEB_ORIGIN: stack.emulator.origin, DROPBOX_API_ORIGIN: stack.emulator.origin },
      onOutput: (text) => {
        output += text;
      },
    }),
  ).rejects.toThrow(/exited with 1/);
  expect(output).toContain('Another Dropbox Connector Wizard is already using the data folder');
  expect(output).toContain(new URL(stack.url).origin);
  expect(output).not.toMatch(/token=/);
});

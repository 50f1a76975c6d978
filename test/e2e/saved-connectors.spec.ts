/**
 * Saved connectors end to end in Chromium against the emulator, on one stack shared by
 * the tests in order (each test builds on the connectors the ones before it saved): two Snow
 * Atlas runs for two teams give two connectors (Degraded: account_info.read is not checkable on a
 * team token); a refresh token revoked in the emulator turns that one Failing with its cause and
 * the reconnect fix in its row while the other is unchanged (and Reconnect
 * heals it); a scope unticked in the App Console shows as drift with the App Console fix; a
 * reconnect as a different account is caught and "Keep the old account" keeps it; the error
 * decoder from the home screen and a connector page, the pasted text kept out of web storage;
 * an HTML verification report with the facts and no secret; export, delete and import back.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  ADMIN_IDENTITY,
  connectorRow,
  connectorTable,
  EXAMPLE_CONNECTOR,
  goHome,
  MEMBER,
  NORTHWIND,
  NORTHWIND_ADMIN,
  NORTHWIND_CONNECTOR,
  NORTHWIND_IDENTITY,
  openConnector,
  PERSONAL_CONNECTOR,
  personalCustomConnector,
  signInInNewTab,
  snowAtlasConnector,
  twoTeamSeed,
  webStorage,
} from './support/saved-connectors';
import {
  button,
  continueToVerify,
  heading,
  SNOW_ATLAS_SCOPES,
  watchConsole,
} from './support/wizard-steps';
import {
  NO_REDIRECT_APP,
  PERSONAL_USER,
  SNOW_APP,
  startWizardStack,
  TEAM_ADMIN,
  type WizardStack,
} from './support/wizard-stack';

const INVALID_GRANT =
  '{"error": "invalid_grant", "error_description": "refresh token is invalid or revoked"}';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 800 } });

let stack: WizardStack;
let outDir: string;
let problems: string[] = [];

test.beforeAll(async () => {
  // The tap records every token the wizard received, for the report's no-secret check.
  stack = await startWizardStack({ emulator: { seed: twoTeamSeed() }, tapApi: true });
  outDir = mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-saved-'));
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

/** The wizard as the admin opens it again later: the home screen, once a connector is saved. */
async function openHome(page: Page): Promise<void> {
  await page.goto(stack.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Connectors' })).toBeVisible();
  await expect(connectorTable(page)).toBeVisible();
}

const changes = (page: Page): Locator =>
  page.getByRole('region', { name: 'What changed since the last check' });

/** "Check now" on the open connector page; waits for the spinner to go. */
async function checkNow(page: Page): Promise<void> {
  await button(page, 'Check now').click();
  await expect(page.getByRole('region', { name: 'Checks just now' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText('Checking…')).toHaveCount(0, { timeout: 20_000 });
}

/** A connector's status badge on its page (next to the h1). */
const pageStatus = (page: Page): Locator => page.locator('.connector-title');

test('two Snow Atlas runs for two teams give two connectors on the home screen, each saying what was verified', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(stack.url);
  await expect(heading(page, 'Choose connector')).toBeVisible();
  await snowAtlasConnector(page, TEAM_ADMIN, ADMIN_IDENTITY);
  await goHome(page);
  await expect(connectorTable(page).getByRole('rowheader')).toHaveText([EXAMPLE_CONNECTOR]);

  await snowAtlasConnector(page, NORTHWIND_ADMIN, NORTHWIND_IDENTITY);
  await goHome(page);
  await expect(connectorTable(page).getByRole('rowheader')).toHaveCount(2);
  const example = connectorRow(page, EXAMPLE_CONNECTOR);
  const northwind = connectorRow(page, NORTHWIND_CONNECTOR);
  for (const [row, email, team] of [
    [example, TEAM_ADMIN.email, 'Example Ltd'],
    [northwind, NORTHWIND_ADMIN.email, NORTHWIND.name],
  ] as const) {
    await expect(row).toContainText('Snow Atlas');
    await expect(row).toContainText(email);
    await expect(row).toContainText(team);
    // Snow Atlas's account_info.read has no harmless call for a team token: not checkable, so
    // the row says Degraded with what was verified, never Healthy.
    await expect(row).toContainText('Degraded');
    await expect(row).toContainText('account_info.read');
  }
});

test('a refresh token revoked at Dropbox turns that connector Failing with its cause and the Reconnect fix; the other is unchanged', async ({
  page,
}) => {
  test.setTimeout(90_000);
  expect(
    await stack.emulator.revokeTokens({ appKey: SNOW_APP.key, teamId: NORTHWIND.teamId }),
  ).toBeGreaterThan(0);
  // Check all from the home screen: that connector Failing, the other team's still Healthy.
  await openHome(page);
  await button(page, 'Check all').click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Checked 2 connectors: 1 failing.' }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(connectorRow(page, NORTHWIND_CONNECTOR)).toContainText('Failing');
  // The failing row names its first cause and offers its fix.
  await expect(connectorRow(page, NORTHWIND_CONNECTOR)).toContainText(/revoked/);
  await expect(
    connectorRow(page, NORTHWIND_CONNECTOR).getByRole('button', {
      name: `Reconnect: ${NORTHWIND_CONNECTOR}`,
    }),
  ).toBeVisible();
  await expect(connectorRow(page, EXAMPLE_CONNECTOR)).toContainText('Degraded');
  // The status filter shows the failing one alone.
  await page.getByLabel('Show').selectOption({ label: 'Failing (1)' });
  await expect(connectorTable(page).getByRole('rowheader')).toHaveText([NORTHWIND_CONNECTOR]);
  await page.getByLabel('Show').selectOption({ label: 'All connectors (2)' });

  // Its page: what changed since the last check (Verify's) and the fix, with its button.
  await openConnector(page, NORTHWIND_CONNECTOR);
  await expect(pageStatus(page)).toContainText('Failing');
  const revoked = changes(page).getByRole('listitem');
  await expect(revoked).toHaveCount(1);
  await expect(revoked).toContainText(/revoked/);
  const reconnect = revoked.getByRole('button', { name: 'Reconnect', exact: true });
  await expect(reconnect).toBeVisible();

  // The fix works: Reconnect, the same admin signs in, Verify passes again.
  await reconnect.click();
  await expect(heading(page, 'Authorize')).toBeVisible();
  await signInInNewTab(page, NORTHWIND_ADMIN);
  await continueToVerify(page);
  await expect(page.getByRole('status').filter({ hasText: 'All checks passed.' })).toBeVisible({
    timeout: 20_000,
  });
  // A saved connector's new authorization has one name, in the wizard as on its page.
  await expect(page.getByText('Is this the account you meant? If not, reconnect.')).toBeVisible();
  await expect(button(page, 'Reconnect')).toBeVisible();
  await expect(button(page, 'Sign in again')).toHaveCount(0);
  await goHome(page);
  await expect(connectorRow(page, NORTHWIND_CONNECTOR)).toContainText('Degraded');
  await expect(connectorRow(page, EXAMPLE_CONNECTOR)).toContainText('Degraded');
});

test('a scope unticked in the App Console shows as drift naming the scope, with the App Console fix', async ({
  page,
}) => {
  await stack.emulator.patchApp(SNOW_APP.key, {
    scopes: SNOW_ATLAS_SCOPES.filter((scope) => scope !== 'sessions.list'),
  });
  // The emulator's App Console has no form (it documents PATCH /__emulator/apps): it shows the
  // app's Permissions without sessions.list now.
  const consolePage = await page.context().newPage();
  await consolePage.goto(`${stack.emulator.origin}/developers/apps`);
  const card = consolePage.locator(`#app-${SNOW_APP.key}`);
  await expect(card.locator('.scopes')).not.toContainText('sessions.list');
  await expect(card.locator('.scopes')).toContainText('members.read');
  await consolePage.close();

  await openHome(page);
  await openConnector(page, EXAMPLE_CONNECTOR);
  await checkNow(page);
  await expect(pageStatus(page)).toContainText('Failing');
  const drift = changes(page)
    .getByRole('listitem')
    .filter({ hasText: /sessions\.list is no longer ticked/ });
  await expect(drift).toHaveCount(1);
  await expect(drift).toContainText('App Console → your app → Permissions: tick sessions.list');
  const fix = drift.getByRole('button', { name: 'Open App Console', exact: true });
  await expect(fix).toBeVisible();
  // The fix opens the App Console in a new tab.
  const [tab] = await Promise.all([page.context().waitForEvent('page'), fix.click()]);
  await tab.waitForLoadState('domcontentloaded');
  expect(new URL(tab.url()).pathname).toMatch(/^\/developers\/apps/);
  await tab.close();

  // Ticked again: the next check says it is fixed, and the connector is Healthy.
  await stack.emulator.patchApp(SNOW_APP.key, { scopes: [...SNOW_ATLAS_SCOPES] });
  await checkNow(page);
  await expect(pageStatus(page)).toContainText('Degraded');
  await expect(
    page.getByText('3 of 4 scopes verified by a call · 1 granted at setup, not checkable'),
  ).toBeVisible();
});

test('a reconnect as a different account is caught; "Keep the old account" keeps it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openHome(page);
  await personalCustomConnector(page, stack);
  await goHome(page);
  await expect(connectorRow(page, PERSONAL_CONNECTOR)).toContainText('Healthy');
  await expect(connectorRow(page, PERSONAL_CONNECTOR)).toContainText(PERSONAL_USER.email);

  await openConnector(page, PERSONAL_CONNECTOR);
  await button(page, 'Reconnect').click();
  await expect(heading(page, 'Authorize')).toBeVisible();
  await signInInNewTab(page, MEMBER, {
    tabSays: 'Dropbox signed in as a different account than this connector',
  });
  const dialog = page.getByRole('dialog', { name: 'A different Dropbox account signed in' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText(PERSONAL_USER.email);
  await expect(dialog.getByRole('button', { name: 'Keep the old account' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Keep the old account' }).click();
  await expect(dialog).toBeHidden();

  await goHome(page);
  const row = connectorRow(page, PERSONAL_CONNECTOR);
  await expect(row).toContainText(PERSONAL_USER.email);
  await expect(row).not.toContainText(MEMBER.email);
  await expect(row).toContainText('Healthy');
  // Dropbox agrees: the member's sign-in was revoked, the personal grant still works.
  const state = await stack.emulator.state();
  const member = state.accounts.find((a) => a.email === MEMBER.email);
  await expect
    .poll(async () =>
      (await stack.emulator.state()).tokens
        .filter((t) => t.appKey === NO_REDIRECT_APP.key && t.accountId === member?.accountId)
        .every((t) => t.revoked),
    )
    .toBe(true);
});

test('the error decoder from the home screen and on a connector page; the pasted text stays out of web storage', async ({
  page,
}) => {
  await openHome(page);
  const toggle = button(page, 'Decode an error');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const field = page.getByLabel('Paste the error your product shows');
  await expect(field).toBeFocused();
  await field.fill(INVALID_GRANT);
  await button(page, 'Decode').click();
  const meaning = page.getByRole('list', { name: 'What the error means' });
  await expect(meaning).toContainText('Dropbox no longer accepts the refresh token');
  await expect(meaning).toContainText('Reconnect');

  await openConnector(page, EXAMPLE_CONNECTOR);
  const decoder = page.getByRole('region', { name: 'Decode an error' });
  await decoder.getByLabel('Paste the error your product shows').fill(INVALID_GRANT);
  await decoder.getByRole('button', { name: 'Decode', exact: true }).click();
  await expect(decoder.getByRole('list', { name: 'What the error means' })).toContainText(
    'Dropbox no longer accepts the refresh token',
  );
  await expect(decoder.getByRole('list', { name: 'What the error means' })).toContainText(
    'Reconnect',
  );
  // Its own check ran: the connector's refresh works, so the product holds another token.
  const checked = decoder.getByRole('region', { name: 'This connector, checked now' });
  await expect(checked).toContainText('This connector passed its checks just now');

  const storage = await webStorage(page);
  for (const text of [INVALID_GRANT, 'refresh token is invalid or revoked', 'invalid_grant']) {
    expect(storage.local).not.toContain(text);
    expect(storage.session).not.toContain(text);
  }
});

test('the HTML verification report names the team and app key and holds no secret', async ({
  page,
}) => {
  await openHome(page);
  await openConnector(page, NORTHWIND_CONNECTOR);
  const file = path.join(outDir, 'northwind-report.html');
  const report = page.getByRole('region', { name: 'Verification report' });
  await report.getByLabel('Report file').fill(file);
  await report.getByRole('button', { name: 'Export HTML report' }).click();
  await expect(report.getByText(`Report written to ${file}`)).toBeVisible();
  const html = readFileSync(file, 'utf8');
  expect(html).toContain(NORTHWIND.name);
  expect(html).toContain(SNOW_APP.key);
  expect(html).toContain(NORTHWIND_ADMIN.email);

  // The real secret values of this run: the app secret, and every access and refresh token the
  // token endpoint gave the wizard (read off the recording pass-through).
  const tokens = stack
    .apiExchanges()
    .filter((e) => e.url.startsWith('/oauth2/token') && e.status === 200)
    .flatMap((e) => {
      const body = JSON.parse(e.responseBody) as Record<string, unknown>;
      return [body.access_token, body.refresh_token].filter(
        (t): t is string => typeof t === 'string',
      );
    });
  expect(tokens.length).toBeGreaterThanOrEqual(4);
  for (const secret of [SNOW_APP.secret, NO_REDIRECT_APP.secret, ...tokens]) {
    expect(secret.length).toBeGreaterThanOrEqual(10);
    expect(html.includes(secret), 'a secret in the report').toBe(false);
  }
});

test('export generic JSON, delete the connector without revoking, import the file: Healthy again', async ({
  page,
}) => {
  await openHome(page);
  await openConnector(page, PERSONAL_CONNECTOR);
  await button(page, 'Copy & export').click();
  await expect(heading(page, 'Copy & export')).toBeVisible();
  await expect(page.getByRole('region', { name: `Saved as ${PERSONAL_CONNECTOR}` })).toBeVisible();
  const format = page.getByLabel('File format');
  if (await format.isVisible()) await format.selectOption({ label: 'Generic JSON file' });
  const file = path.join(outDir, 'personal-custom.json');
  await page.getByLabel('Export file', { exact: true }).fill(file);
  await button(page, 'Export file').click();
  await expect(page.getByText(`Written to ${file}`)).toBeVisible();
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ app_key: NO_REDIRECT_APP.key });

  await page
    .getByRole('region', { name: `Saved as ${PERSONAL_CONNECTOR}` })
    .getByRole('button', { name: 'See all connectors' })
    .click();
  await openConnector(page, PERSONAL_CONNECTOR);
  await button(page, 'Delete').click();
  const dialog = page.getByRole('dialog', { name: `Delete ${PERSONAL_CONNECTOR}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Also revoke its token at Dropbox' }).uncheck();
  await dialog.getByRole('button', { name: 'Delete connector' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connectors' })).toBeVisible();
  await expect(connectorRow(page, PERSONAL_CONNECTOR)).toHaveCount(0);
  await expect(connectorTable(page).getByRole('rowheader')).toHaveCount(2);

  await page.getByLabel('Import a file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 connector:' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(connectorRow(page, PERSONAL_CONNECTOR)).toContainText('Healthy');
  await expect(connectorRow(page, PERSONAL_CONNECTOR)).toContainText(PERSONAL_USER.email);
  await expect(connectorTable(page).getByRole('rowheader')).toHaveCount(3);
});

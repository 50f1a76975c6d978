/**
 * The product profiles end to end: each test starts its own emulator and wizard server, registers
 * on an emulator app what the admin would register in the App Console, and drives the wizard to
 * the product's own outcome: a verified app-only setup (Certero through the code Dropbox shows,
 * with only Certero's redirect URI on the app; Cerb the loopback way, whose finish says the
 * wizard's URIs can go), the redirect URI pre-flights (VisualCron), Defender's one confirmation
 * and printable summary with no Dropbox call at all, a rclone.conf that rclone itself reads, and
 * a Custom app whose team scope needs a team admin.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import {
  button,
  continueButton,
  continueToVerify,
  expectCloseThisTab,
  expectVerifyPassed,
  openWizard,
  pressAndCatchTab,
  signInOnDropbox,
  signInByShownCode,
  watchConsole,
} from './support/wizard-steps';
import { NO_REDIRECT_APP, PERSONAL_USER, SNOW_APP, TEAM_ADMIN } from './support/wizard-stack';
import { goHome, snowAtlasConnector } from './support/saved-connectors';
import { test } from './support/wizard-test';

const CERTERO_APP = { key: 'certerodemo0001', secret: '4umm6ec1ssbh54d' };
const CERTERO_URI = 'https://cc.certero.com/cmp/AuthorizeDropboxConnector';
const ADMIN_ACCOUNT_ID = 'dbid:AAutw7xnxczgpqHsggVo1dnx8HaXfn4GJLj';
const MEMBER = { email: 'member@example.test', password: 'demo-password' };
const RCLONE = '/usr/bin/rclone';
const ADMIN_IDENTITY = {
  name: 'Ada Admin',
  email: TEAM_ADMIN.email,
  team: 'Example Ltd',
  teamAdmin: true,
} as const;

/** Any step's title as the plan names it ("Test authorization", "Prerequisites", "Summary"…). */
function title(page: Page, name: string): Locator {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

const appChecks = (page: Page): Locator => page.getByRole('list', { name: 'App checks' });

/** Choose connector: the card, its inputs, extra scopes; Continue → Create app. */
async function choose(
  page: Page,
  name: string,
  options: { inputs?: Record<string, string>; extraScopes?: readonly string[] } = {},
): Promise<void> {
  await page.getByRole('radio', { name, exact: true }).check();
  for (const [label, value] of Object.entries(options.inputs ?? {})) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  for (const scope of options.extraScopes ?? []) {
    await page.getByRole('checkbox', { name: scope, exact: true }).check();
  }
  await continueButton(page).click();
}

async function fillCredentials(page: Page, app: { key: string; secret: string }): Promise<void> {
  await page.getByLabel('App key', { exact: true }).fill(app.key);
  await page.getByLabel('App secret', { exact: true }).fill(app.secret);
  await continueButton(page).click();
}

/** Permissions → Continue → the authorize step under the plan's title. */
async function throughPermissions(page: Page, authorizeTitle: string): Promise<void> {
  await expect(title(page, 'Permissions')).toBeVisible();
  await continueButton(page).click();
  await expect(title(page, authorizeTitle)).toBeVisible();
}

/** Sign in through the loopback tab as `account`; back on the wizard, Continue → Verify. */
async function signInByBrowser(
  page: Page,
  account: { email: string; password: string },
): Promise<void> {
  const tab = await pressAndCatchTab(page, 'Sign in in a new browser tab');
  await signInOnDropbox(tab, account);
  await expectCloseThisTab(tab);
  await tab.close();
  await continueToVerify(page);
}

/**
 * The test sign-in of an app-only product, as offered by default: on Permissions, "Continue and
 * open Dropbox" opens Test authorization with the code field focused and Dropbox in a new tab;
 * sign in on Dropbox's page, paste the code it shows: the paste alone exchanges it and the wizard
 * goes on to Verify (no Continue).
 */
/** Verify → Continue → Copy & export; the default format written to `file`. */
async function exportDefault(page: Page, file: string): Promise<void> {
  await continueButton(page).click();
  await expect(title(page, 'Copy & export')).toBeVisible();
  await page.getByLabel('Export file', { exact: true }).fill(file);
  await button(page, 'Export file').click();
  await expect(page.getByText(`Written to ${file}`)).toBeVisible();
}

function valueRow(page: Page, label: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) });
}

test('Custom with a team scope: the team-admin note, a member is refused by name, the team admin passes', async ({
  page,
  stack,
}) => {
  const problems = watchConsole(page);
  await openWizard(page, stack);
  await choose(page, 'Custom', { extraScopes: ['members.read'] });
  await expect(title(page, 'Create app')).toBeVisible();
  await expect(page.getByText(/The team scopes you ticked read\s+team data/)).toContainText(
    'only a team admin of your Dropbox team can approve',
  );
  // The Snow Atlas demo app has members.read and the stack's redirect URIs.
  await fillCredentials(page, SNOW_APP);
  await throughPermissions(page, 'Authorize');

  // A member signs in: Dropbox refuses the team scope and names who can link it.
  const tab = await pressAndCatchTab(page, 'Sign in in a new browser tab');
  await tab.getByLabel('Email').fill(MEMBER.email);
  await tab.getByLabel('Password').fill(MEMBER.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(tab.locator('#refusal-title')).toBeVisible();
  await expect(tab.locator('#refusal-detail')).toContainText('members.read');
  await expect(tab.locator('#refusal-detail')).toContainText(
    'Only a Dropbox team admin can link it. You are not an admin of your team.',
  );
  // The wizard is still waiting: nothing was granted.
  await expect(page.getByText(/Waiting for Dropbox/)).toBeVisible();

  // "Sign in as someone else" on Dropbox's page: the team admin signs in to the same attempt.
  await tab.getByRole('link', { name: 'Sign in as someone else' }).click();
  await signInOnDropbox(tab, TEAM_ADMIN);
  await expectCloseThisTab(tab);
  await tab.close();

  // The wizard goes on to Verify by itself and the team admin passes.
  await expectVerifyPassed(page, ADMIN_IDENTITY);

  // Verify names the requirement too: the signing admin demoted, Run checks again fails by name.
  await stack.emulator.patchAccount(ADMIN_ACCOUNT_ID, { role: 'member' });
  await button(page, 'Run checks again').click();
  await expect(page.getByRole('status').filter({ hasText: 'Some checks failed.' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(
    page
      .getByRole('list', { name: 'Verify checks' })
      .getByRole('listitem')
      .filter({ hasText: 'Failed: Who authorized the app' }),
  ).toContainText('is no longer an active team admin');

  // A team admin again: the checks pass.
  await stack.emulator.patchAccount(ADMIN_ACCOUNT_ID, { role: 'team_admin' });
  await button(page, 'Run checks again').click();
  await expectVerifyPassed(page, ADMIN_IDENTITY);
  expect(problems).toEqual([]);
});

test('Certero: redirect URI pre-flight, test authorization through the shown code as team admin, Verify, test token revoked, Client ID/Secret rows', async ({
  page,
  stack,
}) => {
  const problems = watchConsole(page);
  // Registered as Certero's guide says: Certero's URI only. The test sign-in needs none of the
  // wizard's, because by default it uses the code Dropbox shows.
  await stack.emulator.patchApp(CERTERO_APP.key, { redirectUris: [CERTERO_URI] });
  await openWizard(page, stack);
  await choose(page, 'Certero');
  await expect(title(page, 'Create app')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Certero redirect URIs' })).toContainText(
    CERTERO_URI,
  );
  await expect(page.getByRole('list', { name: 'Redirect URIs to register' })).toHaveCount(0);
  await fillCredentials(page, CERTERO_APP);
  const created = await stack.emulator.state();
  expect(created.apps.find((a) => a.key === CERTERO_APP.key)?.redirectUris).toEqual([CERTERO_URI]);

  await signInByShownCode(page, TEAM_ADMIN);
  await expectVerifyPassed(page, ADMIN_IDENTITY);
  const revoked = page
    .getByRole('list', { name: 'Verify checks' })
    .getByRole('listitem')
    .filter({ hasText: 'Test sign-in revoked' });
  await expect(revoked).toContainText('Passed:');
  // Dropbox agrees: every token the test sign-in got is revoked.
  const tokens = (await stack.emulator.state()).tokens.filter((t) => t.appKey === CERTERO_APP.key);
  expect(tokens.length).toBeGreaterThan(0);
  expect(tokens.every((t) => t.revoked)).toBe(true);

  await continueButton(page).click();
  await expect(title(page, 'Copy & export')).toBeVisible();
  await expect(valueRow(page, 'Client ID')).toContainText(CERTERO_APP.key);
  await expect(valueRow(page, 'Client Secret')).toContainText('hidden');
  await expect(page.getByText(CERTERO_APP.secret)).toHaveCount(0);
  // Nothing of the wizard's was added to the app, so there is nothing to tidy up.
  await expect(page.getByRole('heading', { name: 'Tidy up the app' })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('Cerb: base URL asked first, exact redirect URI pre-flighted, the loopback test sign-in, the Cerb package exported, the wizard URIs named for removal', async ({
  page,
  stack,
  outDir,
}) => {
  const problems = watchConsole(page);
  const base = 'https://cerb.example.com';
  const cerbUri = `${base}/oauth/callback`;
  await stack.emulator.patchApp(NO_REDIRECT_APP.key, {
    redirectUris: [cerbUri, ...stack.redirectUris],
    scopes: ['account_info.read', 'files.content.read', 'files.metadata.read'],
  });
  await openWizard(page, stack);
  await page.getByRole('radio', { name: 'Cerb', exact: true }).check();
  await expect(page.getByLabel('Cerb base URL', { exact: true })).toBeVisible();
  // A trailing slash is what a copy from the address bar brings.
  await choose(page, 'Cerb', { inputs: { 'Cerb base URL': `${base}/` } });
  await expect(title(page, 'Create app')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Cerb redirect URIs' }).locator('code')).toHaveText([
    cerbUri,
  ]);
  // The admin chooses the loopback way for the test sign-in (the shown code is the default).
  const showCode = page.getByLabel(/Test with the code Dropbox shows/);
  await expect(showCode).toBeChecked();
  await showCode.uncheck();
  await expect(page.getByRole('list', { name: 'Redirect URIs to register' })).toBeVisible();
  await fillCredentials(page, NO_REDIRECT_APP);
  await throughPermissions(page, 'Test authorization');

  await signInByBrowser(page, PERSONAL_USER);
  await expectVerifyPassed(page, { name: 'Pat Personal', email: PERSONAL_USER.email });
  const file = path.join(outDir, 'cerb-package.json');
  await exportDefault(page, file);
  // Cerb never uses the wizard's loopback URIs: the finish names them for removal.
  const removable = page.getByRole('list', { name: 'Redirect URIs you can remove' });
  await expect(removable.locator('code')).toHaveText([...stack.redirectUris]);
  await expect(removable).not.toContainText(cerbUri);

  const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
    records: { uid: string; params: Record<string, string> }[];
  };
  const service = pkg.records.find((r) => r.uid === 'service_dropbox');
  expect(service).toBeDefined();
  const params = service?.params ?? {};
  expect(params.client_id).toBe(NO_REDIRECT_APP.key);
  expect(params.client_secret).toBe(NO_REDIRECT_APP.secret);
  expect(new URL(params.authorization_url ?? '').searchParams.get('token_access_type')).toBe(
    'offline',
  );
  expect(params.scope?.split(' ').sort()).toEqual([
    'account_info.read',
    'files.content.read',
    'files.metadata.read',
  ]);
  expect(problems).toEqual([]);
});

test('VisualCron: both localhost redirect URIs pre-flighted; a missing one fails by name', async ({
  page,
  stack,
}) => {
  const problems = watchConsole(page);
  // Only http://localhost registered at first.
  await stack.emulator.patchApp(NO_REDIRECT_APP.key, {
    redirectUris: ['http://localhost', ...stack.redirectUris],
  });
  await openWizard(page, stack);
  await choose(page, 'VisualCron');
  await expect(title(page, 'Create app')).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'VisualCron redirect URIs' }).locator('code'),
  ).toHaveText(['http://localhost', 'http://localhost:9999']);
  await fillCredentials(page, NO_REDIRECT_APP);

  const rows = appChecks(page).getByRole('listitem');
  const failed = rows.filter({ hasText: 'Failed:' });
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('VisualCron redirect URI');
  await expect(failed).toContainText('http://localhost:9999');
  await expect(
    rows.filter({ hasText: 'Passed:' }).filter({ hasText: 'Dropbox accepts http://localhost.' }),
  ).toHaveCount(1);
  await expect(title(page, 'Create app')).toBeVisible();

  // Registered in the App Console: both pass and the wizard moves on.
  await stack.emulator.patchApp(NO_REDIRECT_APP.key, {
    redirectUris: ['http://localhost', 'http://localhost:9999', ...stack.redirectUris],
  });
  await continueButton(page).click();
  await expect(title(page, 'Permissions')).toBeVisible();
  await page
    .getByRole('button', { name: /Create app/ })
    .first()
    .click();
  await expect(title(page, 'Create app')).toBeVisible();
  for (const uri of ['http://localhost', 'http://localhost:9999']) {
    await expect(
      rows.filter({ hasText: 'Passed:' }).filter({ hasText: `Dropbox accepts ${uri}.` }),
    ).toHaveCount(1);
  }
  await expect(rows.filter({ hasText: 'Failed:' })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("Defender for Cloud Apps: the admin's email asked once, one confirmation, a summary for the portal, no Dropbox call at all", async ({
  page,
  stack,
  outDir,
}) => {
  const problems = watchConsole(page);
  const adminEmail = 'it-admin@example.com';
  await stack.emulator.clearRequests();
  await openWizard(page, stack);
  // A slip in the email is refused on the card, by name.
  await choose(page, 'Microsoft Defender for Cloud Apps', {
    inputs: { "Dropbox team admin's email": 'it-admin@example' },
  });
  await expect(page.getByText("Dropbox team admin's email must be an email address")).toBeVisible();
  await choose(page, 'Microsoft Defender for Cloud Apps', {
    inputs: { "Dropbox team admin's email": adminEmail },
  });
  await expect(title(page, 'Prerequisites')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Wizard steps' });
  await expect(nav).toContainText('Prerequisites');
  await expect(nav).toContainText('Summary');
  await expect(nav).not.toContainText('Create app');

  // One confirmation, not a tick per line; the email shown back, not asked again.
  await expect(page.getByRole('checkbox')).toHaveCount(1);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByText(adminEmail)).toBeVisible();
  await continueButton(page).click();
  const confirm = page.getByRole('checkbox', { name: 'These are in place' });
  await expect(page.getByRole('alert')).toContainText('Tick the box once these are in place.');
  await expect(confirm).toBeFocused();
  await confirm.check();
  await continueButton(page).click();
  await expect(title(page, 'Summary')).toBeVisible();

  // The finish holds what the portal needs and nothing of the token flows.
  await expect(page.getByRole('listitem').filter({ hasText: 'Generate link' })).toContainText(
    `enter ${adminEmail} and click Generate link`,
  );
  await expect(page.getByRole('heading', { name: 'Values' })).toHaveCount(0);
  await expect(button(page, 'Export redacted copy for support')).toHaveCount(0);
  await expect(button(page, 'Revoke this token')).toHaveCount(0);

  const file = path.join(outDir, 'defender-summary.html');
  await page.getByLabel('Export file', { exact: true }).fill(file);
  await button(page, 'Export file').click();
  await expect(page.getByText(`Written to ${file}`)).toBeVisible();
  const summary = readFileSync(file, 'utf8');
  expect(summary).toContain('Connect Dropbox to Microsoft Defender for Cloud Apps');
  expect(summary).toContain(`enter ${adminEmail} and click Generate link`);
  expect(summary).toContain('Test API');

  const dropboxCalls = (await stack.emulator.requests())
    .filter((r) => /^\/(2\/|oauth2\/)/.test(r.path))
    .map((r) => `${r.method} ${r.path}`);
  expect(dropboxCalls).toEqual([]);
  expect(problems).toEqual([]);
});

test("Defender for Cloud Apps holds no secret: the where-secrets-are-kept banner stays off its screens while a saved connector's shows elsewhere", async ({
  page,
  stack,
}) => {
  const banner = page.getByRole('complementary', { name: 'Where secrets are kept' });
  await openWizard(page, stack);
  await snowAtlasConnector(page, TEAM_ADMIN, ADMIN_IDENTITY);
  await expect(banner).toBeVisible();
  await goHome(page);
  await expect(banner).toBeVisible();

  await button(page, 'New connector').click();
  await choose(page, 'Microsoft Defender for Cloud Apps', {
    inputs: { "Dropbox team admin's email": TEAM_ADMIN.email },
  });
  await expect(title(page, 'Prerequisites')).toBeVisible();
  await expect(banner).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'These are in place' }).check();
  await continueButton(page).click();
  await expect(title(page, 'Summary')).toBeVisible();
  await expect(banner).toHaveCount(0);
});

test('rclone: full flow with the remote name, an rclone.conf that rclone itself reads', async ({
  page,
  stack,
  outDir,
}) => {
  const problems = watchConsole(page);
  await stack.emulator.patchApp(NO_REDIRECT_APP.key, {
    redirectUris: [...stack.redirectUris],
    scopes: [
      'account_info.read',
      'files.content.read',
      'files.content.write',
      'files.metadata.read',
      'files.metadata.write',
      'sharing.read',
      'sharing.write',
    ],
  });
  await openWizard(page, stack);
  await page.getByRole('radio', { name: 'rclone', exact: true }).check();
  await expect(page.getByLabel('Remote name', { exact: true })).toHaveValue('dropbox');
  await choose(page, 'rclone', { inputs: { 'Remote name': 'work-dropbox' } });
  await expect(title(page, 'Create app')).toBeVisible();
  await fillCredentials(page, NO_REDIRECT_APP);
  await throughPermissions(page, 'Authorize');
  await signInByBrowser(page, PERSONAL_USER);
  await expectVerifyPassed(page, { name: 'Pat Personal', email: PERSONAL_USER.email });
  const file = path.join(outDir, 'rclone.conf');
  await exportDefault(page, file);

  const conf = readFileSync(file, 'utf8');
  expect(conf).toContain('[work-dropbox]');
  expect(conf).toMatch(/^type = dropbox$/m);
  expect(conf).toContain(`client_id = ${NO_REDIRECT_APP.key}`);
  if (!existsSync(RCLONE)) {
    console.log(`rclone check skipped: ${RCLONE} is not installed`);
    test.skip(true, `${RCLONE} is not installed`);
    return;
  }
  const dump = spawnSync(RCLONE, ['--config', file, 'config', 'dump'], { encoding: 'utf8' });
  expect(dump.status, dump.stderr).toBe(0);
  const remotes = JSON.parse(dump.stdout) as Record<string, Record<string, string>>;
  const remote = remotes['work-dropbox'];
  expect(remote).toMatchObject({
    type: 'dropbox',
    client_id: NO_REDIRECT_APP.key,
    client_secret: NO_REDIRECT_APP.secret,
  });
  const token = JSON.parse(remote?.token ?? '{}') as Record<string, unknown>;
  expect(String(token.refresh_token ?? '').length).toBeGreaterThan(10);
  expect(token.token_type).toBeDefined();
  expect(problems).toEqual([]);
});

/**
 * What the admin sees when something goes wrong, and that the fix the wizard offers works: bad
 * credentials, an unregistered redirect URI, a missing scope, a cancelled consent, an expired
 * code, a forged redirect, a busy port, rate limiting and an outage, and a reload mid-flow.
 * Every test starts its own emulator and wizard server. A screenshot of each failure state goes
 * to /tmp/e2e-shots (E2E_SHOTS_DIR).
 */
import { createServer, type Server } from 'node:net';
import { expect, type Page } from '@playwright/test';
import {
  button,
  chooseTarget,
  continueButton,
  continueToVerify,
  expectCloseThisTab,
  expectVerifyPassed,
  heading,
  openWizard,
  passCreateAppAndPermissions,
  pressAndCatchTab,
  readShownCode,
  recordTraffic,
  shot,
  signInOnDropbox,
  submitCredentials,
} from './support/wizard-steps';
import {
  NO_REDIRECT_APP,
  PERSONAL_USER,
  SNOW_APP,
  TEAM_ADMIN,
  type WizardStack,
} from './support/wizard-stack';
import { test } from './support/wizard-test';

const ADMIN_IDENTITY = {
  name: 'Ada Admin',
  email: TEAM_ADMIN.email,
  team: 'Example Ltd',
  teamAdmin: true,
} as const;

const appChecks = (page: Page) => page.getByRole('list', { name: 'App checks' });
const appKeyField = (page: Page) => page.getByLabel('App key', { exact: true });
const appSecretField = (page: Page) => page.getByLabel('App secret', { exact: true });

/** Snow Atlas up to the Authorize step. */
async function toAuthorize(page: Page, stack: WizardStack): Promise<void> {
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await passCreateAppAndPermissions(page, SNOW_APP);
}

/** Custom app without a redirect URI up to the Authorize step. */
async function toAuthorizeWithoutRedirect(page: Page, stack: WizardStack): Promise<void> {
  await openWizard(page, stack);
  await chooseTarget(page, 'Custom', { extraScopes: ['files.metadata.read'] });
  await passCreateAppAndPermissions(page, NO_REDIRECT_APP, { noRedirectUri: true });
}

test('wrong app secret: Create app names the cause and the App Console fix, and keeps both values', async ({
  page,
  stack,
}) => {
  const wrongSecret = 'wrongsecret0000';
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await submitCredentials(page, { key: SNOW_APP.key, secret: wrongSecret });

  const failed = appChecks(page).getByRole('listitem').filter({ hasText: 'Failed:' });
  await expect(failed).toContainText('Dropbox rejected this app key and secret.');
  await expect(failed).toContainText('App Console → your app → Settings');
  await expect(failed.getByRole('button', { name: 'Edit credentials' })).toBeVisible();
  await expect(heading(page, 'Create app')).toBeVisible();
  // Nothing typed is lost: the admin corrects one character instead of pasting both again.
  await expect(appKeyField(page)).toHaveValue(SNOW_APP.key);
  await expect(appSecretField(page)).toHaveValue(wrongSecret);
  await shot(page, '03-wrong-secret');

  // The failure is announced, not only painted red: a screen reader hears it as an alert, like
  // every other error.
  const alert = page
    .getByRole('alert')
    .filter({ hasText: 'Dropbox rejected this app key and secret.' })
    .filter({ hasText: 'App Console → your app → Settings' });
  await expect(alert.first()).toBeVisible();
});

test('unregistered redirect URI: caught by the pre-flight on Create app, naming the exact URI', async ({
  page,
  stack,
}) => {
  await stack.emulator.patchApp(SNOW_APP.key, { redirectUris: [] });
  const uri = `http://127.0.0.1:${stack.ports[0]}/oauth/callback`;
  expect(stack.redirectUris[0]).toBe(uri);

  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await submitCredentials(page, SNOW_APP);

  const failed = appChecks(page).getByRole('listitem').filter({ hasText: 'Failed:' });
  await expect(failed).toContainText('Redirect URI registered');
  await expect(failed).toContainText(`Dropbox does not accept the redirect URI ${uri}`);
  await expect(failed).toContainText(`Redirect URIs → paste ${uri} → Add`);
  await expect(failed.getByRole('button', { name: 'Open App Console' })).toBeVisible();
  // The key and secret themselves were fine.
  await expect(
    appChecks(page).getByRole('listitem').filter({ hasText: 'Passed: App key and secret' }),
  ).toBeVisible();
  await expect(heading(page, 'Create app')).toBeVisible();
  await shot(page, '04-redirect-uri-not-registered');

  // The admin registers it in the App Console and checks again: Continue now passes.
  await stack.emulator.patchApp(SNOW_APP.key, { redirectUris: [...stack.redirectUris] });
  await continueButton(page).click();
  await expect(heading(page, 'Permissions')).toBeVisible();
});

test('app lacks sessions.list: Verify names it and the fix; after the App Console fix, Sign in again passes', async ({
  page,
  stack,
}) => {
  // Dropbox as observed refuses the pre-flight's scope= list outright, so the missing scope is
  // named before sign-in (dropbox-as-observed.spec.ts). Whether it refuses a PARTLY enabled list
  // is UNCONFIRMED; where Dropbox grants the ticked part, Verify is the net tested here.
  const seed = await stack.emulator.state();
  await stack.emulator.reset({
    ...seed,
    options: { ...seed.options, partlyEnabledScopes: 'grant_enabled' },
  });
  await stack.emulator.patchApp(SNOW_APP.key, {
    scopes: ['account_info.read', 'team_info.read', 'members.read'],
  });
  await toAuthorize(page, stack);
  let tab = await pressAndCatchTab(page, 'Sign in in a new browser tab');
  await signInOnDropbox(tab, TEAM_ADMIN);
  await expectCloseThisTab(tab);
  await tab.close();

  await continueToVerify(page);
  const missing = page.getByRole('region', { name: 'Scopes missing from the token' });
  await expect(missing).toBeVisible({ timeout: 20_000 });
  await expect(missing.getByRole('listitem')).toHaveText(['sessions.list']);
  await expect(missing).toContainText('tick them on the Permissions tab');
  await expect(missing).toContainText('Submit');
  await expect(missing).toContainText('Sign in again');
  // Running the checks again cannot help (a token keeps its scopes): the summary says what does.
  await expect(page.getByRole('status').filter({ hasText: 'Some checks failed.' })).toContainText(
    'Tick the missing permission in the App Console (Permissions tab), press Submit, then Sign in again.',
  );
  await expect(page.getByText(/run the checks again/)).toHaveCount(0);
  await expect(continueButton(page)).toBeDisabled();
  // Exactly one "Sign in again" on the page.
  await expect(button(page, 'Sign in again')).toHaveCount(1);
  await shot(page, '05-missing-scope');

  // The admin ticks sessions.list in the App Console and presses Submit.
  await stack.emulator.patchApp(SNOW_APP.key, {
    scopes: ['account_info.read', 'team_info.read', 'members.read', 'sessions.list'],
  });
  await button(page, 'Sign in again').click();
  await expect(heading(page, 'Authorize')).toBeVisible();
  // The held token cannot pass: a warning, not a green "press Continue".
  await expect(
    page.getByText('The token the wizard holds lacks sessions.list: sign in again below.'),
  ).toBeVisible();
  await expect(page.getByText(/already holds a refresh token/)).toHaveCount(0);
  await shot(page, '05b-authorize-token-lacks-scope');
  tab = await pressAndCatchTab(page, 'Sign in in a new browser tab');
  await signInOnDropbox(tab, TEAM_ADMIN);
  await expectCloseThisTab(tab);
  await tab.close();
  await expectVerifyPassed(page, ADMIN_IDENTITY);
  await expect(page.getByRole('region', { name: 'Scopes missing from the token' })).toHaveCount(0);
});

test('consent cancelled on Dropbox: the wizard says so and offers Sign in again', async ({
  page,
  stack,
}) => {
  await toAuthorize(page, stack);
  const tab = await pressAndCatchTab(page, 'Sign in in a new browser tab');
  await signInOnDropbox(tab, TEAM_ADMIN, 'cancel');
  await expect(
    tab.getByRole('heading', { name: 'You cancelled the Dropbox sign-in' }),
  ).toBeVisible();
  await tab.close();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    'The sign-in was cancelled on Dropbox, so no access was granted.',
  );
  await expect(alert).toContainText('choose Allow');
  await expect(alert.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await expect(page.getByText(/Waiting for Dropbox/)).toHaveCount(0);
  await shot(page, '06-consent-cancelled');

  // Sign in again clears the error and puts the sign-in choices back.
  await alert.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(button(page, 'Sign in in a new browser tab')).toBeFocused();
});

test('code expired before it was pasted: an error with Sign in again', async ({ page, stack }) => {
  await toAuthorizeWithoutRedirect(page, stack);
  const tab = await pressAndCatchTab(page, 'Dropbox showed me a code');
  await signInOnDropbox(tab, PERSONAL_USER);
  const code = await readShownCode(tab);
  await tab.close();

  await stack.emulator.advanceClock(3600);
  await page.getByLabel('Authorization code', { exact: true }).fill(code);
  await continueButton(page).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The authorization code has expired or was already used.');
  await expect(alert.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await expect(heading(page, 'Authorize')).toBeVisible();
  await shot(page, '07-code-expired');

  // Sign in again: a fresh code from a new attempt works.
  await alert.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByLabel('Authorization code', { exact: true })).toHaveCount(0);
  const again = await pressAndCatchTab(page, 'Dropbox showed me a code');
  await signInOnDropbox(again, PERSONAL_USER);
  const fresh = await readShownCode(again);
  await again.close();
  await page.getByLabel('Authorization code', { exact: true }).fill(fresh);
  await continueButton(page).click();
  await expectVerifyPassed(page, { name: 'Pat Personal', email: PERSONAL_USER.email });
});

test('forged redirect (state mismatch): refused without echoing the code, the real sign-in still completes', async ({
  page,
  stack,
}) => {
  await toAuthorize(page, stack);
  const tab = await pressAndCatchTab(page, 'Sign in in a new browser tab');
  await expect(tab.getByLabel('Email')).toBeVisible();
  await expect(page.getByText(/Waiting for Dropbox/)).toBeVisible();

  const forgedCode = 'forgedcode0123456789';
  const landing = await fetch(`${stack.redirectUris[0]}?code=${forgedCode}&state=forged`);
  const body = await landing.text();
  expect(landing.status).toBe(400);
  expect(body).toContain('This answer does not belong to the current sign-in');
  expect(body).toContain('the sign-in you started is still waiting for Dropbox');
  expect(body).not.toContain(forgedCode);
  expect(body).not.toContain('forged');

  // The forged answer is ignored: the attempt stays open, the wizard keeps waiting, no error.
  await expect(page.getByText(/Waiting for Dropbox/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await shot(page, '08-state-mismatch');

  // The real sign-in in the tab the wizard opened completes that same attempt.
  await signInOnDropbox(tab, TEAM_ADMIN);
  await expectCloseThisTab(tab);
  await tab.close();
  await expectVerifyPassed(page, ADMIN_IDENTITY);
});

test('loopback port busy: the message names the port, and "Try the next port" works', async ({
  page,
  stack,
}) => {
  const [busyPort, nextPort] = stack.ports;
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(busyPort, '127.0.0.1', resolve));
  try {
    await toAuthorize(page, stack);
    const traffic = recordTraffic(page.context());
    await button(page, 'Sign in in a new browser tab').click();

    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`Port ${busyPort}`);
    await expect(alert).toContainText('already in use');
    const next = alert.getByRole('button', { name: `Try the next port (${nextPort})` });
    await expect(next).toBeVisible();
    await shot(page, '09-port-busy');
    expect(page.context().pages()).toHaveLength(1);

    const [tab] = await Promise.all([page.context().waitForEvent('page'), next.click()]);
    await tab.waitForLoadState('domcontentloaded');
    const authorizeUrl = new URL(traffic.authorizeUrl() ?? 'http://invalid/');
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(
      `http://127.0.0.1:${nextPort}/oauth/callback`,
    );
    await expect(page.getByRole('alert')).toHaveCount(0);
    await signInOnDropbox(tab, TEAM_ADMIN);
    await expectCloseThisTab(tab);
    await tab.close();
    await expectVerifyPassed(page, ADMIN_IDENTITY);
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
});

test('429 on the app check: a countdown banner, then the check passes by itself', async ({
  page,
  stack,
}) => {
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await stack.emulator.addFault({ route: '/2/check/app', status: 429, retryAfter: 2, count: 1 });
  await submitCredentials(page, SNOW_APP);

  // The countdown shows twice: in the banner at the top, and next to Continue where the admin
  // just pressed (that copy is hidden from screen readers, which hear the banner).
  const countdowns = page.getByRole('status').filter({ hasText: 'Dropbox asked us to slow down' });
  await expect(countdowns).toHaveCount(2);
  await expect(countdowns.first()).toContainText(/retrying in \d+ s/);
  const besideContinue = page
    .getByRole('main')
    .getByRole('status')
    .filter({ hasText: 'Dropbox asked us to slow down' });
  await expect(besideContinue).toContainText(/retrying in \d+ s/);
  await expect(besideContinue.locator('[aria-hidden="true"]')).toHaveCount(1);
  await shot(page, '10-rate-limited');
  await expect(heading(page, 'Permissions')).toBeVisible({ timeout: 15_000 });
  await expect(countdowns).toHaveCount(0, { timeout: 5_000 });
});

test('503 that persists: a clear error with Try again; after the outage Try again passes, values kept', async ({
  page,
  stack,
}) => {
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await stack.emulator.addFault({ route: '/2/check/app', status: 503, count: 20 });
  await submitCredentials(page, SNOW_APP);

  const countdowns = page.getByRole('status').filter({ hasText: 'Dropbox is not answering' });
  await expect(countdowns.first()).toContainText(/retrying in \d+ s/);
  await expect(
    page.getByRole('main').getByRole('status').filter({ hasText: 'Dropbox is not answering' }),
  ).toContainText(/retrying in \d+ s/);
  const failed = appChecks(page).getByRole('listitem').filter({ hasText: 'Failed:' });
  await expect(failed).toContainText('Dropbox answered with a server error (HTTP 503).', {
    timeout: 20_000,
  });
  // Retrying is over once the failure shows: no banner may still say "retrying in 0 s" beside
  // it. (Product bug at the time of writing: the banner lingers ~1.5 s; soft so the rest runs.)
  expect
    .soft(
      await page.getByText(/retrying in \d+ s/).count(),
      'waiting banner beside the final error',
    )
    .toBe(0);
  const tryAgain = failed.getByRole('button', { name: 'Try again' });
  await expect(tryAgain).toBeVisible();
  await expect(appKeyField(page)).toHaveValue(SNOW_APP.key);
  await expect(appSecretField(page)).toHaveValue(SNOW_APP.secret);
  await shot(page, '11-dropbox-unavailable');

  await stack.emulator.clearFaults();
  await tryAgain.click();
  await expect(heading(page, 'Permissions')).toBeVisible();
});

test('reload mid-flow: resumes on the same step, and Create app still has the key and the held secret', async ({
  page,
  stack,
}) => {
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await submitCredentials(page, SNOW_APP);
  await expect(heading(page, 'Permissions')).toBeVisible();

  await page.reload();
  await expect(heading(page, 'Permissions')).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Wizard steps' }).locator('[aria-current="step"]'),
  ).toContainText('Permissions');

  await button(page, 'Back').click();
  await expect(heading(page, 'Create app')).toBeVisible();
  await expect(appKeyField(page)).toHaveValue(SNOW_APP.key);
  await expect(page.getByText('App secret: held in memory (not shown)')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'App secret' })).toHaveCount(0);
  // Continue goes on with the held secret, without asking for it again.
  await continueButton(page).click();
  await expect(heading(page, 'Permissions')).toBeVisible();
});

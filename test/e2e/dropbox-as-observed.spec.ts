/**
 * What the admin sees where Dropbox is stricter than it used to be emulated: a disabled
 * app at Create app, a Cerb connector whose health check refreshes the way Cerb does, a scope not
 * ticked caught before sign-in, and a captive portal answering the authorize pre-flight. Each test
 * starts its own emulator (Dropbox as observed: the default options) and wizard server.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { goHome } from './support/saved-connectors';
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
  shot,
  signInByShownCode,
  signInOnDropbox,
  submitCredentials,
} from './support/wizard-steps';
import { NO_REDIRECT_APP, PERSONAL_USER, SNOW_APP, TEAM_ADMIN } from './support/wizard-stack';
import { test } from './support/wizard-test';

const appChecks = (page: Page): Locator => page.getByRole('list', { name: 'App checks' });
const failedCheck = (page: Page): Locator =>
  appChecks(page).getByRole('listitem').filter({ hasText: 'Failed:' });

test('a disabled app at Create app: "disabled in the App Console", never "paste the secret again"', async ({
  page,
  stack,
}) => {
  await stack.emulator.patchApp(SNOW_APP.key, { status: 'disabled' });
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await submitCredentials(page, SNOW_APP);

  const failed = failedCheck(page);
  await expect(failed).toContainText('This app is disabled in the App Console');
  await expect(failed).toContainText('Pasting this key and secret again will not help');
  await expect(failed).not.toContainText('Dropbox rejected this app key and secret');
  await expect(failed.getByRole('button', { name: 'Open App Console' })).toBeVisible();
  await expect(heading(page, 'Create app')).toBeVisible();
  await expect(page.getByLabel('App key', { exact: true })).toHaveValue(SNOW_APP.key);
  await expect(page.getByLabel('App secret', { exact: true })).toHaveValue(SNOW_APP.secret);
  await shot(page, '13-app-disabled');

  // Enabled again in the App Console: the same values pass.
  await stack.emulator.patchApp(SNOW_APP.key, { status: 'development' });
  await continueButton(page).click();
  await expect(heading(page, 'Permissions')).toBeVisible();
});

test("a Cerb connector: Create app says the link likely stops after four hours; Check now refreshes Cerb's way", async ({
  page,
  stack,
}) => {
  const base = 'https://cerb.example.com';
  await stack.emulator.patchApp(NO_REDIRECT_APP.key, {
    redirectUris: [`${base}/oauth/callback`, ...stack.redirectUris],
    scopes: ['account_info.read', 'files.content.read', 'files.metadata.read'],
  });
  await openWizard(page, stack);
  await page.getByRole('radio', { name: 'Cerb', exact: true }).check();
  await page.getByLabel('Cerb base URL', { exact: true }).fill(base);
  await continueButton(page).click();
  await expect(heading(page, 'Create app')).toBeVisible();
  // Said plainly before anything is set up, beside the guide and never folded away.
  const notes = page.getByRole('note', { name: 'Before you set up Cerb' });
  await expect(notes).toBeVisible();
  await expect(notes).toContainText('stop working about four hours after Link to Dropbox');
  await expect(notes).toContainText('unknown field "redirect_uri"');
  await expect(notes).not.toContainText(/survives?/);

  await submitCredentials(page, NO_REDIRECT_APP);
  // The default test sign-in: the code Dropbox shows, pasted and exchanged at once.
  await signInByShownCode(page, PERSONAL_USER);
  await expectVerifyPassed(page, { name: 'Pat Personal', email: PERSONAL_USER.email });

  await goHome(page);
  await page.getByRole('button', { name: /^Open Cerb/ }).click();
  await button(page, 'Check now').click();
  const checks = page.getByRole('list', { name: 'Health checks' });
  const cerb = checks.getByRole('listitem').filter({ hasText: 'Refresh the way Cerb sends it' });
  await expect(cerb).toBeVisible({ timeout: 20_000 });
  await expect(cerb).toContainText('unknown field "redirect_uri"');
  await expect(cerb).toContainText('about four hours after Link to Dropbox');
  await expect(cerb).toContainText('Link to Dropbox again');
  await expect(
    checks.getByRole('listitem').filter({ hasText: 'Passed: App key and secret' }),
  ).toBeVisible();
  await shot(page, '13-cerb-refresh-refused');

  // Exactly the request league/oauth2-client 2.7.0 sends: client auth and redirect_uri in the body.
  const refresh = (await stack.emulator.requests()).filter(
    (r) => r.path === '/oauth2/token' && r.tokenRequest?.grantType === 'refresh_token',
  );
  expect(refresh.at(-1)?.tokenRequest).toMatchObject({
    clientAuth: 'client_secret',
    error: 'invalid_request',
  });
});

test('a scope not ticked on the app is named before sign-in; after ticking it, the sign-in goes through', async ({
  page,
  stack,
}) => {
  await stack.emulator.patchApp(SNOW_APP.key, {
    scopes: ['account_info.read', 'team_info.read', 'members.read'],
  });
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await passCreateAppAndPermissions(page, SNOW_APP);
  const tabsBefore = page.context().pages().length;
  await button(page, 'Sign in in a new browser tab').click();
  const alert = page.getByRole('alert').filter({ hasText: 'tick sessions.list' });
  await expect(alert.first()).toBeVisible({ timeout: 20_000 });
  await expect(alert.first()).not.toContainText('members.read →');
  // No Dropbox tab was opened: the admin spent no sign-in on it.
  expect(page.context().pages()).toHaveLength(tabsBefore);
  expect((await stack.emulator.state()).tokens).toHaveLength(0);
  await shot(page, '13-scope-before-sign-in');

  await stack.emulator.patchApp(SNOW_APP.key, {
    scopes: ['account_info.read', 'team_info.read', 'members.read', 'sessions.list'],
  });
  const tab = await pressAndCatchTab(page, 'Sign in in a new browser tab');
  await signInOnDropbox(tab, TEAM_ADMIN);
  await expectCloseThisTab(tab);
  await tab.close();
  await continueToVerify(page);
  await expectVerifyPassed(page, {
    name: 'Ada Admin',
    email: TEAM_ADMIN.email,
    team: 'Example Ltd',
    teamAdmin: true,
  });
});

test('a captive portal answering the pre-flight: "something other than Dropbox answered", never "registered"', async ({
  page,
  stack,
}) => {
  await stack.emulator.addFault({ route: '/oauth2/authorize', status: 200, body: 'html' });
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await submitCredentials(page, SNOW_APP);

  const failed = failedCheck(page);
  await expect(failed.first()).toContainText('Something other than Dropbox answered (HTTP 200)');
  await expect(failed.first()).toContainText('Welcome to Guest Wi-Fi');
  await expect(failed.first()).not.toContainText(SNOW_APP.secret);
  await expect(
    appChecks(page).getByRole('listitem').filter({ hasText: 'Passed: Redirect URI registered' }),
  ).toHaveCount(0);
  await expect(heading(page, 'Create app')).toBeVisible();
  await shot(page, '13-captive-portal');

  // Signed in to the Wi-Fi: the same values pass.
  await stack.emulator.clearFaults();
  await continueButton(page).click();
  await expect(heading(page, 'Permissions')).toBeVisible();
});

/**
 * The two ways from nothing to a verified, exported credential set, in Chromium against the real
 * browser-mode server and the Dropbox emulator: Snow Atlas through "Sign in in a new browser tab" (the
 * loopback redirect), and a Custom app without a redirect URI through "Dropbox showed me a code".
 * Each test asserts what the admin sees, then proves the exported file works the way the
 * connector will use it.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import {
  chooseTarget,
  continueButton,
  expectVerifyPassed,
  exportTo,
  openWizard,
  passCreateAppAndPermissions,
  pressAndCatchTab,
  readShownCode,
  refreshAccessToken,
  rpcWithToken,
  shot,
  signInOnDropbox,
  SNOW_ATLAS_SCOPES,
  snowAtlasHappyPath,
  UserActions,
  watchConsole,
} from './support/wizard-steps';
import { NO_REDIRECT_APP, PERSONAL_USER, SNOW_APP, TEAM_ADMIN } from './support/wizard-stack';
import { test } from './support/wizard-test';

function readExport(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

test('Snow Atlas: browser sign-in as the team admin, verified and exported', async ({
  page,
  stack,
  outDir,
}) => {
  const problems = watchConsole(page);
  const exportFile = path.join(outDir, 'snow-atlas.json');

  const run = await snowAtlasHappyPath(page, stack, {
    app: SNOW_APP,
    admin: TEAM_ADMIN,
    exportFile,
  });
  await shot(page, '01-exported');
  console.log(
    `Happy path: ${run.actions.count} user actions on the wizard's pages (target ≤ 8):\n${run.actions.summary()}`,
  );

  // The file: owner-only, the four scopes, and a refresh token that works as the connector uses it.
  expect(statSync(exportFile).mode & 0o777).toBe(0o600);
  const doc = readExport(exportFile);
  expect(doc).toMatchObject({
    target: 'snow-atlas',
    app_key: SNOW_APP.key,
    app_secret: SNOW_APP.secret,
    token_kind: 'team',
    scopes: SNOW_ATLAS_SCOPES,
  });
  const refreshed = await refreshAccessToken(
    stack.emulator.origin,
    SNOW_APP,
    String(doc.refresh_token),
  );
  expect(refreshed.status).toBe(200);
  const accessToken = String(refreshed.body.access_token);
  expect(accessToken.length).toBeGreaterThan(10);
  const teamInfo = await rpcWithToken(stack.emulator.origin, 'team/get_info', accessToken);
  expect(teamInfo.status, teamInfo.text).toBe(200);
  expect(teamInfo.text).toContain('Example Ltd');
  expect(problems).toEqual([]);
});

test('Custom app without a redirect URI: "Dropbox showed me a code", verified and exported', async ({
  page,
  stack,
  outDir,
}) => {
  const problems = watchConsole(page);
  const actions = new UserActions();
  await openWizard(page, stack);
  await chooseTarget(page, 'Custom', { extraScopes: ['files.metadata.read'], actions });
  await passCreateAppAndPermissions(page, NO_REDIRECT_APP, { noRedirectUri: true, actions });

  const tab = await pressAndCatchTab(page, 'Dropbox showed me a code', actions);
  const codeField = page.getByLabel('Authorization code', { exact: true });
  await expect(codeField).toBeVisible();
  await signInOnDropbox(tab, PERSONAL_USER);
  const code = await readShownCode(tab);
  await tab.close();

  // Pasted with the stray whitespace a copy from a web page brings along.
  await codeField.fill(`  ${code}\n`);
  await continueButton(page).click();
  await expectVerifyPassed(page, { name: 'Pat Personal', email: PERSONAL_USER.email });

  const exportFile = path.join(outDir, 'custom.json');
  await exportTo(page, exportFile, actions);
  expect(statSync(exportFile).mode & 0o777).toBe(0o600);
  const doc = readExport(exportFile);
  expect(doc).toMatchObject({
    target: 'custom',
    app_key: NO_REDIRECT_APP.key,
    app_secret: NO_REDIRECT_APP.secret,
    token_kind: 'user',
    scopes: ['account_info.read', 'files.metadata.read'],
  });
  const refreshed = await refreshAccessToken(
    stack.emulator.origin,
    NO_REDIRECT_APP,
    String(doc.refresh_token),
  );
  expect(refreshed.status).toBe(200);
  const account = await rpcWithToken(
    stack.emulator.origin,
    'users/get_current_account',
    String(refreshed.body.access_token),
  );
  expect(account.status, account.text).toBe(200);
  expect(account.text).toContain(PERSONAL_USER.email);

  expect(problems).toEqual([]);
});

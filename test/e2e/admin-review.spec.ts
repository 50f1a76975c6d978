/**
 * What the admin QA review asked to change, seen in Chromium against the real browser-mode server
 * and the Dropbox emulator: the App key field refuses a token and a new key asks for its own
 * secret; Export asks before replacing a file and writes the support copy alone; changing the
 * connector after authorization asks first and leaves Create app working; a reload while waiting
 * picks the sign-in up again; apps without a redirect URI lead with the shown code; slow sign-ins
 * get hints. A screenshot of each changed screen goes to E2E_SHOTS_DIR (default /tmp/e2e-shots).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import {
  button,
  chooseTarget,
  continueButton,
  expectCloseThisTab,
  expectVerifyPassed,
  heading,
  openWizard,
  passCreateAppAndPermissions,
  pasteInto,
  pressAndCatchTab,
  readShownCode,
  shot,
  signInOnDropbox,
  snowAtlasHappyPath,
  submitCredentials,
  watchConsole,
} from './support/wizard-steps';
import { NO_REDIRECT_APP, PERSONAL_USER, SNOW_APP, TEAM_ADMIN } from './support/wizard-stack';
import { test } from './support/wizard-test';

const ADMIN_IDENTITY = {
  name: 'Ada Admin',
  email: TEAM_ADMIN.email,
  team: 'Example Ltd',
  teamAdmin: true,
} as const;

const appKeyField = (page: Page) => page.getByLabel('App key', { exact: true });
const appSecretField = (page: Page) => page.getByRole('textbox', { name: 'App secret' });
const stepNav = (page: Page) => page.getByRole('navigation', { name: 'Wizard steps' });

test('App key: a token is refused under the field and not saved; a new key asks for its own secret', async ({
  page,
  stack,
}) => {
  const problems = watchConsole(page);
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');

  // An access token pasted into App key: said right under the field, and not saved.
  await pasteInto(appKeyField(page), `sl.${'A'.repeat(40)}`);
  const keyAlert = page.getByRole('alert').filter({ hasText: 'not an App key' });
  await expect(keyAlert).toBeVisible();
  await expect(appKeyField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(appKeyField(page)).toHaveAccessibleDescription(/not an app key/i);
  await shot(page, 'review-01-key-wrong-field');
  await page.reload();
  await expect(heading(page, 'Create app')).toBeVisible();
  await expect(appKeyField(page)).toHaveValue('');

  // Browser mode, no secret held yet: no banner about where secrets are kept; the note beside
  // the fields says it, and the secret field points there.
  await expect(page.getByRole('note')).toHaveCount(0);
  const note = page.locator('#storage-notice');
  await expect(note).toBeVisible();
  await expect(appSecretField(page)).toHaveAccessibleDescription(
    (await note.textContent())?.replace(/^i\s*/, '').trim() ?? '',
  );

  // Pasting the secret checks at once; Permissions says why the screen changed.
  await submitCredentials(page, SNOW_APP, { paste: true });
  await expect(heading(page, 'Permissions')).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: '✓ Dropbox accepted the App key and secret.' }),
  ).toBeVisible();
  // Now a secret is held: the banner says where it lives.
  await expect(page.getByRole('note')).toContainText('kept in memory only');
  // The scope list is read, not ticked: no checkboxes; the App Console is one press away.
  await expect(page.getByRole('main').getByRole('checkbox')).toHaveCount(0);
  await expect(
    page
      .getByRole('region', { name: 'Tick these on the Permissions tab' })
      .getByText('sessions.list', { exact: true }),
  ).toBeVisible();
  await expect(button(page, 'Open App Console')).toBeVisible();
  await shot(page, 'review-02-permissions-accepted');

  // Back on Create app, another key: the secret held for the old one is gone, so are its checks.
  await button(page, 'Back').click();
  await expect(heading(page, 'Create app')).toBeVisible();
  await expect(page.getByText('App secret: held in memory (not shown)')).toBeVisible();
  await expect(page.getByRole('list', { name: 'App checks' })).toBeVisible();
  await appKeyField(page).fill(NO_REDIRECT_APP.key);
  await appKeyField(page).blur();
  await expect(appSecretField(page)).toBeVisible();
  await expect(appSecretField(page)).toHaveValue('');
  await expect(page.getByText(/held in memory/)).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'App checks' })).toHaveCount(0);
  await shot(page, 'review-03-key-changed');

  // The key pasted into App secret too: core refuses, the wizard says which field.
  await appSecretField(page).fill(NO_REDIRECT_APP.key);
  await continueButton(page).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'You pasted the App key into App secret.' }),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'App checks' })).toHaveCount(0);
  await shot(page, 'review-04-key-as-secret');
  expect(problems).toEqual([]);
});

test("Export: asks before replacing a file, writes the support copy alone, shows absolute paths, and a failure in the step's one error slot", async ({
  page,
  stack,
  outDir,
}) => {
  const problems = watchConsole(page);
  const exportFile = path.join(outDir, 'snow-atlas.json');
  const redactedFile = path.join(outDir, 'snow-atlas.redacted.json');
  await snowAtlasHappyPath(page, stack, { app: SNOW_APP, admin: TEAM_ADMIN, exportFile });
  const exportRegion = page.getByRole('region', { name: 'Export', exact: true });
  const firstWrite = statSync(exportFile).mtimeMs;

  // Export file again onto the same file: a real dialog asks first; Cancel leaves the file alone.
  await button(page, 'Export file').click();
  const replace = page.getByRole('dialog', { name: `Replace the existing file ${exportFile}?` });
  await expect(replace).toBeVisible();
  await expect(replace.getByRole('button', { name: 'Replace', exact: true })).toBeVisible();
  await shot(page, 'review-05-export-replace-dialog');
  await replace.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(replace).toBeHidden();
  expect(statSync(exportFile).mtimeMs).toBe(firstWrite);
  await expect(exportRegion.getByRole('alert')).toHaveCount(0);

  // Replace re-exports over it.
  await button(page, 'Export file').click();
  await replace.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(replace).toBeHidden();
  await expect(page.getByText(`Written to ${exportFile}`)).toBeVisible();

  // The support copy alone: its own line, and the only new file.
  await button(page, 'Export redacted copy for support').click();
  await expect(page.getByText(`Redacted copy written to ${redactedFile}`)).toBeVisible();
  expect(readdirSync(outDir).sort()).toEqual(['snow-atlas.json', 'snow-atlas.redacted.json']);
  expect(readFileSync(redactedFile, 'utf8')).not.toContain(SNOW_APP.secret);
  await shot(page, 'review-06-export-written');
  // …and it asks before replacing that one too.
  await button(page, 'Export redacted copy for support').click();
  await expect(
    page.getByRole('dialog', { name: `Replace the existing file ${redactedFile}?` }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(page.getByText(`Redacted copy written to ${redactedFile}`)).toBeVisible();

  // A relative name lands in the data dir's exports folder; the wizard shows where.
  const exportPath = page.getByLabel('Export file', { exact: true });
  await exportPath.fill('relative-name.json');
  await button(page, 'Export file').click();
  const resolved = path.join(stack.dataDir, 'exports', 'relative-name.json');
  await expect(page.getByText(`Written to ${resolved}`)).toBeVisible();
  await expect(exportPath).toHaveValue(resolved);

  // A failure shows in the one error slot every step uses (under the fields, above the footer),
  // focused and in view; the path typed is kept.
  const insideAFile = path.join(exportFile, 'inside-a-file.json');
  await exportPath.fill(insideAFile);
  await button(page, 'Export file').click();
  const failure = page.getByRole('alert');
  await expect(failure).toHaveCount(1);
  await expect(exportRegion.getByRole('alert')).toHaveCount(0);
  await expect(failure).toBeFocused();
  await expect(failure).toBeInViewport();
  await expect(exportPath).toHaveValue(insideAFile);
  await shot(page, 'review-07-export-error');

  // Copy: the message changes once the clipboard is wiped (60 s, run on a fake clock).
  await page.clock.install();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(page.url()).origin,
  });
  await page.getByRole('button', { name: 'Copy Refresh token' }).click();
  await expect(page.getByText('Copied. The clipboard is cleared in 60 s.')).toBeVisible();
  await page.clock.runFor(61_000);
  await expect(page.getByText('Clipboard cleared.')).toBeVisible();
  await expect(page.getByText('Copied. The clipboard is cleared in 60 s.')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('');
  expect(problems).toEqual([]);
});

test('changing the connector after authorization asks first; afterwards Create app checks again and moves on', async ({
  page,
  stack,
}) => {
  const problems = watchConsole(page);
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await passCreateAppAndPermissions(page, SNOW_APP);
  const tab = await pressAndCatchTab(page, 'Sign in in a new browser tab');
  await signInOnDropbox(tab, TEAM_ADMIN);
  await expectCloseThisTab(tab);
  await tab.close();
  await expectVerifyPassed(page, ADMIN_IDENTITY);

  await stepNav(page)
    .getByRole('button', { name: /Choose connector/ })
    .click();
  await expect(heading(page, 'Choose connector')).toBeVisible();
  await page.getByRole('radio', { name: 'Custom', exact: true }).check();
  await continueButton(page).click();
  const confirm = page.getByRole('dialog', { name: 'Change the connector?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(
    'The wizard discards this authorization and its checks. The token stays valid at Dropbox: if you no longer need it, cancel and use Revoke this token on Copy & export first.',
  );
  await expect(confirm.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await shot(page, 'review-08-change-connector-dialog');

  // Cancel: nothing changed, the authorization is still there.
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(heading(page, 'Choose connector')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Snow Atlas');

  // Change connector: Create app, and its Continue really checks again (no dead end).
  await continueButton(page).click();
  await confirm.getByRole('button', { name: 'Change connector', exact: true }).click();
  await expect(heading(page, 'Create app')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Custom');
  await expect(appKeyField(page)).toHaveValue(SNOW_APP.key);
  await continueButton(page).click();
  await expect(heading(page, 'Permissions')).toBeVisible();
  await expect(page.getByText('That step is not open yet.')).toHaveCount(0);
  await continueButton(page).click();
  await expect(heading(page, 'Authorize')).toBeVisible();
  // The old authorization is gone: no "already holds a refresh token".
  await expect(page.getByText(/already holds a refresh token/)).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a reload while waiting for Dropbox waits for the same sign-in, without a new tab', async ({
  page,
  stack,
}) => {
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await passCreateAppAndPermissions(page, SNOW_APP);
  const tab = await pressAndCatchTab(page, 'Sign in in a new browser tab');
  await expect(page.getByText(/Waiting for Dropbox/)).toBeVisible();

  await page.reload();
  await expect(heading(page, 'Authorize')).toBeVisible();
  await expect(page.getByText(/Waiting for Dropbox/)).toBeVisible();
  await expect(button(page, 'Cancel')).toBeVisible();
  expect(page.context().pages()).toHaveLength(2);
  // Should that tab be gone, the same sign-in page can be opened again from here.
  await expect(
    page.getByRole('link', { name: 'Open the Dropbox sign-in page again' }),
  ).toHaveAttribute('href', /\/oauth2\/authorize\?/);
  await shot(page, 'review-09-reload-waiting');

  // The tab opened before the reload completes the sign-in the page is now waiting for.
  await signInOnDropbox(tab, TEAM_ADMIN);
  await expectCloseThisTab(tab);
  await tab.close();
  await expectVerifyPassed(page, ADMIN_IDENTITY);
  expect(page.context().pages()).toHaveLength(1);
});

test('a sign-in that takes long says what Dropbox is likely showing after 8 s, and offers the paste (team admin connector)', async ({
  page,
  stack,
}) => {
  await page.clock.install();
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await passCreateAppAndPermissions(page, SNOW_APP);
  const tab = await pressAndCatchTab(page, 'Sign in in a new browser tab');
  await expect(page.getByText(/Waiting for Dropbox/)).toBeVisible();
  const teamAdminHint = page.getByText(
    'Dropbox may be saying only a team admin can allow this app: sign in with a team admin account.',
  );
  // A personal account on a team product: the hint says which account to use instead.
  const workAccountHint = page.getByText(
    'sign in with a team admin’s work account, not a personal one.',
    { exact: false },
  );
  const userLimitHint = page.getByText(
    'Dropbox may be saying the app has reached its user limit: App Console → Settings → Enable additional teams',
  );
  const nothingHint = page.getByText(
    'Sign-in finished but nothing happened? Paste the code or the address Dropbox shows.',
  );
  await page.clock.runFor(7_000);
  await expect(nothingHint).toHaveCount(0);

  await page.clock.runFor(2_000);
  await expect(teamAdminHint).toBeVisible();
  await expect(workAccountHint).toBeVisible();
  await expect(userLimitHint).toBeVisible();
  await expect(nothingHint).toBeVisible();
  await shot(page, 'review-10-slow-sign-in');

  // The pasted-code way, for the attempt that is waiting: the field opens with focus in it.
  await button(page, 'Paste the code or address').click();
  await expect(page.getByLabel('Authorization code', { exact: true })).toBeFocused();
  await expect(page.getByText(/Waiting for Dropbox/)).toBeVisible();

  await button(page, 'Cancel').click();
  await expect(nothingHint).toHaveCount(0);
  await expect(page.getByLabel('Authorization code', { exact: true })).toHaveCount(0);
  await tab.close();
});

test('an app without a redirect URI: the shown code leads on Authorize, Create app remembers the choice', async ({
  page,
  stack,
}) => {
  const problems = watchConsole(page);
  await openWizard(page, stack);
  await chooseTarget(page, 'Custom', { extraScopes: ['files.metadata.read'] });
  // The redirect list folds to a one-line note once "I can't register a redirect URI" is ticked
  // (no faded text to read at low contrast).
  const uriList = page.getByRole('list', { name: 'Redirect URIs to register' });
  const notNeeded = page.getByText('Not needed: you will paste the code Dropbox shows.');
  await expect(uriList).toBeVisible();
  await page.getByRole('checkbox', { name: /I can't register a redirect URI/ }).check();
  await expect(uriList).toHaveCount(0);
  await expect(notNeeded).toBeVisible();
  await expect(
    page.getByRole('checkbox', { name: /I can't register a redirect URI/ }),
  ).toHaveAccessibleDescription('Not needed: you will paste the code Dropbox shows.');
  await passCreateAppAndPermissions(page, NO_REDIRECT_APP, { noRedirectUri: false });

  const ways = page.getByRole('region', { name: 'Choose how to sign in' });
  const code = button(page, 'Dropbox showed me a code');
  await expect(code).toBeVisible();
  await expect(code).toHaveClass(/primary/);
  await expect(button(page, 'Sign in in a new browser tab')).toBeHidden();
  await shot(page, 'review-11-authorize-no-redirect');
  await ways.getByText('This app has a redirect URI after all').click();
  await expect(button(page, 'Sign in in a new browser tab')).toBeVisible();
  await expect(button(page, 'Sign in in a new browser tab')).toHaveClass(/secondary/);

  // Create app, revisited: the box is ticked as chosen, the list folded to its note.
  await stepNav(page)
    .getByRole('button', { name: /Create app/ })
    .click();
  await expect(heading(page, 'Create app')).toBeVisible();
  await expect(
    page.getByRole('checkbox', { name: /I can't register a redirect URI/ }),
  ).toBeChecked();
  await expect(uriList).toHaveCount(0);
  await expect(notNeeded).toBeVisible();
  await shot(page, 'review-12-create-app-no-redirect');
  await stepNav(page)
    .getByRole('button', { name: /Authorize/ })
    .click();

  // The shown-code sign-in as a personal account: the identity card says there is no team.
  const tab = await pressAndCatchTab(page, 'Dropbox showed me a code');
  await signInOnDropbox(tab, PERSONAL_USER);
  const shown = await readShownCode(tab);
  await tab.close();
  await page.getByLabel('Authorization code', { exact: true }).fill(shown);
  await continueButton(page).click();
  await expectVerifyPassed(page, { name: 'Pat Personal', email: PERSONAL_USER.email });
  const card = page.getByRole('region', { name: 'Signed-in account' });
  await expect(card).toContainText('Team adminNot applicable (no team)');
  await shot(page, 'review-13-verify-personal');
  expect(problems).toEqual([]);
});

// Permissions is marked reviewed only when the admin moves forward past it, never on Back.
test('Back from Permissions does not mark it completed', async ({ page, stack }) => {
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas');
  await submitCredentials(page, SNOW_APP);
  await expect(heading(page, 'Permissions')).toBeVisible();
  await button(page, 'Back').click();
  await expect(heading(page, 'Create app')).toBeVisible();
  await expect(
    stepNav(page).getByRole('listitem').filter({ hasText: 'Permissions' }),
  ).not.toContainText('completed');
});

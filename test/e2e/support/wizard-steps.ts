/**
 * The steps an admin takes, shared by the wizard e2e specs: what they click on the wizard's own
 * pages (counted, for the happy path's benchmark) and what they do on the Dropbox pages in the
 * tab the wizard opens. Every locator is a role or label the admin sees.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  expect,
  type BrowserContext,
  type Locator,
  type Page,
  type Request,
} from '@playwright/test';
import { type WizardStack } from './wizard-stack';

export const SHOTS_DIR = process.env.E2E_SHOTS_DIR ?? '/tmp/e2e-shots';

export const STEP_TITLES = [
  'Choose connector',
  'Create app',
  'Permissions',
  'Authorize',
  'Verify',
  'Copy & export',
] as const;
export type StepTitle = (typeof STEP_TITLES)[number];

/** The loopback sign-in in browser mode (a new tab on Dropbox's authorize page). */
export const BROWSER_SIGN_IN = 'Sign in in a new browser tab';
/** Browser mode's export: written to the typed path at once (no dialog, so no ellipsis). */
export const EXPORT_BUTTON = 'Export file';

export const SNOW_ATLAS_SCOPES = [
  'account_info.read',
  'members.read',
  'sessions.list',
  'team_info.read',
];

export interface Credentials {
  readonly key: string;
  readonly secret: string;
}
export interface DropboxAccount {
  readonly email: string;
  readonly password: string;
}

/**
 * What the admin did on the wizard's own pages: clicks, fills and key presses that submit. Steps
 * taken on Dropbox's pages are not counted (they are Dropbox's, not the wizard's).
 */
export class UserActions {
  readonly entries: string[] = [];
  note(what: string): void {
    this.entries.push(what);
  }
  get count(): number {
    return this.entries.length;
  }
  summary(): string {
    return this.entries.map((entry, i) => `${i + 1}. ${entry}`).join('\n');
  }
}

/** A throwaway log for callers that do not count. */
const uncounted = (): UserActions => new UserActions();

export function heading(page: Page, title: StepTitle): Locator {
  return page.getByRole('heading', { level: 1, name: title, exact: true });
}

export function button(page: Page, name: string | RegExp): Locator {
  return page.getByRole('button', { name, exact: typeof name === 'string' });
}

/** The footer's Continue (there is exactly one on every step but the last). */
export function continueButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Continue', exact: true });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

/** Fails the test on console errors (CSP violations included) and uncaught page errors. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

export async function openWizard(page: Page, stack: WizardStack): Promise<void> {
  await page.goto(stack.url);
  await expect(heading(page, 'Choose connector')).toBeVisible();
}

/** Choose connector: pick the radio, tick extra Custom scopes, Continue → Create app. */
export async function chooseTarget(
  page: Page,
  name: 'Snow Atlas' | 'Custom',
  options: { extraScopes?: readonly string[]; actions?: UserActions } = {},
): Promise<void> {
  const actions = options.actions ?? uncounted();
  await page.getByRole('radio', { name, exact: true }).check();
  actions.note(`choose "${name}"`);
  for (const scope of options.extraScopes ?? []) {
    await page.getByRole('checkbox', { name: scope, exact: true }).check();
    actions.note(`tick scope ${scope}`);
  }
  await continueButton(page).click();
  actions.note('Continue (Choose connector)');
  await expect(heading(page, 'Create app')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(name);
}

/**
 * A real paste (Ctrl+V from the system clipboard, a trusted paste event), the way an admin moves
 * a value from the App Console into the wizard.
 */
export async function pasteInto(field: Locator, text: string): Promise<void> {
  const page = field.page();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(page.url()).origin,
  });
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await field.focus();
  await page.keyboard.press('ControlOrMeta+V');
}

/**
 * Create app: enter the key and secret (optionally "I can't register a redirect URI") and get
 * the check going: by Continue, or (`paste`) by pasting the secret, which checks at once.
 */
export async function submitCredentials(
  page: Page,
  app: Credentials,
  options: { noRedirectUri?: boolean; paste?: boolean; actions?: UserActions } = {},
): Promise<void> {
  const actions = options.actions ?? uncounted();
  if (options.noRedirectUri) {
    await page.getByRole('checkbox', { name: /I can't register a redirect URI/ }).check();
    actions.note('tick "I can\'t register a redirect URI"');
  }
  const key = page.getByLabel('App key', { exact: true });
  const secret = page.getByLabel('App secret', { exact: true });
  if (options.paste) {
    await pasteInto(key, app.key);
    actions.note('paste App key');
    await pasteInto(secret, app.secret);
    actions.note('paste App secret (the check starts by itself)');
    return;
  }
  await key.fill(app.key);
  actions.note('fill App key');
  await secret.fill(app.secret);
  actions.note('fill App secret');
  await continueButton(page).click();
  actions.note('Continue (Create app)');
}

/** Create app passes → Permissions; Permissions → Continue → Authorize. */
export async function passCreateAppAndPermissions(
  page: Page,
  app: Credentials,
  options: { noRedirectUri?: boolean; paste?: boolean; actions?: UserActions } = {},
): Promise<void> {
  await submitCredentials(page, app, options);
  await expect(heading(page, 'Permissions')).toBeVisible();
  await continueButton(page).click();
  (options.actions ?? uncounted()).note('Continue (Permissions)');
  await expect(heading(page, 'Authorize')).toBeVisible();
}

/** Everything the Dropbox tab asked for, seen from the browser (the wizard server's own calls are not here). */
export interface TabTraffic {
  /** The first /oauth2/authorize URL a tab loaded: the one the wizard opened. */
  authorizeUrl(): string | null;
  /** Every URL any page of the context requested, in order. */
  readonly urls: string[];
}

/** Records every request of every page in the context (the wizard tab and the Dropbox tabs). */
export function recordTraffic(context: BrowserContext): TabTraffic {
  const urls: string[] = [];
  context.on('request', (request: Request) => urls.push(request.url()));
  return {
    urls,
    authorizeUrl: () => urls.find((u) => new URL(u).pathname === '/oauth2/authorize') ?? null,
  };
}

/**
 * Presses a button that makes the wizard open Dropbox in a new tab (window.open) and returns that
 * tab once it has loaded.
 */
export async function pressAndCatchTab(
  page: Page,
  name: string,
  actions: UserActions = uncounted(),
): Promise<Page> {
  const [tab] = await Promise.all([
    page.context().waitForEvent('page'),
    button(page, name).click(),
  ]);
  actions.note(`"${name}"`);
  await tab.waitForLoadState('domcontentloaded');
  return tab;
}

/**
 * On the Dropbox tab: sign in (unless the session cookie skips it), pass the "in development"
 * interstitial when it shows, and answer the consent page. Returns after the decision is sent.
 */
export async function signInOnDropbox(
  tab: Page,
  account: DropboxAccount,
  decision: 'allow' | 'cancel' = 'allow',
): Promise<void> {
  const signIn = tab.locator('#sign-in-form');
  const interstitial = tab.locator('#continue-form');
  const consent = tab.locator('#consent-form');
  await expect(signIn.or(interstitial).or(consent)).toBeVisible();
  if (await signIn.isVisible()) {
    await tab.getByLabel('Email').fill(account.email);
    await tab.getByLabel('Password').fill(account.password);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await expect(interstitial.or(consent)).toBeVisible();
  }
  if (await interstitial.isVisible()) {
    await tab.getByRole('button', { name: 'Continue' }).click();
  }
  await expect(consent).toBeVisible();
  await tab.getByRole('button', { name: decision === 'allow' ? 'Allow' : 'Cancel' }).click();
}

/** The wizard's loopback page after a successful redirect. */
export async function expectCloseThisTab(tab: Page): Promise<void> {
  // Success pages (whatever their heading) end with this; failure pages never say it.
  await expect(tab.getByText(/Return to .+ to continue\. You can close this tab\./)).toBeVisible();
}

/** On the shown-code page (app without redirect URI): the code in the "Access code" field. */
export async function readShownCode(tab: Page): Promise<string> {
  const field = tab.getByLabel('Access code');
  await expect(field).toBeVisible();
  const code = await field.inputValue();
  expect(code.length).toBeGreaterThan(10);
  return code;
}

export interface ExpectedIdentity {
  readonly name: string;
  readonly email: string;
  readonly team?: string;
  readonly teamAdmin?: boolean;
}

/** Authorize after a successful sign-in: what Dropbox granted, and Continue to go on. */
export function authorizedStatus(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: 'Dropbox authorized the app.' });
}

/**
 * After a sign-in: Authorize (or Test authorization) stays put and shows what Dropbox granted
 * (core no longer moves on by itself); the admin presses Continue and Verify runs. Also fine when
 * Verify is already showing.
 */
export async function continueToVerify(
  page: Page,
  _actions: UserActions = uncounted(),
): Promise<void> {
  // After Dropbox answers, the wizard goes on to Verify by itself; the brief "Dropbox authorized
  // the app" status on Authorize must not be mistaken for a step that needs Continue (a click
  // there would land on Verify's Continue and skip to Copy & export).
  await expect(heading(page, 'Verify')).toBeVisible({ timeout: 30_000 });
}

/** Verify ran by itself and every check passed; the identity card shows who signed in. */
export async function expectVerifyPassed(page: Page, identity: ExpectedIdentity): Promise<void> {
  await continueToVerify(page);
  await expect(page.getByRole('status').filter({ hasText: 'All checks passed.' })).toBeVisible({
    timeout: 20_000,
  });
  // Summarised: "N of M passed" (any warning shown above it), the rows folded behind it; opened
  // here to read them.
  const summary = page.locator('summary').filter({ hasText: /\d+ of \d+ passed/ });
  await expect(summary).toBeVisible();
  await summary.click();
  const checks = page.getByRole('list', { name: 'Verify checks' }).getByRole('listitem');
  await expect(checks.first()).toBeVisible();
  // Each row starts with its status word for screen readers ("Passed:", "Failed:", …).
  await expect(checks.filter({ hasText: /^(Failed|Warning):/ })).toHaveCount(0);
  const card = page.getByRole('region', { name: 'Signed-in account' });
  await expect(card).toContainText(identity.name);
  await expect(card).toContainText(identity.email);
  if (identity.team) await expect(card).toContainText(identity.team);
  if (identity.teamAdmin) await expect(card).toContainText('Yes, team admin');
  await expect(continueButton(page)).toBeEnabled();
}

/** Verify → Continue → Copy & export; fill Export file; press Export file; "Written to <file>". */
export async function exportTo(
  page: Page,
  file: string,
  actions: UserActions = uncounted(),
): Promise<void> {
  await continueButton(page).click();
  actions.note('Continue (Verify)');
  await expect(heading(page, 'Copy & export')).toBeVisible();
  await page.getByLabel('Export file', { exact: true }).fill(file);
  actions.note('fill Export file');
  await button(page, EXPORT_BUTTON).click();
  actions.note(`"${EXPORT_BUTTON}"`);
  await expect(page.getByText(`Written to ${file}`)).toBeVisible();
}

export interface HappyPathResult {
  readonly actions: UserActions;
  readonly exportFile: string;
  /** The authorize URL the wizard opened in the new tab. */
  readonly authorizeUrl: string;
  /** The code Dropbox sent to the loopback redirect (seen in the tab's navigation). */
  readonly code: string;
  readonly traffic: TabTraffic;
}

/**
 * Snow Atlas from a fresh start to an exported file, through "Sign in in a new browser tab" as the team
 * admin. Asserts what the admin sees at each step.
 */
export async function snowAtlasHappyPath(
  page: Page,
  stack: WizardStack,
  options: { app: Credentials; admin: DropboxAccount; exportFile: string },
): Promise<HappyPathResult> {
  const actions = new UserActions();
  const traffic = recordTraffic(page.context());
  await openWizard(page, stack);
  await chooseTarget(page, 'Snow Atlas', { actions });
  await passCreateAppAndPermissions(page, options.app, { actions, paste: true });

  const tab = await pressAndCatchTab(page, BROWSER_SIGN_IN, actions);
  await expect(page.getByText(/Waiting for Dropbox/)).toBeVisible();
  await signInOnDropbox(tab, options.admin);
  await expectCloseThisTab(tab);
  const redirect = traffic.urls.find((u) => u.startsWith(stack.redirectUris[0] ?? '\0'));
  const code = redirect ? new URL(redirect).searchParams.get('code') : null;
  if (!code) throw new Error(`no code seen in the tab's navigation: ${traffic.urls.join('\n')}`);
  await tab.close();

  await continueToVerify(page, actions);
  await expectVerifyPassed(page, {
    name: 'Ada Admin',
    email: 'admin@example.test',
    team: 'Example Ltd',
    teamAdmin: true,
  });
  await exportTo(page, options.exportFile, actions);
  const authorizeUrl = traffic.authorizeUrl();
  if (!authorizeUrl) throw new Error('the wizard opened no authorize URL');
  return { actions, exportFile: options.exportFile, authorizeUrl, code, traffic };
}

/** The connector's own use of the export: refresh with Basic key:secret. */
export async function refreshAccessToken(
  origin: string,
  app: Credentials,
  refreshToken: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${origin}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${app.key}:${app.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A Dropbox RPC call with a bearer token (Void argument). */
export async function rpcWithToken(
  origin: string,
  route: string,
  accessToken: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${origin}/2/${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: response.status, text: await response.text() };
}

/**
 * The test sign-in of a product that signs in by itself, the default way: Dropbox shows a code
 * and the pasted code is exchanged at once, which takes the wizard to Verify.
 */
export async function signInByShownCode(
  page: Page,
  account: { email: string; password: string },
): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Permissions' })).toBeVisible();
  await expect(continueButton(page)).toHaveCount(0);
  const tab = await pressAndCatchTab(page, 'Continue and open Dropbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Test authorization' })).toBeVisible();
  await expect(page.getByLabel('Authorization code', { exact: true })).toBeFocused();
  await signInOnDropbox(tab, account);
  const code = await readShownCode(tab);
  await tab.close();
  await pasteInto(page.getByLabel('Authorization code', { exact: true }), code);
  await expect(page.getByRole('heading', { level: 1, name: 'Verify' })).toBeVisible({
    timeout: 30_000,
  });
}

/**
 * The emulator's authorize pages in Chromium: sign in, Continue, consent, Allow, then the code
 * through /oauth2/token and the API (check/user, team routes), refresh and revoke.
 * Set EMULATOR_SCREENSHOTS=<dir> to save screenshots of the sign-in, consent and error pages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { RPC_ERRORS, startEmulator, type RunningEmulator } from '../dropbox-emulator/index';

const APP = { key: 'snowatlasdemo01', secret: 'opuqihxlha7z2o0', name: 'Snow Atlas connector' };
const PASSWORD = 'demo-password';
const TEAM_ID = 'dbtid:AAI8TNStE1otps5WG2mihZmazj4X_PKzj1r';
const ADMIN_ACCOUNT_ID = 'dbid:AAutw7xnxczgpqHsggVo1dnx8HaXfn4GJLj';

let emu: RunningEmulator;
let callback: Server;
let redirectUri: string;
const shotsDir = process.env.EMULATOR_SCREENSHOTS;

test.beforeAll(async () => {
  emu = await startEmulator();
  // The app's loopback listener: answers any callback with a small page.
  callback = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Callback</title><h1>Callback received</h1>');
  });
  await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/oauth/callback`;
  if (shotsDir !== undefined) mkdirSync(shotsDir, { recursive: true });
});

test.afterAll(async () => {
  await emu.close();
  await new Promise<void>((resolve) => callback.close(() => resolve()));
});

test.beforeEach(async () => {
  await emu.reset();
  await emu.patchApp(APP.key, {
    redirectUris: ['http://127.0.0.1:47210/oauth/callback', redirectUri],
  });
});

function authorizeUrl(params: Record<string, string>): string {
  return `${emu.origin}/oauth2/authorize?${new URLSearchParams({ client_id: APP.key, response_type: 'code', redirect_uri: redirectUri, ...params }).toString()}`;
}

/** Fails the test on any console error or page error (a CSP violation would show up here). */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

async function shot(page: Page, name: string): Promise<void> {
  if (shotsDir !== undefined)
    await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, email: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await shot(page, 'sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function allowAndGetCode(page: Page, state: string): Promise<string> {
  await expect(page.getByRole('heading', { name: 'This app is in development' })).toBeVisible();
  await shot(page, 'continue');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#consent-title')).toContainText(APP.name);
  await shot(page, 'consent');
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.href.startsWith(redirectUri));
  await expect(page.getByRole('heading', { name: 'Callback received' })).toBeVisible();
  const url = new URL(page.url());
  expect(url.searchParams.get('state')).toBe(state);
  expect(url.searchParams.has('error')).toBe(false);
  const code = url.searchParams.get('code') ?? '';
  expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return code;
}

const basic = `Basic ${Buffer.from(`${APP.key}:${APP.secret}`).toString('base64')}`;

async function tokenCall(
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emu.origin}/oauth2/token`, {
    method: 'POST',
    headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function api(
  route: string,
  accessToken: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${emu.origin}/2/${route}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${accessToken}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text.startsWith('{') || text === 'null' ? (JSON.parse(text) as unknown) : text,
  };
}

test('user: sign in, Continue, Allow → token → check/user → refresh → revoke → refresh fails', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto(
    authorizeUrl({ scope: 'account_info.read', token_access_type: 'offline', state: 'user-flow' }),
  );
  await signIn(page, 'member@example.test');
  const code = await allowAndGetCode(page, 'user-flow');

  const exchanged = await tokenCall({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
  });
  expect(exchanged.status).toBe(200);
  expect(exchanged.body).toMatchObject({
    token_type: 'bearer',
    expires_in: 14400,
    scope: 'account_info.read',
    account_id: 'dbid:AANf7GXOLKspMqjUMu9xuhRVCH1L3BQsvxD',
  });
  const refreshToken = exchanged.body.refresh_token as string;

  expect(
    await api('check/user', exchanged.body.access_token as string, { query: 'browser' }),
  ).toEqual({ status: 200, json: { result: 'browser' } });

  const refreshed = await tokenCall({ grant_type: 'refresh_token', refresh_token: refreshToken });
  expect(refreshed.status).toBe(200);
  const access = refreshed.body.access_token as string;
  expect(await api('check/user', access, { query: 'refreshed' })).toEqual({
    status: 200,
    json: { result: 'refreshed' },
  });

  expect((await api('auth/token/revoke', access)).status).toBe(200);
  const after = await tokenCall({ grant_type: 'refresh_token', refresh_token: refreshToken });
  expect(after).toEqual({
    status: 400,
    body: { error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' },
  });
  expect(errors).toEqual([]);
});

test('team admin with team scopes → team token → team/get_info → refresh → revoke refused (default), revoked with teamTokenRevoke "allow"', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.goto(authorizeUrl({ token_access_type: 'offline', state: 'team-flow' }));
  await signIn(page, 'admin@example.test');
  const code = await allowAndGetCode(page, 'team-flow');

  const exchanged = await tokenCall({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
  });
  expect(exchanged.body).toMatchObject({
    uid: '',
    team_id: TEAM_ID,
    scope: 'account_info.read members.read sessions.list team_info.read',
  });
  expect(exchanged.body.access_token).toMatch(/^sl\.u\./);

  const info = await api('team/get_info', exchanged.body.access_token as string);
  expect(info.status).toBe(200);
  expect(info.json).toMatchObject({ name: 'Example Ltd', team_id: TEAM_ID });

  const refreshed = await tokenCall({
    grant_type: 'refresh_token',
    refresh_token: exchanged.body.refresh_token as string,
  });
  const access = refreshed.body.access_token as string;
  expect((await api('team/get_info', access)).status).toBe(200);
  // Default (teamTokenRevoke "refuse"): a team token without a select header gets Dropbox's
  // 400 text, and nothing is revoked.
  expect(await api('auth/token/revoke', access)).toEqual({
    status: 400,
    json: `Error in call to API function "auth/token/revoke": ${RPC_ERRORS.teamTokenOnUserRoute}`,
  });
  expect(
    (
      await tokenCall({
        grant_type: 'refresh_token',
        refresh_token: exchanged.body.refresh_token as string,
      })
    ).status,
  ).toBe(200);

  // With teamTokenRevoke "allow" the team grant is revoked: its refresh token stops working.
  const snapshot = await emu.state();
  await emu.reset({ ...snapshot, options: { ...snapshot.options, teamTokenRevoke: 'allow' } });
  const minted = await emu.mintToken({
    appKey: APP.key,
    accountId: ADMIN_ACCOUNT_ID,
    scopes: ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'],
    offline: true,
  });
  expect(minted).toMatchObject({ team_id: TEAM_ID });
  expect((await api('auth/token/revoke', minted.access_token as string)).status).toBe(200);
  expect(
    (
      await tokenCall({
        grant_type: 'refresh_token',
        refresh_token: minted.refresh_token as string,
      })
    ).body,
  ).toEqual({
    error: 'invalid_grant',
    error_description: 'refresh token is invalid or revoked',
  });
  expect(errors).toEqual([]);
});

test('the session cookie skips sign-in the second time; force_reauthentication asks again', async ({
  page,
}) => {
  await page.goto(authorizeUrl({ state: 'first' }));
  await signIn(page, 'admin@example.test');
  await allowAndGetCode(page, 'first');

  const cookies = await page.context().cookies(emu.origin);
  expect(cookies.find((c) => c.name === 'emu_session')).toMatchObject({
    httpOnly: true,
    sameSite: 'Lax',
  });

  await page.goto(authorizeUrl({ state: 'second' }));
  await expect(page.getByRole('heading', { name: 'This app is in development' })).toBeVisible();
  await allowAndGetCode(page, 'second');

  await page.goto(authorizeUrl({ state: 'third', force_reauthentication: 'true' }));
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('Cancel → redirect with error=access_denied and state', async ({ page }) => {
  await page.goto(authorizeUrl({ state: 'deny-me' }));
  await signIn(page, 'admin@example.test');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForURL((url) => url.href.startsWith(redirectUri));
  const url = new URL(page.url());
  expect(url.searchParams.get('error')).toBe('access_denied');
  expect(url.searchParams.get('error_description')).toBeTruthy();
  expect(url.searchParams.get('state')).toBe('deny-me');
  expect(url.searchParams.has('code')).toBe(false);
});

test('an unregistered redirect URI shows "Error (400)" and does not navigate away', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const bad = authorizeUrl({ redirect_uri: 'http://localhost:47210/oauth/callback' });
  const response = await page.goto(bad);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('heading', { name: 'Error (400)' })).toBeVisible();
  await expect(page.locator('#error-detail')).toHaveText(
    "Invalid redirect_uri. It must exactly match one of the redirect URIs you've pre-configured for your app (including the path).",
  );
  await shot(page, 'error-400');
  expect(page.url()).toBe(bad);
  expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
});

test('no redirect URI: the code is shown, labelled "Access code"', async ({ page }) => {
  await page.goto(`${emu.origin}/oauth2/authorize?client_id=customnoredir01&response_type=code`);
  await signIn(page, 'personal@example.test');
  await page.getByRole('button', { name: 'Allow' }).click();
  const code = await page.getByLabel('Access code').inputValue();
  expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await shot(page, 'access-code');
});

test('a member asked for team scopes gets the refusal page', async ({ page }) => {
  await page.goto(authorizeUrl({ state: 'x' }));
  await signIn(page, 'member@example.test');
  await expect(
    page.getByRole('heading', { name: 'Only a team admin can link this app' }),
  ).toBeVisible();
  await shot(page, 'refusal');
});

test('App Console lists the seeded apps with their settings', async ({ page }) => {
  await page.goto(`${emu.origin}/developers/apps`);
  const card = page.locator('[data-app-key="snowatlasdemo01"]');
  await expect(card.getByRole('heading', { name: APP.name })).toBeVisible();
  await expect(card.locator('.app-key')).toHaveText(APP.key);
  await expect(card).toContainText('http://127.0.0.1:47210/oauth/callback');
  await card.getByText('Show').click();
  await expect(card.locator('.app-secret')).toHaveText(APP.secret);
  await shot(page, 'app-console');
});

/**
 * PKCE where the app allows it and not where it doesn't, and Certero end to end as an app-only
 * target: its own redirect URI pre-flighted, a test sign-in with online access (by default through
 * the code Dropbox shows, so the app needs none of the wizard's redirect URIs), Verify proving the
 * six scopes and a team admin, and the test token revoked or honestly reported.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  AppCheckReport,
  AuthorizationStart,
  SessionSnapshot,
  VerifyReport,
} from '../../electron/shared/contract';
import { authorizeOverHttp, startEmulator, type RunningEmulator } from '../dropbox-emulator/index';
import {
  ADMIN,
  CERTERO,
  CERTERO_REDIRECT,
  chooseTarget,
  createHarness,
  signInThroughBrowser,
  SNOW,
  type Harness,
} from './support/wizard-harness';

const PORTS = [47530, 47531, 47532];
const REDIRECTS = PORTS.map((p) => `http://127.0.0.1:${p}/oauth/callback`);
const CERTERO_SCOPES = [
  'account_info.read',
  'events.read',
  'groups.read',
  'members.read',
  'team_data.member',
  'team_info.read',
];

let emu: RunningEmulator;
let h: Harness;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
  await emu.clearFaults();
  await emu.patchApp(SNOW.key, { redirectUris: REDIRECTS });
  await emu.patchApp(CERTERO.key, { redirectUris: [CERTERO_REDIRECT, ...REDIRECTS] });
  h = await createHarness(emu, { ports: PORTS });
});
afterEach(async () => {
  await h.dispose();
});

function params(url: string): URLSearchParams {
  return new URL(url).searchParams;
}

describe('PKCE', () => {
  it('Snow Atlas (public clients allowed): S256 challenge in the URL, and the exchange succeeds', async () => {
    await chooseTarget(h, 'snow-atlas');
    await h.must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    const session = await h.must<SessionSnapshot>('getSession');
    expect(session.progress.pkceAllowed).toBe(true);
    await emu.clearRequests();
    const start = await h.must<AuthorizationStart>('startAuthorization', { method: 'browser' });
    expect(params(start.authorizeUrl).get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params(start.authorizeUrl).get('code_challenge_method')).toBe('S256');
    const outcome = await authorizeOverHttp(start.authorizeUrl, ADMIN);
    await fetch(outcome.location!);
    const wait = await h.must<{ status: string }>('waitForAuthorization', {
      attemptId: start.attemptId,
    });
    expect(wait.status).toBe('authorized');
    // The emulator checks the verifier against the challenge for a code issued with one: the
    // exchange succeeded, so the verifier was sent and matched.
    const exchanges = (await emu.requests()).filter(
      (r) => r.tokenRequest?.grantType === 'authorization_code',
    );
    expect(exchanges.map((r) => [r.status, r.tokenRequest?.error])).toEqual([[200, null]]);
    const verify = await h.must<VerifyReport>('runVerify');
    expect(verify.checks.find((c) => c.id === 'pkce')?.detail).toMatch(/used PKCE \(S256\)/);
  });

  it('Custom on an app that disallows public clients learns it: no challenge, and a note', async () => {
    await chooseTarget(h, 'custom');
    const report = await h.must<AppCheckReport>('checkAppCredentials', {
      appKey: CERTERO.key,
      appSecret: CERTERO.secret,
    });
    expect(report.passed).toBe(true);
    const note = report.checks.find((c) => c.id === 'pkce');
    expect(note?.status).toBe('info');
    expect(note?.detail).toMatch(/Allow public clients/);
    const session = await h.must<SessionSnapshot>('getSession');
    expect(session.progress.pkceAllowed).toBe(false);
    const start = await h.must<AuthorizationStart>('startAuthorization', { method: 'browser' });
    expect(params(start.authorizeUrl).has('code_challenge')).toBe(false);
    // And the sign-in works without it (Dropbox would show Error (400) with a challenge).
    const outcome = await authorizeOverHttp(start.authorizeUrl, ADMIN);
    expect(outcome.outcome).toBe('redirect');
  });
});

describe('Certero (app-only)', () => {
  it('pre-flights Certero’s redirect URI, tests with online access, proves six scopes and a team admin', async () => {
    await chooseTarget(h, 'certero');
    const session = await h.must<SessionSnapshot>('getSession');
    expect(session.plan).toMatchObject({
      flow: 'app-only',
      accountType: 'team_admin',
      authorization: 'test',
      productRedirectUris: [CERTERO_REDIRECT],
    });
    expect(session.plan?.requiredScopes.map((s) => s.id)).toEqual(CERTERO_SCOPES);

    const app = await h.must<AppCheckReport>('checkAppCredentials', {
      appKey: CERTERO.key,
      appSecret: CERTERO.secret,
    });
    expect(app.passed).toBe(true);
    expect(
      app.checks.find((c) => c.id === `product_redirect_uri:${CERTERO_REDIRECT}`),
    ).toMatchObject({ status: 'pass' });
    // Certero's guide disallows public clients: no PKCE on its target, and no note is needed.
    expect(app.checks.some((c) => c.id === 'pkce')).toBe(false);

    await h.must('goToStep', { step: 'permissions' });
    await h.must('goToStep', { step: 'authorize' });
    const start = await h.must<AuthorizationStart>('startAuthorization', { method: 'browser' });
    expect(params(start.authorizeUrl).get('token_access_type')).toBe('online');
    expect(params(start.authorizeUrl).has('code_challenge')).toBe(false);
    const outcome = await authorizeOverHttp(start.authorizeUrl, ADMIN);
    expect(outcome.outcome).toBe('redirect');
    await fetch(outcome.location!);
    const wait = await h.must<{
      status: string;
      summary?: { hasRefreshToken: boolean; tokenKind: string };
    }>('waitForAuthorization', { attemptId: start.attemptId });
    expect(wait).toMatchObject({
      status: 'authorized',
      summary: { hasRefreshToken: false, tokenKind: 'team' },
    });

    const verify = await h.must<VerifyReport>('runVerify');
    expect(verify.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(verify.passed).toBe(true);
    expect(verify.grantedScopes).toEqual(CERTERO_SCOPES);
    expect(verify.identity).toMatchObject({ email: ADMIN.email, isTeamAdmin: true });
    for (const scope of CERTERO_SCOPES.filter((s) => s !== 'account_info.read')) {
      expect(verify.checks.find((c) => c.id === `probe:${scope}`)?.status, scope).toBe('pass');
    }
    // The test token does not stay live: revoked (Certero's app has team_data.member, so the
    // wizard may act as the admin), or, where Dropbox refuses, a warning that says so.
    const revoked = verify.checks.find((c) => c.id === 'test_token_revoked');
    expect(revoked?.status).toBe('pass');
    const tokens = (await emu.state()).tokens.filter((t) => t.appKey === CERTERO.key);
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.revoked)).toBe(true);
    expect(tokens.some((t) => t.kind === 'refresh')).toBe(false);
  });

  it('tests through the code Dropbox shows by default: the app needs only Certero’s redirect URI', async () => {
    // As Certero's guide sets the app up: its own redirect URI and nothing of the wizard's.
    await emu.patchApp(CERTERO.key, { redirectUris: [CERTERO_REDIRECT] });
    await chooseTarget(h, 'certero');
    const chosen = await h.must<SessionSnapshot>('getSession');
    expect(chosen.progress.redirectMode).toBe('manual');
    expect(chosen.plan?.wizardRedirectUrisRemovable).toBe(false);

    // The renderer sends the mode the session holds.
    const app = await h.must<AppCheckReport>('checkAppCredentials', {
      appKey: CERTERO.key,
      appSecret: CERTERO.secret,
      redirectMode: chosen.progress.redirectMode,
    });
    expect(app.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(app.passed).toBe(true);
    await h.must('goToStep', { step: 'permissions' });
    await h.must('goToStep', { step: 'authorize' });
    const start = await h.must<AuthorizationStart>('startAuthorization', { method: 'manual' });
    expect(start.redirectUri).toBeNull();
    expect(params(start.authorizeUrl).has('redirect_uri')).toBe(false);
    const shown = await authorizeOverHttp(start.authorizeUrl, ADMIN);
    expect(shown.outcome).toBe('code_page');
    await h.must('submitAuthorizationCode', { code: shown.code! });

    const verify = await h.must<VerifyReport>('runVerify');
    expect(verify.passed).toBe(true);
    expect(verify.checks.find((c) => c.id === 'test_token_revoked')?.status).toBe('pass');
    const after = await h.must<SessionSnapshot>('getSession');
    expect(after.plan?.wizardRedirectUrisRemovable).toBe(false);
  });

  it('the loopback way, where the admin chose it: the finish may tell them to remove the wizard’s URIs', async () => {
    await chooseTarget(h, 'certero');
    await h.must('checkAppCredentials', {
      appKey: CERTERO.key,
      appSecret: CERTERO.secret,
      redirectMode: 'loopback',
    });
    await signInThroughBrowser(h, ADMIN);
    const session = await h.must<SessionSnapshot>('getSession');
    expect(session.progress.redirectMode).toBe('loopback');
    expect(session.plan?.wizardRedirectUrisRemovable).toBe(true);
  });

  it('where Dropbox refuses the revoke, a warn check says the test token is still live and where to remove it', async () => {
    await chooseTarget(h, 'certero');
    await h.must('checkAppCredentials', { appKey: CERTERO.key, appSecret: CERTERO.secret });
    await signInThroughBrowser(h, ADMIN);
    // Dropbox refuses acting as the admin (once); the plain call is refused for a team token.
    await emu.addFault({ route: '/2/auth/token/revoke', status: 403, count: 1 });
    const verify = await h.must<VerifyReport>('runVerify');
    expect(verify.passed).toBe(true); // a live test token is a warning, not a failed connector
    const revoked = verify.checks.find((c) => c.id === 'test_token_revoked');
    expect(revoked?.status).toBe('warn');
    expect(revoked?.error?.code).toBe('revoke_refused');
    expect(revoked?.detail).toMatch(/still live/);
    expect(revoked?.detail).toMatch(/Admin Console/);
    expect(revoked?.detail).not.toMatch(/untick/i);
    const live = (await emu.state()).tokens.filter((t) => t.appKey === CERTERO.key && !t.revoked);
    expect(live.length).toBeGreaterThan(0);
  });

  it('a Certero app without Certero’s redirect URI fails the app check, naming the URI', async () => {
    await emu.patchApp(CERTERO.key, { redirectUris: REDIRECTS });
    await chooseTarget(h, 'certero');
    const app = await h.must<AppCheckReport>('checkAppCredentials', {
      appKey: CERTERO.key,
      appSecret: CERTERO.secret,
    });
    expect(app.passed).toBe(false);
    const product = app.checks.find((c) => c.id === `product_redirect_uri:${CERTERO_REDIRECT}`);
    expect(product?.status).toBe('fail');
    expect(product?.error?.code).toBe('redirect_uri_not_registered');
    expect(`${product?.error?.message} ${product?.error?.remedy}`).toContain(CERTERO_REDIRECT);
  });
});

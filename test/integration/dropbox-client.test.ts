/**
 * The Dropbox client against the project's emulator over real HTTP: the same code path the wizard
 * uses, with only the origins overridden. Waits are recorded instead of slept, so Retry-After and
 * backoff cost no wall time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runVerifyChecks, type VerifyInput } from '../../electron/core/dropbox/checks';
import { checkAppCredentials } from '../../electron/core/dropbox/app-credentials-check';
import type { DropboxContext, WaitInfo } from '../../electron/core/dropbox/context';
import { resolveEndpoints } from '../../electron/core/dropbox/endpoints';
import { WizardFailure } from '../../electron/core/failure';
import {
  exchangeCode,
  refreshAccessToken,
  revokeAccessToken,
} from '../../electron/core/dropbox/oauth';
import {
  buildAuthorizeUrl,
  createPkce,
  createState,
  parseAuthorizationRedirect,
} from '../../electron/core/dropbox/authorize-request';
import type { TokenSet } from '../../electron/core/dropbox/token-reply';
import { preflightAuthorize } from '../../electron/core/dropbox/preflight';
import { rpc } from '../../electron/core/dropbox/rpc';
import { SCOPES } from '../../electron/core/targets/scopes';
import { authorizeOverHttp, startEmulator, type RunningEmulator } from '../dropbox-emulator/index';

const APP_KEY = 'snowatlasdemo01';
const APP_SECRET = 'opuqihxlha7z2o0';
const APP_SCOPES = ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'];
const REDIRECT = 'http://127.0.0.1:47210/oauth/callback';
const CERTERO_KEY = 'certerodemo0001';
const ADMIN = { email: 'admin@example.test', password: 'demo-password' };

let emu: RunningEmulator;
let waits: WaitInfo[];
let sleeps: number[];
let ctx: DropboxContext;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await emu.clearFaults();
  await emu.reset();
});

function freshContext(): DropboxContext {
  waits = [];
  sleeps = [];
  ctx = {
    endpoints: resolveEndpoints({ DROPBOX_WEB_ORIGIN: emu.origin, DROPBOX_API_ORIGIN: emu.origin }),
    onWait: (w) => waits.push(w),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  return ctx;
}

async function rejection(p: Promise<unknown>): Promise<WizardFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WizardFailure);
  return err as WizardFailure;
}

/** Authorize as the team admin through the emulator's pages and exchange the code. */
async function authorizeTeamAdmin(c: DropboxContext): Promise<{ tokens: TokenSet; code: string }> {
  const state = createState();
  const url = buildAuthorizeUrl(c.endpoints, { appKey: APP_KEY, redirectUri: REDIRECT, state });
  await preflightAuthorize(c, url);
  const outcome = await authorizeOverHttp(url, ADMIN);
  expect(outcome.outcome).toBe('redirect');
  const { code } = parseAuthorizationRedirect(outcome.location ?? '', state);
  const tokens = await exchangeCode(c, {
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    code,
    redirectUri: REDIRECT,
  });
  return { tokens, code };
}

function verifyInput(tokens: TokenSet, partial: Partial<VerifyInput> = {}): VerifyInput {
  return {
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    refreshToken: tokens.refreshToken ?? '',
    accessToken: tokens.accessToken,
    tokenKind: tokens.tokenKind,
    grantedScopes: tokens.scopes,
    requiredScopes: APP_SCOPES,
    expectTeamAdmin: true,
    scopeCatalogue: SCOPES,
    ...partial,
  };
}

describe('check/app', () => {
  it('passes with the right secret and fails with a wrong one', async () => {
    const c = freshContext();
    expect(await checkAppCredentials(c, { appKey: APP_KEY, appSecret: APP_SECRET })).toMatchObject({
      status: 'pass',
    });
    const bad = await checkAppCredentials(c, { appKey: APP_KEY, appSecret: 'wrongsecret0000' });
    expect(bad.status).toBe('fail');
    expect(bad.error?.code).toBe('bad_app_credentials');
    expect(bad.error?.action).toBe('edit_credentials');
    const unknown = await checkAppCredentials(c, {
      appKey: 'nosuchappkey000',
      appSecret: APP_SECRET,
    });
    expect(unknown.error?.code).toBe('bad_app_credentials');
  });
});

describe('preflight', () => {
  it('passes for a registered redirect URI and names an unregistered one exactly', async () => {
    const c = freshContext();
    await expect(
      preflightAuthorize(
        c,
        buildAuthorizeUrl(c.endpoints, { appKey: APP_KEY, redirectUri: REDIRECT, state: 's' }),
      ),
    ).resolves.toBeUndefined();
    const unregistered = 'http://127.0.0.1:47299/oauth/callback';
    const f = await rejection(
      preflightAuthorize(
        c,
        buildAuthorizeUrl(c.endpoints, { appKey: APP_KEY, redirectUri: unregistered, state: 's' }),
      ),
    );
    expect(f.error.code).toBe('redirect_uri_not_registered');
    expect(f.error.message).toContain(unregistered);
    expect(f.error.remedy).toBe(
      `App Console → Settings → OAuth 2 → Redirect URIs → paste ${unregistered} → Add. Then check again.`,
    );
  });

  it('recognises an unknown app key, a disabled app and PKCE on an app without public clients', async () => {
    const c = freshContext();
    const unknown = await rejection(
      preflightAuthorize(
        c,
        buildAuthorizeUrl(c.endpoints, {
          appKey: 'nosuchappkey000',
          redirectUri: null,
          state: null,
        }),
      ),
    );
    expect(unknown.error.code).toBe('invalid_client_id');
    expect(unknown.error.message).toContain('nosuchappkey000');
    const disabled = await rejection(
      preflightAuthorize(
        c,
        buildAuthorizeUrl(c.endpoints, {
          appKey: 'retiredsync0001',
          redirectUri: null,
          state: null,
        }),
      ),
    );
    expect(disabled.error.code).toBe('app_disabled');
    // Certero's app has "Allow public clients" disallowed: Dropbox refuses PKCE on it.
    const { challenge } = await createPkce();
    const pkce = await rejection(
      preflightAuthorize(
        c,
        buildAuthorizeUrl(c.endpoints, {
          appKey: CERTERO_KEY,
          redirectUri: REDIRECT,
          state: 's',
          codeChallenge: challenge,
        }),
      ),
    );
    expect(pkce.error.code).toBe('public_clients_disallowed');
    // Snow Atlas allows public clients: the same PKCE request is accepted.
    await expect(
      preflightAuthorize(
        c,
        buildAuthorizeUrl(c.endpoints, {
          appKey: APP_KEY,
          redirectUri: REDIRECT,
          state: 's',
          codeChallenge: challenge,
        }),
      ),
    ).resolves.toBeUndefined();
  });
});

describe('full flow: authorize → exchange → verify → refresh → revoke', () => {
  it('gives a verified team token and nothing secret in any URL', async () => {
    const c = freshContext();
    const first = await authorizeTeamAdmin(c);
    const { code } = first;
    let tokens = first.tokens;
    expect(tokens.tokenKind).toBe('team');
    expect(tokens.scopes).toEqual(APP_SCOPES);
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.teamId).toMatch(/^dbtid:/);
    expect(tokens.uid).toBe('');

    // A code works once.
    const reused = await rejection(
      exchangeCode(c, { appKey: APP_KEY, appSecret: APP_SECRET, code, redirectUri: REDIRECT }),
    );
    expect(reused.error.code).toBe('code_expired');

    const report = await runVerifyChecks(c, verifyInput(tokens));
    expect(report.checks.filter((x) => x.status === 'fail')).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.identity).toMatchObject({
      tokenKind: 'team',
      email: 'admin@example.test',
      isTeamAdmin: true,
      teamName: expect.any(String),
    });
    expect(report.checks.map((x) => [x.id, x.status])).toEqual([
      ['identity', 'pass'],
      ['scopes', 'pass'],
      ['token_valid', 'pass'],
      ['probe:account_info.read', 'info'],
      ['probe:members.read', 'pass'],
      ['probe:sessions.list', 'pass'],
      ['probe:team_info.read', 'pass'],
      ['refresh', 'pass'],
    ]);

    let refreshed = await refreshAccessToken(c, {
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      refreshToken: tokens.refreshToken ?? '',
    });
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    await expect(
      rpc(c, 'team/get_info', { auth: { kind: 'bearer', token: refreshed.accessToken } }),
    ).resolves.toBeTruthy();

    // auth/token/revoke is a user route: by default Dropbox refuses a team token there.
    const refused = await rejection(revokeAccessToken(c, refreshed.accessToken));
    expect(refused.error.code).toBe('wrong_account_type');
    await expect(
      rpc(c, 'team/get_info', { auth: { kind: 'bearer', token: refreshed.accessToken } }),
    ).resolves.toBeTruthy();
    // Where Dropbox allows it (seed option; a reset forgets tokens, so the refresh token is
    // renewed via a new grant), the same call revokes the grant.
    const seed = await emu.state();
    await emu.reset({ ...seed, options: { ...seed.options, teamTokenRevoke: 'allow' } });
    const regranted = await authorizeTeamAdmin(c);
    tokens = regranted.tokens;
    refreshed = await refreshAccessToken(c, {
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      refreshToken: tokens.refreshToken ?? '',
    });
    await revokeAccessToken(c, refreshed.accessToken);
    const dead = await rejection(
      rpc(c, 'team/get_info', { auth: { kind: 'bearer', token: refreshed.accessToken } }),
    );
    expect(dead.error.code).toBe('token_invalid');
    // Revoking disables the refresh token too (dropbox-api-spec auth.stone, token/revoke: "If there
    // is a corresponding refresh token for the access token, this disables that refresh token").
    const gone = await rejection(
      refreshAccessToken(c, {
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        refreshToken: tokens.refreshToken ?? '',
      }),
    );
    expect(gone.error.code).toBe('refresh_failed');

    const secrets = [
      APP_SECRET,
      code,
      first.tokens.accessToken,
      first.tokens.refreshToken ?? '-',
      tokens.accessToken,
      tokens.refreshToken ?? '-',
      refreshed.accessToken,
    ];
    const log = await emu.requests();
    expect(log.length).toBeGreaterThan(10);
    for (const entry of log) for (const s of secrets) expect(entry.url).not.toContain(s);
  });

  it('works without a redirect URI (the code Dropbox shows)', async () => {
    const c = freshContext();
    const url = buildAuthorizeUrl(c.endpoints, {
      appKey: 'customnoredir01',
      redirectUri: null,
      state: null,
    });
    await preflightAuthorize(c, url);
    const outcome = await authorizeOverHttp(url, {
      email: 'personal@example.test',
      password: 'demo-password',
    });
    expect(outcome.outcome).toBe('code_page');
    const tokens = await exchangeCode(c, {
      appKey: 'customnoredir01',
      appSecret: 'bqrke3bwgoqd3ad',
      code: outcome.code ?? '',
      redirectUri: null,
    });
    expect(tokens.tokenKind).toBe('user');
    expect(tokens.accountId).toMatch(/^dbid:/);
    const report = await runVerifyChecks(c, {
      ...verifyInput(tokens),
      appKey: 'customnoredir01',
      appSecret: 'bqrke3bwgoqd3ad',
      requiredScopes: ['account_info.read', 'files.metadata.read'],
      expectTeamAdmin: false,
    });
    expect(report.checks.filter((x) => x.status !== 'pass')).toEqual([]);
    expect(report.identity).toMatchObject({ tokenKind: 'user', email: 'personal@example.test' });
  });

  it('reports Cancel on the consent page as access_denied', async () => {
    const c = freshContext();
    const state = createState();
    const url = buildAuthorizeUrl(c.endpoints, { appKey: APP_KEY, redirectUri: REDIRECT, state });
    const outcome = await authorizeOverHttp(url, { ...ADMIN, decision: 'cancel' });
    let code = '';
    try {
      parseAuthorizationRedirect(outcome.location ?? '', state);
    } catch (e) {
      code = (e as WizardFailure).error.code;
    }
    expect(code).toBe('access_denied');
  });

  it('a user-token sign-in for a team connector fails identity with wrong_account_type', async () => {
    const c = freshContext();
    const state = createState();
    const url = buildAuthorizeUrl(c.endpoints, {
      appKey: 'customnoredir01',
      redirectUri: null,
      state,
    });
    const outcome = await authorizeOverHttp(url, {
      email: 'personal@example.test',
      password: 'demo-password',
    });
    const tokens = await exchangeCode(c, {
      appKey: 'customnoredir01',
      appSecret: 'bqrke3bwgoqd3ad',
      code: outcome.code ?? '',
      redirectUri: null,
    });
    const report = await runVerifyChecks(c, {
      ...verifyInput(tokens),
      appKey: 'customnoredir01',
      appSecret: 'bqrke3bwgoqd3ad',
    });
    expect(report.checks.find((x) => x.id === 'identity')?.error?.code).toBe('wrong_account_type');
    expect(report.passed).toBe(false);
  });
});

describe('scope changes on the App Console', () => {
  it('a scope added after authorization → missing_scope (token lacks it, authorize again)', async () => {
    const c = freshContext();
    const { tokens } = await authorizeTeamAdmin(c);
    await emu.patchApp(APP_KEY, { scopes: [...APP_SCOPES, 'groups.read'] });
    const report = await runVerifyChecks(
      c,
      verifyInput(tokens, { requiredScopes: [...APP_SCOPES, 'groups.read'] }),
    );
    expect(report.passed).toBe(false);
    expect(report.missingScopes).toEqual(['groups.read']);
    const scopes = report.checks.find((x) => x.id === 'scopes');
    expect(scopes?.error?.code).toBe('missing_scope');
    expect(scopes?.error?.remedy).toContain('groups.read');
    const probe = report.checks.find((x) => x.id === 'probe:groups.read');
    expect(probe?.error?.code).toBe('missing_scope');
    expect(probe?.error?.action).toBe('authorize_again');
  });

  it('a scope removed from the app → scope_not_enabled_on_app (tick it on the Permissions tab)', async () => {
    const c = freshContext();
    const { tokens } = await authorizeTeamAdmin(c);
    await emu.patchApp(APP_KEY, { scopes: APP_SCOPES.filter((s) => s !== 'members.read') });
    const report = await runVerifyChecks(c, verifyInput(tokens));
    const probe = report.checks.find((x) => x.id === 'probe:members.read');
    expect(probe?.status).toBe('fail');
    expect(probe?.error?.code).toBe('scope_not_enabled_on_app');
    expect(probe?.error?.remedy).toContain('Permissions tab → tick members.read → Submit');
  });
});

describe('faults', () => {
  it('429 with Retry-After, then success', async () => {
    const c = freshContext();
    const { tokens } = await authorizeTeamAdmin(c);
    await emu.addFault({ route: '/2/team/get_info', status: 429, retryAfter: 2, count: 1 });
    const before = Date.now();
    await expect(
      rpc(c, 'team/get_info', { auth: { kind: 'bearer', token: tokens.accessToken } }),
    ).resolves.toMatchObject({ name: expect.any(String) });
    expect(sleeps).toEqual([2000]);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({
      reason: 'rate_limited',
      operation: 'team/get_info',
      attempt: 2,
    });
    expect(waits[0]?.retryAt).toBeGreaterThanOrEqual(before + 2000);
  });

  it('503 that persists → dropbox_unavailable after bounded retries', async () => {
    const c = freshContext();
    const { tokens } = await authorizeTeamAdmin(c);
    await emu.clearRequests();
    await emu.addFault({ route: '/oauth2/token', status: 503 });
    const f = await rejection(
      refreshAccessToken(c, {
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        refreshToken: tokens.refreshToken ?? '',
      }),
    );
    expect(f.error.code).toBe('dropbox_unavailable');
    expect(f.error.action).toBe('retry');
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect((await emu.requests()).filter((r) => r.path === '/oauth2/token')).toHaveLength(4);
  });

  it('a dropped connection during the code exchange is not retried', async () => {
    const c = freshContext();
    const state = createState();
    const url = buildAuthorizeUrl(c.endpoints, { appKey: APP_KEY, redirectUri: REDIRECT, state });
    const outcome = await authorizeOverHttp(url, ADMIN);
    const { code } = parseAuthorizationRedirect(outcome.location ?? '', state);
    await emu.clearRequests();
    await emu.addFault({ route: '/oauth2/token', drop: true, count: 1 });
    const f = await rejection(
      exchangeCode(c, { appKey: APP_KEY, appSecret: APP_SECRET, code, redirectUri: REDIRECT }),
    );
    expect(['dropbox_unavailable', 'offline']).toContain(f.error.code);
    expect(f.error.action).toBe('authorize_again');
    expect(waits).toEqual([]);
  });
});

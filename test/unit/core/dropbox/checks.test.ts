import { describe, expect, it } from 'vitest';
import type { CheckResult, TokenKind } from '../../../../electron/shared/contract';
import { runVerifyChecks, type VerifyInput } from '../../../../electron/core/dropbox/checks';
import { checkAppCredentials } from '../../../../electron/core/dropbox/app-credentials-check';
import { NOT_PROBED, PROBES } from '../../../../electron/core/dropbox/probes';
import { SCOPES } from '../../../../electron/core/targets/scopes';
import { basic, harness, json, text, type Handler, type Recorded } from './fake-dropbox';

const KEY = 'snowatlasdemo01';
const SECRET = 'appsecretvalue7';
const ACCESS = 'sl.u.team-access-token-abcdef';
const REFRESH = 'refresh-token-value-0123456789';

describe('PROBES', () => {
  it('agrees with the scope catalogue', () => {
    for (const scope of SCOPES)
      expect([scope.id, scope.probe]).toEqual([scope.id, PROBES[scope.id]?.route ?? null]);
    for (const id of Object.keys(PROBES)) expect(SCOPES.some((s) => s.id === id)).toBe(true);
  });
});

describe('checkAppCredentials', () => {
  const run = (handler: Handler) => {
    const h = harness(handler);
    return { h, p: checkAppCredentials(h.ctx, { appKey: KEY, appSecret: SECRET }) };
  };
  const echo: Handler = (req) =>
    json(200, { result: (JSON.parse(req.body) as { query: string }).query });

  it('passes when check/app echoes the random nonce, sent with Basic key:secret', async () => {
    const { h, p } = run(echo);
    const result = await p;
    expect(result).toMatchObject({ id: 'app_credentials', status: 'pass' });
    expect(h.requests[0]?.url.endsWith('/2/check/app')).toBe(true);
    expect(h.requests[0]?.headers.authorization).toBe(basic(KEY, SECRET));
    const { query } = JSON.parse(h.requests[0]?.body ?? '{}') as { query: string };
    expect(query).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it.each<[string, Handler]>([
    [
      '401 JSON',
      () =>
        json(401, {
          error_summary: 'invalid_access_token/',
          error: { '.tag': 'invalid_access_token' },
        }),
    ],
    [
      '400 text',
      () =>
        text(
          400,
          'Error in call to API function "check/app": Invalid authorization value in HTTP header "Authorization"',
        ),
    ],
    [
      '403',
      () => json(403, { error_summary: 'no_permission/', error: { '.tag': 'no_permission' } }),
    ],
    [
      '400 with invalid_client (SEC101_021, the emulator default)',
      () =>
        text(
          400,
          'Error in call to API function "check/app": invalid_client: Invalid client_id or client_secret',
        ),
    ],
  ])('%s → bad_app_credentials with the reply summarised in detail', async (_name, handler) => {
    const result = await run(handler).p;
    expect(result.status).toBe('fail');
    expect(result.error?.code).toBe('bad_app_credentials');
    expect(result.error?.message).toBe('Dropbox rejected this app key and secret.');
    expect(result.error?.remedy).toContain(
      'App Console → your app → Settings: copy the App key and the App secret (press Show)',
    );
    expect(result.error?.action).toBe('edit_credentials');
    expect(result.error?.detail).toBeTruthy();
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('400 "App has been disabled" → app_disabled, never "paste the key and secret again"', async () => {
    const result = await run(() =>
      text(400, 'Error in call to API function "check/app": App has been disabled.'),
    ).p;
    expect(result.status).toBe('fail');
    expect(result.error?.code).toBe('app_disabled');
    expect(result.error?.message).toContain('This app is disabled in the App Console');
    expect(result.error?.remedy).toContain('Pasting this key and secret again will not help');
    expect(result.error?.action).toBe('open_app_console');
  });

  // A captive portal, a proxy or a cut-off reply says nothing about the key and secret.
  it.each([
    ['200 wrong echo', () => json(200, { result: 'something else' })],
    ['200 not JSON', () => text(200, 'ok')],
  ])('%s → unexpected_reply, never blamed on the credentials', async (_name, handler) => {
    const result = await run(handler).p;
    expect(result.status).toBe('fail');
    expect(result.error?.code).toBe('unexpected_reply');
    expect(result.error?.message).toMatch(/^Dropbox answered something unexpected/);
    expect(result.error?.action).toBe('retry');
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('503 that persists → dropbox_unavailable, not a credentials verdict', async () => {
    const { h, p } = run(() => text(503, 'unavailable'));
    const result = await p;
    expect(result.error?.code).toBe('dropbox_unavailable');
    expect(h.requests).toHaveLength(4);
  });

  it('429 then success passes', async () => {
    let n = 0;
    const { h, p } = run((req) =>
      ++n === 1 ? json(429, { error: { retry_after: 2 } }, { 'retry-after': '2' }) : echo(req),
    );
    expect((await p).status).toBe('pass');
    expect(h.waits[0]?.reason).toBe('rate_limited');
  });
});

// ---------------------------------------------------------------------------------------------
// A small fake Dropbox for Verify: route → scope; the app's scopes vs the token's scopes decide
// between 400 text (app lacks it) and 401 missing_scope (token lacks it).

const ROUTE_SCOPE: Record<string, string> = {
  'users/get_current_account': 'account_info.read',
  'check/user': 'account_info.read',
  'team/get_info': 'team_info.read',
  'team/token/get_authenticated_admin': 'team_info.read',
  'team/members/list_v2': 'members.read',
  'team/groups/list': 'groups.read',
  'team/devices/list_members_devices': 'sessions.list',
  'team_log/get_events': 'events.read',
  'team/namespaces/list': 'team_data.member',
  'files/list_folder': 'files.metadata.read',
};

interface FakeOptions {
  kind: TokenKind;
  tokenScopes: string[];
  appScopes?: string[];
  overrides?: Record<string, Handler>;
  latencyMs?: number;
}

function fakeDropbox(o: FakeOptions): { handler: Handler; inFlightMax: () => number } {
  let inFlight = 0;
  let max = 0;
  const appScopes = new Set(o.appScopes ?? o.tokenScopes);
  const tokenScopes = new Set(o.tokenScopes);
  const answer = (req: Recorded): Response => {
    const path = new URL(req.url).pathname;
    const route = path.startsWith('/2/') ? path.slice(3) : path.slice(1);
    const override = o.overrides?.[route];
    if (override) return override(req) as Response;
    if (route === 'oauth2/token')
      return json(200, { access_token: 'sl.refreshed', token_type: 'bearer', expires_in: 14400 });
    if (req.headers.authorization !== `Bearer ${ACCESS}`)
      return json(401, {
        error_summary: 'invalid_access_token/',
        error: { '.tag': 'invalid_access_token' },
      });
    const scope = ROUTE_SCOPE[route];
    if (!scope) return text(404, 'Unknown API function');
    if (route.startsWith('team') && o.kind === 'user') {
      return text(
        400,
        `Error in call to API function "${route}": This is a DfB team management function.  The OAuth 2 access token you provided is for a specific Dropbox user account and does not work with this function.`,
      );
    }
    if (!appScopes.has(scope)) {
      return text(
        400,
        `Error in call to API function "${route}": Your app is not permitted to access this endpoint because it does not have the required scope '${scope}'. The owner of the app can enable the scope for the app using the Permissions tab on the App Console.`,
      );
    }
    if (!tokenScopes.has(scope)) {
      return json(401, {
        error_summary: 'missing_scope/',
        error: { '.tag': 'missing_scope', required_scope: scope },
      });
    }
    switch (route) {
      case 'team/get_info':
        return json(200, {
          name: 'Example Co',
          team_id: 'dbtid:team1',
          num_licensed_users: 5,
          num_provisioned_users: 3,
        });
      case 'team/token/get_authenticated_admin':
        return json(200, {
          admin_profile: {
            email: 'admin@example.test',
            email_verified: true,
            account_id: 'dbid:admin1',
            name: { display_name: 'Ada Admin' },
          },
        });
      case 'users/get_current_account':
        return json(200, {
          account_id: 'dbid:user1',
          email: 'user@example.test',
          email_verified: true,
          name: { display_name: 'Uma User' },
        });
      case 'check/user':
        return json(200, { result: (JSON.parse(req.body) as { query: string }).query });
      default:
        return json(200, {
          members: [],
          groups: [],
          devices: [],
          events: [],
          namespaces: [],
          entries: [],
          cursor: 'c',
          has_more: false,
        });
    }
  };
  const handler: Handler = async (req) => {
    inFlight += 1;
    max = Math.max(max, inFlight);
    await new Promise((r) => setTimeout(r, o.latencyMs ?? 1));
    inFlight -= 1;
    return answer(req);
  };
  return { handler, inFlightMax: () => max };
}

const TEAM_SCOPES = ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'];

function verifyInput(partial: Partial<VerifyInput> = {}): VerifyInput {
  return {
    appKey: KEY,
    appSecret: SECRET,
    refreshToken: REFRESH,
    accessToken: ACCESS,
    tokenKind: 'team',
    grantedScopes: TEAM_SCOPES,
    requiredScopes: TEAM_SCOPES,
    expectTeamAdmin: true,
    scopeCatalogue: SCOPES,
    ...partial,
  };
}

function byId(checks: readonly CheckResult[], id: string): CheckResult {
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

describe('runVerifyChecks with a team token', () => {
  it('passes every check, with the identity and one probe per scope', async () => {
    const fake = fakeDropbox({ kind: 'team', tokenScopes: TEAM_SCOPES });
    const h = harness(fake.handler);
    const report = await runVerifyChecks(h.ctx, verifyInput());
    expect(report.passed).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual([
      'identity',
      'scopes',
      'token_valid',
      'probe:account_info.read',
      'probe:members.read',
      'probe:sessions.list',
      'probe:team_info.read',
      'refresh',
    ]);
    expect(
      report.checks.filter((c) => c.status !== 'pass').map((c) => [c.id, c.status, c.detail]),
    ).toEqual([['probe:account_info.read', 'info', NOT_PROBED]]);
    expect(report.identity).toEqual({
      tokenKind: 'team',
      accountId: 'dbid:admin1',
      email: 'admin@example.test',
      emailVerified: true,
      displayName: 'Ada Admin',
      teamId: 'dbtid:team1',
      teamName: 'Example Co',
      isTeamAdmin: true,
    });
    expect(byId(report.checks, 'identity').detail).toBe(
      'Team token for "Example Co", authorized by team admin Ada Admin <admin@example.test>.',
    );
    expect(byId(report.checks, 'probe:members.read').label).toBe(
      'members.read: View your team membership',
    );
    expect(report).toMatchObject({
      grantedScopes: [...TEAM_SCOPES].sort(),
      missingScopes: [],
      extraScopes: [],
      tokenKind: 'team',
    });
    // team/get_info serves identity, token validity and the team_info.read probe: called once.
    const routes = h.requests.map((r) => new URL(r.url).pathname);
    expect(routes.filter((r) => r === '/2/team/get_info')).toHaveLength(1);
    expect(routes).toContain('/2/team/members/list_v2');
    expect(routes).toContain('/2/team/devices/list_members_devices');
    const members = h.requests.find((r) => r.url.endsWith('/2/team/members/list_v2'));
    expect(JSON.parse(members?.body ?? '')).toEqual({ limit: 1 });
    // The refresh goes the way connectors do it.
    const token = h.requests.find((r) => r.url.endsWith('/oauth2/token'));
    expect(token?.headers.authorization).toBe(basic(KEY, SECRET));
  });

  it('runs the independent calls concurrently', async () => {
    const fake = fakeDropbox({ kind: 'team', tokenScopes: TEAM_SCOPES, latencyMs: 30 });
    const h = harness(fake.handler);
    await runVerifyChecks(h.ctx, verifyInput());
    // get_info, get_authenticated_admin, members, devices and the refresh are all in flight together.
    expect(fake.inFlightMax()).toBeGreaterThanOrEqual(5);
  });

  it('names each missing scope, remedy "tick … Submit … Authorize again"', async () => {
    const granted = ['account_info.read', 'team_info.read'];
    const fake = fakeDropbox({ kind: 'team', tokenScopes: granted, appScopes: TEAM_SCOPES });
    const report = await runVerifyChecks(
      harness(fake.handler).ctx,
      verifyInput({ grantedScopes: granted }),
    );
    expect(report.passed).toBe(false);
    expect(report.missingScopes).toEqual(['members.read', 'sessions.list']);
    const scopes = byId(report.checks, 'scopes');
    expect(scopes.status).toBe('fail');
    expect(scopes.error?.code).toBe('missing_scope');
    expect(scopes.error?.message).toContain('members.read, sessions.list');
    expect(scopes.error?.remedy).toBe(
      'App Console → Permissions → tick members.read, sessions.list → Submit → sign in again.',
    );
    expect(scopes.error?.action).toBe('authorize_again');
    // The probe shows Dropbox's own verdict: the token (not the app) lacks it.
    const probe = byId(report.checks, 'probe:members.read');
    expect(probe.status).toBe('fail');
    expect(probe.error?.code).toBe('missing_scope');
    expect(probe.error?.action).toBe('authorize_again');
  });

  it('tells "app lacks scope" (400) from "token lacks scope" (401) with different remedies', async () => {
    const granted = ['account_info.read', 'team_info.read', 'sessions.list'];
    // members.read: not on the app at all → 400. sessions.list: on the app and token → pass.
    // groups.read: on the app, not in the token → 401.
    const fake = fakeDropbox({
      kind: 'team',
      tokenScopes: granted,
      appScopes: [...granted, 'groups.read'],
    });
    const required = ['members.read', 'groups.read', 'sessions.list'];
    const report = await runVerifyChecks(
      harness(fake.handler).ctx,
      verifyInput({ grantedScopes: granted, requiredScopes: required }),
    );
    const appLacks = byId(report.checks, 'probe:members.read');
    const tokenLacks = byId(report.checks, 'probe:groups.read');
    expect(appLacks.error?.code).toBe('scope_not_enabled_on_app');
    expect(appLacks.error?.remedy).toContain(
      'Permissions tab → tick members.read → Submit, then sign in again',
    );
    expect(appLacks.error?.action).toBe('open_app_console');
    expect(tokenLacks.error?.code).toBe('missing_scope');
    expect(tokenLacks.error?.remedy).toContain('sign in again');
    expect(tokenLacks.error?.remedy).not.toBe(appLacks.error?.remedy);
    expect(byId(report.checks, 'probe:sessions.list').status).toBe('pass');
  });

  it('warns about extra scopes (least privilege) but still passes', async () => {
    const granted = [...TEAM_SCOPES, 'files.content.write', 'groups.read'];
    const fake = fakeDropbox({ kind: 'team', tokenScopes: granted });
    const report = await runVerifyChecks(
      harness(fake.handler).ctx,
      verifyInput({ grantedScopes: granted }),
    );
    expect(report.passed).toBe(true);
    expect(report.extraScopes).toEqual(['files.content.write', 'groups.read']);
    const scopes = byId(report.checks, 'scopes');
    expect(scopes.status).toBe('warn');
    expect(scopes.detail).toContain('files.content.write, groups.read');
  });

  it('reports write scopes as "granted, not probed"', async () => {
    const granted = [...TEAM_SCOPES, 'members.write'];
    const fake = fakeDropbox({ kind: 'team', tokenScopes: granted });
    const report = await runVerifyChecks(
      harness(fake.handler).ctx,
      verifyInput({ grantedScopes: granted, requiredScopes: granted }),
    );
    expect(byId(report.checks, 'probe:members.write')).toMatchObject({
      status: 'info',
      detail: 'granted, not probed',
    });
    expect(report.passed).toBe(true);
  });

  it('refresh failure fails the refresh check and the report', async () => {
    const fake = fakeDropbox({
      kind: 'team',
      tokenScopes: TEAM_SCOPES,
      overrides: {
        'oauth2/token': () =>
          json(400, {
            error: 'invalid_grant',
            error_description: 'refresh token is invalid or revoked',
          }),
      },
    });
    const report = await runVerifyChecks(harness(fake.handler).ctx, verifyInput());
    const refresh = byId(report.checks, 'refresh');
    expect(refresh.status).toBe('fail');
    expect(refresh.error?.code).toBe('refresh_failed');
    expect(refresh.error?.action).toBe('authorize_again');
    expect(report.passed).toBe(false);
  });

  it('mapping_not_found → identity warns; admin_not_active → not_team_admin', async () => {
    const notFound = fakeDropbox({
      kind: 'team',
      tokenScopes: TEAM_SCOPES,
      overrides: {
        'team/token/get_authenticated_admin': () =>
          json(409, {
            error_summary: 'mapping_not_found/..',
            error: { '.tag': 'mapping_not_found' },
          }),
      },
    });
    const r1 = await runVerifyChecks(harness(notFound.handler).ctx, verifyInput());
    expect(byId(r1.checks, 'identity').status).toBe('warn');
    expect(byId(r1.checks, 'identity').detail).toContain('did not record which admin');
    expect(r1.passed).toBe(true);
    expect(r1.identity?.teamName).toBe('Example Co');

    const inactive = fakeDropbox({
      kind: 'team',
      tokenScopes: TEAM_SCOPES,
      overrides: {
        'team/token/get_authenticated_admin': () =>
          json(409, { error_summary: 'admin_not_active/', error: { '.tag': 'admin_not_active' } }),
      },
    });
    const r2 = await runVerifyChecks(harness(inactive.handler).ctx, verifyInput());
    expect(byId(r2.checks, 'identity').error?.code).toBe('not_team_admin');
    expect(r2.passed).toBe(false);
  });

  it('a revoked access token fails identity, token validity and the probes', async () => {
    const fake = fakeDropbox({ kind: 'team', tokenScopes: TEAM_SCOPES });
    const report = await runVerifyChecks(
      harness(fake.handler).ctx,
      verifyInput({ accessToken: 'sl.revoked-token-value' }),
    );
    expect(byId(report.checks, 'token_valid').error?.code).toBe('token_invalid');
    expect(byId(report.checks, 'identity').error?.code).toBe('token_invalid');
    expect(report.identity).toBeNull();
    expect(JSON.stringify(report)).not.toContain('sl.revoked-token-value');
  });

  it('a team token for a user connector → wrong_account_type', async () => {
    const fake = fakeDropbox({ kind: 'team', tokenScopes: TEAM_SCOPES });
    const report = await runVerifyChecks(
      harness(fake.handler).ctx,
      verifyInput({ expectTeamAdmin: false }),
    );
    expect(byId(report.checks, 'identity').error?.code).toBe('wrong_account_type');
  });
});

describe('runVerifyChecks with a user token', () => {
  const USER_SCOPES = ['account_info.read', 'files.metadata.read'];
  const userInput = (p: Partial<VerifyInput> = {}) =>
    verifyInput({
      tokenKind: 'user',
      grantedScopes: USER_SCOPES,
      requiredScopes: USER_SCOPES,
      expectTeamAdmin: false,
      ...p,
    });

  it('passes with check/user, users/get_current_account and files/list_folder', async () => {
    const fake = fakeDropbox({ kind: 'user', tokenScopes: USER_SCOPES });
    const h = harness(fake.handler);
    const report = await runVerifyChecks(h.ctx, userInput());
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['identity', 'pass'],
      ['scopes', 'pass'],
      ['token_valid', 'pass'],
      ['probe:account_info.read', 'pass'],
      ['probe:files.metadata.read', 'pass'],
      ['refresh', 'pass'],
    ]);
    expect(report.identity).toMatchObject({
      tokenKind: 'user',
      email: 'user@example.test',
      isTeamAdmin: null,
    });
    const list = h.requests.find((r) => r.url.endsWith('/2/files/list_folder'));
    expect(JSON.parse(list?.body ?? '')).toEqual({ path: '' });
    expect(h.requests.filter((r) => r.url.endsWith('/2/users/get_current_account'))).toHaveLength(
      1,
    );
  });

  it('a connector that needs a team admin → wrong_account_type, "sign in as a team admin"', async () => {
    const fake = fakeDropbox({ kind: 'user', tokenScopes: USER_SCOPES });
    const report = await runVerifyChecks(
      harness(fake.handler).ctx,
      userInput({ expectTeamAdmin: true }),
    );
    const identity = byId(report.checks, 'identity');
    expect(identity.error?.code).toBe('wrong_account_type');
    expect(identity.error?.remedy).toContain('sign in again as a team admin');
    expect(report.passed).toBe(false);
  });

  it('token_valid passes when check/user is refused only for a missing scope', async () => {
    const fake = fakeDropbox({
      kind: 'user',
      tokenScopes: ['files.metadata.read'],
      appScopes: USER_SCOPES,
    });
    const report = await runVerifyChecks(
      harness(fake.handler).ctx,
      userInput({
        grantedScopes: ['files.metadata.read'],
        requiredScopes: ['files.metadata.read'],
      }),
    );
    expect(byId(report.checks, 'token_valid').status).toBe('pass');
    expect(byId(report.checks, 'identity').status).toBe('warn');
    expect(report.passed).toBe(true);
  });
});

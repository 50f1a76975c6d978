/**
 * RPC routes over raw HTTP: status codes, Content-Types, 400 texts, 401/409 JSON, ID formats and
 * result shapes, each as dropbox-api-spec and the observed replies cited in the code describe them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RPC_ERRORS, startEmulator, type RunningEmulator } from './index';
import {
  basic,
  ERROR_400_PREFIX,
  expectJsonHeaders,
  rpc,
  SEED,
  token,
  type Raw,
} from './test-helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
});

const mint = async (appKey: string, email: string, scopes?: string[]): Promise<string> => {
  const state = await emu.state();
  const account = state.accounts.find((a) => a.email === email);
  const res = await emu.mintToken({
    appKey,
    accountId: account?.accountId ?? '',
    ...(scopes !== undefined ? { scopes } : {}),
  });
  return res.access_token as string;
};
const teamToken = (): Promise<string> => mint(SEED.snow.key, SEED.admin.email);
const memberToken = (): Promise<string> =>
  mint(SEED.snow.key, SEED.member.email, ['account_info.read']);
const personalFilesToken = (): Promise<string> => mint(SEED.noRedirect.key, SEED.personal.email);

function expectText400(raw: Raw, route: string, rest: string): void {
  expect(raw.status).toBe(400);
  expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(raw.headers.get('x-dropbox-request-id')).toMatch(/^[0-9a-f]{32}$/);
  expect(raw.text).toBe(`${ERROR_400_PREFIX(route)}${rest}`);
}

function expect401(raw: Raw, tag: string): void {
  expect(raw.status).toBe(401);
  expectJsonHeaders(raw);
  expect(raw.headers.get('www-authenticate')).toBe('Bearer realm="Dropbox-API"');
  const body = raw.json as { error_summary: string; error: { '.tag': string } };
  expect(body.error['.tag']).toBe(tag);
  expect(body.error_summary).toMatch(new RegExp(`^${tag}/\\.{0,3}$`));
}

describe('request format', () => {
  it('Void routes accept no body/no Content-Type (JS SDK), null (Python SDK) and {} (lenient)', async () => {
    const t = await memberToken();
    expect((await rpc(emu.origin, 'users/get_current_account', { token: t })).status).toBe(200);
    expect(
      (
        await rpc(emu.origin, 'users/get_current_account', {
          token: t,
          rawBody: 'null',
          headers: { 'Content-Type': 'application/json' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await rpc(emu.origin, 'users/get_current_account', { token: t, body: {} })).status,
    ).toBe(200);
    const bad = await rpc(emu.origin, 'users/get_current_account', { token: t, body: [1] });
    expectText400(bad, 'users/get_current_account', 'request body: expected null, got list');
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'text/plain; charset=dropbox-cors-hack',
  ])('Content-Type %s is accepted', async (ct) => {
    const raw = await rpc(emu.origin, 'check/user', {
      token: await memberToken(),
      rawBody: '{"query": "q"}',
      headers: { 'Content-Type': ct },
    });
    expect(raw.status).toBe(200);
    expect(raw.json).toEqual({ result: 'q' });
  });

  it('other Content-Types → 400 "Bad HTTP \\"Content-Type\\" header"', async () => {
    const raw = await rpc(emu.origin, 'check/user', {
      token: await memberToken(),
      rawBody: 'query=q',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expectText400(
      raw,
      'check/user',
      'Bad HTTP "Content-Type" header: "application/x-www-form-urlencoded".  Expecting one of "application/json", "text/plain; charset=dropbox-cors-hack".',
    );
  });

  it('body that is not JSON → could not decode input as JSON', async () => {
    const raw = await rpc(emu.origin, 'users/get_current_account', {
      token: await memberToken(),
      rawBody: '{nope',
      headers: { 'Content-Type': 'application/json' },
    });
    expectText400(raw, 'users/get_current_account', 'request body: could not decode input as JSON');
  });

  it('bad field values → Stone messages', async () => {
    const t = await memberToken();
    expectText400(
      await rpc(emu.origin, 'check/user', { token: t, body: { query: 5 } }),
      'check/user',
      "request body: query: '5' expected to be a string, got integer",
    );
    expectText400(
      await rpc(emu.origin, 'check/user', { token: t, body: { query: null } }),
      'check/user',
      "request body: query: 'None' expected to be a string, got null",
    );
    const long = 'x'.repeat(501);
    expectText400(
      await rpc(emu.origin, 'check/user', { token: t, body: { query: long } }),
      'check/user',
      `request body: query: '${long}' must be at most 500 characters, got 501`,
    );
    expect(
      (await rpc(emu.origin, 'check/user', { token: t, body: { query: 'x'.repeat(500) } })).status,
    ).toBe(200);
  });

  it('unknown route → 400 "Unknown API function" (status UNCONFIRMED)', async () => {
    const raw = await rpc(emu.origin, 'files/get_metadata', {
      token: await memberToken(),
      body: { path: '' },
    });
    expectText400(raw, 'files/get_metadata', 'Unknown API function: /2/files/get_metadata');
  });

  it('non-POST → 400 text', async () => {
    const res = await fetch(`${emu.origin}/2/check/user`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/^Error in call to API function "check\/user": /);
  });
});

describe('authentication errors', () => {
  it('missing Authorization → 400 Must provide…', async () => {
    expectText400(
      await rpc(emu.origin, 'check/user', { body: { query: 'q' } }),
      'check/user',
      'Must provide HTTP header "Authorization" or URL parameter "authorization".',
    );
  });

  it('"Bearer" without a token → 400 Invalid authorization value', async () => {
    expectText400(
      await rpc(emu.origin, 'check/user', { authorization: 'Bearer', body: {} }),
      'check/user',
      'Invalid authorization value in HTTP header "Authorization": "Bearer".  Expecting "Bearer <oauth2-access-token>".',
    );
  });

  it('Basic credentials on a user route → 400, without echoing the credential', async () => {
    const raw = await rpc(emu.origin, 'files/list_folder', {
      authorization: basic(SEED.snow.key, SEED.snow.secret),
      body: { path: '' },
    });
    expectText400(
      raw,
      'files/list_folder',
      'Invalid authorization value in HTTP header "Authorization": "Basic <…>".  Expecting "Bearer <oauth2-access-token>".',
    );
  });

  it('unknown token → 401 invalid_access_token with Www-Authenticate', async () => {
    const raw = await rpc(emu.origin, 'check/user', { token: 'sl.nonsense', body: { query: 'q' } });
    expect401(raw, 'invalid_access_token');
    expect(raw.text).toMatch(
      /^\{"error_summary": "invalid_access_token\/\.{0,3}", "error": \{".tag": "invalid_access_token"\}\}$/,
    );
  });

  it('expired after 4 h → 401 expired_access_token (clock)', async () => {
    const t = await memberToken();
    await emu.advanceClock(14399);
    expect((await rpc(emu.origin, 'check/user', { token: t, body: {} })).status).toBe(200);
    await emu.advanceClock(2);
    expect401(await rpc(emu.origin, 'check/user', { token: t, body: {} }), 'expired_access_token');
  });

  it('disabled app → its tokens get the 400 "This app is currently disabled." text (dbxcli#184)', async () => {
    const t = await memberToken();
    await emu.patchApp(SEED.snow.key, { status: 'disabled' });
    expectText400(
      await rpc(emu.origin, 'check/user', { token: t, body: {} }),
      'check/user',
      'This app is currently disabled.',
    );
    // Enabled again, the same token works: the app was disabled, the token was never revoked.
    await emu.patchApp(SEED.snow.key, { status: 'development' });
    expect((await rpc(emu.origin, 'check/user', { token: t, body: {} })).status).toBe(200);
  });

  it('suspended user → 401 user_suspended', async () => {
    const t = await memberToken();
    await emu.patchAccount(SEED.member.accountId, { status: 'suspended' });
    expect401(await rpc(emu.origin, 'check/user', { token: t, body: {} }), 'user_suspended');
  });

  it('the authorization URL parameter also works', async () => {
    const t = await memberToken();
    const res = await fetch(
      `${emu.origin}/2/check/user?authorization=${encodeURIComponent(`Bearer ${t}`)}`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"query":"u"}' },
    );
    expect(await res.json()).toEqual({ result: 'u' });
  });
});

describe('scope errors in both forms', () => {
  it('the app lacks the scope → 400 "Your app is not permitted … Permissions tab"', async () => {
    const t = await teamToken();
    await emu.patchApp(SEED.snow.key, {
      scopes: ['account_info.read', 'team_info.read', 'sessions.list'],
    });
    expectText400(
      await rpc(emu.origin, 'team/members/list_v2', { token: t, body: { limit: 1 } }),
      'team/members/list_v2',
      "Your app is not permitted to access this endpoint because it does not have the required scope 'members.read'. The owner of the app can enable the scope for the app using the Permissions tab on the App Console.",
    );
  });

  it('the app has it but the token does not → 401 missing_scope with required_scope', async () => {
    const t = await teamToken();
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'groups.read'] });
    const raw = await rpc(emu.origin, 'team/groups/list', { token: t, body: { limit: 1 } });
    expect401(raw, 'missing_scope');
    expect((raw.json as { error: { required_scope: string } }).error.required_scope).toBe(
      'groups.read',
    );
  });

  it('auth/token/revoke and check/app need no scope', async () => {
    const t = await mint(SEED.snow.key, SEED.member.email, ['account_info.read']);
    await emu.patchApp(SEED.snow.key, { scopes: [] });
    expect((await rpc(emu.origin, 'auth/token/revoke', { token: t })).status).toBe(200);
  });
});

describe('token kind vs route', () => {
  it('user token on a team route → 400 DfB team management function', async () => {
    expectText400(
      await rpc(emu.origin, 'team/get_info', { token: await memberToken() }),
      'team/get_info',
      'This is a DfB team management function.  The OAuth 2 access token you provided is for a specific Dropbox user account and does not work with this function.',
    );
  });

  it('team token on a user route without Select-User → 400 "operates on a single Dropbox account"', async () => {
    const raw = await rpc(emu.origin, 'check/user', {
      token: await teamToken(),
      body: { query: 'q' },
    });
    expect(raw.status).toBe(400);
    expect(raw.text).toBe(
      `${ERROR_400_PREFIX('check/user')}This API function operates on a single Dropbox account, but the OAuth 2 access token you provided is for an entire Dropbox Business team.  Since your API app key has team member file access permissions, you can operate on a team member's Dropbox by providing the "Dropbox-API-Select-User" HTTP header or "select_user" URL parameter to specify the exact user <https://www.dropbox.com/developers/documentation/http/teams>.`,
    );
  });

  it('Select-User needs team_data.member: app lacks it → 400; token lacks it → 401 missing_scope', async () => {
    const t = await teamToken();
    const headers = { 'Dropbox-API-Select-User': SEED.member.teamMemberId };
    expectText400(
      await rpc(emu.origin, 'check/user', { token: t, body: { query: 'q' }, headers }),
      'check/user',
      "Your app is not permitted to access this endpoint because it does not have the required scope 'team_data.member'. The owner of the app can enable the scope for the app using the Permissions tab on the App Console.",
    );
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'team_data.member'] });
    const raw = await rpc(emu.origin, 'check/user', { token: t, body: { query: 'q' }, headers });
    expect401(raw, 'missing_scope');
    expect((raw.json as { error: { required_scope: string } }).error.required_scope).toBe(
      'team_data.member',
    );
  });

  it('with team_data.member: Select-User acts as the member; bad ids are refused', async () => {
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'team_data.member'] });
    const t = await teamToken();
    const as = (id: string): Record<string, string> => ({ 'Dropbox-API-Select-User': id });
    const check = await rpc(emu.origin, 'check/user', {
      token: t,
      body: { query: 'q' },
      headers: as(SEED.member.teamMemberId),
    });
    expect(check.json).toEqual({ result: 'q' });
    const me = await rpc(emu.origin, 'users/get_current_account', {
      token: t,
      headers: as(SEED.member.teamMemberId),
    });
    expect((me.json as { email: string }).email).toBe(SEED.member.email);
    expectText400(
      await rpc(emu.origin, 'check/user', {
        token: t,
        body: {},
        headers: as('member@example.test'),
      }),
      'check/user',
      'Invalid select user id format',
    );
    expect401(
      await rpc(emu.origin, 'check/user', {
        token: t,
        body: {},
        headers: as('dbmid:AAnobodyAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
      }),
      'invalid_select_user',
    );
    expect401(
      await rpc(emu.origin, 'check/user', {
        token: t,
        body: {},
        headers: as(SEED.invited.teamMemberId),
      }),
      'invalid_select_user',
    );
  });

  it('Select-Admin on a whole_team route acts as the admin; a non-admin → 401 invalid_select_admin', async () => {
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'team_data.member'] });
    const t = await teamToken();
    const me = await rpc(emu.origin, 'users/get_current_account', {
      token: t,
      headers: { 'Dropbox-API-Select-Admin': SEED.admin.teamMemberId },
    });
    expect((me.json as { email: string }).email).toBe(SEED.admin.email);
    expect401(
      await rpc(emu.origin, 'users/get_current_account', {
        token: t,
        headers: { 'Dropbox-API-Select-Admin': SEED.member.teamMemberId },
      }),
      'invalid_select_admin',
    );
  });

  it('App-folder apps cannot call team routes (400, wording UNCONFIRMED)', async () => {
    await emu.patchApp(SEED.notes.key, { scopes: ['account_info.read', 'team_info.read'] });
    const t = await mint(SEED.notes.key, SEED.admin.email, ['account_info.read', 'team_info.read']);
    const raw = await rpc(emu.origin, 'team/get_info', { token: t });
    expect(raw.status).toBe(400);
    expect(raw.text).toMatch(/^Error in call to API function "team\/get_info": .*App folder app/);
  });
});

describe('auth/token/revoke with a team token', () => {
  const TEAM_TOKEN_TEXT =
    'This API function operates on a single Dropbox account, but the OAuth 2 access token you provided is for an entire Dropbox Business team.  Since your API app key has team member file access permissions, you can operate on a team member\'s Dropbox by providing the "Dropbox-API-Select-User" HTTP header or "select_user" URL parameter to specify the exact user <https://www.dropbox.com/developers/documentation/http/teams>.';

  /** A team grant with a refresh token on the Certero app (it has team_data.member). */
  const certeroGrant = async (): Promise<{ access: string; refresh: string }> => {
    const res = await emu.mintToken({ appKey: SEED.certero.key, accountId: SEED.admin.accountId });
    return { access: res.access_token as string, refresh: res.refresh_token as string };
  };
  const refreshWith = (refresh: string): Promise<Raw> =>
    token(emu.origin, { grant_type: 'refresh_token', refresh_token: refresh }, SEED.certero);

  it('without Select-User → the observed 400 text (default teamTokenRevoke "refuse"); nothing is revoked', async () => {
    const { access, refresh } = await certeroGrant();
    const raw = await rpc(emu.origin, 'auth/token/revoke', { token: access });
    expectText400(raw, 'auth/token/revoke', TEAM_TOKEN_TEXT);
    expect(raw.text).toBe(
      `${ERROR_400_PREFIX('auth/token/revoke')}${RPC_ERRORS.teamTokenOnUserRoute}`,
    );
    // Python-SDK style (body null) is refused the same way.
    expectText400(
      await rpc(emu.origin, 'auth/token/revoke', { token: access, body: null }),
      'auth/token/revoke',
      TEAM_TOKEN_TEXT,
    );
    expect((await rpc(emu.origin, 'team/get_info', { token: access })).status).toBe(200);
    expect((await refreshWith(refresh)).status).toBe(200);
    expect((await emu.state()).tokens.every((t) => !t.revoked)).toBe(true);
  });

  it('teamTokenRevoke "allow" restores the permissive behaviour: the team grant is revoked', async () => {
    const snapshot = await emu.state();
    await emu.reset({ ...snapshot, options: { ...snapshot.options, teamTokenRevoke: 'allow' } });
    const { access, refresh } = await certeroGrant();
    const raw = await rpc(emu.origin, 'auth/token/revoke', { token: access });
    expect(raw.status).toBe(200);
    expect(raw.text).toBe('null');
    expect401(await rpc(emu.origin, 'team/get_info', { token: access }), 'invalid_access_token');
    expect((await refreshWith(refresh)).json).toEqual({
      error: 'invalid_grant',
      error_description: 'refresh token is invalid or revoked',
    });
  });

  it('Select-Admin is refused (400): token/revoke has no select_admin_mode (dropbox-api-spec auth.stone)', async () => {
    const { access, refresh } = await certeroGrant();
    const raw = await rpc(emu.origin, 'auth/token/revoke', {
      token: access,
      headers: { 'Dropbox-API-Select-Admin': SEED.admin.teamMemberId },
    });
    expect(raw.status).toBe(400);
    expect(raw.text).toMatch(/^Error in call to API function "auth\/token\/revoke": /);
    // Nothing was revoked.
    expect((await rpc(emu.origin, 'team/get_info', { token: access })).status).toBe(200);
    expect((await refreshWith(refresh)).status).toBe(200);
  });

  // GUESS (README): Select-User on token/revoke revokes the team grant.
  it.each([
    ['Dropbox-API-Select-User', SEED.member.teamMemberId],
    ['Dropbox-API-Select-User', SEED.admin.teamMemberId],
  ])(
    'with %s %s → 200 null and the TEAM grant is gone (access, refresh and sibling tokens)',
    async (name, id) => {
      const { access, refresh } = await certeroGrant();
      // A second access token from the same refresh token must die with it (dropbox-api-spec
      // auth.stone token/revoke).
      const sibling = (await refreshWith(refresh)).json as { access_token: string };
      const other = await certeroGrant(); // another grant: untouched
      const raw = await rpc(emu.origin, 'auth/token/revoke', {
        token: access,
        headers: { [name]: id },
      });
      expect(raw.status).toBe(200);
      expectJsonHeaders(raw);
      expect(raw.json).toBeNull();
      expect401(await rpc(emu.origin, 'team/get_info', { token: access }), 'invalid_access_token');
      expect401(
        await rpc(emu.origin, 'team/get_info', { token: sibling.access_token }),
        'invalid_access_token',
      );
      expect((await refreshWith(refresh)).json).toMatchObject({ error: 'invalid_grant' });
      expect((await rpc(emu.origin, 'team/get_info', { token: other.access })).status).toBe(200);
      expect((await refreshWith(other.refresh)).status).toBe(200);
      // The selected member's own links are not what was revoked.
      const teamTokens = (await emu.state()).tokens.filter((t) => t.teamId === SEED.team.id);
      expect(teamTokens.filter((t) => t.revoked)).toHaveLength(3);
    },
  );

  it('Select headers need team_data.member (app lacks it → 400) and a valid member (401)', async () => {
    const snowTeam = await teamToken(); // Snow Atlas has no team_data.member
    expectText400(
      await rpc(emu.origin, 'auth/token/revoke', {
        token: snowTeam,
        headers: { 'Dropbox-API-Select-User': SEED.admin.teamMemberId },
      }),
      'auth/token/revoke',
      RPC_ERRORS.appLacksScope('team_data.member'),
    );
    const { access } = await certeroGrant();
    expect401(
      await rpc(emu.origin, 'auth/token/revoke', {
        token: access,
        headers: { 'Dropbox-API-Select-User': 'dbmid:AAnobodyAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      }),
      'invalid_select_user',
    );
    expectText400(
      await rpc(emu.origin, 'auth/token/revoke', {
        token: access,
        headers: { 'Dropbox-API-Select-User': SEED.member.email },
      }),
      'auth/token/revoke',
      RPC_ERRORS.badSelectUser,
    );
    expect((await rpc(emu.origin, 'team/get_info', { token: access })).status).toBe(200);
  });

  it('a user token still revokes itself without any header', async () => {
    const t = await memberToken();
    expect((await rpc(emu.origin, 'auth/token/revoke', { token: t })).status).toBe(200);
    expect401(await rpc(emu.origin, 'check/user', { token: t, body: {} }), 'invalid_access_token');
  });
});

describe('check/app and check/user', () => {
  it('check/app with Basic key:secret echoes the query', async () => {
    const raw = await rpc(emu.origin, 'check/app', {
      authorization: basic(SEED.snow.key, SEED.snow.secret),
      body: { query: 'nonce-1' },
    });
    expect(raw.status).toBe(200);
    expectJsonHeaders(raw);
    expect(raw.text).toBe('{"result": "nonce-1"}');
  });

  it('check/app with a wrong secret or key → 400 with invalid_client in the body (SEC101_021)', async () => {
    for (const authorization of [basic(SEED.snow.key, 'wrong'), basic('nosuchkey000000', 'x')]) {
      const raw = await rpc(emu.origin, 'check/app', { authorization, body: { query: 'q' } });
      expect(raw.status).toBe(400);
      expect(raw.text).toContain('invalid_client');
      expect(raw.text).not.toContain('disabled');
    }
  });

  it('check/app for a disabled app (right key and secret) → 400 naming "App has been disabled" (SEC101_021)', async () => {
    const raw = await rpc(emu.origin, 'check/app', {
      authorization: basic(SEED.disabled.key, SEED.disabled.secret),
      body: { query: 'q' },
    });
    expect(raw.status).toBe(400);
    expect(raw.text).toContain('App has been disabled');
    expect(raw.text).not.toContain('invalid_client');
    // A wrong secret for the disabled app is still bad credentials: nothing leaks its state.
    const wrong = await rpc(emu.origin, 'check/app', {
      authorization: basic(SEED.disabled.key, 'wrong'),
      body: { query: 'q' },
    });
    expect(wrong.text).toContain('invalid_client');
  });

  it('check/app bad credentials as 401 invalid_access_token with the old option value', async () => {
    const { apps, accounts, teams, options } = await emu.state();
    await emu.reset({
      apps,
      accounts,
      teams,
      options: { ...options, checkAppBadCredentials: '401_invalid_access_token' },
    });
    expect401(
      await rpc(emu.origin, 'check/app', {
        authorization: basic(SEED.snow.key, 'wrong'),
        body: { query: 'q' },
      }),
      'invalid_access_token',
    );
  });

  it('check/app bad credentials as 400 text with options.checkAppBadCredentials = "400_text"', async () => {
    const { apps, accounts, teams, options } = await emu.state();
    await emu.reset({
      apps,
      accounts,
      teams,
      options: { ...options, checkAppBadCredentials: '400_text' },
    });
    const raw = await rpc(emu.origin, 'check/app', {
      authorization: basic(SEED.snow.key, 'wrong'),
      body: { query: 'q' },
    });
    expect(raw.status).toBe(400);
    expect(raw.text).toMatch(/^Error in call to API function "check\/app": /);
  });

  it('check/app with a Bearer token → 400', async () => {
    const raw = await rpc(emu.origin, 'check/app', {
      token: await memberToken(),
      body: { query: 'q' },
    });
    expect(raw.status).toBe(400);
  });

  it('check/user with no body echoes ""', async () => {
    expect((await rpc(emu.origin, 'check/user', { token: await memberToken() })).json).toEqual({
      result: '',
    });
  });
});

describe('users routes', () => {
  it('users/get_current_account for a team member: FullAccount', async () => {
    const raw = await rpc(emu.origin, 'users/get_current_account', { token: await memberToken() });
    expectJsonHeaders(raw);
    const a = raw.json as Record<string, unknown>;
    expect(a.account_id).toBe(SEED.member.accountId);
    expect(a.account_id).toHaveLength(40);
    expect(a.name).toEqual({
      given_name: 'Max',
      surname: 'Member',
      familiar_name: 'Max',
      display_name: 'Max Member',
      abbreviated_name: 'MM',
    });
    expect(a).toMatchObject({
      email: SEED.member.email,
      email_verified: true,
      disabled: false,
      country: 'GB',
      locale: 'en',
      is_paired: false,
      account_type: { '.tag': 'business' },
    });
    expect(a.referral_link).toMatch(/^https:\/\//);
    const team = a.team as Record<string, unknown>;
    expect(team.id).toBe(SEED.team.id);
    expect(team.id).toHaveLength(41);
    expect(team).toHaveProperty('sharing_policies.shared_folder_member_policy', { '.tag': 'team' });
    expect(team).toHaveProperty('office_addin_policy', { '.tag': 'disabled' });
    expect(team).toHaveProperty('top_level_content_policy', { '.tag': 'admin_only' });
    expect(a.team_member_id).toBe(SEED.member.teamMemberId);
    expect(a.team_member_id).toHaveLength(41);
    expect(a.root_info).toMatchObject({
      '.tag': 'user',
      root_namespace_id: expect.stringMatching(/^\d+$/),
      home_namespace_id: expect.stringMatching(/^\d+$/),
    });
  });

  it('users/get_current_account for a personal account omits team and team_member_id', async () => {
    const a = (
      await rpc(emu.origin, 'users/get_current_account', { token: await personalFilesToken() })
    ).json as Record<string, unknown>;
    expect(a).not.toHaveProperty('team');
    expect(a).not.toHaveProperty('team_member_id');
    expect(a.account_type).toEqual({ '.tag': 'basic' });
    expect(a.country).toBe('IE');
  });

  it('users/get_space_usage: individual and team allocations', async () => {
    const personal = (
      await rpc(emu.origin, 'users/get_space_usage', { token: await personalFilesToken() })
    ).json;
    expect(personal).toEqual({
      used: 1610612736,
      allocation: { '.tag': 'individual', allocated: 2147483648 },
    });
    const member = (await rpc(emu.origin, 'users/get_space_usage', { token: await memberToken() }))
      .json as { used: number; allocation: Record<string, unknown> };
    expect(member.used).toBe(12884901888);
    expect(member.allocation).toMatchObject({
      '.tag': 'team',
      allocated: 5497558138880,
      user_within_team_space_limit_type: { '.tag': 'off' },
    });
    expect(typeof member.allocation.used).toBe('number');
  });
});

describe('team routes', () => {
  it('team/get_info', async () => {
    const raw = await rpc(emu.origin, 'team/get_info', { token: await teamToken() });
    expectJsonHeaders(raw);
    expect(raw.json).toMatchObject({
      name: 'Example Ltd',
      team_id: SEED.team.id,
      num_licensed_users: 10,
      num_provisioned_users: 4,
      num_used_licenses: 3,
    });
    expect(raw.json).toHaveProperty('policies.sharing.shared_link_create_policy', {
      '.tag': 'team_only',
    });
    expect(raw.json).toHaveProperty('policies.emm_state', { '.tag': 'disabled' });
  });

  it('team/token/get_authenticated_admin → admin_profile; 409 admin_not_active once demoted', async () => {
    const t = await teamToken();
    const raw = await rpc(emu.origin, 'team/token/get_authenticated_admin', { token: t });
    const profile = (raw.json as { admin_profile: Record<string, unknown> }).admin_profile;
    expect(profile).toMatchObject({
      team_member_id: SEED.admin.teamMemberId,
      account_id: SEED.admin.accountId,
      email: SEED.admin.email,
      status: { '.tag': 'active' },
      membership_type: { '.tag': 'full' },
    });
    expect(profile.groups).toEqual(
      expect.arrayContaining([expect.stringMatching(/^g:[0-9a-f]{32}$/)]),
    );
    await emu.patchAccount(SEED.admin.accountId, { role: 'member' });
    const demoted = await rpc(emu.origin, 'team/token/get_authenticated_admin', { token: t });
    expect(demoted.status).toBe(409);
    expect(demoted.json).toMatchObject({ error: { '.tag': 'admin_not_active' } });
    expect((demoted.json as { error_summary: string }).error_summary).toMatch(
      /^admin_not_active\/\.{0,3}$/,
    );
  });

  it('team/members/list_v2 + list/continue_v2 page through every member', async () => {
    const t = await teamToken();
    const first = (await rpc(emu.origin, 'team/members/list_v2', { token: t, body: { limit: 1 } }))
      .json as {
      members: Array<{ profile: Record<string, unknown>; roles: unknown[] }>;
      cursor: string;
      has_more: boolean;
    };
    expect(first.members).toHaveLength(1);
    expect(first.has_more).toBe(true);
    expect(typeof first.cursor).toBe('string');
    const admin = first.members[0];
    expect(admin?.profile).toMatchObject({
      team_member_id: SEED.admin.teamMemberId,
      email: SEED.admin.email,
      status: { '.tag': 'active' },
      joined_on: '2023-02-06T09:00:00Z',
      external_id: 'EX-1001',
    });
    expect(admin?.roles).toEqual([
      expect.objectContaining({
        role_id: expect.stringMatching(/^pid_dbtmr:/),
        name: expect.any(String),
        description: expect.any(String),
      }),
    ]);
    const all = [...first.members];
    let cursor = first.cursor;
    let more = first.has_more;
    while (more) {
      const next = (
        await rpc(emu.origin, 'team/members/list/continue_v2', { token: t, body: { cursor } })
      ).json as typeof first;
      all.push(...next.members);
      cursor = next.cursor;
      more = next.has_more;
    }
    expect(all.map((m) => m.profile.email)).toEqual([
      SEED.admin.email,
      SEED.member.email,
      SEED.grace.email,
      SEED.invited.email,
    ]);
    const invited = all[3]?.profile;
    expect(invited?.status).toEqual({ '.tag': 'invited' });
    expect(invited).not.toHaveProperty('account_id');
    expect(invited).toHaveProperty('invited_on');
  });

  it('team/members/list_v2 argument and cursor errors', async () => {
    const t = await teamToken();
    expectText400(
      await rpc(emu.origin, 'team/members/list_v2', { token: t, body: { limit: 0 } }),
      'team/members/list_v2',
      'request body: limit: 0 is not within range [1, 1000]',
    );
    expectText400(
      await rpc(emu.origin, 'team/members/list_v2', { token: t, body: { limit: 'x' } }),
      'team/members/list_v2',
      'request body: limit: expected integer, got string',
    );
    const bad = await rpc(emu.origin, 'team/members/list/continue_v2', {
      token: t,
      body: { cursor: 'garbage' },
    });
    expect(bad.status).toBe(409);
    expect(bad.json).toMatchObject({ error: { '.tag': 'invalid_cursor' } });
    expectText400(
      await rpc(emu.origin, 'team/members/list/continue_v2', { token: t, body: {} }),
      'team/members/list/continue_v2',
      "request body: missing required field 'cursor'",
    );
  });

  it('team/members/get_info_v2: member_info or id_not_found per selector', async () => {
    const raw = await rpc(emu.origin, 'team/members/get_info_v2', {
      token: await teamToken(),
      body: {
        members: [
          { '.tag': 'team_member_id', team_member_id: SEED.member.teamMemberId },
          { '.tag': 'email', email: SEED.admin.email },
          { '.tag': 'external_id', external_id: 'EX-1002' },
          { '.tag': 'email', email: 'nobody@example.test' },
        ],
      },
    });
    const info = (raw.json as { members_info: Array<Record<string, unknown>> }).members_info;
    expect(info[0]).toMatchObject({
      '.tag': 'member_info',
      profile: { email: SEED.member.email },
      roles: [],
    });
    expect(info[1]).toMatchObject({
      '.tag': 'member_info',
      profile: { team_member_id: SEED.admin.teamMemberId },
    });
    expect(info[2]).toMatchObject({ '.tag': 'member_info', profile: { email: SEED.member.email } });
    expect(info[3]).toEqual({ '.tag': 'id_not_found', id_not_found: 'nobody@example.test' });
    const bad = await rpc(emu.origin, 'team/members/get_info_v2', {
      token: await teamToken(),
      body: { members: [{ '.tag': 'phone', phone: '1' }] },
    });
    expectText400(bad, 'team/members/get_info_v2', "request body: members.0: unknown tag 'phone'");
  });

  it('team/groups/list (+continue) with groups.read', async () => {
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'groups.read'] });
    const t = await teamToken();
    const raw = (await rpc(emu.origin, 'team/groups/list', { token: t, body: { limit: 2 } }))
      .json as { groups: Array<Record<string, unknown>>; cursor: string; has_more: boolean };
    expect(raw.groups[0]).toEqual({
      group_name: 'IT Admins',
      group_id: 'g:2f1a0490520d46afd1ec7a258f6e68d7',
      group_external_id: 'it-admins',
      member_count: 1,
      group_management_type: { '.tag': 'company_managed' },
    });
    expect(raw.has_more).toBe(true);
    const next = (
      await rpc(emu.origin, 'team/groups/list/continue', { token: t, body: { cursor: raw.cursor } })
    ).json as typeof raw;
    expect(next.groups.map((g) => g.group_name)).toEqual(['Everyone at Example Ltd']);
    expect(next.has_more).toBe(false);
  });

  it('team_log/get_events with events.read: shapes, filters, errors', async () => {
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'events.read'] });
    const t = await teamToken();
    const raw = (await rpc(emu.origin, 'team_log/get_events', { token: t, body: { limit: 1 } }))
      .json as { events: Array<Record<string, unknown>>; cursor: string; has_more: boolean };
    expect(raw.has_more).toBe(true);
    const e = raw.events[0] as Record<string, unknown>;
    expect(e.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(e.event_category).toEqual({ '.tag': 'logins' });
    expect(e.event_type).toEqual({ '.tag': 'login_success', description: 'Signed in' });
    expect(e.details).toMatchObject({ '.tag': 'login_success_details' });
    expect(e.actor).toMatchObject({
      '.tag': 'admin',
      admin: { '.tag': 'team_member', account_id: SEED.admin.accountId, email: SEED.admin.email },
    });
    const logins = (
      await rpc(emu.origin, 'team_log/get_events', { token: t, body: { category: 'logins' } })
    ).json as typeof raw;
    expect(logins.events).toHaveLength(2);
    const tagged = (
      await rpc(emu.origin, 'team_log/get_events', {
        token: t,
        body: { event_type: { '.tag': 'group_create' } },
      })
    ).json as typeof raw;
    expect(tagged.events).toHaveLength(1);
    const both = await rpc(emu.origin, 'team_log/get_events', {
      token: t,
      body: { category: 'logins', event_type: 'login_success' },
    });
    expect(both.status).toBe(409);
    expect(both.json).toMatchObject({ error: { '.tag': 'invalid_filters' } });
    const unknownAccount = await rpc(emu.origin, 'team_log/get_events', {
      token: t,
      body: { account_id: SEED.personal.accountId },
    });
    expect(unknownAccount.json).toMatchObject({ error: { '.tag': 'account_id_not_found' } });
    const range = await rpc(emu.origin, 'team_log/get_events', {
      token: t,
      body: { time: { start_time: '2026-11-22T00:00:00Z', end_time: '2026-11-01T00:00:00Z' } },
    });
    expect(range.json).toMatchObject({ error: { '.tag': 'invalid_time_range' } });
    expectText400(
      await rpc(emu.origin, 'team_log/get_events', { token: t, body: { category: 'nope' } }),
      'team_log/get_events',
      "request body: category: unknown tag 'nope'",
    );
    const cont = (
      await rpc(emu.origin, 'team_log/get_events/continue', {
        token: t,
        body: { cursor: raw.cursor },
      })
    ).json as typeof raw;
    expect(cont.events.length).toBeGreaterThan(0);
  });

  it('team/devices/list_members_devices with sessions.list', async () => {
    const raw = (
      await rpc(emu.origin, 'team/devices/list_members_devices', {
        token: await teamToken(),
        body: {},
      })
    ).json as { devices: Array<Record<string, unknown>>; has_more: boolean };
    expect(raw.has_more).toBe(false);
    const ada = raw.devices.find((d) => d.team_member_id === SEED.admin.teamMemberId) as Record<
      string,
      Array<Record<string, unknown>>
    >;
    expect(ada.web_sessions?.[0]).toMatchObject({
      session_id: expect.stringMatching(/^dbwsid:/),
      user_agent: expect.any(String),
      os: 'Windows',
      browser: 'Chrome',
    });
    expect(ada.desktop_clients?.[0]).toMatchObject({
      session_id: expect.stringMatching(/^dbdsid:/),
      host_name: 'ADA-LAPTOP',
      client_type: { '.tag': 'windows' },
      is_delete_on_unlink_supported: true,
    });
    const max = raw.devices.find((d) => d.team_member_id === SEED.member.teamMemberId) as Record<
      string,
      Array<Record<string, unknown>>
    >;
    expect(max.mobile_clients?.[0]).toMatchObject({
      session_id: expect.stringMatching(/^dbmsid:/),
      device_name: "Max's iPhone",
      client_type: { '.tag': 'iphone' },
    });
    const webOnly = (
      await rpc(emu.origin, 'team/devices/list_members_devices', {
        token: await teamToken(),
        body: { include_desktop_clients: false, include_mobile_clients: false },
      })
    ).json as typeof raw;
    expect(
      webOnly.devices.every(
        (d) => !('desktop_clients' in d) && !('mobile_clients' in d) && 'web_sessions' in d,
      ),
    ).toBe(true);
  });

  it('team/namespaces/list needs team_data.member', async () => {
    expect(
      (await rpc(emu.origin, 'team/namespaces/list', { token: await teamToken(), body: {} }))
        .status,
    ).toBe(400);
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'team_data.member'] });
    const raw = (
      await rpc(emu.origin, 'team/namespaces/list', {
        token: await teamToken(),
        body: { limit: 10 },
      })
    ).json as { namespaces: Array<Record<string, unknown>> };
    expect(raw.namespaces).toContainEqual({
      name: 'Shared Projects',
      namespace_id: '3235641720',
      namespace_type: { '.tag': 'team_folder' },
    });
    expect(
      raw.namespaces.filter(
        (n) => (n.namespace_type as { '.tag': string })['.tag'] === 'team_member_folder',
      ),
    ).toHaveLength(3);
  });
});

describe('files/list_folder', () => {
  it('lists the root ("" not "/") with file and folder metadata', async () => {
    const raw = await rpc(emu.origin, 'files/list_folder', {
      token: await personalFilesToken(),
      body: { path: '' },
    });
    expectJsonHeaders(raw);
    const body = raw.json as {
      entries: Array<Record<string, unknown>>;
      cursor: string;
      has_more: boolean;
    };
    expect(body.entries.map((e) => e.name)).toEqual(['Apps', 'Photos', 'Taxes']);
    expect(body.entries[0]).toEqual({
      '.tag': 'folder',
      name: 'Apps',
      path_lower: '/apps',
      path_display: '/Apps',
      id: expect.stringMatching(/^id:[A-Za-z0-9_-]{22}$/),
    });
    const taxes = (
      await rpc(emu.origin, 'files/list_folder', {
        token: await personalFilesToken(),
        body: { path: '/taxes' },
      })
    ).json as typeof body;
    expect(taxes.entries[0]).toMatchObject({
      '.tag': 'file',
      name: '2025 return.pdf',
      path_display: '/Taxes/2025 return.pdf',
      size: 310244,
      is_downloadable: true,
      server_modified: '2026-04-30T18:00:00Z',
    });
    expect(taxes.entries[0]?.rev).toMatch(/^[0-9a-f]{9,}$/);
    expect(taxes.entries[0]?.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('"/" → the observed 400; a bad path → Stone pattern message; missing → 409 path/not_found', async () => {
    const t = await personalFilesToken();
    expectText400(
      await rpc(emu.origin, 'files/list_folder', { token: t, body: { path: '/' } }),
      'files/list_folder',
      'request body: path: Specify the root folder as an empty string rather than as "/".',
    );
    expectText400(
      await rpc(emu.origin, 'files/list_folder', { token: t, body: { path: 'Taxes' } }),
      'files/list_folder',
      "request body: path: 'Taxes' did not match pattern '(/(.|[\\r\\n])*)?|id:.*|(ns:[0-9]+(/.*)?)'",
    );
    expectText400(
      await rpc(emu.origin, 'files/list_folder', { token: t, body: {} }),
      'files/list_folder',
      "request body: missing required field 'path'",
    );
    const missing = await rpc(emu.origin, 'files/list_folder', {
      token: t,
      body: { path: '/nope' },
    });
    expect(missing.status).toBe(409);
    expectJsonHeaders(missing);
    expect((missing.json as { error_summary: string }).error_summary).toMatch(
      /^path\/not_found\/\.{0,3}$/,
    );
    expect((missing.json as { error: unknown }).error).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_found' },
    });
    const notFolder = await rpc(emu.origin, 'files/list_folder', {
      token: t,
      body: { path: '/Taxes/2025 return.pdf' },
    });
    expect((notFolder.json as { error: unknown }).error).toEqual({
      '.tag': 'path',
      path: { '.tag': 'not_folder' },
    });
  });

  it('recursive listing, limit and continue', async () => {
    const t = await personalFilesToken();
    type Page = { entries: Array<{ path_display: string }>; cursor: string; has_more: boolean };
    let page = (
      await rpc(emu.origin, 'files/list_folder', {
        token: t,
        body: { path: '', recursive: true, limit: 3 },
      })
    ).json as Page;
    expect(page.entries).toHaveLength(3);
    expect(page.has_more).toBe(true);
    const all = [...page.entries];
    while (page.has_more) {
      page = (
        await rpc(emu.origin, 'files/list_folder/continue', {
          token: t,
          body: { cursor: page.cursor },
        })
      ).json as Page;
      all.push(...page.entries);
    }
    expect(all.map((e) => e.path_display)).toEqual([
      '/Apps',
      '/Apps/Notes backup',
      '/Apps/Notes backup/notes-2026-11-01.md',
      '/Apps/Notes backup/notes-2026-11-15.md',
      '/Photos',
      '/Taxes',
      '/Taxes/2025 return.pdf',
    ]);
    const bad = await rpc(emu.origin, 'files/list_folder/continue', {
      token: t,
      body: { cursor: 'garbage' },
    });
    expect(bad.status).toBe(409);
    expect(bad.json).toMatchObject({ error: { '.tag': 'reset' } });
  });

  it('an App folder app sees only its own folder, re-rooted', async () => {
    const t = await mint(SEED.notes.key, SEED.personal.email);
    const raw = (await rpc(emu.origin, 'files/list_folder', { token: t, body: { path: '' } }))
      .json as { entries: Array<{ path_display: string }> };
    expect(raw.entries.map((e) => e.path_display)).toEqual([
      '/notes-2026-11-01.md',
      '/notes-2026-11-15.md',
    ]);
  });

  it('needs files.metadata.read: Snow Atlas lacks it → 400 app-scope text', async () => {
    const raw = await rpc(emu.origin, 'files/list_folder', {
      token: await memberToken(),
      body: { path: '' },
    });
    expect(raw.status).toBe(400);
    expect(raw.text).toContain("required scope 'files.metadata.read'");
  });
});

describe('headers on every response', () => {
  it('X-Dropbox-Request-Id is on 200, 400, 401, 404 and HTML responses, unique per response', async () => {
    const ids = new Set<string>();
    for (const res of [
      await fetch(`${emu.origin}/2/check/user`, { method: 'POST' }),
      await fetch(`${emu.origin}/2/check/user`, {
        method: 'POST',
        headers: { Authorization: 'Bearer x' },
      }),
      await fetch(`${emu.origin}/nope`),
      await fetch(`${emu.origin}/developers/apps`),
      await fetch(`${emu.origin}/oauth2/authorize?client_id=x`),
    ]) {
      const id = res.headers.get('x-dropbox-request-id') ?? '';
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      ids.add(id);
      await res.arrayBuffer();
    }
    expect(ids.size).toBe(5);
  });
});

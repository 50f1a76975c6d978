/**
 * What a saved connector's health check meets when something changed after setup, as public
 * trackers report it (e.g. dbxcli#184, home-assistant/core#175892): access revoked later, a scope
 * unticked on the App Console, the linking admin demoted, the app disabled. Each scenario is set up
 * through the control API and observed over raw HTTP, the way the wizard's core would see it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorizeOverHttp } from './http-driver';
import { AUTHORIZE_ERRORS, RPC_ERRORS, startEmulator, type RunningEmulator } from './index';
import {
  authorizeUrl,
  basic,
  ERROR_400_PREFIX,
  getCode,
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

const certeroAuth = { key: SEED.certero.key, secret: SEED.certero.secret };

/** A saved connector: the Certero app linked by the team admin, offline (access + refresh). */
async function savedConnector(): Promise<{ access: string; refresh: string; scope: string }> {
  const res = await emu.mintToken({ appKey: SEED.certero.key, accountId: SEED.admin.accountId });
  return {
    access: res.access_token as string,
    refresh: res.refresh_token as string,
    scope: res.scope as string,
  };
}

const refresh = (refreshToken: string): Promise<Raw> =>
  token(emu.origin, { grant_type: 'refresh_token', refresh_token: refreshToken }, certeroAuth);

function expect401(raw: Raw, tag: string): void {
  expect(raw.status).toBe(401);
  expect(raw.headers.get('content-type')).toBe('application/json');
  expect((raw.json as { error: { '.tag': string } }).error['.tag']).toBe(tag);
}

describe('access revoked later', () => {
  it('revoking the saved grant: refresh → 400 invalid_grant, its access token → 401 invalid_access_token', async () => {
    const saved = await savedConnector();
    const other = await savedConnector(); // a second connector on the same app and admin
    expect((await refresh(saved.refresh)).status).toBe(200);
    expect(await emu.revokeTokens({ refreshToken: saved.refresh })).toBe(3);
    const res = await refresh(saved.refresh);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: 'invalid_grant',
      error_description: 'refresh token is invalid or revoked',
    });
    expect401(
      await rpc(emu.origin, 'team/get_info', { token: saved.access }),
      'invalid_access_token',
    );
    expect((await refresh(other.refresh)).status).toBe(200);
  });

  it('the admin unlinks the app (revokeTokens by app and account): every refresh token dies too', async () => {
    const saved = await savedConnector();
    await emu.revokeTokens({ appKey: SEED.certero.key, accountId: SEED.admin.accountId });
    expect((await refresh(saved.refresh)).json).toMatchObject({ error: 'invalid_grant' });
    const tokens = (await emu.state()).tokens.filter((t) => t.appKey === SEED.certero.key);
    expect(tokens.map((t) => [t.kind, t.revoked])).toEqual([
      ['refresh', true],
      ['access', true],
    ]);
  });

  it('the request log shows the failing refresh came from the saved client id', async () => {
    const saved = await savedConnector();
    await emu.revokeTokens({ refreshToken: saved.refresh });
    await emu.clearRequests();
    await refresh(saved.refresh);
    const [entry] = await emu.requests();
    expect(entry?.tokenRequest).toEqual({
      grantType: 'refresh_token',
      clientId: SEED.certero.key,
      clientAuth: 'basic',
      error: 'invalid_grant',
    });
  });
});

describe('a scope unticked on the App Console', () => {
  it('existing tokens keep their scopes, but calls needing it get the 400 app-scope text; other calls work', async () => {
    const saved = await savedConnector();
    await emu.patchApp(SEED.certero.key, {
      scopes: SEED.certero.scopes.filter((s) => s !== 'members.read'),
    });
    const listed = (await emu.state()).tokens.filter((t) => t.appKey === SEED.certero.key);
    expect(listed.every((t) => t.scopes.includes('members.read'))).toBe(true);

    const members = await rpc(emu.origin, 'team/members/list_v2', {
      token: saved.access,
      body: { limit: 1 },
    });
    expect(members.status).toBe(400);
    expect(members.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(members.text).toBe(
      `${ERROR_400_PREFIX('team/members/list_v2')}${RPC_ERRORS.appLacksScope('members.read')}`,
    );
    expect((await rpc(emu.origin, 'team/get_info', { token: saved.access })).status).toBe(200);

    // A refreshed token is no better: the grant still has the scope, the app does not.
    const refreshed = (await refresh(saved.refresh)).json as { access_token: string };
    const again = await rpc(emu.origin, 'team/members/list_v2', {
      token: refreshed.access_token,
      body: { limit: 1 },
    });
    expect(again.text).toContain("does not have the required scope 'members.read'");
  });

  it('a NEW authorization gets the reduced scope set', async () => {
    await emu.patchApp(SEED.certero.key, {
      scopes: SEED.certero.scopes.filter((s) => s !== 'members.read'),
    });
    const flow = await getCode(emu.origin, {
      client_id: SEED.certero.key,
      redirect_uri: SEED.certero.redirect,
      token_access_type: 'offline',
    });
    expect(flow.consentScopes).not.toContain('members.read');
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code: flow.code, redirect_uri: SEED.certero.redirect },
      certeroAuth,
    );
    expect((res.json as { scope: string }).scope.split(' ')).toEqual(
      SEED.certero.scopes.filter((s) => s !== 'members.read'),
    );
    // And asking for only the unticked scope is an error page, not a silent drop (keeweb#1597).
    const page = await fetch(
      authorizeUrl(emu.origin, {
        client_id: SEED.certero.key,
        response_type: 'code',
        redirect_uri: SEED.certero.redirect,
        scope: 'members.read',
      }),
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(AUTHORIZE_ERRORS.noScopeGrantable);
  });
});

describe('the linking admin is demoted (patchAccount role)', () => {
  it('get_authenticated_admin → 409 admin_not_active; Select-Admin as them → 401; team routes still answer', async () => {
    const saved = await savedConnector();
    await emu.patchAccount(SEED.admin.accountId, { role: 'member' });
    const admin = await rpc(emu.origin, 'team/token/get_authenticated_admin', {
      token: saved.access,
    });
    expect(admin.status).toBe(409);
    expect((admin.json as { error: { '.tag': string } }).error['.tag']).toBe('admin_not_active');
    expect401(
      await rpc(emu.origin, 'users/get_current_account', {
        token: saved.access,
        headers: { 'Dropbox-API-Select-Admin': SEED.admin.teamMemberId },
      }),
      'invalid_select_admin',
    );
    // UNCONFIRMED: the team link outlives its admin's role (README).
    expect((await rpc(emu.origin, 'team/get_info', { token: saved.access })).status).toBe(200);
    expect((await refresh(saved.refresh)).status).toBe(200);
  });

  it('re-authorizing as the demoted account is refused (403 page: not a team admin)', async () => {
    await emu.patchAccount(SEED.admin.accountId, { role: 'member' });
    const result = await authorizeOverHttp(
      authorizeUrl(emu.origin, {
        client_id: SEED.certero.key,
        response_type: 'code',
        redirect_uri: SEED.certero.redirect,
      }),
      { email: SEED.admin.email, password: SEED.password },
    );
    expect(result.outcome).toBe('refused');
    expect(result.status).toBe(403);
    expect(result.detail).toContain('You are not an admin of your team.');
  });
});

describe("the app is disabled (status 'disabled')", () => {
  it('refresh → folded invalid_client; saved access token → 400 "currently disabled" (dbxcli#184); check/app → 400 "App has been disabled"; authorize → the observed page', async () => {
    const saved = await savedConnector();
    await emu.patchApp(SEED.certero.key, { status: 'disabled' });

    const res = await refresh(saved.refresh);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'invalid_client: Invalid client_id or client_secret' });
    const bearer = await rpc(emu.origin, 'team/get_info', { token: saved.access });
    expect(bearer.status).toBe(400);
    expect(bearer.text).toBe(
      'Error in call to API function "team/get_info": This app is currently disabled.',
    );
    const appAuth = await rpc(emu.origin, 'check/app', {
      authorization: basic(SEED.certero.key, SEED.certero.secret),
      body: { query: 'x' },
    });
    expect(appAuth.status).toBe(400);
    expect(appAuth.text).toContain('App has been disabled');
    const page = await fetch(
      authorizeUrl(emu.origin, { client_id: SEED.certero.key, response_type: 'code' }),
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(AUTHORIZE_ERRORS.appDisabled);
  });
});

/**
 * POST /oauth2/token over raw HTTP: every field, type and error text as the Dropbox SDKs and the
 * observed replies cited in token-endpoint.ts describe them, plus the full code flows
 * (authorize → token → verify → refresh → revoke → refresh fails).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index';
import { basic, expectJsonHeaders, getCode, pkcePair, rpc, SEED, token } from './test-helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
  await emu.clearFaults();
});

const snowAuth = { key: SEED.snow.key, secret: SEED.snow.secret };
const snowCode = (extra: Record<string, string> = {}, email?: string): ReturnType<typeof getCode> =>
  getCode(
    emu.origin,
    { client_id: SEED.snow.key, redirect_uri: SEED.snow.redirect, ...extra },
    email,
  );

describe('success JSON', () => {
  it('team admin, offline: sl.u. token, uid "", team_id, refresh token, sorted scopes', async () => {
    const { code } = await snowCode({ token_access_type: 'offline' });
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
      snowAuth,
    );
    expect(res.status).toBe(200);
    expectJsonHeaders(res);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = res.json as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'access_token',
      'token_type',
      'expires_in',
      'refresh_token',
      'scope',
      'uid',
      'team_id',
    ]);
    expect(body.access_token).toMatch(/^sl\.u\.[A-Za-z0-9_-]+$/);
    expect((body.access_token as string).length).toBeGreaterThan(1000);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(14400);
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(body.scope).toBe('account_info.read members.read sessions.list team_info.read');
    expect(body.uid).toBe('');
    expect(body.team_id).toBe(SEED.team.id);
    expect(body).not.toHaveProperty('account_id');
    // Python-style JSON, as Dropbox usually sends (observed token replies).
    expect(res.text.startsWith('{"access_token": "sl.u.')).toBe(true);
  });

  it('user scopes only, online: sl. token, decimal uid, account_id, no refresh_token', async () => {
    const { code } = await snowCode({ scope: 'account_info.read' }, SEED.member.email);
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
      snowAuth,
    );
    const body = res.json as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'access_token',
      'token_type',
      'expires_in',
      'scope',
      'uid',
      'account_id',
    ]);
    expect(body.access_token).toMatch(/^sl\.(?!u\.)/);
    expect(body.uid).toMatch(/^\d+$/);
    expect(body.account_id).toBe(SEED.member.accountId);
    expect(body.account_id).toHaveLength(40);
    expect(body.scope).toBe('account_info.read');
  });

  it('account_info.read is added to an explicit scope when the app has it (UNCONFIRMED, option)', async () => {
    const { code } = await getCode(
      emu.origin,
      { client_id: SEED.noRedirect.key, scope: 'files.metadata.read' },
      SEED.personal.email,
    );
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code },
      { key: SEED.noRedirect.key, secret: SEED.noRedirect.secret },
    );
    expect((res.json as { scope: string }).scope).toBe('account_info.read files.metadata.read');
  });

  it('tokens keep the scopes the app had at authorize time', async () => {
    const { code } = await snowCode({ token_access_type: 'offline' });
    await emu.patchApp(SEED.snow.key, {
      scopes: [
        'account_info.read',
        'team_info.read',
        'members.read',
        'sessions.list',
        'groups.read',
      ],
    });
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
      snowAuth,
    );
    const body = res.json as { scope: string; refresh_token: string };
    expect(body.scope).not.toContain('groups.read');
    const refreshed = await token(
      emu.origin,
      { grant_type: 'refresh_token', refresh_token: body.refresh_token },
      snowAuth,
    );
    expect(refreshed.status).toBe(200);
    const state = await emu.state();
    expect(state.tokens.every((t) => !t.scopes.includes('groups.read'))).toBe(true);
  });

  it('include_granted_scopes=user adds scopes granted before', async () => {
    await getCode(
      emu.origin,
      { client_id: SEED.noRedirect.key, scope: 'files.metadata.read' },
      SEED.personal.email,
    );
    await emu.patchApp(SEED.noRedirect.key, {
      scopes: ['account_info.read', 'files.metadata.read', 'files.content.read'],
    });
    const { code } = await getCode(
      emu.origin,
      {
        client_id: SEED.noRedirect.key,
        scope: 'files.content.read',
        include_granted_scopes: 'user',
      },
      SEED.personal.email,
    );
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code },
      { key: SEED.noRedirect.key, secret: SEED.noRedirect.secret },
    );
    expect((res.json as { scope: string }).scope).toBe(
      'account_info.read files.content.read files.metadata.read',
    );
  });
});

describe('client authentication forms', () => {
  it('HTTP Basic', async () => {
    const { code } = await snowCode();
    expect(
      (
        await token(
          emu.origin,
          { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
          snowAuth,
        )
      ).status,
    ).toBe(200);
  });

  it('client_id + client_secret in the body', async () => {
    const { code } = await snowCode();
    const res = await token(emu.origin, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: SEED.snow.redirect,
      client_id: SEED.snow.key,
      client_secret: SEED.snow.secret,
    });
    expect(res.status).toBe(200);
  });

  it('everything in the query string with an empty body (the JS SDK)', async () => {
    const { code } = await snowCode();
    const q = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: SEED.snow.key,
      client_secret: SEED.snow.secret,
      redirect_uri: SEED.snow.redirect,
    });
    const res = await fetch(`${emu.origin}/oauth2/token?${q.toString()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
  });

  it('PKCE: client_id + code_verifier, no secret (S256); then refresh with client_id alone', async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = await getCode(
      emu.origin,
      {
        client_id: SEED.notes.key,
        redirect_uri: SEED.notes.redirect,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        token_access_type: 'offline',
      },
      SEED.personal.email,
    );
    const bad = await token(emu.origin, {
      grant_type: 'authorization_code',
      code,
      client_id: SEED.notes.key,
      code_verifier: `${verifier}x`,
      redirect_uri: SEED.notes.redirect,
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      error: 'invalid_grant',
      error_description: 'invalid code verifier',
    });
    const res = await token(emu.origin, {
      grant_type: 'authorization_code',
      code,
      client_id: SEED.notes.key,
      code_verifier: verifier,
      redirect_uri: SEED.notes.redirect,
    });
    expect(res.status).toBe(200);
    const refresh = (res.json as { refresh_token: string }).refresh_token;
    const refreshed = await token(emu.origin, {
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: SEED.notes.key,
    });
    expect(refreshed.status).toBe(200);
  });

  it('PKCE plain is accepted by default (UNCONFIRMED)', async () => {
    const verifier = 'v'.repeat(64);
    const { code } = await getCode(
      emu.origin,
      {
        client_id: SEED.notes.key,
        redirect_uri: SEED.notes.redirect,
        code_challenge: verifier,
        code_challenge_method: 'plain',
      },
      SEED.personal.email,
    );
    expect(
      (
        await token(emu.origin, {
          grant_type: 'authorization_code',
          code,
          client_id: SEED.notes.key,
          code_verifier: verifier,
          redirect_uri: SEED.notes.redirect,
        })
      ).status,
    ).toBe(200);
  });
});

describe('error JSON (HTTP 400)', () => {
  it('code reused → invalid_grant "code doesn\'t exist or has expired"', async () => {
    const { code } = await snowCode();
    const form = { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect };
    expect((await token(emu.origin, form, snowAuth)).status).toBe(200);
    const again = await token(emu.origin, form, snowAuth);
    expect(again.status).toBe(400);
    expectJsonHeaders(again);
    expect(again.json).toEqual({
      error: 'invalid_grant',
      error_description: "code doesn't exist or has expired",
    });
  });

  it('unknown code → same', async () => {
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code: 'A'.repeat(43), redirect_uri: SEED.snow.redirect },
      snowAuth,
    );
    expect(res.json).toEqual({
      error: 'invalid_grant',
      error_description: "code doesn't exist or has expired",
    });
  });

  it('code expired after 10 minutes (default, UNCONFIRMED; clock)', async () => {
    const { code } = await snowCode();
    await emu.advanceClock(601);
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
      snowAuth,
    );
    expect(res.json).toEqual({
      error: 'invalid_grant',
      error_description: "code doesn't exist or has expired",
    });
  });

  it('code still valid just before expiry', async () => {
    const { code } = await snowCode();
    await emu.advanceClock(590);
    expect(
      (
        await token(
          emu.origin,
          { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
          snowAuth,
        )
      ).status,
    ).toBe(200);
  });

  it('redirect_uri differs, is missing, or is sent when none was authorized → "redirect_uri mismatch"', async () => {
    const mismatch = { error: 'invalid_grant', error_description: 'redirect_uri mismatch' };
    const { code } = await snowCode();
    expect(
      (
        await token(
          emu.origin,
          {
            grant_type: 'authorization_code',
            code,
            redirect_uri: 'http://127.0.0.1:47211/oauth/callback',
          },
          snowAuth,
        )
      ).json,
    ).toEqual(mismatch);
    expect(
      (await token(emu.origin, { grant_type: 'authorization_code', code }, snowAuth)).json,
    ).toEqual(mismatch);
    const noRedirect = await getCode(
      emu.origin,
      { client_id: SEED.noRedirect.key },
      SEED.personal.email,
    );
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code: noRedirect.code, redirect_uri: SEED.snow.redirect },
      { key: SEED.noRedirect.key, secret: SEED.noRedirect.secret },
    );
    expect(res.json).toEqual(mismatch);
  });

  it('a code belongs to its app', async () => {
    const { code } = await snowCode();
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
      { key: SEED.notes.key, secret: SEED.notes.secret },
    );
    expect(res.json).toEqual({
      error: 'invalid_grant',
      error_description: "code doesn't exist or has expired",
    });
  });

  it('wrong secret, unknown client, malformed Basic, disabled app → folded invalid_client', async () => {
    const folded = { error: 'invalid_client: Invalid client_id or client_secret' };
    const { code } = await snowCode();
    const form = { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect };
    expect(
      (await token(emu.origin, form, { key: SEED.snow.key, secret: 'wrongwrongwrong' })).json,
    ).toEqual(folded);
    expect((await token(emu.origin, form, { key: 'nosuchapp000000', secret: 'x' })).json).toEqual(
      folded,
    );
    const malformed = await fetch(`${emu.origin}/oauth2/token`, {
      method: 'POST',
      headers: { Authorization: 'Basic !!!', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual(folded);
    expect(
      (
        await token(emu.origin, {
          ...form,
          client_id: SEED.disabled.key,
          client_secret: SEED.disabled.secret,
        })
      ).json,
    ).toEqual(folded);
  });

  it('no client authentication at all, or client_id alone for a non-PKCE code → "No auth function available"', async () => {
    const noAuth = {
      error: 'invalid_request',
      error_description: 'No auth function available for given request',
    };
    const { code } = await snowCode();
    expect(
      (
        await token(emu.origin, {
          grant_type: 'authorization_code',
          code,
          redirect_uri: SEED.snow.redirect,
        })
      ).json,
    ).toEqual(noAuth);
    expect(
      (
        await token(emu.origin, {
          grant_type: 'authorization_code',
          code,
          redirect_uri: SEED.snow.redirect,
          client_id: SEED.snow.key,
        })
      ).json,
    ).toEqual(noAuth);
  });

  it('refresh of a non-PKCE grant with client_id alone → "No auth function available"', async () => {
    const { code } = await snowCode({ token_access_type: 'offline' });
    const { refresh_token } = (
      await token(
        emu.origin,
        { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
        snowAuth,
      )
    ).json as { refresh_token: string };
    const res = await token(emu.origin, {
      grant_type: 'refresh_token',
      refresh_token,
      client_id: SEED.snow.key,
    });
    expect(res.json).toEqual({
      error: 'invalid_request',
      error_description: 'No auth function available for given request',
    });
  });

  it('missing fields → invalid_request missing required field "…"', async () => {
    expect((await token(emu.origin, { grant_type: 'authorization_code' }, snowAuth)).json).toEqual({
      error: 'invalid_request',
      error_description: 'missing required field "code"',
    });
    expect((await token(emu.origin, { grant_type: 'refresh_token' }, snowAuth)).json).toEqual({
      error: 'invalid_request',
      error_description: 'missing required field "refresh_token"',
    });
    expect((await token(emu.origin, {}, snowAuth)).json).toEqual({
      error: 'invalid_request',
      error_description: 'missing required field "grant_type"',
    });
  });

  it('unknown grant_type → unsupported_grant_type', async () => {
    const res = await token(
      emu.origin,
      { grant_type: 'password', username: 'a', password: 'b' },
      snowAuth,
    );
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('refresh token malformed / unknown / other app', async () => {
    expect(
      (await token(emu.origin, { grant_type: 'refresh_token', refresh_token: 'short' }, snowAuth))
        .json,
    ).toEqual({ error: 'invalid_grant', error_description: 'refresh token is malformed' });
    expect(
      (
        await token(
          emu.origin,
          { grant_type: 'refresh_token', refresh_token: 'A'.repeat(64) },
          snowAuth,
        )
      ).json,
    ).toEqual({ error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' });
  });

  it('non-POST → 405 JSON', async () => {
    const res = await fetch(`${emu.origin}/oauth2/token`);
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toBe('application/json');
  });
});

describe('refresh', () => {
  it('returns access_token, token_type, expires_in only; the same refresh token keeps working', async () => {
    const { code } = await snowCode({ token_access_type: 'offline' });
    const first = (
      await token(
        emu.origin,
        { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
        snowAuth,
      )
    ).json as { refresh_token: string; access_token: string };
    await emu.advanceClock(14401);
    const expired = await rpc(emu.origin, 'team/get_info', { token: first.access_token });
    expect(expired.status).toBe(401);
    expect((expired.json as { error: { '.tag': string } }).error['.tag']).toBe(
      'expired_access_token',
    );
    for (let i = 0; i < 2; i += 1) {
      const res = await token(
        emu.origin,
        { grant_type: 'refresh_token', refresh_token: first.refresh_token },
        snowAuth,
      );
      expect(res.status).toBe(200);
      const body = res.json as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in']);
      expect(body.access_token).toMatch(/^sl\.u\./);
      expect(
        (await rpc(emu.origin, 'team/get_info', { token: body.access_token as string })).status,
      ).toBe(200);
    }
  });

  it('refresh tokens do not expire', async () => {
    const { code } = await snowCode({ token_access_type: 'offline' });
    const { refresh_token } = (
      await token(
        emu.origin,
        { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
        snowAuth,
      )
    ).json as { refresh_token: string };
    await emu.advanceClock(400 * 24 * 3600);
    expect(
      (await token(emu.origin, { grant_type: 'refresh_token', refresh_token }, snowAuth)).status,
    ).toBe(200);
  });

  it('downscoping with scope: a subset works, the token then lacks the rest (401 missing_scope)', async () => {
    const { code } = await snowCode({ token_access_type: 'offline' });
    const { refresh_token } = (
      await token(
        emu.origin,
        { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
        snowAuth,
      )
    ).json as { refresh_token: string };
    const down = await token(
      emu.origin,
      { grant_type: 'refresh_token', refresh_token, scope: 'team_info.read' },
      snowAuth,
    );
    expect(down.status).toBe(200);
    const access = (down.json as { access_token: string }).access_token;
    expect((await rpc(emu.origin, 'team/get_info', { token: access })).status).toBe(200);
    const members = await rpc(emu.origin, 'team/members/list_v2', {
      token: access,
      body: { limit: 1 },
    });
    expect(members.status).toBe(401);
    expect(members.json).toMatchObject({
      error: { '.tag': 'missing_scope', required_scope: 'members.read' },
    });
    const wider = await token(
      emu.origin,
      { grant_type: 'refresh_token', refresh_token, scope: 'groups.read' },
      snowAuth,
    );
    expect(wider.status).toBe(400);
    expect((wider.json as { error: string }).error).toBe('invalid_scope');
  });
});

describe('full code flows over HTTP (authorize → token → verify → refresh → revoke → refresh fails)', () => {
  it('user token: check/user, revoke', async () => {
    const { code } = await snowCode(
      { scope: 'account_info.read', token_access_type: 'offline', state: 'abc' },
      SEED.member.email,
    );
    const tokens = (
      await token(
        emu.origin,
        { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
        snowAuth,
      )
    ).json as { access_token: string; refresh_token: string };
    const check = await rpc(emu.origin, 'check/user', {
      token: tokens.access_token,
      body: { query: 'ping' },
    });
    expect(check.status).toBe(200);
    expect(check.json).toEqual({ result: 'ping' });
    const refreshed = (
      await token(
        emu.origin,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        snowAuth,
      )
    ).json as { access_token: string };
    expect(
      (
        await rpc(emu.origin, 'check/user', {
          token: refreshed.access_token,
          body: { query: 'again' },
        })
      ).json,
    ).toEqual({ result: 'again' });
    const revoke = await rpc(emu.origin, 'auth/token/revoke', { token: refreshed.access_token });
    expect(revoke.status).toBe(200);
    expect(revoke.text).toBe('null');
    // Revoking disables the refresh token and every access token minted from it.
    expect(
      (
        await token(
          emu.origin,
          { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
          snowAuth,
        )
      ).json,
    ).toEqual({ error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' });
    const old = await rpc(emu.origin, 'check/user', {
      token: tokens.access_token,
      body: { query: 'x' },
    });
    expect(old.status).toBe(401);
    expect((old.json as { error: { '.tag': string } }).error['.tag']).toBe('invalid_access_token');
  });

  it('team token: team/get_info, revoke refused without Select-User and with Select-Admin, revoked with Select-User (GUESS), refresh fails', async () => {
    // Select-Admin needs team_data.member on the app and the token (Dropbox's auth-types docs).
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'team_data.member'] });
    const { code } = await snowCode({ token_access_type: 'offline' });
    const tokens = (
      await token(
        emu.origin,
        { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
        snowAuth,
      )
    ).json as { access_token: string; refresh_token: string; team_id: string };
    const info = await rpc(emu.origin, 'team/get_info', { token: tokens.access_token });
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ name: 'Example Ltd', team_id: tokens.team_id });
    const refreshed = (
      await token(
        emu.origin,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        snowAuth,
      )
    ).json as { access_token: string };
    expect((await rpc(emu.origin, 'team/get_info', { token: refreshed.access_token })).status).toBe(
      200,
    );
    // The default (watermint/toolbox#18; teamTokenRevoke "refuse"): the 400 text, and the grant
    // still works.
    expect(
      (await rpc(emu.origin, 'auth/token/revoke', { token: refreshed.access_token })).status,
    ).toBe(400);
    expect((await rpc(emu.origin, 'team/get_info', { token: refreshed.access_token })).status).toBe(
      200,
    );
    // auth.stone: token/revoke has no select_admin_mode, so Select-Admin is refused.
    expect(
      (
        await rpc(emu.origin, 'auth/token/revoke', {
          token: refreshed.access_token,
          headers: { 'Dropbox-API-Select-Admin': SEED.admin.teamMemberId },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await rpc(emu.origin, 'auth/token/revoke', {
          token: refreshed.access_token,
          headers: { 'Dropbox-API-Select-User': SEED.admin.teamMemberId },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await token(
          emu.origin,
          { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
          snowAuth,
        )
      ).json,
    ).toEqual({ error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' });
    expect((await rpc(emu.origin, 'team/get_info', { token: refreshed.access_token })).status).toBe(
      401,
    );
  });

  it('the state listing shows tokens without their values', async () => {
    const { code } = await snowCode({ token_access_type: 'offline' });
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
      snowAuth,
    );
    const body = res.json as { access_token: string; refresh_token: string };
    const stateRes = await fetch(`${emu.origin}/__emulator/state`);
    const text = await stateRes.text();
    expect(text).not.toContain(body.access_token);
    expect(text).not.toContain(body.refresh_token);
    const state = JSON.parse(text) as { tokens: Array<Record<string, unknown>> };
    expect(state.tokens).toEqual([
      expect.objectContaining({
        kind: 'refresh',
        appKey: SEED.snow.key,
        accountId: null,
        teamId: SEED.team.id,
        revoked: false,
        expiresAt: null,
        authorizedBy: SEED.admin.accountId,
      }),
      expect.objectContaining({
        kind: 'access',
        appKey: SEED.snow.key,
        accountId: null,
        teamId: SEED.team.id,
        revoked: false,
        expiresAt: expect.stringMatching(/Z$/),
      }),
    ]);
  });

  it('Basic auth header value is the only place the secret travels in the wizard-style call', async () => {
    await emu.clearRequests();
    const { code } = await snowCode();
    await token(
      emu.origin,
      { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
      snowAuth,
    );
    const log = await emu.requests();
    const tokenCall = log.find((r) => r.path === '/oauth2/token');
    expect(tokenCall?.url).toBe('/oauth2/token');
    expect(tokenCall?.headerNames).toContain('authorization');
    expect(log.some((r) => r.url.includes(SEED.snow.secret) || r.url.includes(code))).toBe(false);
    expect(basic('a', 'b')).toBe('Basic YTpi');
  });
});

describe('unknown fields (oslo#90, Dropbox forum comment 826990)', () => {
  const unknownField = (field: string): Record<string, string> => ({
    error: 'invalid_request',
    error_description: `unknown field "${field}"`,
  });
  const offlineGrant = async (): Promise<string> => {
    const { code } = await snowCode({ token_access_type: 'offline' });
    return (
      (
        await token(
          emu.origin,
          { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
          snowAuth,
        )
      ).json as { refresh_token: string }
    ).refresh_token;
  };

  it('Basic auth plus client_id in the body → 400 unknown field "client_id"; the code is not consumed', async () => {
    const { code } = await snowCode();
    const form = { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect };
    const res = await token(emu.origin, { ...form, client_id: SEED.snow.key }, snowAuth);
    expect(res.status).toBe(400);
    expectJsonHeaders(res);
    expect(res.json).toEqual(unknownField('client_id'));
    // Basic alone, the same code: accepted.
    expect((await token(emu.origin, form, snowAuth)).status).toBe(200);
  });

  it('Basic auth plus client_id in the query string → the same 400; also on a refresh', async () => {
    const refresh = await offlineGrant();
    const q = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: SEED.snow.key,
    });
    const res = await fetch(`${emu.origin}/oauth2/token?${q.toString()}`, {
      method: 'POST',
      headers: { Authorization: basic(SEED.snow.key, SEED.snow.secret) },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(unknownField('client_id'));
    const body = await token(
      emu.origin,
      { grant_type: 'refresh_token', refresh_token: refresh, client_id: SEED.snow.key },
      snowAuth,
    );
    expect(body.json).toEqual(unknownField('client_id'));
  });

  it('a stray scope on a code exchange → 400 unknown field "scope", whatever the client auth', async () => {
    const { code } = await snowCode();
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: SEED.snow.redirect,
      scope: 'account_info.read',
    };
    expect((await token(emu.origin, form, snowAuth)).json).toEqual(unknownField('scope'));
    expect(
      (
        await token(emu.origin, {
          ...form,
          client_id: SEED.snow.key,
          client_secret: SEED.snow.secret,
        })
      ).json,
    ).toEqual(unknownField('scope'));
  });

  it('still accepted: client_id + client_secret without Basic, PKCE client_id alone, and scope on a refresh (downscoping)', async () => {
    const refresh = await offlineGrant();
    const bodyAuth = await token(emu.origin, {
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: SEED.snow.key,
      client_secret: SEED.snow.secret,
    });
    expect(bodyAuth.status).toBe(200);
    const downscoped = await token(
      emu.origin,
      { grant_type: 'refresh_token', refresh_token: refresh, scope: 'team_info.read' },
      snowAuth,
    );
    expect(downscoped.status).toBe(200);

    const { verifier, challenge } = pkcePair();
    const { code } = await snowCode({
      code_challenge: challenge,
      code_challenge_method: 'S256',
      token_access_type: 'offline',
    });
    const pkce = await token(emu.origin, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: SEED.snow.redirect,
      client_id: SEED.snow.key,
      code_verifier: verifier,
    });
    expect(pkce.status).toBe(200);
    const pkceRefresh = await token(emu.origin, {
      grant_type: 'refresh_token',
      refresh_token: (pkce.json as { refresh_token: string }).refresh_token,
      client_id: SEED.snow.key,
    });
    expect(pkceRefresh.status).toBe(200);
  });
});

describe('request log: what /oauth2/token made of each request (never a secret)', () => {
  it('records grant_type, the claimed client id, how it authenticated and the error code', async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = await snowCode({ token_access_type: 'offline' });
    const { code: pkceCode } = await getCode(
      emu.origin,
      {
        client_id: SEED.notes.key,
        redirect_uri: SEED.notes.redirect,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        token_access_type: 'offline',
      },
      SEED.personal.email,
    );
    await emu.clearRequests();

    const basicExchange = await token(
      emu.origin,
      { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
      snowAuth,
    );
    const refreshToken = (basicExchange.json as { refresh_token: string }).refresh_token;
    await token(emu.origin, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: SEED.snow.key,
      client_secret: SEED.snow.secret,
    });
    const pkce = await token(emu.origin, {
      grant_type: 'authorization_code',
      code: pkceCode,
      redirect_uri: SEED.notes.redirect,
      client_id: SEED.notes.key,
      code_verifier: verifier,
    });
    const pkceRefresh = (pkce.json as { refresh_token: string }).refresh_token;
    await token(emu.origin, {
      grant_type: 'refresh_token',
      refresh_token: pkceRefresh,
      client_id: SEED.notes.key,
    });
    await token(
      emu.origin,
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      { key: SEED.snow.key, secret: 'wrong-secret-00' },
    );
    await token(emu.origin, { grant_type: 'refresh_token', refresh_token: refreshToken });
    await emu.revokeTokens({ refreshToken });
    await token(emu.origin, { grant_type: 'refresh_token', refresh_token: refreshToken }, snowAuth);

    const log = (await emu.requests()).filter((r) => r.path === '/oauth2/token');
    expect(log.map((r) => r.tokenRequest)).toEqual([
      {
        grantType: 'authorization_code',
        clientId: SEED.snow.key,
        clientAuth: 'basic',
        error: null,
      },
      {
        grantType: 'refresh_token',
        clientId: SEED.snow.key,
        clientAuth: 'client_secret',
        error: null,
      },
      {
        grantType: 'authorization_code',
        clientId: SEED.notes.key,
        clientAuth: 'pkce',
        error: null,
      },
      { grantType: 'refresh_token', clientId: SEED.notes.key, clientAuth: 'pkce', error: null },
      {
        grantType: 'refresh_token',
        clientId: SEED.snow.key,
        clientAuth: 'basic',
        error: 'invalid_client',
      },
      { grantType: 'refresh_token', clientId: null, clientAuth: 'none', error: 'invalid_request' },
      {
        grantType: 'refresh_token',
        clientId: SEED.snow.key,
        clientAuth: 'basic',
        error: 'invalid_grant',
      },
    ]);
    const text = JSON.stringify(await emu.requests());
    for (const secret of [SEED.snow.secret, refreshToken, pkceRefresh, code, pkceCode, verifier])
      expect(text).not.toContain(secret);
  });

  it('faulted token requests carry no tokenRequest (the endpoint never saw them)', async () => {
    await emu.clearRequests();
    await emu.addFault({ route: '/oauth2/token', status: 503, count: 1 });
    await token(emu.origin, { grant_type: 'refresh_token', refresh_token: 'x' }, snowAuth);
    const [entry] = await emu.requests();
    expect(entry?.status).toBe(503);
    expect(entry?.tokenRequest).toBeUndefined();
  });
});

/**
 * The /__emulator/ control API over HTTP: state, reset, app patches, fault injection (latency,
 * 429 with Retry-After as Dropbox sends it, 5xx, dropped connections), the clock (token and code
 * lifetimes) and the request log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type StateSnapshot } from './index';
import { expectJsonHeaders, getCode, rpc, SEED, token } from './test-helpers';

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
  await emu.clearRequests();
});

const control = async (
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> => {
  const res = await fetch(`${emu.origin}/__emulator/${path}`, {
    method,
    ...(body !== undefined
      ? {
          body: typeof body === 'string' ? body : JSON.stringify(body),
          headers: { 'Content-Type': 'application/json' },
        }
      : {}),
  });
  expect(res.headers.get('content-type')).toBe('application/json');
  return { status: res.status, json: (await res.json()) as unknown };
};

const memberToken = async (): Promise<string> =>
  (
    await emu.mintToken({
      appKey: SEED.snow.key,
      accountId: SEED.member.accountId,
      scopes: ['account_info.read'],
    })
  ).access_token as string;

describe('GET /__emulator/state', () => {
  it('lists apps and accounts as seeded (secrets and passwords included) and tokens without values', async () => {
    const minted = await emu.mintToken({ appKey: SEED.snow.key, accountId: SEED.admin.accountId });
    const { status, json } = await control('GET', 'state');
    expect(status).toBe(200);
    const state = json as StateSnapshot;
    expect(state.apps.find((a) => a.key === SEED.snow.key)?.secret).toBe(SEED.snow.secret);
    expect(state.accounts.find((a) => a.email === SEED.admin.email)?.password).toBe(SEED.password);
    expect(state.teams[0]?.name).toBe('Example Ltd');
    expect(state.tokens).toHaveLength(2);
    for (const t of state.tokens) {
      expect(Object.keys(t).sort()).toEqual([
        'accountId',
        'appKey',
        'authorizedBy',
        'expiresAt',
        'issuedAt',
        'kind',
        'revoked',
        'scopes',
        'teamId',
      ]);
    }
    expect(JSON.stringify(state)).not.toContain(minted.access_token as string);
    expect(JSON.stringify(state)).not.toContain(minted.refresh_token as string);
  });
});

describe('POST /__emulator/reset', () => {
  it('forgets tokens and patches; accepts a seed body', async () => {
    const t = await memberToken();
    await control('PATCH', `apps/${SEED.snow.key}`, { name: 'Renamed' });
    expect((await control('POST', 'reset')).json).toEqual({ ok: true });
    expect((await rpc(emu.origin, 'check/user', { token: t, body: {} })).status).toBe(401);
    const state = (await control('GET', 'state')).json as StateSnapshot;
    expect(state.apps.find((a) => a.key === SEED.snow.key)?.name).toBe('Snow Atlas connector');
    expect(state.tokens).toEqual([]);

    await control('POST', 'reset', {
      apps: [{ key: 'onlyapp00000001', secret: 's', name: 'Only', access: 'app_folder' }],
    });
    const small = (await control('GET', 'state')).json as StateSnapshot;
    expect(small.apps.map((a) => a.key)).toEqual(['onlyapp00000001']);
    expect(small.accounts).toEqual([]);
  });

  it('an invalid seed → 400 with issues, state unchanged', async () => {
    const { status, json } = await control('POST', 'reset', { apps: [{ key: 'x' }] });
    expect(status).toBe(400);
    expect((json as { issues: string[] }).issues.some((i) => i.startsWith('apps.0.secret'))).toBe(
      true,
    );
    expect(((await control('GET', 'state')).json as StateSnapshot).apps.length).toBe(6);
  });
});

describe('PATCH /__emulator/apps/<key>', () => {
  it('changes any subset of fields; returns the app', async () => {
    const { status, json } = await control('PATCH', `apps/${SEED.snow.key}`, {
      scopes: ['account_info.read'],
      redirectUris: ['http://127.0.0.1:1234/cb'],
      allowPublicClients: true,
      status: 'production',
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      key: SEED.snow.key,
      scopes: ['account_info.read'],
      redirectUris: ['http://127.0.0.1:1234/cb'],
      allowPublicClients: true,
      status: 'production',
      name: 'Snow Atlas connector',
    });
    const page = await (await fetch(`${emu.origin}/developers/apps`)).text();
    expect(page).toContain('http://127.0.0.1:1234/cb');
  });

  it('unknown app → 404; invalid value → 400; key cannot change', async () => {
    expect((await control('PATCH', 'apps/nope', { name: 'x' })).status).toBe(404);
    expect((await control('PATCH', `apps/${SEED.snow.key}`, { status: 'paused' })).status).toBe(
      400,
    );
    expect((await control('PATCH', `apps/${SEED.snow.key}`, { key: 'other' })).status).toBe(400);
    expect((await control('PATCH', `apps/${SEED.snow.key}`, '{not json')).status).toBe(400);
  });

  it('POST /__emulator/apps adds an app; a duplicate key → 409', async () => {
    const app = {
      key: 'newapp000000001',
      secret: 'abcdefghijklmno',
      name: 'New',
      access: 'full_dropbox',
      scopes: ['account_info.read'],
    };
    expect((await control('POST', 'apps', app)).status).toBe(201);
    expect((await control('POST', 'apps', app)).status).toBe(409);
  });
});

describe('POST /__emulator/faults', () => {
  it('429 with Retry-After header and RateLimitError body, for `count` requests only', async () => {
    const t = await memberToken();
    const { status, json } = await control('POST', 'faults', {
      route: '/2/check/user',
      status: 429,
      retryAfter: 2,
      count: 2,
    });
    expect(status).toBe(201);
    expect(json).toMatchObject({
      route: '/2/check/user',
      status: 429,
      retryAfter: 2,
      remaining: 2,
    });
    for (let i = 0; i < 2; i += 1) {
      const raw = await rpc(emu.origin, 'check/user', { token: t, body: { query: 'q' } });
      expect(raw.status).toBe(429);
      expectJsonHeaders(raw);
      expect(raw.headers.get('retry-after')).toBe('2');
      expect(raw.json).toMatchObject({
        error: { reason: { '.tag': 'too_many_requests' }, retry_after: 2 },
      });
      expect((raw.json as { error_summary: string }).error_summary).toMatch(
        /^too_many_requests\/\.{0,3}$/,
      );
    }
    expect((await rpc(emu.origin, 'check/user', { token: t, body: { query: 'q' } })).status).toBe(
      200,
    );
    expect(((await control('GET', 'faults')).json as { faults: unknown[] }).faults).toEqual([]);
  });

  it('429 on /oauth2/token too', async () => {
    await emu.addFault({ route: '/oauth2/token', status: 429, retryAfter: 5 });
    const res = await token(emu.origin, { grant_type: 'refresh_token', refresh_token: 'x' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('5xx: 500 JSON on /oauth2/token, 503 text on /2/ with Retry-After', async () => {
    await emu.addFault({ route: '/oauth2/token', status: 500, count: 1 });
    const res = await token(emu.origin, { grant_type: 'refresh_token', refresh_token: 'x' });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({
      error: 'The server has either erred or is incapable of performing the requested operation.',
    });
    await emu.addFault({ route: '/2/*', status: 503, retryAfter: 1, count: 1 });
    const raw = await rpc(emu.origin, 'team/get_info', { token: 'whatever' });
    expect(raw.status).toBe(503);
    expect(raw.headers.get('retry-after')).toBe('1');
    expect(raw.headers.get('x-dropbox-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('drop: the connection is destroyed without an answer', async () => {
    await emu.addFault({ route: '/2/check/user', drop: true, count: 1 });
    await expect(fetch(`${emu.origin}/2/check/user`, { method: 'POST' })).rejects.toThrow();
    expect((await fetch(`${emu.origin}/2/check/user`, { method: 'POST' })).status).toBe(400);
  });

  it('latencyMs delays the answer; "*" matches every non-control path; DELETE clears', async () => {
    await control('POST', 'faults', { route: '*', latencyMs: 300 });
    const started = Date.now();
    const res = await fetch(`${emu.origin}/developers/apps`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const controlStarted = Date.now();
    await control('GET', 'state');
    expect(Date.now() - controlStarted).toBeLessThan(250);
    expect((await control('DELETE', 'faults')).json).toEqual({ ok: true });
    const quick = Date.now();
    await fetch(`${emu.origin}/developers/apps`);
    expect(Date.now() - quick).toBeLessThan(250);
  });

  it('faults on the authorize page serve an HTML error page', async () => {
    await emu.addFault({ route: '/oauth2/authorize', status: 500, count: 1 });
    const res = await fetch(
      `${emu.origin}/oauth2/authorize?client_id=${SEED.snow.key}&response_type=code`,
    );
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('invalid fault → 400', async () => {
    expect((await control('POST', 'faults', { route: '/2/check/user', status: 42 })).status).toBe(
      400,
    );
    expect((await control('POST', 'faults', { bogus: true })).status).toBe(400);
  });
});

describe('fault bodies: JSON or text 429s and malformed replies', () => {
  const checkApp = (): Promise<Response> =>
    fetch(`${emu.origin}/2/check/app`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${SEED.snow.key}:${SEED.snow.secret}`).toString('base64')}`,
        'Content-Type': 'application/json',
      },
      body: '{"query": "ping"}',
    });

  it('429 body "text": plain text, still with Retry-After; omitted = JSON as before', async () => {
    const { json } = await control('POST', 'faults', {
      route: '/2/check/app',
      status: 429,
      retryAfter: 7,
      body: 'text',
      count: 1,
    });
    expect(json).toMatchObject({ status: 429, retryAfter: 7, body: 'text', remaining: 1 });
    const text = await checkApp();
    expect(text.status).toBe(429);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('retry-after')).toBe('7');
    const body = await text.text();
    expect(body).toBe('Too Many Requests');
    expect(() => JSON.parse(body) as unknown).toThrow();

    await emu.addFault({ route: '/2/check/app', status: 429, count: 1 });
    const json429 = await checkApp();
    expect(json429.headers.get('content-type')).toBe('application/json');
    expect(json429.headers.get('retry-after')).toBe('1');
    expect(await json429.json()).toMatchObject({
      error: { reason: { '.tag': 'too_many_requests' }, retry_after: 1 },
    });
    expect((await checkApp()).status).toBe(200);
  });

  it('429 body "json" on /oauth2/token gives the RateLimitError JSON', async () => {
    await emu.addFault({ route: '/oauth2/token', status: 429, body: 'json', retryAfter: 4 });
    const res = await token(emu.origin, { grant_type: 'refresh_token', refresh_token: 'x' });
    expectJsonHeaders(res);
    expect(res.json).toMatchObject({
      error: { reason: { '.tag': 'too_many_requests' }, retry_after: 4 },
    });
  });

  it('500 with an EMPTY body (dropbox-sdk-python#100)', async () => {
    await emu.addFault({ route: '/2/check/app', status: 500, body: 'empty', count: 1 });
    const res = await checkApp();
    expect(res.status).toBe(500);
    expect(res.headers.get('content-length')).toBe('0');
    expect(res.headers.get('content-type')).toBeNull();
    expect(res.headers.get('x-dropbox-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(await res.text()).toBe('');
  });

  it('200 with an HTML body: a captive portal, not Dropbox', async () => {
    await emu.addFault({ route: '/2/check/app', status: 200, body: 'html', count: 1 });
    const res = await checkApp();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('id="portal-title"');
    expect(html).not.toContain('Dropbox');
    expect(() => JSON.parse(html) as unknown).toThrow();
  });

  it('200 with truncated JSON: application/json, right Content-Length, unparseable', async () => {
    await emu.addFault({ route: '/2/check/app', status: 200, body: 'truncated', count: 1 });
    const res = await checkApp();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(text.startsWith('{')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('the body kinds work on any route: truncated /oauth2/token, JSON 503 on /2/, HTML 502 on the token endpoint', async () => {
    await emu.addFault({ route: '/oauth2/token', status: 200, body: 'truncated', count: 1 });
    const cut = await token(emu.origin, { grant_type: 'refresh_token', refresh_token: 'x' });
    expect(cut.status).toBe(200);
    expect(cut.json).toBeUndefined();
    await emu.addFault({ route: '/oauth2/token', status: 502, body: 'html', count: 1 });
    const gateway = await token(emu.origin, { grant_type: 'refresh_token', refresh_token: 'x' });
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(gateway.text).toContain('Error (502)');
    await emu.addFault({ route: '/2/*', status: 503, body: 'json', count: 1 });
    const raw = await rpc(emu.origin, 'check/app', { body: {} });
    expectJsonHeaders(raw);
    expect(raw.json).toEqual({ error: 'Service Unavailable' });
  });

  it('body needs a status; unknown body kinds are refused', async () => {
    const noStatus = await control('POST', 'faults', { route: '/2/check/app', body: 'html' });
    expect(noStatus.status).toBe(400);
    expect(JSON.stringify(noStatus.json)).toContain('body needs a status');
    expect(
      (await control('POST', 'faults', { route: '/2/check/app', status: 200, body: 'xml' })).status,
    ).toBe(400);
    expect((await control('POST', 'faults', { route: '*', status: 101 })).status).toBe(400);
    expect(((await control('GET', 'faults')).json as { faults: unknown[] }).faults).toEqual([]);
  });
});

describe('startEmulator({ latencyMs })', () => {
  it('adds latency to every non-control request', async () => {
    const slow = await startEmulator({ latencyMs: 200 });
    try {
      const started = Date.now();
      await (await fetch(`${slow.origin}/developers/apps`)).text();
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    } finally {
      await slow.close();
    }
  });
});

describe('POST /__emulator/clock', () => {
  it('access tokens expire after 14400 s; codes after codeLifetimeSeconds', async () => {
    const t = await memberToken();
    const before = ((await control('GET', 'clock')).json as { now: string }).now;
    const { json } = await control('POST', 'clock', { advanceSeconds: 14401 });
    expect(Date.parse((json as { now: string }).now) - Date.parse(before)).toBeGreaterThanOrEqual(
      14401 * 1000,
    );
    const raw = await rpc(emu.origin, 'check/user', { token: t, body: {} });
    expect(raw.status).toBe(401);
    expect((raw.json as { error: { '.tag': string } }).error['.tag']).toBe('expired_access_token');
    expect((await control('POST', 'clock', { advanceSeconds: 'soon' })).status).toBe(400);
  });

  it('codeLifetimeSeconds option shortens code life', async () => {
    const quick = await startEmulator({ codeLifetimeSeconds: 5 });
    try {
      const { code } = await getCode(quick.origin, {
        client_id: SEED.snow.key,
        redirect_uri: SEED.snow.redirect,
      });
      await quick.advanceClock(6);
      const res = await token(
        quick.origin,
        { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
        SEED.snow,
      );
      expect(res.json).toEqual({
        error: 'invalid_grant',
        error_description: "code doesn't exist or has expired",
      });
      expect((await quick.state()).options.codeLifetimeSeconds).toBe(5);
    } finally {
      await quick.close();
    }
  });
});

describe('GET/DELETE /__emulator/requests', () => {
  it('records method, full URL (path + query), header names and status; never control calls or bodies', async () => {
    const t = await memberToken();
    await fetch(`${emu.origin}/2/check/user?authorization=${encodeURIComponent(`Bearer ${t}`)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'v' },
      body: '{"query":"secret-body"}',
    });
    await control('GET', 'state');
    const { json } = await control('GET', 'requests');
    const log = (
      json as {
        requests: Array<{
          method: string;
          url: string;
          path: string;
          headerNames: string[];
          status: number;
          time: string;
        }>;
      }
    ).requests;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: 'POST', path: '/2/check/user', status: 200 });
    expect(log[0]?.url).toContain('authorization=Bearer');
    expect(log[0]?.headerNames).toEqual(expect.arrayContaining(['content-type', 'x-custom']));
    expect(JSON.stringify(log)).not.toContain('secret-body');
    expect((await control('DELETE', 'requests')).json).toEqual({ ok: true });
    expect(((await control('GET', 'requests')).json as { requests: unknown[] }).requests).toEqual(
      [],
    );
  });
});

describe('POST /__emulator/tokens and /tokens/revoke', () => {
  it('mints token-endpoint JSON and revokes by filter', async () => {
    const { status, json } = await control('POST', 'tokens', {
      appKey: SEED.snow.key,
      accountId: SEED.admin.accountId,
    });
    expect(status).toBe(201);
    const minted = json as Record<string, string>;
    expect(minted).toMatchObject({
      token_type: 'bearer',
      expires_in: 14400,
      uid: '',
      team_id: SEED.team.id,
    });
    expect((await rpc(emu.origin, 'team/get_info', { token: minted.access_token })).status).toBe(
      200,
    );
    expect((await control('POST', 'tokens/revoke', { appKey: SEED.snow.key })).json).toEqual({
      revoked: 2,
    });
    expect((await rpc(emu.origin, 'team/get_info', { token: minted.access_token })).status).toBe(
      401,
    );
    expect(
      (await control('POST', 'tokens', { appKey: SEED.snow.key, accountId: SEED.member.accountId }))
        .status,
    ).toBe(400);
  });

  it('revokes ONE grant by refreshToken or accessToken; a typo in the filter is refused, not "revoke all"', async () => {
    const first = await emu.mintToken({ appKey: SEED.snow.key, accountId: SEED.admin.accountId });
    const second = await emu.mintToken({ appKey: SEED.snow.key, accountId: SEED.admin.accountId });
    const snowBasic = { key: SEED.snow.key, secret: SEED.snow.secret };
    const refresh = (t: Record<string, unknown>): ReturnType<typeof token> =>
      token(
        emu.origin,
        { grant_type: 'refresh_token', refresh_token: t.refresh_token as string },
        snowBasic,
      );
    const sibling = (await refresh(first)).json as { access_token: string };
    expect(
      (await control('POST', 'tokens/revoke', { refreshToken: first.refresh_token })).json,
    ).toEqual({ revoked: 3 }); // the refresh token and both access tokens from it
    expect((await refresh(first)).json).toEqual({
      error: 'invalid_grant',
      error_description: 'refresh token is invalid or revoked',
    });
    expect((await rpc(emu.origin, 'team/get_info', { token: sibling.access_token })).status).toBe(
      401,
    );
    expect((await refresh(second)).status).toBe(200);

    expect(await emu.revokeTokens({ accessToken: second.access_token as string })).toBe(3);
    expect((await refresh(second)).json).toMatchObject({ error: 'invalid_grant' });
    expect(await emu.revokeTokens({ refreshToken: 'no-such-token' })).toBe(0);

    const third = await emu.mintToken({ appKey: SEED.snow.key, accountId: SEED.admin.accountId });
    const typo = await control('POST', 'tokens/revoke', { appkey: SEED.snow.key });
    expect(typo.status).toBe(400);
    expect((await refresh(third)).status).toBe(200);
  });

  it('unknown control routes → 404 JSON', async () => {
    expect((await control('GET', 'nothing')).status).toBe(404);
  });
});

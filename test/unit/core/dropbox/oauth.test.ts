import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WizardFailure } from '../../../../electron/core/failure';
import {
  exchangeCode,
  refreshAccessToken,
  revokeAccessToken,
} from '../../../../electron/core/dropbox/oauth';
import {
  buildAuthorizeUrl,
  createPkce,
  createState,
  parseAuthorizationRedirect,
} from '../../../../electron/core/dropbox/authorize-request';
import {
  basic,
  endpoints,
  harness,
  json,
  networkError,
  ORIGIN,
  START_TIME,
  text,
  type Handler,
} from './fake-dropbox';

const KEY = 'snowatlasdemo01';
const SECRET = 'appsecretvalue7';
const CODE = '4EYjTs0eOrkAAAAAAAAATl3muv7xfGx4hxnis814Dpc';
const REFRESH = 'RK12uPOEoYwAAAAAAAAAAZJ104bKLOmpF1Mm2gmlQ2JJ8Vjz8Ueu2KTmO9LEhFSa';
const REDIRECT = 'http://127.0.0.1:47210/oauth/callback';

const USER_REPLY = {
  access_token: 'sl.B-user-access-token-value',
  token_type: 'bearer',
  expires_in: 14400,
  refresh_token: REFRESH,
  scope: 'files.metadata.read account_info.read',
  uid: '1722411555',
  account_id: 'dbid:AACxzyFl3qbXBJc3tx7WmwJ1u4s4XXSz5CQ',
};
const TEAM_REPLY = {
  access_token: 'sl.u.AF8L-team-access-token',
  token_type: 'bearer',
  expires_in: 14400,
  refresh_token: REFRESH,
  scope: 'members.read events.read team_info.read',
  uid: '',
  team_id: 'dbtid:AABUnTcBrTfkdFw_cgbfBGQ5-kYcXw0rAIM',
};

async function rejection(p: Promise<unknown>): Promise<WizardFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WizardFailure);
  return err as WizardFailure;
}

function exchange(handler: Handler, redirectUri: string | null = REDIRECT, codeVerifier?: string) {
  const h = harness(handler);
  const p = exchangeCode(h.ctx, {
    appKey: KEY,
    appSecret: SECRET,
    code: CODE,
    redirectUri,
    ...(codeVerifier ? { codeVerifier } : {}),
  });
  return { h, p };
}

describe('createState / createPkce', () => {
  it('makes at least 128 random bits of url-safe state, different every time', () => {
    const a = createState();
    const b = createState();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(a, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('makes an S256 challenge of the verifier', async () => {
    const { verifier, challenge } = await createPkce();
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });
});

describe('buildAuthorizeUrl', () => {
  it('always asks for offline access, never sends scope, and sends state with a redirect', () => {
    const url = new URL(
      buildAuthorizeUrl(endpoints, { appKey: KEY, redirectUri: REDIRECT, state: 'st4te' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: KEY,
      response_type: 'code',
      token_access_type: 'offline',
      redirect_uri: REDIRECT,
      state: 'st4te',
    });
  });

  it('omits redirect_uri and state in the shown-code flow', () => {
    const url = new URL(
      buildAuthorizeUrl(endpoints, { appKey: KEY, redirectUri: null, state: 'ignored' }),
    );
    expect(url.searchParams.has('redirect_uri')).toBe(false);
    expect(url.searchParams.has('state')).toBe(false);
    expect(url.searchParams.get('token_access_type')).toBe('offline');
    expect(url.searchParams.has('scope')).toBe(false);
  });

  it('adds force_reauthentication and PKCE only when asked', () => {
    const plain = new URL(
      buildAuthorizeUrl(endpoints, { appKey: KEY, redirectUri: REDIRECT, state: 's' }),
    );
    expect(plain.searchParams.has('force_reauthentication')).toBe(false);
    expect(plain.searchParams.has('code_challenge')).toBe(false);
    expect(plain.searchParams.has('code_challenge_method')).toBe(false);
    const url = new URL(
      buildAuthorizeUrl(endpoints, {
        appKey: KEY,
        redirectUri: REDIRECT,
        state: 's',
        forceReauthentication: true,
        codeChallenge: 'chal',
      }),
    );
    expect(url.searchParams.get('force_reauthentication')).toBe('true');
    expect(url.searchParams.get('code_challenge')).toBe('chal');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('refuses a state over 500 bytes', () => {
    expect(() =>
      buildAuthorizeUrl(endpoints, { appKey: KEY, redirectUri: REDIRECT, state: 'x'.repeat(501) }),
    ).toThrow(/500/);
  });
});

describe('parseAuthorizationRedirect', () => {
  it('returns the code when state matches', () => {
    expect(parseAuthorizationRedirect(`${REDIRECT}?code=${CODE}&state=abc`, 'abc')).toEqual({
      code: CODE,
    });
  });

  it.each([
    ['missing state', `${REDIRECT}?code=${CODE}`],
    ['different state', `${REDIRECT}?code=${CODE}&state=evil`],
    ['error with a different state', `${REDIRECT}?error=access_denied&state=evil`],
  ])('%s → state_mismatch', (_name, url) => {
    let err: unknown;
    try {
      parseAuthorizationRedirect(url, 'abc');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WizardFailure);
    expect((err as WizardFailure).error.code).toBe('state_mismatch');
    expect((err as WizardFailure).error.action).toBe('authorize_again');
  });

  it('access_denied → the Cancel remedy', () => {
    try {
      parseAuthorizationRedirect(
        `${REDIRECT}?error=access_denied&error_description=The+user+chose+not+to+give+your+app+access&state=abc`,
        'abc',
      );
      expect.unreachable();
    } catch (e) {
      const f = e as WizardFailure;
      expect(f.error.code).toBe('access_denied');
      expect(f.error.remedy).toBe(
        "You pressed Cancel on Dropbox's consent page; sign in again and press Allow.",
      );
    }
  });

  it('another error → unexpected_reply quoting error_description', () => {
    try {
      parseAuthorizationRedirect(
        `${REDIRECT}?error=server_error&error_description=Something+broke&state=abc`,
        'abc',
      );
      expect.unreachable();
    } catch (e) {
      const f = e as WizardFailure;
      expect(f.error.code).toBe('unexpected_reply');
      expect(f.error.message).toContain('Something broke');
    }
  });

  it('no code, or a duplicated parameter → unexpected_reply; no pending state → state_mismatch', () => {
    expect(() => parseAuthorizationRedirect(`${REDIRECT}?state=abc`, 'abc')).toThrow(WizardFailure);
    try {
      parseAuthorizationRedirect(`${REDIRECT}?code=a&code=b&state=abc`, 'abc');
    } catch (e) {
      expect((e as WizardFailure).error.code).toBe('unexpected_reply');
    }
    try {
      parseAuthorizationRedirect(`${REDIRECT}?code=a&state=abc&state=abc`, 'abc');
    } catch (e) {
      expect((e as WizardFailure).error.code).toBe('unexpected_reply');
    }
    try {
      parseAuthorizationRedirect(`${REDIRECT}?code=a`, '');
    } catch (e) {
      expect((e as WizardFailure).error.code).toBe('state_mismatch');
    }
  });
});

describe('exchangeCode', () => {
  it('POSTs a form body with HTTP Basic key:secret and nothing secret in the URL', async () => {
    const { h, p } = exchange(() => json(200, USER_REPLY));
    const tokens = await p;
    expect(h.requests).toHaveLength(1);
    const [req] = h.requests;
    expect(req?.url).toBe(`${ORIGIN}/oauth2/token`);
    expect(req?.method).toBe('POST');
    expect(req?.headers.authorization).toBe(basic(KEY, SECRET));
    expect(req?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`,
    );
    expect(req?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const form = Object.fromEntries(new URLSearchParams(req?.body));
    expect(form).toEqual({ grant_type: 'authorization_code', code: CODE, redirect_uri: REDIRECT });
    expect(req?.body).not.toContain(SECRET);
    expect(tokens).toEqual({
      accessToken: USER_REPLY.access_token,
      refreshToken: REFRESH,
      expiresIn: 14400,
      scopes: ['account_info.read', 'files.metadata.read'],
      uid: '1722411555',
      accountId: USER_REPLY.account_id,
      teamId: null,
      tokenKind: 'user',
    });
  });

  it('sends no redirect_uri in the shown-code flow, and the verifier when PKCE was used', async () => {
    const { h, p } = exchange(
      () => json(200, USER_REPLY),
      null,
      'verifier-abcdefghijklmnopqrstuvwxyz0123456789',
    );
    await p;
    const form = Object.fromEntries(new URLSearchParams(h.requests[0]?.body));
    expect(form).toEqual({
      grant_type: 'authorization_code',
      code: CODE,
      code_verifier: 'verifier-abcdefghijklmnopqrstuvwxyz0123456789',
    });
  });

  it('recognises a team token (team_id, uid "")', async () => {
    const { p } = exchange(() => json(200, TEAM_REPLY));
    const t = await p;
    expect(t.tokenKind).toBe('team');
    expect(t.teamId).toBe(TEAM_REPLY.team_id);
    expect(t.accountId).toBeNull();
    expect(t.uid).toBe('');
    expect(t.scopes).toEqual(['events.read', 'members.read', 'team_info.read']);
  });

  it('reads a reply oauth4webapi refuses (an id_token it cannot validate) with our own parser', async () => {
    const { p } = exchange(() =>
      json(200, {
        ...USER_REPLY,
        scope: 'openid email account_info.read',
        id_token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
      }),
    );
    const t = await p;
    expect(t.accessToken).toBe(USER_REPLY.access_token);
    expect(t.scopes).toEqual(['account_info.read', 'email', 'openid']);
  });

  it('a reply without refresh_token or expires_in gives nulls', async () => {
    const { refresh_token: _r, expires_in: _e, ...legacy } = USER_REPLY;
    const t = await exchange(() => json(200, legacy)).p;
    expect(t.refreshToken).toBeNull();
    expect(t.expiresIn).toBeNull();
  });

  it('never retries, even on 5xx (codes are single-use)', async () => {
    const { h, p } = exchange(() =>
      json(500, {
        error: 'The server has either erred or is incapable of performing the requested operation.',
      }),
    );
    const f = await rejection(p);
    expect(h.requests).toHaveLength(1);
    expect(h.waits).toEqual([]);
    expect(f.error.code).toBe('dropbox_unavailable');
    expect(f.error.action).toBe('authorize_again');
  });

  it('a network failure → dropbox_unavailable with action authorize_again (the code may be consumed)', async () => {
    const { h, p } = exchange(() => networkError('ECONNRESET'));
    const f = await rejection(p);
    expect(h.requests).toHaveLength(1);
    expect(f.error.code).toBe('dropbox_unavailable');
    expect(f.error.action).toBe('authorize_again');
    const g = await rejection(exchange(() => networkError('ENOTFOUND')).p);
    expect(g.error.code).toBe('offline');
    expect(g.error.action).toBe('authorize_again');
    expect(g.error.remedy).toMatch(/sign in again/i);
  });

  it('429 is not retried either', async () => {
    const { h, p } = exchange(() =>
      json(
        429,
        { error: { reason: { '.tag': 'too_many_requests' }, retry_after: 5 } },
        { 'retry-after': '5' },
      ),
    );
    const f = await rejection(p);
    expect(h.requests).toHaveLength(1);
    expect(f.error.code).toBe('rate_limited');
    expect(f.error.retryAfterSeconds).toBe(5);
  });

  it('invalid_grant "code doesn\'t exist or has expired" → code_expired', async () => {
    const f = await rejection(
      exchange(() =>
        json(400, {
          error_description: "code doesn't exist or has expired",
          error: 'invalid_grant',
        }),
      ).p,
    );
    expect(f.error.code).toBe('code_expired');
    expect(f.error.action).toBe('authorize_again');
    expect(f.error.detail).toContain("invalid_grant: code doesn't exist or has expired");
    expect(f.error.detail).toContain('HTTP 400 from oauth2/token (authorization_code)');
  });

  it('invalid_grant "redirect_uri mismatch" → redirect mismatch, authorize again', async () => {
    const f = await rejection(
      exchange(() =>
        json(400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' }),
      ).p,
    );
    expect(f.error.code).toBe('redirect_uri_not_registered');
    expect(f.error.message).toMatch(/redirect_uri mismatch/);
    expect(f.error.action).toBe('authorize_again');
  });

  it('the folded invalid_client reply → bad_app_credentials, edit credentials', async () => {
    const f = await rejection(
      exchange(() => json(400, { error: 'invalid_client: Invalid client_id or client_secret' })).p,
    );
    expect(f.error.code).toBe('bad_app_credentials');
    expect(f.error.action).toBe('edit_credentials');
    expect(f.error.detail).toContain('invalid_client: Invalid client_id or client_secret');
    expect(f.dropbox?.tag).toBe('invalid_client');
  });

  it('a standard invalid_client, a 401 challenge and "No auth function" → bad_app_credentials', async () => {
    expect(
      (
        await rejection(
          exchange(() => json(400, { error: 'invalid_client', error_description: 'bad secret' })).p,
        )
      ).error.code,
    ).toBe('bad_app_credentials');
    expect(
      (
        await rejection(
          exchange(() =>
            json(401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="Dropbox"' }),
          ).p,
        )
      ).error.code,
    ).toBe('bad_app_credentials');
    expect(
      (
        await rejection(
          exchange(() =>
            json(400, {
              error_description: 'No auth function available for given request',
              error: 'invalid_request',
            }),
          ).p,
        )
      ).error.code,
    ).toBe('bad_app_credentials');
  });

  it('a non-JSON error or an unreadable success → unexpected_reply', async () => {
    expect((await rejection(exchange(() => text(400, 'Bad request')).p)).error.code).toBe(
      'unexpected_reply',
    );
    expect((await rejection(exchange(() => text(200, 'hello')).p)).error.code).toBe(
      'unexpected_reply',
    );
    expect(
      (await rejection(exchange(() => json(200, { token_type: 'bearer' })).p)).error.code,
    ).toBe('unexpected_reply');
    expect(
      (await rejection(exchange(() => json(200, { access_token: 'x', token_type: 'bearer' })).p))
        .error.code,
    ).toBe('unexpected_reply');
  });

  it('an empty code or empty credentials never reach the network', async () => {
    const h = harness(() => json(200, USER_REPLY));
    expect(
      (
        await rejection(
          exchangeCode(h.ctx, { appKey: KEY, appSecret: SECRET, code: '  ', redirectUri: null }),
        )
      ).error.code,
    ).toBe('invalid_input');
    expect(
      (
        await rejection(
          exchangeCode(h.ctx, { appKey: KEY, appSecret: '', code: CODE, redirectUri: null }),
        )
      ).error.code,
    ).toBe('bad_app_credentials');
    expect(h.requests).toHaveLength(0);
  });
});

describe('refreshAccessToken', () => {
  const refresh = (handler: Handler) => {
    const h = harness(handler);
    return {
      h,
      p: refreshAccessToken(h.ctx, { appKey: KEY, appSecret: SECRET, refreshToken: REFRESH }),
    };
  };

  it('sends Basic key:secret and a form body', async () => {
    const { h, p } = refresh(() =>
      json(200, { access_token: 'sl.B2M8-new', token_type: 'bearer', expires_in: 14400 }),
    );
    expect(await p).toEqual({
      accessToken: 'sl.B2M8-new',
      expiresIn: 14400,
      scopes: null,
      newRefreshToken: null,
    });
    expect(h.requests[0]?.url).toBe(`${ORIGIN}/oauth2/token`);
    expect(h.requests[0]?.headers.authorization).toBe(basic(KEY, SECRET));
    expect(Object.fromEntries(new URLSearchParams(h.requests[0]?.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: REFRESH,
    });
  });

  it('returns scopes when Dropbox includes them, and a rotated refresh token if one ever comes', async () => {
    const { p } = refresh(() =>
      json(200, {
        access_token: 'sl.x',
        token_type: 'bearer',
        expires_in: 14400,
        scope: 'b a',
        refresh_token: 'rotated-token-1',
      }),
    );
    expect(await p).toEqual({
      accessToken: 'sl.x',
      expiresIn: 14400,
      scopes: ['a', 'b'],
      newRefreshToken: 'rotated-token-1',
    });
  });

  it('429 with Retry-After: waits, tells onWait when, then succeeds', async () => {
    let n = 0;
    const { h, p } = refresh(() =>
      ++n === 1
        ? json(
            429,
            {
              error_summary: 'too_many_requests/',
              error: { reason: { '.tag': 'too_many_requests' }, retry_after: 3 },
            },
            { 'retry-after': '3' },
          )
        : json(200, { access_token: 'sl.ok', token_type: 'bearer', expires_in: 14400 }),
    );
    expect((await p).accessToken).toBe('sl.ok');
    expect(h.requests).toHaveLength(2);
    expect(h.sleeps).toEqual([3000]);
    expect(h.waits).toEqual([
      {
        reason: 'rate_limited',
        operation: 'oauth2/token (refresh_token)',
        retryAt: START_TIME + 3000,
        attempt: 2,
      },
    ]);
  });

  it('caps a long Retry-After at 30 s', async () => {
    let n = 0;
    const { h, p } = refresh(() =>
      ++n === 1
        ? json(
            429,
            { error: { reason: { '.tag': 'too_many_requests' }, retry_after: 120 } },
            { 'retry-after': '120' },
          )
        : json(200, { access_token: 'sl.ok', token_type: 'bearer' }),
    );
    await p;
    expect(h.sleeps).toEqual([30_000]);
    expect(h.waits[0]?.retryAt).toBe(START_TIME + 30_000);
  });

  it('persisting 429 → rate_limited with the seconds Dropbox asked for', async () => {
    const { h, p } = refresh(() =>
      json(
        429,
        { error: { reason: { '.tag': 'too_many_requests' }, retry_after: 120 } },
        { 'retry-after': '120' },
      ),
    );
    const f = await rejection(p);
    expect(h.requests).toHaveLength(4);
    expect(h.sleeps).toEqual([30_000, 30_000, 30_000]);
    expect(f.error).toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 120,
      action: 'retry',
    });
  });

  it('5xx backs off 0.5 s, 1 s, 2 s and gives up after 4 attempts', async () => {
    const { h, p } = refresh(() => text(503, 'Service Unavailable'));
    const f = await rejection(p);
    expect(h.requests).toHaveLength(4);
    expect(h.sleeps).toEqual([500, 1000, 2000]);
    expect(f.error).toMatchObject({ code: 'dropbox_unavailable', action: 'retry' });
  });

  it('network error → offline after retrying', async () => {
    const { h, p } = refresh(() => networkError('EAI_AGAIN'));
    const f = await rejection(p);
    expect(h.requests).toHaveLength(4);
    expect(h.waits.map((w) => w.reason)).toEqual(['offline', 'offline', 'offline']);
    expect(f.error).toMatchObject({ code: 'offline', action: 'retry' });
  });

  it('revoked → refresh_failed, authorize again', async () => {
    const { p } = refresh(() =>
      json(400, {
        error: 'invalid_grant',
        error_description: 'refresh token is invalid or revoked',
      }),
    );
    const f = await rejection(p);
    expect(f.error.code).toBe('refresh_failed');
    expect(f.error.message).toContain('refresh token is invalid or revoked');
    expect(f.error.action).toBe('authorize_again');
  });

  it('bad secret → bad_app_credentials', async () => {
    const f = await rejection(
      refresh(() => json(400, { error: 'invalid_client: Invalid client_id or client_secret' })).p,
    );
    expect(f.error.code).toBe('bad_app_credentials');
  });
});

describe('revokeAccessToken', () => {
  it('POSTs auth/token/revoke with the bearer token and a null body', async () => {
    const h = harness(() => json(200, null));
    await revokeAccessToken(h.ctx, 'sl.token-to-revoke');
    expect(h.requests[0]?.url).toBe(`${ORIGIN}/2/auth/token/revoke`);
    expect(h.requests[0]?.headers.authorization).toBe('Bearer sl.token-to-revoke');
    expect(h.requests[0]?.body).toBe('null');
  });

  it('an already dead token → token_invalid', async () => {
    const h = harness(() =>
      json(401, {
        error_summary: 'invalid_access_token/',
        error: { '.tag': 'invalid_access_token' },
      }),
    );
    expect((await rejection(revokeAccessToken(h.ctx, 'sl.dead-token'))).error.code).toBe(
      'token_invalid',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { WizardFailure } from '../../../../electron/core/failure';
import { rpc } from '../../../../electron/core/dropbox/rpc';
import {
  basic,
  harness,
  json,
  networkError,
  ORIGIN,
  START_TIME,
  text,
  type Handler,
} from './fake-dropbox';

const TOKEN = 'sl.u.ThisIsTheAccessTokenValue_0123456789';
const bearer = { kind: 'bearer', token: TOKEN } as const;

async function failOf(
  handler: Handler,
  route = 'team/get_info',
  auth: Parameters<typeof rpc>[2]['auth'] = bearer,
) {
  const h = harness(handler);
  const err = await rpc(h.ctx, route, { auth }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WizardFailure);
  const f = err as WizardFailure;
  // The token never leaks into anything a user sees.
  expect(JSON.stringify(f.error)).not.toContain(TOKEN);
  expect(f.message).not.toContain(TOKEN);
  return { f, h };
}

describe('rpc request', () => {
  it('POSTs JSON to apiBase + route with the bearer token and null for no body', async () => {
    const h = harness(() => json(200, { name: 'Acme' }));
    const out = await rpc<{ name: string }>(h.ctx, 'team/get_info', { auth: bearer });
    expect(out).toEqual({ name: 'Acme' });
    expect(h.requests).toHaveLength(1);
    const [req] = h.requests;
    expect(req?.url).toBe(`${ORIGIN}/2/team/get_info`);
    expect(req?.method).toBe('POST');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.body).toBe('null');
    expect(req?.headers['dropbox-api-select-user']).toBeUndefined();
  });

  it('sends the JSON body, Basic app auth and Select-User when given', async () => {
    const h = harness(() => json(200, { result: 'x' }));
    await rpc(h.ctx, 'check/app', {
      auth: { kind: 'basic', appKey: 'k3y', appSecret: 's3c' },
      body: { query: 'x' },
      selectUser: 'dbmid:abc',
    });
    expect(h.requests[0]?.headers.authorization).toBe(basic('k3y', 's3c'));
    expect(h.requests[0]?.body).toBe('{"query":"x"}');
    expect(h.requests[0]?.headers['dropbox-api-select-user']).toBe('dbmid:abc');
  });

  it('accepts a Void result (null)', async () => {
    const h = harness(() => json(200, null));
    await expect(rpc(h.ctx, 'auth/token/revoke', { auth: bearer })).resolves.toBeNull();
  });

  it('refuses a malformed route name', async () => {
    const h = harness(() => json(200, {}));
    await expect(rpc(h.ctx, '../oauth2/token', { auth: bearer })).rejects.toThrow(/invalid route/);
    expect(h.requests).toHaveLength(0);
  });
});

describe('rpc replies (status codes as the API spec and the SDKs read them)', () => {
  it.each([200, 401, 407])(
    'an HTML page with %i (captive portal, proxy) → not_dropbox with the status and an excerpt',
    async (status) => {
      const { f } = await failOf(
        () =>
          new Response('<html><title>Proxy</title><body>Please log in to the proxy</body></html>', {
            status,
            headers: { 'content-type': 'text/html' },
          }),
      );
      expect(f.error.code).toBe('not_dropbox');
      expect(f.error.message).toContain(`Something other than Dropbox answered (HTTP ${status})`);
      expect(f.error.message).toContain('Please log in to the proxy');
      expect(f.error.detail).toContain(`HTTP ${status} from team/get_info`);
    },
  );

  it('a portal page that echoes the token has it scrubbed from the excerpt', async () => {
    const { f } = await failOf(
      () =>
        new Response(
          `<html><body>Blocked request with Bearer ${'sl.' + 'x'.repeat(30)}</body></html>`,
          {
            status: 200,
            headers: { 'content-type': 'text/html' },
          },
        ),
    );
    expect(f.error.code).toBe('not_dropbox');
    expect(f.error.message).not.toContain('x'.repeat(30));
  });

  it('200 with a wrong content-type that is not HTML → unexpected_reply', async () => {
    const { f } = await failOf(
      () =>
        new Response('proxy says hi', {
          status: 200,
          headers: { 'content-type': 'text/plain' },
        }),
    );
    expect(f.error.code).toBe('unexpected_reply');
    expect(f.error.detail).toContain('HTTP 200 from team/get_info');
  });

  it('200 with malformed JSON → unexpected_reply', async () => {
    const { f } = await failOf(
      () =>
        new Response('{"name": ', { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    expect(f.error.code).toBe('unexpected_reply');
  });

  it('400 app lacks scope → scope_not_enabled_on_app naming the scope and the Permissions tab', async () => {
    const { f } = await failOf(
      () =>
        text(
          400,
          `Error in call to API function "files/upload": Your app is not permitted to access this endpoint because it does not have the required scope 'files.content.write'. The owner of the app can enable the scope for the app using the Permissions tab on the App Console.`,
        ),
      'files/upload',
    );
    expect(f.error.code).toBe('scope_not_enabled_on_app');
    expect(f.error.message).toContain('files.content.write');
    expect(f.error.remedy).toContain(
      'App Console → your app → Permissions tab → tick files.content.write → Submit, then sign in again',
    );
    expect(f.error.detail).toContain(
      'HTTP 400 from files/upload (X-Dropbox-Request-Id req0123abcd)',
    );
    expect(f.dropbox?.status).toBe(400);
  });

  it('400 user token on a team route → wrong_account_type', async () => {
    const { f } = await failOf(() =>
      text(
        400,
        'Error in call to API function "team/get_info": This is a DfB team management function.  The OAuth 2 access token you provided is for a specific Dropbox user account and does not work with this function.',
      ),
    );
    expect(f.error.code).toBe('wrong_account_type');
    expect(f.error.message).toMatch(/single Dropbox user.*team token/);
  });

  it('400 team token on a user route → wrong_account_type', async () => {
    const { f } = await failOf(
      () =>
        text(
          400,
          'Error in call to API function "users/get_current_account": This API function operates on a single Dropbox account, but the OAuth 2 access token you provided is for an entire Dropbox Business team.  Since your API app key has team member file access permissions, you can operate on a team member\'s Dropbox by providing the "Dropbox-API-Select-User" HTTP header or "select_user" URL parameter to specify the exact user <https://www.dropbox.com/developers/documentation/http/teams>.',
        ),
      'users/get_current_account',
    );
    expect(f.error.code).toBe('wrong_account_type');
    expect(f.error.message).toMatch(/team token/);
  });

  it('400 other text → unexpected_reply with the text in detail', async () => {
    const { f } = await failOf(() =>
      text(
        400,
        'Error in call to API function "team/get_info": request body: could not decode input as JSON',
      ),
    );
    expect(f.error.code).toBe('unexpected_reply');
    expect(f.error.detail).toContain('could not decode input as JSON');
  });

  it('400 that echoes the Authorization header never puts the token in detail', async () => {
    const { f } = await failOf(() =>
      text(
        400,
        `Error in call to API function "team/get_info": Invalid authorization value in HTTP header "Authorization": "Bearer ${TOKEN}".  Expecting "Bearer <oauth2-access-token>".`,
      ),
    );
    expect(f.error.code).toBe('token_invalid');
    expect(f.error.detail).toContain('[redacted]');
  });

  it('401 missing_scope → missing_scope naming required_scope, remedy authorize again', async () => {
    const { f } = await failOf(
      () =>
        json(
          401,
          {
            error_summary: 'missing_scope/..',
            error: { '.tag': 'missing_scope', required_scope: 'members.read' },
          },
          { 'www-authenticate': 'Bearer realm="Dropbox-API"' },
        ),
      'team/members/list_v2',
    );
    expect(f.error.code).toBe('missing_scope');
    expect(f.error.message).toContain('members.read');
    expect(f.error.remedy).toContain('tick members.read → Submit → sign in again');
    expect(f.error.action).toBe('authorize_again');
    expect(f.dropbox).toMatchObject({
      status: 401,
      tag: 'missing_scope',
      summary: 'missing_scope/..',
    });
  });

  it('401 invalid_access_token → token_invalid', async () => {
    const tag = 'invalid_access_token';
    const { f } = await failOf(() =>
      json(401, { error_summary: `${tag}/`, error: { '.tag': tag } }),
    );
    expect(f.error.code).toBe('token_invalid');
    expect(f.error.action).toBe('authorize_again');
  });

  // Its own code, so callers refresh and retry once instead of trusting their own clock.
  it('401 expired_access_token → token_expired', async () => {
    const tag = 'expired_access_token';
    const { f } = await failOf(() =>
      json(401, { error_summary: `${tag}/`, error: { '.tag': tag } }),
    );
    expect(f.error.code).toBe('token_expired');
  });

  it('401 invalid_select_user → unexpected_reply; invalid_select_admin → not_team_admin; user_suspended → token_invalid', async () => {
    expect(
      (
        await failOf(() =>
          json(401, {
            error_summary: 'invalid_select_user/',
            error: { '.tag': 'invalid_select_user' },
          }),
        )
      ).f.error.code,
    ).toBe('unexpected_reply');
    expect(
      (
        await failOf(() =>
          json(401, {
            error_summary: 'invalid_select_admin/',
            error: { '.tag': 'invalid_select_admin' },
          }),
        )
      ).f.error.code,
    ).toBe('not_team_admin');
    expect(
      (
        await failOf(() =>
          json(401, { error_summary: 'user_suspended/', error: { '.tag': 'user_suspended' } }),
        )
      ).f.error.code,
    ).toBe('token_invalid');
  });

  it('401 on app auth → bad_app_credentials', async () => {
    const { f } = await failOf(
      () =>
        json(401, {
          error_summary: 'invalid_access_token/',
          error: { '.tag': 'invalid_access_token' },
        }),
      'check/app',
      { kind: 'basic', appKey: 'key', appSecret: 'thesecretvalue' },
    );
    expect(f.error.code).toBe('bad_app_credentials');
    expect(JSON.stringify(f.error)).not.toContain('thesecretvalue');
  });

  it('403 invalid_account_type → wrong_account_type', async () => {
    const { f } = await failOf(() =>
      json(403, {
        error_summary: 'invalid_account_type/endpoint/',
        error: { '.tag': 'invalid_account_type', invalid_account_type: { '.tag': 'endpoint' } },
      }),
    );
    expect(f.error.code).toBe('wrong_account_type');
  });

  it('409 route error → unexpected_reply with the parsed error exposed', async () => {
    const { f } = await failOf(
      () =>
        json(409, {
          error_summary: 'mapping_not_found/..',
          error: { '.tag': 'mapping_not_found' },
          user_message: { text: 'Re-authorize', locale: 'en' },
        }),
      'team/token/get_authenticated_admin',
    );
    expect(f.error.code).toBe('unexpected_reply');
    expect(f.dropbox).toEqual({
      status: 409,
      tag: 'mapping_not_found',
      summary: 'mapping_not_found/..',
      error: { '.tag': 'mapping_not_found' },
      requestId: 'req0123abcd',
    });
    expect(f.error.detail).toBe(
      'HTTP 409 from team/token/get_authenticated_admin (X-Dropbox-Request-Id req0123abcd): mapping_not_found/.. "Re-authorize"',
    );
  });

  it('404 → unexpected_reply mentioning the status', async () => {
    const { f } = await failOf(() => text(404, 'Unknown API function'));
    expect(f.error.code).toBe('unexpected_reply');
    expect(f.error.detail).toContain('HTTP 404');
  });
});

describe('rpc retry policy', () => {
  it('retries 5xx with bounded backoff, then dropbox_unavailable (action retry)', async () => {
    const { f, h } = await failOf(() => text(503, 'busy'));
    expect(h.requests).toHaveLength(4);
    expect(h.sleeps).toEqual([500, 1000, 2000]);
    expect(h.waits.map((w) => [w.reason, w.attempt, w.operation])).toEqual([
      ['dropbox_unavailable', 2, 'team/get_info'],
      ['dropbox_unavailable', 3, 'team/get_info'],
      ['dropbox_unavailable', 4, 'team/get_info'],
    ]);
    expect(h.waits[0]?.retryAt).toBe(START_TIME + 500);
    expect(f.error.code).toBe('dropbox_unavailable');
    expect(f.error.action).toBe('retry');
    expect(f.error.detail).toContain('HTTP 503 from team/get_info');
    expect(f.error.detail).toContain('tried 4 times');
  });

  it('recovers when a retry succeeds', async () => {
    let n = 0;
    const h = harness(() => (++n < 3 ? text(500, 'oops') : json(200, { ok: true })));
    await expect(rpc(h.ctx, 'team/get_info', { auth: bearer })).resolves.toEqual({ ok: true });
    expect(h.sleeps).toEqual([500, 1000]);
  });

  it('429 honours Retry-After and reports rate_limited when it persists', async () => {
    const { f, h } = await failOf(() =>
      json(
        429,
        {
          error_summary: 'too_many_requests/..',
          error: { reason: { '.tag': 'too_many_requests' }, retry_after: 100 },
        },
        { 'retry-after': '7' },
      ),
    );
    expect(h.sleeps).toEqual([7000, 7000, 7000]);
    expect(h.waits[0]).toEqual({
      reason: 'rate_limited',
      operation: 'team/get_info',
      retryAt: START_TIME + 7000,
      attempt: 2,
    });
    expect(f.error.code).toBe('rate_limited');
    expect(f.error.retryAfterSeconds).toBe(7);
    expect(f.error.action).toBe('retry');
  });

  it('429 without the header uses the JSON retry_after', async () => {
    let n = 0;
    const h = harness(() =>
      ++n === 1
        ? json(429, {
            error_summary: 'too_many_requests/',
            error: { reason: { '.tag': 'too_many_requests' }, retry_after: 4 },
          })
        : json(200, {}),
    );
    await rpc(h.ctx, 'team/get_info', { auth: bearer });
    expect(h.sleeps).toEqual([4000]);
  });

  it('network errors → offline after the retries', async () => {
    const { f, h } = await failOf(() => networkError('ECONNREFUSED'));
    expect(h.requests).toHaveLength(4);
    expect(h.waits.every((w) => w.reason === 'offline')).toBe(true);
    expect(f.error.code).toBe('offline');
    expect(f.error.detail).toContain('ECONNREFUSED');
  });

  it('a dropped connection → dropbox_unavailable', async () => {
    const { f } = await failOf(() => networkError('UND_ERR_SOCKET'));
    expect(f.error.code).toBe('dropbox_unavailable');
  });

  it('does not retry a non-idempotent call', async () => {
    const h = harness(() => text(503, 'busy'));
    await expect(
      rpc(h.ctx, 'team/get_info', { auth: bearer, idempotent: false }),
    ).rejects.toMatchObject({ error: { code: 'dropbox_unavailable' } });
    expect(h.requests).toHaveLength(1);
    expect(h.waits).toEqual([]);
  });
});

describe('a disabled app (dbxcli#184)', () => {
  it('a bearer call answered "This app is currently disabled." → app_disabled with the App Console fix', async () => {
    const { f } = await failOf(() =>
      text(400, 'Error in call to API function "team/get_info": This app is currently disabled.'),
    );
    expect(f.error.code).toBe('app_disabled');
    expect(f.error.message).toContain('This app is disabled in the App Console');
    expect(f.error.action).toBe('open_app_console');
    expect(f.error.remedy).not.toMatch(/sign in again/i);
  });
});

/**
 * The error decoder against error texts the way products show them: JSON bodies, log lines, HTTP
 * errors, SDK exception strings, escaped or not. One test per error text admins report, plus the
 * promises: nothing of the pasted text comes back but a catalogue scope id, unknown text gives [],
 * long text is cut before matching.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeProductError,
  DECODER_RULE_IDS,
  MAX_INPUT_CHARS,
  normaliseErrorText,
} from '../../../../electron/core/connectors/error-decoder';
import { ERROR_CATALOGUE } from '../../../../electron/core/errors';
import { isKnownScope } from '../../../../electron/core/targets/scopes';
import type { DecodedError } from '../../../../electron/shared/contract';

const REFRESH_TOKEN = 'RK12uPOEoYwAAAAAAAAAAZJ104bKLOmpF1Mm2gmlQ2JJ8Vjz8Ueu2KTmO9LEhFSa';
const AUTH_CODE = '4EYjTs0eOrkAAAAAAAAATl3muv7xfGx4hxnis814Dpc';
const ACCESS_TOKEN = 'sl.B3xQ9vTfakeAccessTokenValueForTestsOnly-aaaaaaaaaaaaaaaaaaaaaaaa';

function ids(text: string): string[] {
  return decodeProductError(text).map((d) => d.id);
}

function first(text: string): DecodedError {
  const [top] = decodeProductError(text);
  if (!top) throw new Error(`nothing recognised in: ${text}`);
  return top;
}

/** Every string the decoder returned, to prove none comes from the pasted text. */
function returnedText(decoded: readonly DecodedError[]): string {
  return decoded
    .map((d) => [d.id, d.recognised, d.cause, d.fix, d.code, d.action, d.check, d.scope].join('\n'))
    .join('\n');
}

describe('missing_scope', () => {
  it('a 401 JSON body: names the required scope from the catalogue, fix ticks it and reconnects', () => {
    const d = first(
      '{"error_summary": "missing_scope/...", "error": {".tag": "missing_scope", "required_scope": "files.content.write"}}',
    );
    expect(d).toMatchObject({
      id: 'missing_scope',
      recognised: 'missing_scope',
      code: 'missing_scope',
      action: 'authorize_again',
      check: 'scopes',
      scope: 'files.content.write',
    });
    expect(d.fix).toContain('Tick the scope and Submit, then Reconnect');
    expect(d.fix).toContain('Permissions tab: tick files.content.write and press Submit');
  });

  it('a Python SDK exception string', () => {
    const d = first(
      "dropbox.exceptions.AuthError: AuthError('20bc6a64f49a46f585bf0738eb31d2a2', AuthError('missing_scope', TokenScopeError(required_scope='team_info.read')))",
    );
    expect(d).toMatchObject({ id: 'missing_scope', scope: 'team_info.read' });
  });

  it('a JSON body escaped inside a log line', () => {
    const d = first(
      String.raw`2026-12-04T10:15:02Z ERROR sync: Dropbox returned 401: "{\"error_summary\": \"missing_scope/..\", \"error\": {\".tag\": \"missing_scope\", \"required_scope\": \"members.read\"}}"`,
    );
    expect(d).toMatchObject({ id: 'missing_scope', scope: 'members.read' });
  });

  it('a scope id that is not in the catalogue is not returned, and the fix does not name it', () => {
    const d = first(
      '{"error": {".tag": "missing_scope", "required_scope": "files.everything.ATTACKER"}}',
    );
    expect(d.id).toBe('missing_scope');
    expect(d.scope).toBeUndefined();
    expect(d.fix).not.toContain('everything');
    expect(d.fix).toContain('the scope the error names');
  });

  it('the app itself lacks the scope (400 text): App Console, not only a reconnect', () => {
    const decoded = decodeProductError(
      `Error in call to API function "files/upload": Your app is not permitted to access this endpoint because it does not have the required scope 'files.content.write'. The owner of the app can enable the scope for the app using the Permissions tab on the App Console.`,
    );
    expect(decoded.map((d) => d.id)).toEqual(['scope_not_enabled_on_app']);
    expect(decoded[0]).toMatchObject({
      code: 'scope_not_enabled_on_app',
      action: 'open_app_console',
      scope: 'files.content.write',
    });
  });
});

describe('refresh token and grant errors', () => {
  it('invalid_grant alone: the general cause, with Check now and Reconnect', () => {
    const d = first(
      'oauth2: cannot fetch token: 400 Bad Request Response: {"error": "invalid_grant"}',
    );
    expect(d).toMatchObject({ id: 'invalid_grant', code: 'refresh_failed', check: 'refresh' });
    expect(d.fix).toContain('Check now');
    expect(d.fix).toContain('Reconnect');
  });

  it('"refresh token is invalid or revoked" replaces the bare invalid_grant', () => {
    const text =
      '{"error": "invalid_grant", "error_description": "refresh token is invalid or revoked"}';
    expect(ids(text)).toEqual(['refresh_token_revoked']);
    expect(first(text)).toMatchObject({
      recognised: 'refresh token is invalid or revoked',
      code: 'refresh_failed',
      action: 'authorize_again',
      check: 'refresh',
    });
    expect(first(text).fix).toMatch(/^Reconnect: press Reconnect/);
  });

  it('"refresh token has been revoked" from a product log', () => {
    expect(
      ids(
        '[2026-12-04 23:00:01] Dropbox connector: import failed - Refresh token has been revoked.',
      ),
    ).toEqual(['refresh_token_revoked']);
  });

  it('an SDK exception carrying the token endpoint body (Python BadInputError)', () => {
    expect(
      ids(
        `dropbox.exceptions.BadInputError: BadInputError('7a1c', '{"error": "invalid_grant", "error_description": "refresh token is invalid or revoked"}')`,
      ),
    ).toEqual(['refresh_token_revoked']);
  });

  it('an authorization code pasted as the refresh token (a 43-character value)', () => {
    const decoded = decodeProductError(
      `POST https://api.dropboxapi.com/oauth2/token grant_type=refresh_token&refresh_token=${AUTH_CODE} -> 400 {"error": "invalid_grant", "error_description": "refresh token is invalid or revoked"}`,
    );
    expect(decoded.map((d) => d.id)).toEqual(['code_as_refresh_token']);
    expect(decoded[0]?.recognised).toBe('refresh_token with the length of an authorization code');
    expect(decoded[0]?.fix).toContain('Copy next to Refresh token');
    expect(returnedText(decoded)).not.toContain(AUTH_CODE);
  });

  it('a real refresh token (64 characters) in the log is not taken for a code', () => {
    expect(
      ids(
        `refresh_token=${REFRESH_TOKEN} -> {"error": "invalid_grant", "error_description": "refresh token is invalid or revoked"}`,
      ),
    ).toEqual(['refresh_token_revoked']);
  });

  it('"code doesn\'t exist or has expired" while refreshing: a code was given as refresh token', () => {
    expect(
      ids(
        `Token refresh failed: {"error_description": "code doesn't exist or has expired", "error": "invalid_grant"}`,
      ),
    ).toEqual(['code_as_refresh_token']);
  });

  it('"code doesn\'t exist or has expired" on a sign-in: the code was used twice or late', () => {
    const decoded = decodeProductError(
      `{"error_description": "code doesn't exist or has expired", "error": "invalid_grant"}`,
    );
    expect(decoded.map((d) => d.id)).toEqual(['code_expired']);
    expect(decoded[0]).toMatchObject({ code: 'code_expired', action: 'authorize_again' });
  });

  it('an sl. access token given as the refresh token', () => {
    const text = `refresh_token: ${ACCESS_TOKEN} error: invalid_grant refresh token is malformed`;
    const decoded = decodeProductError(text);
    expect(decoded.map((d) => d.id)).toEqual(['access_token_as_refresh_token']);
    expect(returnedText(decoded)).not.toContain('B3xQ9');
  });

  it("no refresh token at all (Cerb's 4-hour link, token_access_type)", () => {
    const d = first(
      'Cerb: The connected account "Dropbox" has no refresh token; the access token expired. Reauthorize the account.',
    );
    expect(d).toMatchObject({ id: 'no_refresh_token', check: 'refresh', code: 'refresh_failed' });
    expect(d.fix).toContain('token_access_type=offline');
    expect(d.fix).toContain('Link to Dropbox again');
    expect(
      ids(
        'GET https://www.dropbox.com/oauth2/authorize?client_id=abc&response_type=code&token_access_type=online',
      ),
    ).toEqual(['no_refresh_token']);
  });

  it('an authorize URL that already asks for offline access is not a "no refresh token" hint', () => {
    expect(
      ids('https://www.dropbox.com/oauth2/authorize?client_id=abc&token_access_type=offline'),
    ).toEqual([]);
  });
});

describe('access tokens', () => {
  it('expired_access_token (a 401 body as a .NET exception)', () => {
    const d = first(
      'Dropbox.Api.AuthException: expired_access_token/ {"error": {".tag": "expired_access_token"}, "error_summary": "expired_access_token/"}',
    );
    expect(d).toMatchObject({
      id: 'expired_access_token',
      code: 'token_expired',
      check: 'refresh',
    });
    expect(d.fix).toContain('Check now');
  });

  it('invalid_access_token (401 with Www-Authenticate)', () => {
    const d = first(
      'HTTP/1.1 401 Unauthorized\nWww-Authenticate: Bearer realm="Dropbox-API"\n\n{"error_summary": "invalid_access_token/..", "error": {".tag": "invalid_access_token"}}',
    );
    expect(d).toMatchObject({
      id: 'invalid_access_token',
      code: 'token_invalid',
      check: 'refresh',
    });
  });
});

describe('team and account errors', () => {
  it('"operates on a single Dropbox account … for an entire Dropbox Business team"', () => {
    const decoded = decodeProductError(
      `Error in call to API function "users/get_current_account": This API function operates on a single Dropbox account, but the OAuth 2 access token you provided is for an entire Dropbox Business team.  Since your API app key has team member file access permissions, you can operate on a team member's Dropbox by providing the "Dropbox-API-Select-User" HTTP header or "select_user" URL parameter to specify the exact user <https://www.dropbox.com/developers/documentation/http/teams>.`,
    );
    // The Select-User mention in Dropbox's sentence is part of this cause, not a second one.
    expect(decoded.map((d) => d.id)).toEqual(['team_token_on_user_route']);
    expect(decoded[0]).toMatchObject({
      recognised: 'operates on a single dropbox account',
      code: 'wrong_account_type',
      check: 'identity',
    });
    expect(decoded[0]?.fix).toContain('Permissions tab: untick the team scopes');
  });

  it('the reverse: a user token on a team route', () => {
    expect(
      ids(
        'Error in call to API function "team/get_info": This is a DfB team management function.  The OAuth 2 access token you provided is for a specific Dropbox user account and does not work with this function.',
      ),
    ).toEqual(['user_token_on_team_route']);
  });

  it('invalid_select_user (401 JSON)', () => {
    const d = first(
      '{"error_summary": "invalid_select_user/", "error": {".tag": "invalid_select_user"}}',
    );
    expect(d).toMatchObject({ id: 'invalid_select_user', check: 'identity', code: null });
  });

  it('a bad Dropbox-API-Select-User value (400 text)', () => {
    expect(
      ids('Error in call to API function "files/list_folder": Invalid select user id format'),
    ).toEqual(['invalid_select_user']);
    expect(ids('Request rejected: header Dropbox-API-Select-User not accepted')).toEqual([
      'invalid_select_user',
    ]);
  });

  it('"sign in with a work account" and "work account"', () => {
    const d = first('Please sign in with a work account to connect Dropbox.');
    expect(d).toMatchObject({
      id: 'work_account',
      recognised: 'sign in with a work account',
      code: 'wrong_account_type',
      check: 'identity',
    });
    expect(first('This connector requires a Dropbox work account.').recognised).toBe(
      'work account',
    );
    expect(ids('network account settings changed')).toEqual([]);
  });

  it('team_access_denied is the team\'s plan or settings, not "sign in as an admin"', () => {
    const decoded = decodeProductError(
      '403 Forbidden {"error_summary": "team_access_denied/..", "error": {".tag": "team_access_denied"}}',
    );
    expect(decoded.map((d) => d.id)).toEqual(['team_access_denied']);
    expect(decoded[0]?.fix).toContain('Admin Console');
  });

  it('paper_access_denied', () => {
    expect(
      ids('{"error_summary": "paper_access_denied/", "error": {".tag": "paper_access_denied"}}'),
    ).toEqual(['paper_access_denied']);
  });

  it('access_denied on the redirect (Cancel pressed)', () => {
    const d = first(
      'https://cerb.example.com/oauth/callback?error=access_denied&error_description=The+user+chose+not+to+give+your+app+access+to+their+Dropbox+account.&state=x1',
    );
    expect(d).toMatchObject({
      id: 'access_denied',
      code: 'access_denied',
      action: 'authorize_again',
    });
    expect(d.fix).toContain('press Allow');
  });
});

describe('app and redirect errors', () => {
  it('"Invalid redirect_uri" from Dropbox\'s Error (400) page', () => {
    const d = first(
      "Error (400) It seems the app you were using submitted a bad request. If you would like to report this error to the app's developer, include the information below. More details for developers Invalid redirect_uri. It must exactly match one of the redirect URIs you've pre-configured for your app (including the path).",
    );
    expect(d).toMatchObject({
      id: 'invalid_redirect_uri',
      code: 'redirect_uri_not_registered',
      action: 'open_app_console',
      check: 'redirect',
    });
    expect(d.fix).toContain('Settings → OAuth 2 → Redirect URIs');
  });

  it('VisualCron\'s "400 Invalid Redirect URI"', () => {
    const decoded = decodeProductError('Authentication failed: 400 Invalid Redirect URI');
    expect(decoded.map((d) => d.id)).toEqual(['redirect_uri_visualcron']);
    expect(decoded[0]?.fix).toContain('http://localhost:9999');
    expect(decoded[0]?.fix).toContain('Extra settings → Redirect URL');
  });

  it('invalid_client / "Invalid client_id or client_secret" (token endpoint, 2018 shape)', () => {
    const d = first('{"error": "invalid_client: Invalid client_id or client_secret"}');
    expect(d).toMatchObject({
      id: 'invalid_client',
      code: 'bad_app_credentials',
      check: 'app',
    });
    expect(d.fix).toContain('press Show');
    expect(ids('Error: Invalid client_id or client_secret')).toEqual(['invalid_client']);
  });

  it('"Invalid client_id: "…"" on the authorize page: the key, not the pair', () => {
    const decoded = decodeProductError(
      'Error (400) More details for developers Invalid client_id: "mvhz183vwqibe7q".',
    );
    expect(decoded.map((d) => d.id)).toEqual(['invalid_client_id']);
    expect(returnedText(decoded)).not.toContain('mvhz183vwqibe7q');
  });

  it('"app is disabled" / "This app is currently disabled"', () => {
    expect(first('This app is currently disabled.')).toMatchObject({
      id: 'app_disabled',
      code: 'app_disabled',
      action: 'open_app_console',
      check: 'app',
    });
    expect(ids('sync error: the Dropbox app is disabled')).toEqual(['app_disabled']);
  });

  it('development app user limit ("has reached its user limit", "too many users")', () => {
    expect(
      first(
        "This app has reached its user limit. Contact the app developer and ask them to use the Dropbox API App Console to increase their app's user limit.",
      ),
    ).toMatchObject({ id: 'app_user_limit', code: 'app_user_limit', check: 'app' });
    expect(ids('Dropbox: too many users linked to this app')).toEqual(['app_user_limit']);
    expect(
      ids(
        "This app is in development mode and can't accept more users. Contact the app developer and ask them to use the Dropbox API App Console to apply for production status.",
      ),
    ).toEqual(['app_user_limit']);
  });
});

describe('rate limits and outages', () => {
  it('too_many_requests / 429', () => {
    const d = first(
      '429 Too Many Requests Retry-After: 300 {"error_summary": "too_many_requests/...", "error": {"reason": {".tag": "too_many_requests"}, "retry_after": 300}}',
    );
    expect(d).toMatchObject({ id: 'too_many_requests', code: 'rate_limited', action: 'retry' });
    expect(ids('DropboxResponseError: Response failed with a 429 code')).toEqual([
      'too_many_requests',
    ]);
  });

  it('a 500 from the token endpoint', () => {
    expect(
      ids(
        '{"error": "The server has either erred or is incapable of performing the requested operation."}',
      ),
    ).toEqual(['dropbox_unavailable']);
  });
});

describe('several causes, order, escaping', () => {
  it('returns every cause, most specific first', () => {
    const decoded = decodeProductError(
      [
        '10:00 {"error_summary": "expired_access_token/"}',
        '10:00 refresh failed: {"error": "invalid_grant", "error_description": "refresh token is invalid or revoked"}',
      ].join('\n'),
    );
    expect(decoded.map((d) => d.id)).toEqual(['refresh_token_revoked', 'expired_access_token']);
  });

  it('case-insensitive, and tolerant of doubly escaped JSON, HTML entities and curly quotes', () => {
    expect(ids('REFRESH TOKEN IS INVALID OR REVOKED')).toEqual(['refresh_token_revoked']);
    expect(
      ids(
        String.raw`{\\\"error\\\": \\\"invalid_grant\\\", \\\"error_description\\\": \\\"refresh token is invalid or revoked\\\"}`,
      ),
    ).toEqual(['refresh_token_revoked']);
    expect(ids('{&quot;error&quot;: &quot;invalid_client&quot;}')).toEqual(['invalid_client']);
    expect(ids('code doesn’t exist or has expired')).toEqual(['code_expired']);
    expect(
      ids('error=invalid_grant&error_description=refresh+token+is+invalid+or+revoked'),
    ).toEqual(['refresh_token_revoked']);
    expect(
      ids(
        String.raw`{"error_summary": "missing_scope\/..", "required_scope": "files.metadata.read"}`,
      ),
    ).toEqual(['missing_scope']);
  });

  it('a tag is a whole word: team_access_denied is not access_denied, invalid_client_id is not invalid_client', () => {
    expect(ids('team_access_denied')).toEqual(['team_access_denied']);
    expect(ids('{".tag": "route_access_denied"}')).toEqual([]);
    expect(ids('Invalid client_id: "abc"')).toEqual(['invalid_client_id']);
  });
});

describe('what comes back', () => {
  it('unknown text gives []', () => {
    expect(decodeProductError('')).toEqual([]);
    expect(decodeProductError('   ')).toEqual([]);
    expect(decodeProductError('The import finished: 1,204 users, 0 errors.')).toEqual([]);
    expect(decodeProductError('Error: ENOSPC: no space left on device')).toEqual([]);
  });

  it('never echoes the pasted text: a token in it appears nowhere in the answer', () => {
    const text = `Authorization: Bearer ${ACCESS_TOKEN}\nrefresh_token=${REFRESH_TOKEN}\n{"error": {".tag": "missing_scope", "required_scope": "files.content.read"}} {"error": "invalid_grant"} expired_access_token invalid_client work account 429`;
    const decoded = decodeProductError(text);
    expect(decoded.length).toBeGreaterThan(3);
    const out = returnedText(decoded);
    expect(out).not.toContain(ACCESS_TOKEN);
    expect(out).not.toContain(REFRESH_TOKEN);
    expect(out).not.toContain('B3xQ9');
    expect(decoded.find((d) => d.id === 'missing_scope')?.scope).toBe('files.content.read');
  });

  it('every answer is well formed: codes from the catalogue, scopes from the scope catalogue', () => {
    const texts = [
      'missing_scope required_scope: sharing.read',
      'invalid_grant',
      'expired_access_token',
      'Invalid redirect_uri',
      'invalid_client',
      'work account',
      'invalid_access_token',
      'too_many_requests',
      'This app is currently disabled',
      'has reached its user limit',
      'access_denied',
      'team_access_denied',
      'invalid_select_user',
      'no refresh token',
    ];
    for (const text of texts) {
      const decoded = decodeProductError(text);
      expect(decoded.length, text).toBeGreaterThan(0);
      for (const d of decoded) {
        expect(DECODER_RULE_IDS).toContain(d.id);
        if (d.code !== null) expect(ERROR_CATALOGUE[d.code], d.id).toBeDefined();
        if (d.scope !== undefined) expect(isKnownScope(d.scope)).toBe(true);
        expect(d.fix.length).toBeGreaterThan(20);
        expect(d.cause.length).toBeGreaterThan(20);
      }
    }
  });

  it(`input over ${MAX_INPUT_CHARS} characters is cut before matching (head and tail kept)`, () => {
    const filler = 'x'.repeat(MAX_INPUT_CHARS * 3);
    const middle = `${filler} refresh token is invalid or revoked ${filler}`;
    expect(decodeProductError(middle)).toEqual([]);
    expect(ids(`invalid_client ${filler}`)).toEqual(['invalid_client']);
    expect(ids(`${filler} expired_access_token`)).toEqual(['expired_access_token']);
    expect(normaliseErrorText(middle).length).toBeLessThanOrEqual(MAX_INPUT_CHARS + 1);
  });

  it('a megabyte of hostile text is handled quickly', () => {
    const text = `${'\\'.repeat(200_000)}${'refresh_token='.repeat(50_000)}${'a'.repeat(300_000)}`;
    const started = Date.now();
    decodeProductError(text);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('Dropbox as observed (the one classifier, dropbox/error-texts.ts)', () => {
  it('a refresh refused for carrying redirect_uri (Cerb) → refresh_with_redirect_uri with what the admin can do', () => {
    const d = first(
      '{"error": "invalid_request", "error_description": "unknown field \\"redirect_uri\\""}',
    );
    expect(d).toMatchObject({
      id: 'refresh_with_redirect_uri',
      recognised: 'unknown field "redirect_uri"',
      code: 'refresh_failed',
      check: 'refresh',
    });
    expect(d.fix).toContain('Link to Dropbox again');
    // Another unknown field is not this cause.
    expect(
      ids('{"error": "invalid_request", "error_description": "unknown field \\"scope\\""}'),
    ).not.toContain('refresh_with_redirect_uri');
  });

  it.each([
    ['No scope requested can be granted for this app.', 'scope_not_enabled_on_app'],
    [
      'More details for developers `team_data.member` scope is required.',
      'scope_not_enabled_on_app',
    ],
    ['App has been disabled', 'app_disabled'],
    [
      "This app has reached its team limit. Contact the app developer and ask them to use the Dropbox API App Console to increase their app's team limit.",
      'app_user_limit',
    ],
    ["This app is in development mode and can't be authorized by more teams.", 'app_user_limit'],
  ])('%s → %s', (text, id) => {
    expect(ids(text)[0]).toBe(id);
  });

  it('a disabled app is never "paste the key and secret again"', () => {
    const d = first(
      'Error in call to API function "users/get_current_account": This app is currently disabled.',
    );
    expect(d.id).toBe('app_disabled');
    expect(d.cause).toContain('pasting them again will not help');
  });
});

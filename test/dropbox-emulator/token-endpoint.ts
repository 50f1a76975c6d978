/**
 * `POST /oauth2/token` (Dropbox's OAuth docs). Parameters may arrive in the query string (the JS
 * SDK, dropbox-sdk-js auth.js), in a form body, or both; client authentication by HTTP Basic, by
 * client_id + client_secret parameters, or by client_id + code_verifier (PKCE). Errors are HTTP 400
 * JSON in RFC 6749 style with Dropbox's observed texts (e.g. dropbox-sdk-php#50).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, header, readBody, sendJson } from './http-util';
import { normalizeScopes, parseScopeParam } from './scopes';
import type { SeedApp } from './seed';
import type {
  AccessTokenRecord,
  EmulatorState,
  RefreshTokenRecord,
  RequestLogEntry,
  TokenRequestLog,
} from './state';

type TokenError = { status: number; body: Record<string, string> };

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/**
 * Observed error bodies (dropbox-sdk-php#50, s-aska/dropbox-api-command#41 and others).
 * `invalid_client` folds code and message into `error` (observed).
 */
export const TOKEN_ERRORS = {
  codeInvalid: { error: 'invalid_grant', error_description: "code doesn't exist or has expired" },
  redirectMismatch: { error: 'invalid_grant', error_description: 'redirect_uri mismatch' },
  refreshInvalid: {
    error: 'invalid_grant',
    error_description: 'refresh token is invalid or revoked',
  },
  refreshMalformed: { error: 'invalid_grant', error_description: 'refresh token is malformed' },
  /** Text from the Java SDK's test mock; the real text is UNCONFIRMED. */
  badVerifier: { error: 'invalid_grant', error_description: 'invalid code verifier' },
  invalidClient: { error: 'invalid_client: Invalid client_id or client_secret' },
  noAuth: {
    error: 'invalid_request',
    error_description: 'No auth function available for given request',
  },
  missingField: (field: string): Record<string, string> => ({
    error: 'invalid_request',
    error_description: `missing required field "${field}"`,
  }),
  /**
   * A field the request may not carry: `client_id` next to Basic auth (pilcrowonpaper/oslo#90,
   * whose title quotes it as `unknown field "client_id"`) and `scope` on a code exchange (Dropbox
   * forum comment 826990), `redirect_uri` on a refresh (react-native-app-auth#687). Which other
   * fields trigger it is UNCONFIRMED.
   */
  unknownField: (field: string): Record<string, string> => ({
    error: 'invalid_request',
    error_description: `unknown field "${field}"`,
  }),
  /**
   * The description is UNCONFIRMED (only the error code is known, dropbox-sdk-java DbxOAuthError).
   */
  unsupportedGrantType: (value: string): Record<string, string> => ({
    error: 'unsupported_grant_type',
    error_description: `"${value}" is not a supported grant_type`,
  }),
  /**
   * UNCONFIRMED: refresh with a `scope` that is not a subset of the grant (dropbox-sdk-java: "Must
   * be a subset").
   */
  invalidScope: (scope: string): Record<string, string> => ({
    error: 'invalid_scope',
    error_description: `scope "${scope}" was not granted to this refresh token`,
  }),
  /** UNCONFIRMED: anything but POST. */
  methodNotAllowed: {
    error: 'invalid_request',
    error_description: 'The token endpoint only accepts POST requests',
  },
} as const;

const fail = (body: Record<string, string>): TokenError => ({ status: 400, body });

/** Query parameters first, then the form body (body values win when both are present). */
async function collectParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams);
  const body = await readBody(req, 64 * 1024);
  const contentType = (header(req, 'content-type') ?? '').toLowerCase();
  // Form bodies are parsed whatever the Content-Type claims (curl -d, SDKs); JSON bodies are not
  // a documented form for this endpoint and are ignored, like the JS SDK's `[object Object]`.
  if (body.length > 0 && !contentType.startsWith('application/json')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  }
  return params;
}

interface ClientAuth {
  clientId: string | null;
  clientSecret: string | null;
  /** A malformed Authorization header: always invalid_client. */
  malformed: boolean;
}

function hasBasic(req: IncomingMessage): boolean {
  return /^basic\s/i.test(header(req, 'authorization') ?? '');
}

function clientAuth(req: IncomingMessage, params: URLSearchParams): ClientAuth {
  const authorization = header(req, 'authorization');
  if (authorization !== undefined && hasBasic(req)) {
    const decoded = Buffer.from(authorization.replace(/^basic\s+/i, '').trim(), 'base64').toString(
      'utf8',
    );
    const colon = decoded.indexOf(':');
    if (colon <= 0) return { clientId: null, clientSecret: null, malformed: true };
    return {
      clientId: decoded.slice(0, colon),
      clientSecret: decoded.slice(colon + 1),
      malformed: false,
    };
  }
  return {
    clientId: params.get('client_id'),
    clientSecret: params.get('client_secret'),
    malformed: false,
  };
}

function pkceMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  if (method === 'plain') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

/** The success JSON of observed token replies (also used by the control API's token minting). */
export function tokenResponse(
  state: EmulatorState,
  app: SeedApp,
  access: AccessTokenRecord,
  refresh: RefreshTokenRecord | null,
): Record<string, unknown> {
  const account = state.account(access.accountId);
  const body: Record<string, unknown> = {
    access_token: access.value,
    token_type: 'bearer',
    expires_in: state.options.accessTokenLifetimeSeconds,
  };
  if (refresh !== null) body.refresh_token = refresh.value;
  if (!app.legacy) body.scope = access.scopes.join(' ');
  if (access.teamId !== null) {
    body.uid = '';
    body.team_id = access.teamId;
  } else {
    body.uid = account === undefined ? '' : state.uid(account);
    body.account_id = access.accountId;
  }
  return body;
}

export async function handleTokenEndpoint(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  logEntry?: RequestLogEntry,
): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, TOKEN_ERRORS.methodNotAllowed, { ...NO_STORE, Allow: 'POST' });
    return;
  }
  let params: URLSearchParams;
  try {
    params = await collectParams(req, url);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      sendJson(
        res,
        413,
        { error: 'invalid_request', error_description: 'request body too large' },
        NO_STORE,
      );
      return;
    }
    throw err;
  }
  const result = exchange(state, req, params);
  if (logEntry !== undefined) logEntry.tokenRequest = describeRequest(req, params, result);
  if ('status' in result) sendJson(res, result.status, result.body, NO_STORE);
  else sendJson(res, 200, result.ok, NO_STORE);
}

/** The request-log summary: who asked for what, never a secret, code or token value. */
function describeRequest(
  req: IncomingMessage,
  params: URLSearchParams,
  result: TokenError | { ok: Record<string, unknown> },
): TokenRequestLog {
  const auth = clientAuth(req, params);
  const clientAuthKind: TokenRequestLog['clientAuth'] = hasBasic(req)
    ? 'basic'
    : auth.clientId === null || auth.clientId === ''
      ? 'none'
      : auth.clientSecret !== null
        ? 'client_secret'
        : params.get('code_verifier') !== null || params.get('grant_type') === 'refresh_token'
          ? 'pkce'
          : 'none';
  // `invalid_client` is folded with its message into `error` (s-aska/dropbox-api-command#41): keep
  // the code only.
  const error = 'status' in result ? (result.body.error ?? '').split(':')[0] || null : null;
  return {
    grantType: params.get('grant_type'),
    clientId: auth.clientId === '' ? null : auth.clientId,
    clientAuth: clientAuthKind,
    error,
  };
}

function exchange(
  state: EmulatorState,
  req: IncomingMessage,
  params: URLSearchParams,
): TokenError | { ok: Record<string, unknown> } {
  const grantType = params.get('grant_type');
  if (grantType === null || grantType === '') return fail(TOKEN_ERRORS.missingField('grant_type'));
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token')
    return fail(TOKEN_ERRORS.unsupportedGrantType(grantType));

  const field = grantType === 'authorization_code' ? 'code' : 'refresh_token';
  const value = params.get(field);
  if (value === null || value === '') return fail(TOKEN_ERRORS.missingField(field));

  // Basic already names the client, so a client_id parameter is a field too many; a PKCE client
  // (no Basic) must send client_id, and `scope` belongs only to a refresh (downscoping,
  // dropbox-sdk-python refresh_access_token). The order relative to the other checks is
  // UNCONFIRMED.
  if (hasBasic(req) && params.has('client_id')) return fail(TOKEN_ERRORS.unknownField('client_id'));
  if (grantType === 'authorization_code' && params.has('scope'))
    return fail(TOKEN_ERRORS.unknownField('scope'));
  // react-native-app-auth#687 (maintainer reproduced) and stevenmaguire/oauth2-dropbox#11: a
  // refresh carrying redirect_uri is refused. league/oauth2-client 2.7.0 (Cerb) always sends it.
  if (
    grantType === 'refresh_token' &&
    params.has('redirect_uri') &&
    state.options.refreshWithRedirectUri === 'refuse'
  )
    return fail(TOKEN_ERRORS.unknownField('redirect_uri'));

  const auth = clientAuth(req, params);
  if (auth.malformed) return fail(TOKEN_ERRORS.invalidClient);
  if (auth.clientId === null || auth.clientId === '') return fail(TOKEN_ERRORS.noAuth);
  const app = state.app(auth.clientId);
  if (app === undefined || app.status === 'disabled') return fail(TOKEN_ERRORS.invalidClient);
  const confidential = auth.clientSecret !== null;
  if (confidential && auth.clientSecret !== app.secret) return fail(TOKEN_ERRORS.invalidClient);

  return grantType === 'authorization_code'
    ? authorizationCode(state, app, confidential, value, params)
    : refreshToken(state, app, confidential, value, params);
}

function authorizationCode(
  state: EmulatorState,
  app: SeedApp,
  confidential: boolean,
  codeValue: string,
  params: URLSearchParams,
): TokenError | { ok: Record<string, unknown> } {
  const verifier = params.get('code_verifier');
  if (!confidential && verifier === null) return fail(TOKEN_ERRORS.noAuth);
  const code = state.liveCode(codeValue);
  if (code === undefined || code.appKey !== app.key) return fail(TOKEN_ERRORS.codeInvalid);
  if (!confidential && code.codeChallenge === null) return fail(TOKEN_ERRORS.noAuth);
  if (code.codeChallenge !== null && code.codeChallengeMethod !== null) {
    if (verifier === null || !pkceMatches(verifier, code.codeChallenge, code.codeChallengeMethod))
      return fail(TOKEN_ERRORS.badVerifier);
  }
  // "the redirect URI used in the prior authorize request, if there was one" (dropbox-sdk-java and
  // -rust docs)
  const redirectUri = params.get('redirect_uri');
  if ((redirectUri ?? null) !== code.redirectUri) return fail(TOKEN_ERRORS.redirectMismatch);

  code.used = true;
  const { access, refresh } = state.issueTokens({
    appKey: app.key,
    accountId: code.accountId,
    teamId: code.teamId,
    scopes: code.scopes,
    offline: code.tokenAccessType === 'offline',
    publicClient: !confidential,
  });
  return { ok: tokenResponse(state, app, access, refresh) };
}

function refreshToken(
  state: EmulatorState,
  app: SeedApp,
  confidential: boolean,
  value: string,
  params: URLSearchParams,
): TokenError | { ok: Record<string, unknown> } {
  if (!/^[A-Za-z0-9_-]{64}$/.test(value)) return fail(TOKEN_ERRORS.refreshMalformed);
  const refresh = state.refreshToken(value);
  if (refresh === undefined || refresh.revoked || refresh.appKey !== app.key)
    return fail(TOKEN_ERRORS.refreshInvalid);
  // A non-PKCE grant refreshed with client_id alone: "No auth function available"
  // (dropbox-sdk-js#769).
  if (!confidential && !refresh.publicClient) return fail(TOKEN_ERRORS.noAuth);

  let scopes = refresh.scopes;
  const requested = parseScopeParam(params.get('scope'));
  if (requested !== null) {
    const extra = requested.find((s) => !refresh.scopes.includes(s));
    if (extra !== undefined) return fail(TOKEN_ERRORS.invalidScope(extra));
    scopes = normalizeScopes(requested);
  }
  const access = state.refreshAccess(refresh, scopes);
  // The refresh response has no refresh_token, uid or account_id (observed token replies).
  const body: Record<string, unknown> = {
    access_token: access.value,
    token_type: 'bearer',
    expires_in: state.options.accessTokenLifetimeSeconds,
  };
  if (state.options.refreshIncludesScope && !app.legacy) body.scope = access.scopes.join(' ');
  return { ok: body };
}

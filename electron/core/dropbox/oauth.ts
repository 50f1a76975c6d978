/**
 * Dropbox OAuth 2 for a confidential desktop client: authorize URL, redirect validation, code
 * exchange, refresh and revoke.
 *
 * Protocol pieces come from `oauth4webapi` (random state, PKCE, token requests and response
 * validation) with a hand-written AuthorizationServer, since Dropbox publishes no discovery
 * document. Where Dropbox differs from what the library expects, we adapt (each spot says why):
 *  - Client authentication is our own `ClientAuth` sending `Basic base64(key:secret)` verbatim.
 *    oauth4webapi's ClientSecretBasic form-urlencodes key and secret first (RFC 6749 §2.3.1);
 *    Dropbox documents `curl -u key:secret` and its Java SDK sends them raw, and /2/check/app must
 *    receive the identical header, so one encoder (`basicAuthorization`) serves both.
 *  - Without a redirect URI (the shown-code flow) Dropbox requires `redirect_uri` to be absent
 *    from the token request, but `authorizationCodeGrantRequest` always sends one, so that case
 *    uses `genericTokenEndpointRequest` with grant type `authorization_code`.
 *  - Every HTTP exchange goes through our `customFetch`, which applies the timeout and retry
 *    policy and keeps the raw reply. When oauth4webapi rejects a reply, the raw reply decides:
 *    a 200 it refused (e.g. an OpenID `id_token` it cannot validate without discovery metadata)
 *    falls back to our own parse; an error reply is mapped from its `error`/`error_description`,
 *    including Dropbox's folded `{"error": "invalid_client: Invalid client_id or client_secret"}`
 *    and non-JSON error bodies that oauth4webapi only reports as "not JSON".
 *
 * Secrets (app secret, code, verifier, tokens) travel only in the Authorization header and the
 * form body: never in a URL, an error message or `detail`.
 */
import { CREDENTIALS_REMEDY } from '../errors';
import * as oauth from 'oauth4webapi';
import type { TokenKind } from '../../shared/contract';
import type { ErrorCode, RemedyAction } from '../../shared/result';
import { createRedactor } from '../log/redact';
import type { DropboxContext } from './context';
import type { DropboxEndpoints } from './endpoints';
import { failure, isWizardFailure, withAction, type WizardFailure } from './failure';
import { describeReply, type HttpReply } from './http';
import { send } from './retry';
import { basicAuthorization, rpc } from './rpc';

export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresIn: number | null;
  /** Granted scopes, sorted. */
  readonly scopes: string[];
  /** Dropbox's `uid`: a decimal string for users, "" for team tokens. */
  readonly uid: string;
  readonly accountId: string | null;
  readonly teamId: string | null;
  readonly tokenKind: TokenKind;
}

export interface RefreshResult {
  readonly accessToken: string;
  readonly expiresIn: number | null;
  /** Present only when Dropbox included `scope` in the refresh reply (UNCONFIRMED when it does). */
  readonly scopes: string[] | null;
  /**
   * A new refresh token if Dropbox ever rotates it (it does not today, reference §2.4); the caller
   * must then store it in place of the old one (RFC 9700 §2.2.2).
   */
  readonly newRefreshToken: string | null;
}

/** Dropbox caps `state` at 500 bytes (reference §1.1). */
const MAX_STATE_BYTES = 500;

/** A fresh CSRF `state`: 32 random bytes, base64url (256 bits). */
export function createState(): string {
  return oauth.generateRandomState();
}

/** PKCE S256 pair, for the optional public-client flow. */
export async function createPkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) };
}

export interface AuthorizeUrlOptions {
  readonly appKey: string;
  readonly redirectUri: string | null;
  readonly state: string | null;
  readonly forceReauthentication?: boolean;
  readonly codeChallenge?: string;
  /**
   * `offline` (default): the connector needs a refresh token. `online`: a 4-hour access token
   * only, for the test sign-in of app-only targets, so nothing long-lived is left behind.
   */
  readonly accessType?: 'offline' | 'online';
}

/**
 * Never sends `scope`: without it Dropbox grants every scope ticked on the Permissions tab, and
 * the wizard names any missing one in Verify. With `scope`, a scope the app lacks only produces an
 * error page on Dropbox's side that the wizard never sees.
 */
export function buildAuthorizeUrl(
  endpoints: DropboxEndpoints,
  options: AuthorizeUrlOptions,
): string {
  const url = new URL(endpoints.authorizeUrl);
  const params = url.searchParams;
  params.set('client_id', options.appKey);
  params.set('response_type', 'code');
  // Offline unless asked: the connector needs a refresh token, and the app default may be online.
  params.set('token_access_type', options.accessType ?? 'offline');
  if (options.redirectUri) {
    params.set('redirect_uri', options.redirectUri);
    // Dropbox returns `state` only through a redirect; without one the Java SDK refuses it too.
    if (options.state) {
      if (Buffer.byteLength(options.state, 'utf8') > MAX_STATE_BYTES) {
        throw new Error(`buildAuthorizeUrl: state longer than ${MAX_STATE_BYTES} bytes`);
      }
      params.set('state', options.state);
    }
  }
  if (options.forceReauthentication) params.set('force_reauthentication', 'true');
  if (options.codeChallenge) {
    params.set('code_challenge', options.codeChallenge);
    params.set('code_challenge_method', 'S256');
  }
  return url.toString();
}

/** oauth4webapi needs an AuthorizationServer and a Client; Dropbox has no discovery document. */
function authorizationServer(endpoints?: DropboxEndpoints): oauth.AuthorizationServer {
  return endpoints
    ? {
        issuer: endpoints.webOrigin,
        authorization_endpoint: endpoints.authorizeUrl,
        token_endpoint: endpoints.tokenUrl,
      }
    : { issuer: 'https://www.dropbox.com' };
}

const AUTHORIZE_AGAIN_REMEDY = 'Choose Authorize again and finish the Dropbox sign-in.';

/**
 * Validates the redirect Dropbox sent the browser to and returns the code. `state` is compared
 * before anything else, so an error redirect that does not belong to this attempt is reported as a
 * state mismatch, not as the error it claims.
 */
export function parseAuthorizationRedirect(
  redirectUrl: string,
  expectedState: string,
): { code: string } {
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch {
    throw failure(
      'unexpected_reply',
      'The sign-in reply could not be read.',
      AUTHORIZE_AGAIN_REMEDY,
      {
        detail: 'the redirect URL is not a valid URL',
        action: 'authorize_again',
      },
    );
  }
  if (!expectedState) {
    // Only the redirect flow has a state; a redirect without one pending is never accepted.
    throw failure(
      'state_mismatch',
      'A sign-in reply arrived, but no sign-in with a redirect was waiting for it.',
      AUTHORIZE_AGAIN_REMEDY,
      {
        action: 'authorize_again',
      },
    );
  }
  const params = new URLSearchParams(url.searchParams);
  // Dropbox does not implement RFC 9207 `iss`; ignoring it keeps an unexpected one from being
  // compared against an issuer we had to invent.
  params.delete('iss');
  let validated: URLSearchParams;
  try {
    validated = oauth.validateAuthResponse(
      authorizationServer(),
      { client_id: 'dropbox-app' },
      params,
      expectedState,
    );
  } catch (err) {
    throw redirectFailure(err, params);
  }
  const code = validated.get('code');
  if (!code) {
    throw failure(
      'unexpected_reply',
      'Dropbox redirected back without an authorization code.',
      AUTHORIZE_AGAIN_REMEDY,
      {
        detail: `redirect parameters: ${[...new Set(params.keys())].join(', ') || 'none'}`,
        action: 'authorize_again',
      },
    );
  }
  return { code };
}

function redirectFailure(err: unknown, params: URLSearchParams): WizardFailure {
  if (err instanceof oauth.AuthorizationResponseError) {
    if (err.error === 'access_denied') {
      return failure(
        'access_denied',
        'Dropbox reports that access was not allowed.',
        "You pressed Cancel on Dropbox's consent page; choose Authorize again and press Allow.",
        {
          detail: `error=access_denied${err.error_description ? `: ${err.error_description}` : ''}`,
          action: 'authorize_again',
        },
      );
    }
    const description = err.error_description ?? 'no description';
    return failure(
      'unexpected_reply',
      `Dropbox ended the sign-in with an error: ${description}`,
      AUTHORIZE_AGAIN_REMEDY,
      { detail: `error=${err.error}: ${description}`, action: 'authorize_again' },
    );
  }
  const states = params.getAll('state');
  if (states.length <= 1) {
    return failure(
      'state_mismatch',
      states.length === 0
        ? 'The sign-in reply carried no state, so it cannot be matched to this sign-in.'
        : 'The sign-in reply belongs to a different sign-in attempt (state mismatch).',
      'Choose Authorize again and complete only the newest Dropbox sign-in page; close any older ones.',
      { action: 'authorize_again' },
    );
  }
  return failure('unexpected_reply', 'The sign-in reply was malformed.', AUTHORIZE_AGAIN_REMEDY, {
    detail: 'a redirect parameter appeared more than once',
    action: 'authorize_again',
  });
}

// ---------------------------------------------------------------------------------------------
// Token endpoint

type Grant = 'authorization_code' | 'refresh_token';

interface TokenCallInput {
  readonly appKey: string;
  readonly appSecret: string;
  readonly grant: Grant;
  /** Values to scrub from anything Dropbox echoes back. */
  readonly secrets: readonly string[];
  readonly idempotent: boolean;
  readonly request: (
    as: oauth.AuthorizationServer,
    client: oauth.Client,
    auth: oauth.ClientAuth,
    options: oauth.TokenEndpointRequestOptions,
  ) => Promise<Response>;
  readonly process: (
    as: oauth.AuthorizationServer,
    client: oauth.Client,
    response: Response,
  ) => Promise<oauth.TokenEndpointResponse>;
}

function toResponse(reply: HttpReply): Response {
  const nullBody = reply.status === 204 || reply.status === 205 || reply.status === 304;
  return new Response(nullBody ? null : reply.text, {
    status: reply.status,
    headers: reply.headers,
  });
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

async function tokenCall(
  ctx: DropboxContext,
  input: TokenCallInput,
): Promise<Record<string, unknown>> {
  const operation = `oauth2/token (${input.grant})`;
  if (!input.appKey || !input.appSecret) {
    throw failure(
      'bad_app_credentials',
      'The app key or app secret is empty.',
      CREDENTIALS_REMEDY,
      {
        action: 'edit_credentials',
      },
    );
  }
  const as = authorizationServer(ctx.endpoints);
  const client: oauth.Client = { client_id: input.appKey };
  const auth: oauth.ClientAuth = (_as, _client, _body, headers) => {
    headers.set('authorization', basicAuthorization(input.appKey, input.appSecret));
  };
  let lastReply: HttpReply | null = null;
  const options: oauth.TokenEndpointRequestOptions = {
    // Only the loopback emulator is reachable over http; resolveEndpoints refuses anything else.
    [oauth.allowInsecureRequests]: new URL(ctx.endpoints.tokenUrl).protocol === 'http:',
    [oauth.customFetch]: async (url, init) => {
      lastReply = await send(
        ctx,
        {
          method: 'POST',
          url,
          operation,
          headers: init.headers,
          body: init.body as URLSearchParams,
        },
        { idempotent: input.idempotent },
      );
      return toResponse(lastReply);
    },
  };

  let response: Response;
  try {
    response = await input.request(as, client, auth, options);
  } catch (err) {
    if (isWizardFailure(err)) throw err;
    // Argument validation inside oauth4webapi: our bug, never a secret in what we report.
    throw failure(
      'internal',
      'The wizard could not build the token request.',
      'Press Try again; if it repeats, report it.',
      {
        detail:
          err instanceof Error
            ? `${err.name}${'code' in err ? ` ${String(err.code)}` : ''}`
            : 'unknown',
        action: 'retry',
      },
    );
  }
  const reply = lastReply as HttpReply | null;
  if (!reply)
    throw failure('internal', 'The token request was not sent.', 'Press Try again.', {
      action: 'retry',
    });

  try {
    return (await input.process(as, client, response)) as unknown as Record<string, unknown>;
  } catch (err) {
    const body = parseJsonObject(reply.text);
    if (reply.status === 200) {
      // oauth4webapi refused a success reply (see the header comment); read it ourselves.
      if (body && typeof body.access_token === 'string' && body.access_token) {
        const type = typeof body.token_type === 'string' ? body.token_type.toLowerCase() : 'bearer';
        if (type === 'bearer') return body;
      }
      throw unreadableTokenReply(reply, operation);
    }
    let error: string | null = null;
    let description: string | null = null;
    if (err instanceof oauth.ResponseBodyError) {
      error = err.error;
      description = err.error_description ?? null;
    } else if (body) {
      error = typeof body.error === 'string' ? body.error : null;
      description = typeof body.error_description === 'string' ? body.error_description : null;
    }
    throw tokenErrorFailure(reply, operation, input, error, description);
  }
}

function unreadableTokenReply(reply: HttpReply, operation: string): WizardFailure {
  return failure(
    'unexpected_reply',
    "Dropbox's token reply could not be read.",
    'Press Try again (or Authorize again for a new code). If it repeats, a proxy may be rewriting traffic to Dropbox.',
    {
      detail: `${describeReply(operation, reply.status, reply.requestId)}: content-type ${reply.headers.get('content-type') ?? 'missing'}, not a bearer token reply`,
      action: 'authorize_again',
    },
  );
}

function tokenErrorFailure(
  reply: HttpReply,
  operation: string,
  input: TokenCallInput,
  rawError: string | null,
  rawDescription: string | null,
): WizardFailure {
  const redactor = createRedactor();
  for (const secret of input.secrets) redactor.add(secret);
  // Dropbox folds code and text into one field for bad credentials: "invalid_client: Invalid …".
  const folded = rawError ? /^([a-z_]+):\s*(.*)$/s.exec(rawError) : null;
  const error = folded ? (folded[1] as string) : rawError;
  const description = rawDescription ?? (folded ? (folded[2] as string) : null);
  const said = error
    ? `${error}${description ? `: ${redactor.redact(description)}` : ''}`
    : redactor.redact(reply.text.replace(/\s+/g, ' ').trim()).slice(0, 200) || 'empty body';
  const detail = `${describeReply(operation, reply.status, reply.requestId)}: ${said}`;
  const make = (
    code: ErrorCode,
    message: string,
    remedy: string,
    action: RemedyAction,
  ): WizardFailure =>
    failure(code, message, remedy, {
      detail,
      action,
      dropbox: {
        status: reply.status,
        tag: error,
        summary: description,
        requestId: reply.requestId,
      },
    });
  const text = `${error ?? ''} ${description ?? ''}`;
  const exchange = input.grant === 'authorization_code';

  if (
    error === 'invalid_client' ||
    (reply.status === 401 && !error) ||
    /no auth function available/i.test(text)
  ) {
    return make(
      'bad_app_credentials',
      'Dropbox rejected the app key and secret.',
      CREDENTIALS_REMEDY,
      'edit_credentials',
    );
  }
  if (error === 'invalid_grant') {
    if (!exchange) {
      return make(
        'refresh_failed',
        'Dropbox no longer accepts the refresh token: refresh token is invalid or revoked.',
        'The token was revoked, the app was disconnected from the account, or it belongs to another app. Choose Authorize again to get a new one.',
        'authorize_again',
      );
    }
    if (/redirect_uri/i.test(text)) {
      return make(
        'redirect_uri_not_registered',
        'Dropbox says the redirect URI sent with the code does not match the one used to sign in (redirect_uri mismatch).',
        'Choose Authorize again and finish the sign-in with the same method you started it with.',
        'authorize_again',
      );
    }
    if (/verifier/i.test(text)) {
      return make(
        'code_expired',
        'Dropbox refused the code: the PKCE verifier does not match this sign-in.',
        'Choose Authorize again; use only the newest sign-in page.',
        'authorize_again',
      );
    }
    return make(
      'code_expired',
      'The authorization code has expired or was already used.',
      'Codes work once and only for a few minutes. Choose Authorize again and paste or return the new code straight away.',
      'authorize_again',
    );
  }
  if (/public client/i.test(text)) {
    return make(
      'public_clients_disallowed',
      'The app does not allow public clients (PKCE).',
      'Choose Authorize again: the wizard now signs in to this app without PKCE (it holds the app secret, so it does not need it).',
      'authorize_again',
    );
  }
  return make(
    'unexpected_reply',
    `Dropbox refused the token request${error ? ` (${error})` : ''}.`,
    exchange
      ? 'Choose Authorize again. If it repeats, report it with the details below.'
      : 'Press Try again; if it repeats, Authorize again.',
    exchange ? 'authorize_again' : 'retry',
  );
}

function splitScopes(scope: unknown): string[] {
  if (typeof scope !== 'string') return [];
  return [...new Set(scope.split(/\s+/).filter(Boolean))].sort();
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function optionalSeconds(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

const EXCHANGE_INTERRUPTED = {
  offline: 'Check that this computer is online and that no proxy or firewall blocks Dropbox.',
  dropbox_unavailable: 'Wait a minute: Dropbox may be having a temporary problem.',
  rate_limited: 'Wait a minute: Dropbox is limiting requests from this app.',
} as const;

export interface ExchangeCodeInput {
  readonly appKey: string;
  readonly appSecret: string;
  readonly code: string;
  /** The redirect URI used in /authorize, or null for the shown-code flow (then none is sent). */
  readonly redirectUri: string | null;
  readonly codeVerifier?: string;
}

/** Exchanges a single-use code. Never retried: a repeated code would be refused as used. */
export async function exchangeCode(
  ctx: DropboxContext,
  input: ExchangeCodeInput,
): Promise<TokenSet> {
  const code = input.code.trim();
  if (!code) {
    throw failure(
      'invalid_input',
      'The authorization code is empty.',
      'Paste the code Dropbox showed after you pressed Allow.',
      {
        action: 'authorize_again',
      },
    );
  }
  let json: Record<string, unknown>;
  try {
    json = await tokenCall(ctx, {
      appKey: input.appKey,
      appSecret: input.appSecret,
      grant: 'authorization_code',
      secrets: [input.appSecret, code, input.codeVerifier ?? ''],
      idempotent: false,
      request: (as, client, auth, options) => {
        if (input.redirectUri) {
          // oauth4webapi only takes callback parameters it has validated; state was checked
          // by parseAuthorizationRedirect already, so validate the bare code here.
          const callback = oauth.validateAuthResponse(
            as,
            client,
            new URLSearchParams({ code }),
            oauth.expectNoState,
          );
          return oauth.authorizationCodeGrantRequest(
            as,
            client,
            auth,
            callback,
            input.redirectUri,
            input.codeVerifier ?? oauth.nopkce,
            options,
          );
        }
        const params: Record<string, string> = { code };
        if (input.codeVerifier) params.code_verifier = input.codeVerifier;
        return oauth.genericTokenEndpointRequest(
          as,
          client,
          auth,
          'authorization_code',
          params,
          options,
        );
      },
      process: (as, client, response) =>
        oauth.processAuthorizationCodeResponse(as, client, response),
    });
  } catch (err) {
    if (isWizardFailure(err) && err.error.code in EXCHANGE_INTERRUPTED) {
      // We cannot know whether Dropbox consumed the code before the failure, and repeating it is
      // not allowed, so the way forward is a new sign-in.
      const first = EXCHANGE_INTERRUPTED[err.error.code as keyof typeof EXCHANGE_INTERRUPTED];
      throw withAction(
        err,
        'authorize_again',
        `${first} Then choose Authorize again: the code may already be used up, and a code cannot be sent twice.`,
      );
    }
    throw err;
  }
  return toTokenSet(json);
}

function toTokenSet(json: Record<string, unknown>): TokenSet {
  const accountId = optionalString(json.account_id);
  const teamId = optionalString(json.team_id);
  const uid =
    typeof json.uid === 'string'
      ? json.uid
      : typeof json.uid === 'number'
        ? String(json.uid)
        : null;
  if (!accountId && !teamId && uid === null) {
    throw failure(
      'unexpected_reply',
      "Dropbox's token reply named neither an account nor a team.",
      'Choose Authorize again. If it repeats, report it.',
      { detail: 'token reply without uid, account_id and team_id', action: 'authorize_again' },
    );
  }
  // A team token has team_id and uid "" (reference §2.4, §6.2).
  const tokenKind: TokenKind = teamId || (!accountId && uid === '') ? 'team' : 'user';
  return {
    accessToken: json.access_token as string,
    refreshToken: optionalString(json.refresh_token),
    expiresIn: optionalSeconds(json.expires_in),
    scopes: splitScopes(json.scope),
    uid: uid ?? '',
    accountId,
    teamId,
    tokenKind,
  };
}

export interface RefreshInput {
  readonly appKey: string;
  readonly appSecret: string;
  readonly refreshToken: string;
}

/** The refresh grant the way connectors do it: Basic key:secret, form body. Safe to retry. */
export async function refreshAccessToken(
  ctx: DropboxContext,
  input: RefreshInput,
): Promise<RefreshResult> {
  if (!input.refreshToken) {
    throw failure(
      'refresh_failed',
      'There is no refresh token to use.',
      'Choose Authorize again to get one.',
      {
        action: 'authorize_again',
      },
    );
  }
  const json = await tokenCall(ctx, {
    appKey: input.appKey,
    appSecret: input.appSecret,
    grant: 'refresh_token',
    secrets: [input.appSecret, input.refreshToken],
    idempotent: true,
    request: (as, client, auth, options) =>
      oauth.refreshTokenGrantRequest(as, client, auth, input.refreshToken, options),
    process: (as, client, response) => oauth.processRefreshTokenResponse(as, client, response),
  });
  const rotated = optionalString(json.refresh_token);
  return {
    accessToken: json.access_token as string,
    expiresIn: optionalSeconds(json.expires_in),
    scopes: typeof json.scope === 'string' ? splitScopes(json.scope) : null,
    newRefreshToken: rotated && rotated !== input.refreshToken ? rotated : null,
  };
}

/**
 * `POST /2/auth/token/revoke`: disables the access token and, per Dropbox, its refresh token and
 * sibling access tokens. A 401 afterwards (e.g. on a repeated attempt) surfaces as token_invalid.
 */
export async function revokeAccessToken(ctx: DropboxContext, accessToken: string): Promise<void> {
  await rpc<null>(ctx, 'auth/token/revoke', {
    auth: { kind: 'bearer', token: accessToken },
    body: null,
  });
}

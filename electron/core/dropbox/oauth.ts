/**
 * Dropbox OAuth 2 for a confidential desktop client: code exchange, refresh and revoke. The
 * authorize URL and redirect validation live in `authorize-request.ts`, error replies in
 * `token-errors.ts`, reply parsing in `token-reply.ts`; every name they exported from here before
 * is re-exported below, so importers keep using this module.
 *
 * Token requests and response validation come from `oauth4webapi` (with the hand-written
 * AuthorizationServer of `authorize-request.ts`). Where Dropbox differs from what the library
 * expects, we adapt (each spot says why):
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
 *    falls back to our own parse; an error reply is mapped from its `error`/`error_description`
 *    (see `token-errors.ts`).
 *
 * Secrets (app secret, code, verifier, tokens) travel only in the Authorization header and the
 * form body: never in a URL, an error message or `detail`.
 */
import { CREDENTIALS_REMEDY } from '../errors';
import * as oauth from 'oauth4webapi';
import { authorizationServer } from './authorize-request';
import type { DropboxContext } from './context';
import { failure, isWizardFailure, withAction } from '../failure';
import type { HttpReply } from './http';
import { send } from './retry';
import { basicAuthorization, rpc } from './rpc';
import { tokenErrorFailure, unreadableTokenReply, type TokenCallFacts } from './token-errors';
import {
  optionalSeconds,
  optionalString,
  parseJsonObject,
  splitScopes,
  toResponse,
  toTokenSet,
  type TokenSet,
} from './token-reply';

export interface RefreshResult {
  readonly accessToken: string;
  readonly expiresIn: number | null;
  /** Present only when Dropbox included `scope` in the refresh reply (UNCONFIRMED when it does). */
  readonly scopes: string[] | null;
  /**
   * A new refresh token if Dropbox ever rotates it (it does not today: every observed refresh reply omits refresh_token); the caller
   * must then store it in place of the old one (RFC 9700 §2.2.2).
   */
  readonly newRefreshToken: string | null;
}

// ---------------------------------------------------------------------------------------------
// Token endpoint

interface TokenCallInput extends TokenCallFacts {
  readonly appKey: string;
  readonly appSecret: string;
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
        `${first} Then sign in again: the code may already be used up, and a code cannot be sent twice.`,
      );
    }
    throw err;
  }
  return toTokenSet(json);
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
      'Sign in again to get one.',
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
      grant: 'refresh_token',
      secrets: [input.appSecret, input.refreshToken],
      idempotent: true,
      request: (as, client, auth, options) =>
        oauth.refreshTokenGrantRequest(as, client, auth, input.refreshToken, options),
      process: (as, client, response) => oauth.processRefreshTokenResponse(as, client, response),
    });
  } catch (err) {
    throw await explainInvalidClient(ctx, input, err);
  }
  const rotated = optionalString(json.refresh_token);
  return {
    accessToken: json.access_token as string,
    expiresIn: optionalSeconds(json.expires_in),
    scopes: typeof json.scope === 'string' ? splitScopes(json.scope) : null,
    newRefreshToken: rotated && rotated !== input.refreshToken ? rotated : null,
  };
}

/**
 * The token endpoint answers a wrong key or secret and a disabled app alike: 400 `invalid_client`
 * (dbxcli#127; the emulator follows). check/app tells them apart (400 "App has been disabled",
 * SEC101_021), so a disabled app is never reported as "paste the secret again".
 */
export async function explainInvalidClient(
  ctx: DropboxContext,
  creds: { readonly appKey: string; readonly appSecret: string },
  err: unknown,
): Promise<unknown> {
  if (!isWizardFailure(err) || err.error.code !== 'bad_app_credentials') return err;
  try {
    await rpc(ctx, 'check/app', {
      auth: { kind: 'basic', appKey: creds.appKey, appSecret: creds.appSecret },
      body: { query: 'disabled?' },
    });
  } catch (checkErr) {
    if (isWizardFailure(checkErr) && checkErr.error.code === 'app_disabled') return checkErr;
  }
  return err;
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

/**
 * The browser half of Dropbox OAuth 2: the CSRF `state`, the PKCE pair, the /oauth2/authorize URL
 * and validation of the redirect Dropbox sends the browser back with.
 *
 * Protocol pieces come from `oauth4webapi` (random state, PKCE, authorization response
 * validation) with a hand-written AuthorizationServer, since Dropbox publishes no discovery
 * document; the token calls in `oauth.ts` use the same one.
 */
import * as oauth from 'oauth4webapi';
import type { DropboxEndpoints } from './endpoints';
import { failure, type WizardFailure } from '../failure';

/** Dropbox caps `state` at 500 bytes ("Up to 500 bytes of arbitrary data": the official SDKs' doc comments). */
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
  /**
   * `scope=` for the pre-flight only (preflight.ts reads Dropbox's answer to it: "No scope
   * requested can be granted", "`x` scope is required"). The sign-in URL itself carries none.
   */
  readonly scopes?: readonly string[];
  /**
   * `require_role=work` for connectors that need a team admin: Dropbox then asks for a work (team)
   * account itself instead of letting a personal one reach "Please sign in with a work account."
   * (Dropbox's require_role docs, as copied into dropbox-sdk-dotnet: the app must still verify the
   * account afterwards; Verify does).
   */
  readonly requireRole?: 'work' | 'personal';
}

/**
 * The sign-in URL never sends `scope`: without it Dropbox grants every scope ticked on the
 * Permissions tab (the consent page then lists exactly what the admin ticked, and Verify compares
 * the grant with what the product needs). The pre-flight sends the product's required list, so a
 * scope that is not ticked is named before anyone signs in (`scopes` above).
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
  if (options.requireRole) params.set('require_role', options.requireRole);
  if (options.codeChallenge) {
    params.set('code_challenge', options.codeChallenge);
    params.set('code_challenge_method', 'S256');
  }
  // Never an empty `scope=`: Dropbox answers that with Error (400) (community.dropbox.com 491406).
  if (options.scopes && options.scopes.length > 0) params.set('scope', options.scopes.join(' '));
  return url.toString();
}

/** oauth4webapi needs an AuthorizationServer and a Client; Dropbox has no discovery document. */
export function authorizationServer(endpoints?: DropboxEndpoints): oauth.AuthorizationServer {
  return endpoints
    ? {
        issuer: endpoints.webOrigin,
        authorization_endpoint: endpoints.authorizeUrl,
        token_endpoint: endpoints.tokenUrl,
      }
    : { issuer: 'https://www.dropbox.com' };
}

const AUTHORIZE_AGAIN_REMEDY = 'Sign in again and finish the Dropbox sign-in.';

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
        "You pressed Cancel on Dropbox's consent page; sign in again and press Allow.",
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
      'Sign in again and complete only the newest Dropbox sign-in page; close any older ones.',
      { action: 'authorize_again' },
    );
  }
  return failure('unexpected_reply', 'The sign-in reply was malformed.', AUTHORIZE_AGAIN_REMEDY, {
    detail: 'a redirect parameter appeared more than once',
    action: 'authorize_again',
  });
}

/**
 * Cerb's refresh, done exactly the way Cerb does it, so a health check can say whether a Cerb link
 * outlives its 4-hour access token.
 *
 * Cerb (up to 10.4.10) is built on league/oauth2-client 2.7.0. Its `AbstractProvider::
 * getAccessToken()` builds every token request from the same base parameters, refresh included:
 *   ['client_id', 'client_secret', 'redirect_uri'] + the grant's ['grant_type', 'refresh_token']
 * and posts them as a form body (no Basic header); Cerb always sets `redirectUri`
 * (`ServiceProvider_OAuth2::_getProvider`). Dropbox refuses a refresh that carries `redirect_uri`
 * with 400 `invalid_request` `unknown field "redirect_uri"` (react-native-app-auth#687, maintainer
 * reproduced; stevenmaguire/oauth2-dropbox#11). Not observed on Cerb itself: inferred from its code.
 *
 * The wizard does not hold Cerb's refresh token (Cerb does). Without one, a well-formed stand-in
 * token is sent: Dropbox then either names the refused field or gets as far as the token and
 * answers `invalid_grant`. GUESS: that Dropbox checks the fields before the token (the order the
 * emulator uses); a real token, where one is given, needs no such guess.
 */
import type { CheckResult } from '../../shared/contract';
import { APP_DISABLED_REMEDY, CREDENTIALS_REMEDY } from '../errors';
import { createRedactor } from '../log/redact';
import { result } from './check-result';
import type { DropboxContext } from './context';
import { toWizardError } from '../failure';
import { describeReply } from './http';
import { explainInvalidClient } from './oauth';
import { failure } from '../failure';
import { send } from './retry';

export const CERB_REFRESH_CHECK_ID = 'cerb_refresh';
const LABEL = 'Refresh the way Cerb sends it';

/** 64 characters like a Dropbox refresh token, valid for no grant. */
const STAND_IN_REFRESH_TOKEN = `cerbrefreshprobe${'A'.repeat(48)}`;

/** What the admin can do, as far as the evidence allows: no Cerb setting avoids it. */
export const CERB_REFRESH_REMEDY =
  "No Cerb setting changes this: Cerb's OAuth library (league/oauth2-client 2.7.0) always sends redirect_uri when it refreshes. Ask Cerb support for a release that leaves redirect_uri out of refresh requests; until then, click Link to Dropbox again in Cerb whenever its Dropbox link stops working (about four hours after each link). Press Check now here after a Cerb update to see whether Dropbox accepts its refresh.";

export interface CerbRefreshInput {
  readonly appKey: string;
  readonly appSecret: string;
  /** Cerb's own redirect URI (its base URL + /oauth/callback): what Cerb sends. */
  readonly redirectUri: string;
  /** A real refresh token when one is held; otherwise a stand-in is sent. */
  readonly refreshToken?: string | null;
}

export interface CerbRefreshOutcome {
  /** `refused`: Dropbox named redirect_uri; `accepted`: a new access token (real token only); `shape_accepted`: past the fields, refused the stand-in token. */
  readonly verdict: 'refused' | 'accepted' | 'shape_accepted' | 'error';
  readonly check: CheckResult;
}

/** The form body league/oauth2-client 2.7.0 posts for grant_type=refresh_token, in its order. */
export function cerbRefreshBody(input: CerbRefreshInput): URLSearchParams {
  const body = new URLSearchParams();
  body.set('client_id', input.appKey);
  body.set('client_secret', input.appSecret);
  body.set('redirect_uri', input.redirectUri);
  body.set('grant_type', 'refresh_token');
  body.set('refresh_token', input.refreshToken || STAND_IN_REFRESH_TOKEN);
  return body;
}

function parse(text: string): { error: string | null; description: string | null } {
  try {
    const json = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    const error = typeof json.error === 'string' ? json.error : null;
    const description = typeof json.error_description === 'string' ? json.error_description : null;
    return { error, description };
  } catch {
    return { error: null, description: null };
  }
}

export async function refreshLikeCerb(
  ctx: DropboxContext,
  input: CerbRefreshInput,
): Promise<CerbRefreshOutcome> {
  const operation = 'oauth2/token (refresh_token, as Cerb sends it)';
  const real = Boolean(input.refreshToken);
  const redactor = createRedactor();
  redactor.add(input.appSecret);
  redactor.add(input.refreshToken ?? null);
  const outcome = (
    verdict: CerbRefreshOutcome['verdict'],
    status: CheckResult['status'],
    detail: string,
    error?: CheckResult['error'],
  ): CerbRefreshOutcome => ({
    verdict,
    check: result(CERB_REFRESH_CHECK_ID, LABEL, status, detail, error),
  });
  let reply;
  try {
    reply = await send(
      ctx,
      {
        method: 'POST',
        url: ctx.endpoints.tokenUrl,
        operation,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: cerbRefreshBody(input),
      },
      { idempotent: true },
    );
  } catch (err) {
    const error = toWizardError(err);
    return outcome(
      'error',
      'fail',
      `${error.message} Nothing is known about Cerb's refresh yet.`,
      error,
    );
  }
  const said = parse(reply.text);
  const folded = said.error?.split(':')[0] ?? null;
  const detail = `${describeReply(operation, reply.status, reply.requestId)}: ${
    said.error
      ? `${redactor.redact(said.error)}${said.description ? `: ${redactor.redact(said.description)}` : ''}`
      : 'no JSON error'
  }`;

  if (reply.status === 200) {
    return outcome(
      'accepted',
      'pass',
      `Dropbox accepted a refresh sent exactly the way Cerb sends it (redirect_uri ${input.redirectUri} included), so Cerb's link can outlive its 4-hour access token.`,
    );
  }
  if (folded === 'invalid_request' && /redirect_uri/i.test(said.description ?? '')) {
    const error = failure(
      'refresh_failed',
      `Dropbox refuses a refresh sent the way Cerb sends it (unknown field "redirect_uri"), so Cerb's link to Dropbox stops working about four hours after Link to Dropbox.`,
      CERB_REFRESH_REMEDY,
      { detail, action: 'retry' },
    ).error;
    return outcome('refused', 'fail', error.message, error);
  }
  if (folded === 'invalid_grant' && !real) {
    return outcome(
      'shape_accepted',
      'pass',
      "Dropbox accepts the fields Cerb sends when it refreshes (redirect_uri included): it went on to check the refresh token, which was a stand-in because Cerb holds the real one. Cerb's link should outlive its 4-hour access token.",
    );
  }
  if (folded === 'invalid_client') {
    const base = failure(
      'bad_app_credentials',
      'Dropbox rejected the Client ID and Client Secret Cerb would send.',
      CREDENTIALS_REMEDY,
      {
        detail,
        action: 'edit_credentials',
      },
    );
    const explained = toWizardError(await explainInvalidClient(ctx, input, base));
    const error =
      explained.code === 'app_disabled' ? { ...explained, remedy: APP_DISABLED_REMEDY } : explained;
    return outcome('error', 'fail', error.message, error);
  }
  const error = failure(
    folded === 'invalid_grant' ? 'refresh_failed' : 'unexpected_reply',
    folded === 'invalid_grant'
      ? "Dropbox refused Cerb's refresh token (invalid_grant: revoked, or issued to another app)."
      : `Dropbox answered Cerb's refresh with HTTP ${reply.status}${folded ? ` (${folded})` : ''}.`,
    folded === 'invalid_grant'
      ? 'In Cerb, click Link to Dropbox again.'
      : 'Press Check now again; if it repeats, report it with the details below.',
    { detail, action: 'retry' },
  ).error;
  return outcome('error', 'fail', error.message, error);
}

/**
 * Dropbox's reply to an RPC call read as a result or a wizard error (status codes as
 * dropbox-api-spec and the official SDKs' error handling read them):
 *   200 JSON result · 400 plain text · 401 JSON AuthError · 403 JSON AccessError ·
 *   409 JSON route error; 429/5xx never reach here (the retry policy in `retry.ts` has them).
 * Whatever of Dropbox's text is kept is scrubbed of the call's own secrets.
 */
import { APP_DISABLED_REMEDY, CREDENTIALS_REMEDY } from '../errors';
import { createRedactor } from '../log/redact';
import { firstDropboxText } from './error-texts';
import { failure, type DropboxErrorInfo, type FailureExtras, type WizardFailure } from '../failure';
import { isHtmlReply, notDropboxFailure } from './foreign-reply';
import { describeReply, type HttpReply } from './http';
import { basicAuthorization, type RpcAuth } from './rpc-auth';

function authSecrets(auth: RpcAuth): string[] {
  return auth.kind === 'bearer'
    ? [auth.token]
    : [auth.appSecret, basicAuthorization(auth.appKey, auth.appSecret).slice('Basic '.length)];
}

/** How Dropbox's own text ends up in `detail`: bounded, and scrubbed of anything credential-like. */
function scrubbedExcerpt(text: string, auth: RpcAuth, max = 400): string {
  const redactor = createRedactor();
  if (auth.kind === 'bearer') redactor.add(auth.token);
  else {
    redactor.add(auth.appSecret);
    redactor.add(basicAuthorization(auth.appKey, auth.appSecret).slice('Basic '.length));
  }
  const flat = redactor.redact(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

interface JsonErrorBody {
  readonly error_summary?: unknown;
  readonly error?: unknown;
  readonly user_message?: { readonly text?: unknown };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function tagOf(value: unknown): string | null {
  if (typeof value === 'string') return value; // compact form of a Void union member
  if (value && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)['.tag'];
    if (typeof tag === 'string') return tag;
  }
  return null;
}

function isJsonContentType(reply: HttpReply): boolean {
  const type = reply.headers.get('content-type') ?? '';
  // Dropbox sends exactly `application/json`; tolerate parameters in case a proxy adds a charset.
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** A JSON error reply (401/403/404/409/422) read once: its body, tag and summary for `dropbox`. */
function readJsonError(reply: HttpReply): {
  readonly body: JsonErrorBody | undefined;
  readonly tag: string | null;
  readonly summary: string | null;
  readonly info: DropboxErrorInfo;
} {
  const body = isJsonContentType(reply)
    ? (parseJson(reply.text) as JsonErrorBody | undefined)
    : undefined;
  const tag = tagOf(body?.error);
  const summary = typeof body?.error_summary === 'string' ? body.error_summary : null;
  return {
    body,
    tag,
    summary,
    info: { status: reply.status, tag, summary, error: body?.error, requestId: reply.requestId },
  };
}

const AUTHORIZE_AGAIN = 'then sign in again so Dropbox issues a new token.';

/** Basic auth refused, whether Dropbox said so as a 400 text or a 401 JSON body. */
function badAppCredentials(base: FailureExtras): WizardFailure {
  return failure(
    'bad_app_credentials',
    'Dropbox rejected the app key and secret.',
    CREDENTIALS_REMEDY,
    { ...base, action: 'edit_credentials' },
  );
}

function appLacksScope(route: string, scope: string, base: FailureExtras): WizardFailure {
  return failure(
    'scope_not_enabled_on_app',
    `The Dropbox app does not have the permission ${scope} enabled, so Dropbox refused ${route}.`,
    `App Console → your app → Permissions tab → tick ${scope} → Submit, then sign in again (tokens issued before the change never gain the new permission).`,
    { ...base, action: 'open_app_console' },
  );
}

function tokenLacksScope(route: string, scope: string, base: FailureExtras = {}): WizardFailure {
  return failure(
    'missing_scope',
    `The access token does not carry the permission ${scope}, so Dropbox refused ${route}.`,
    `App Console → your app → Permissions tab → tick ${scope} → Submit → sign in again (a token only carries the permissions that were ticked when it was issued).`,
    { ...base, action: 'authorize_again' },
  );
}

/** A disabled app, whichever way Dropbox said it: never "paste the secret again". */
export function appDisabledFailure(base: FailureExtras): WizardFailure {
  return failure(
    'app_disabled',
    'This app is disabled in the App Console, so Dropbox refuses every call it makes (its key and secret are not the problem).',
    APP_DISABLED_REMEDY,
    { ...base, action: 'open_app_console' },
  );
}

function map400(route: string, reply: HttpReply, auth: RpcAuth): WizardFailure {
  const excerpt = scrubbedExcerpt(reply.text, auth);
  const info: DropboxErrorInfo = {
    status: 400,
    tag: null,
    summary: excerpt.split(/(?<=\.)\s/)[0] ?? excerpt,
    requestId: reply.requestId,
  };
  const base = {
    detail: `${describeReply(route, 400, reply.requestId)}: ${excerpt}`,
    dropbox: info,
  };
  // One classifier for Dropbox's texts (error-texts.ts); the remedies are chosen here by cause.
  const said = firstDropboxText(reply.text);
  switch (said?.id) {
    case 'app_disabled':
      return appDisabledFailure(base);
    case 'invalid_client':
    case 'no_auth_function':
      if (auth.kind === 'basic') return badAppCredentials(base);
      break;
    case 'app_lacks_scope':
      if (said.named) return appLacksScope(route, said.named, base);
      break;
    case 'app_folder_on_team_route':
      return failure(
        'wrong_account_type',
        `This app has "App folder" access, so Dropbox refused ${route}: team functions need a "Full Dropbox" app.`,
        'The access type cannot be changed: in App Console create a new app with "Full Dropbox" access, tick the same permissions, and enter its key and secret.',
        { ...base, action: 'open_app_console' },
      );
    case 'user_token_on_team_route':
      return failure(
        'wrong_account_type',
        `This token belongs to a single Dropbox user, but ${route} needs a team token.`,
        'The connector needs a team token: in App Console → your app → Permissions tab tick the team scopes it needs → Submit, then sign in again as a team admin.',
        { ...base, action: 'authorize_again' },
      );
    case 'team_token_on_user_route':
      return failure(
        'wrong_account_type',
        `This is a team token, but ${route} works on a single user's Dropbox.`,
        'The connector needs a user token: in App Console → your app → Permissions tab untick the team scopes → Submit, then sign in again.',
        { ...base, action: 'authorize_again' },
      );
    case 'bad_authorization_header':
      if (auth.kind === 'basic') return badAppCredentials(base);
      return failure(
        'token_invalid',
        'Dropbox did not accept the access token.',
        `The token is malformed or was cut off; ${AUTHORIZE_AGAIN}`,
        { ...base, action: 'authorize_again' },
      );
    default:
      break;
  }
  return failure(
    'unexpected_reply',
    `Dropbox rejected the request ${route} as malformed.`,
    'This is likely a wizard problem. Press Try again; if it repeats, report it together with the details below.',
    { ...base, action: 'retry' },
  );
}

function map401(route: string, reply: HttpReply, auth: RpcAuth): WizardFailure {
  const { body, tag, info } = readJsonError(reply);
  const detail = `${describeReply(route, 401, reply.requestId)}: ${tag ?? scrubbedExcerpt(reply.text, auth, 200)}`;
  const base = { detail, dropbox: info };

  if (auth.kind === 'basic') return badAppCredentials(base);
  switch (tag) {
    case 'missing_scope': {
      const err = body?.error as { required_scope?: unknown };
      const scope =
        typeof err.required_scope === 'string' ? err.required_scope : 'the required permission';
      return tokenLacksScope(route, scope, {
        ...base,
        detail: `${detail} (required_scope ${scope})`,
      });
    }
    case 'expired_access_token':
      // Its own code: the caller refreshes and retries once instead of trusting its own clock.
      return failure(
        'token_expired',
        'The access token has expired.',
        `Access tokens last four hours; ${AUTHORIZE_AGAIN}`,
        {
          ...base,
          action: 'authorize_again',
        },
      );
    case 'invalid_select_user':
      return failure(
        'unexpected_reply',
        'The team member the wizard acted as is no longer on the team.',
        'Press Try again so the wizard picks a current member; if it repeats, report it with the details below.',
        { ...base, action: 'retry' },
      );
    case 'invalid_select_admin':
      return failure(
        'not_team_admin',
        'The account the wizard acted as is not a team admin.',
        `Sign in as a team admin: ${AUTHORIZE_AGAIN}`,
        { ...base, action: 'authorize_again' },
      );
    case 'user_suspended':
      return failure(
        'token_invalid',
        'The Dropbox account that authorized the app is suspended.',
        `Ask a team admin to restore the account, or sign in with another account: ${AUTHORIZE_AGAIN}`,
        { ...base, action: 'authorize_again' },
      );
    case 'route_access_denied':
      return failure(
        'wrong_account_type',
        `This app or token may not call ${route}.`,
        'Check the app type in App Console (team apps need "Full Dropbox" access and team scopes), then sign in again.',
        { ...base, action: 'authorize_again' },
      );
    default:
      // invalid_access_token, or anything new: the token is not usable.
      return failure(
        'token_invalid',
        'Dropbox no longer accepts this access token (it was revoked or is invalid).',
        'Sign in again so Dropbox issues a new token.',
        { ...base, action: 'authorize_again' },
      );
  }
}

function mapStructured(route: string, reply: HttpReply, auth: RpcAuth): WizardFailure {
  const { body, tag, summary, info } = readJsonError(reply);
  const userText =
    typeof body?.user_message?.text === 'string' ? ` "${body.user_message.text}"` : '';
  const what = summary ?? tag ?? scrubbedExcerpt(reply.text, auth, 200);
  const base = {
    detail: `${describeReply(route, reply.status, reply.requestId)}: ${what}${userText}`,
    dropbox: info,
  };

  if (reply.status === 403 && tag === 'invalid_account_type') {
    return failure(
      'wrong_account_type',
      `This kind of Dropbox account cannot use ${route}.`,
      'Sign in again with an account of the type the connector needs (a team admin for team connectors).',
      { ...base, action: 'authorize_again' },
    );
  }
  if (reply.status === 403 && tag === 'team_access_denied') {
    // auth.stone: the TEAM lacks permission for this call (its plan or settings), which a
    // different admin signing in does not change.
    return failure(
      'wrong_account_type',
      `Dropbox says this team may not use ${route} (team_access_denied): the team's plan or settings do not include it.`,
      "Signing in again will not change it: check the team's Dropbox plan and Admin Console → Settings for this feature, or ask Dropbox support which plan includes it.",
      { ...base, action: 'retry' },
    );
  }
  return failure(
    'unexpected_reply',
    `Dropbox refused ${route}${tag ? ` (${tag})` : ''}.`,
    'Press Try again; if it repeats, report it together with the details below.',
    { ...base, action: 'retry' },
  );
}

/** Turns a non-retryable reply into a result or a WizardFailure. */
export function interpretRpcReply<T>(
  route: string,
  reply: HttpReply,
  auth: RpcAuth,
  requireBody = false,
): T {
  // Dropbox's API never answers with an HTML page below 500; a captive portal or proxy does.
  if (reply.status < 500 && reply.status !== 429 && isHtmlReply(reply)) {
    throw notDropboxFailure(route, reply, authSecrets(auth));
  }
  if (reply.status === 200) {
    // Void results are `null`; tolerate an empty body for them too (the JS SDK never reads one).
    if (reply.text.trim() === '' && !requireBody) return null as T;
    const parsed = isJsonContentType(reply) ? parseJson(reply.text) : undefined;
    if (parsed === undefined) {
      throw failure(
        'unexpected_reply',
        `Dropbox answered something unexpected to ${route}: the reply could not be read.`,
        'Press Try again. If it repeats, a proxy may be rewriting traffic to Dropbox; report it with the details below.',
        {
          detail: `${describeReply(route, 200, reply.requestId)}: content-type ${reply.headers.get('content-type') ?? 'missing'}, ${reply.text.length} bytes, not JSON`,
          action: 'retry',
        },
      );
    }
    return parsed as T;
  }
  if (reply.status === 400) throw map400(route, reply, auth);
  if (reply.status === 401) throw map401(route, reply, auth);
  if (
    reply.status === 403 ||
    reply.status === 404 ||
    reply.status === 409 ||
    reply.status === 422
  ) {
    throw mapStructured(route, reply, auth);
  }
  throw failure(
    'unexpected_reply',
    `Dropbox gave an unexpected answer to ${route} (HTTP ${reply.status}).`,
    'Press Try again. If it repeats, check that DROPBOX_API_ORIGIN (if set) points at Dropbox, and report it with the details below.',
    {
      detail: `${describeReply(route, reply.status, reply.requestId)}: ${scrubbedExcerpt(reply.text, auth, 200)}`,
      action: 'retry',
    },
  );
}

/**
 * Token endpoint errors as WizardFailures. oauth4webapi reports an error reply as a
 * `ResponseBodyError` only when it is JSON; the caller hands us whatever `error` and
 * `error_description` it found (from the library or from the raw body), and we map them,
 * including Dropbox's folded `{"error": "invalid_client: Invalid client_id or client_secret"}`
 * and non-JSON error bodies that oauth4webapi only reports as "not JSON".
 *
 * Secrets (app secret, code, verifier, tokens) are scrubbed from anything Dropbox echoes back:
 * never in an error message or `detail`.
 */
import { CREDENTIALS_REMEDY } from '../errors';
import type { ErrorCode, RemedyAction } from '../../shared/result';
import { createRedactor } from '../log/redact';
import { classifyDropboxText } from './error-texts';
import { failure, type WizardFailure } from '../failure';
import { describeReply, type HttpReply } from './http';

export type Grant = 'authorization_code' | 'refresh_token';

/** What the error mapping needs to know about the token call that failed. */
export interface TokenCallFacts {
  readonly grant: Grant;
  /** Values to scrub from anything Dropbox echoes back. */
  readonly secrets: readonly string[];
}

export function unreadableTokenReply(reply: HttpReply, operation: string): WizardFailure {
  return failure(
    'unexpected_reply',
    "Dropbox's token reply could not be read.",
    'Press Try again (or sign in again for a new code). If it repeats, a proxy may be rewriting traffic to Dropbox.',
    {
      detail: `${describeReply(operation, reply.status, reply.requestId)}: content-type ${reply.headers.get('content-type') ?? 'missing'}, not a bearer token reply`,
      action: 'authorize_again',
    },
  );
}

export function tokenErrorFailure(
  reply: HttpReply,
  operation: string,
  input: TokenCallFacts,
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
    classifyDropboxText(text).some((m) => m.id === 'no_auth_function')
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
        'The token was revoked, the app was disconnected from the account, or it belongs to another app. Sign in again to get a new one.',
        'authorize_again',
      );
    }
    if (/redirect_uri/i.test(text)) {
      return make(
        'redirect_uri_not_registered',
        'Dropbox says the redirect URI sent with the code does not match the one used to sign in (redirect_uri mismatch).',
        'Sign in again and finish the sign-in with the same method you started it with.',
        'authorize_again',
      );
    }
    if (/verifier/i.test(text)) {
      return make(
        'code_expired',
        'Dropbox refused the code: the PKCE verifier does not match this sign-in.',
        'Sign in again; use only the newest sign-in page.',
        'authorize_again',
      );
    }
    return make(
      'code_expired',
      'The authorization code has expired or was already used.',
      'Codes work once and only for a few minutes. Sign in again and paste or return the new code straight away.',
      'authorize_again',
    );
  }
  if (/public client/i.test(text)) {
    return make(
      'public_clients_disallowed',
      'The app does not allow public clients (PKCE).',
      'Sign in again: the wizard now signs in to this app without PKCE (it holds the app secret, so it does not need it).',
      'authorize_again',
    );
  }
  return make(
    'unexpected_reply',
    `Dropbox refused the token request${error ? ` (${error})` : ''}.`,
    exchange
      ? 'Sign in again. If it repeats, report it with the details below.'
      : 'Press Try again; if it repeats, sign in again.',
    exchange ? 'authorize_again' : 'retry',
  );
}

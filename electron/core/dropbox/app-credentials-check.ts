/**
 * The "Create app" check: `POST /2/check/app` proves an app key and secret before any sign-in.
 */
import { CREDENTIALS_REMEDY } from '../errors';
import type { CheckResult } from '../../shared/contract';
import type { ErrorCode } from '../../shared/result';
import { nonce, result } from './check-result';
import type { DropboxContext } from './context';
import { failure, isWizardFailure, toWizardError } from '../failure';
import { rpc } from './rpc';

/**
 * Failures that are not "wrong key or secret": nothing was learnt about the pair (rate limits,
 * outages, no network, something other than Dropbox answering), or Dropbox accepted the pair but
 * the app is disabled (400 "App has been disabled", SEC101_021): that must never read as "paste
 * the secret again".
 */
const NOT_A_VERDICT: readonly ErrorCode[] = [
  'rate_limited',
  'dropbox_unavailable',
  'offline',
  'internal',
  'not_dropbox',
  'app_disabled',
];

/** `POST /2/check/app` with Basic key:secret: passes only on 200 echoing our random nonce. */
export async function checkAppCredentials(
  ctx: DropboxContext,
  input: { appKey: string; appSecret: string },
): Promise<CheckResult> {
  const id = 'app_credentials';
  const label = 'App key and secret';
  const rejected = (detail: string): CheckResult => {
    const error = failure(
      'bad_app_credentials',
      'Dropbox rejected this app key and secret.',
      CREDENTIALS_REMEDY,
      {
        detail,
        action: 'edit_credentials',
      },
    ).error;
    return result(id, label, 'fail', error.message, error);
  };
  if (!input.appKey || !input.appSecret) return rejected('the app key or the secret is empty');

  const query = nonce();
  try {
    const reply = await rpc<{ result?: unknown } | null>(ctx, 'check/app', {
      auth: { kind: 'basic', appKey: input.appKey, appSecret: input.appSecret },
      body: { query },
      requireBody: true,
    });
    if (reply?.result === query) {
      return result(
        id,
        label,
        'pass',
        `Dropbox accepted the app key ${input.appKey} and its secret.`,
      );
    }
    const error = failure(
      'unexpected_reply',
      'Dropbox answered something unexpected, so the app key and secret could not be checked.',
      'Press Try again. If it repeats, a proxy or captive portal may be answering instead of Dropbox; report it with the details below.',
      { detail: 'HTTP 200 from check/app, but the reply did not echo the query', action: 'retry' },
    ).error;
    return result(id, label, 'fail', error.message, error);
  } catch (err) {
    const error = toWizardError(err);
    // Too many requests, Dropbox down or no network say nothing about the credentials; nor does
    // an unreadable 200 (a captive portal's HTML, a truncated or empty body), which carries no
    // Dropbox error. A 4xx refusal with Dropbox's error does count (below).
    const unreadable =
      error.code === 'unexpected_reply' &&
      (!isWizardFailure(err) || err.dropbox?.status === undefined || err.dropbox.status === 200);
    if (NOT_A_VERDICT.includes(error.code) || unreadable) {
      return result(id, label, 'fail', error.message, error);
    }
    // Bad credentials: 400 with invalid_client in the body (microsoft/sarif-pattern-matcher
    // SEC101_021). The exact body is not documented, so any other refusal from Dropbox counts too.
    return rejected(error.detail ?? error.message);
  }
}

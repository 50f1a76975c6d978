/**
 * The WizardErrors the loopback listener reports: the port it could not listen on, Dropbox's
 * denial or error redirect, a redirect without a code, the timeout and a cancelled attempt.
 */
import type { WizardError } from '../../shared/result';
import { nextRedirectPort } from '../targets/redirect-ports';

export function listenError(
  error: unknown,
  host: string,
  port: number,
  path: string,
  alternatePorts: readonly number[],
): WizardError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const next = nextRedirectPort(port, alternatePorts);
    const message =
      code === 'EADDRINUSE'
        ? `Port ${port} on ${host} is already in use by another program, so the wizard cannot receive Dropbox's answer there.`
        : `The system does not allow the wizard to listen on port ${port} (on Windows the port may be in a reserved range).`;
    const remedy =
      next !== null
        ? `Use port ${next} instead: check that http://${host}:${next}${path} is listed under OAuth 2 → Redirect URIs on the app's Settings tab in the App Console, then sign in again.`
        : `Close the program using port ${port}, or set WIZARD_REDIRECT_PORTS to a free port and register its redirect URI on the app's Settings tab, then sign in again. You can also paste the code instead.`;
    return next !== null
      ? { code: 'port_busy', message, remedy, detail: code, action: 'next_port' }
      : { code: 'port_busy', message, remedy, detail: code, action: 'retry' };
  }
  return {
    code: 'internal',
    message: `The wizard could not listen on ${host}:${port} for Dropbox's answer.`,
    remedy: 'Try another registered port, or paste the code instead.',
    detail: code ?? (error instanceof Error ? error.name : 'unknown error'),
  };
}

export function accessDeniedError(): WizardError {
  return {
    code: 'access_denied',
    message: 'The sign-in was cancelled on Dropbox, so no access was granted.',
    remedy: 'Sign in again and choose Allow on the Dropbox page.',
    action: 'authorize_again',
  };
}

export function dropboxRedirectError(error: string): WizardError {
  // The error name is Dropbox's (state matched), but only a plain token is kept for support.
  const safe = /^[a-z_]{1,64}$/.test(error) ? error : 'unrecognised';
  return {
    code: 'unexpected_reply',
    message: 'Dropbox returned an error instead of a sign-in code.',
    remedy:
      "Sign in again. If it repeats, check the app's Permissions and Settings tabs in the App Console.",
    detail: `redirect error: ${safe}`,
    action: 'authorize_again',
  };
}

export function missingCodeError(): WizardError {
  return {
    code: 'unexpected_reply',
    message: "Dropbox's answer arrived without a sign-in code.",
    remedy: 'Sign in again.',
    action: 'authorize_again',
  };
}

export function timeoutError(timeoutMs: number, redirectUri: string): WizardError {
  const span =
    timeoutMs >= 60_000 && timeoutMs % 60_000 === 0
      ? `${timeoutMs / 60_000} minute${timeoutMs === 60_000 ? '' : 's'}`
      : `${Math.max(1, Math.round(timeoutMs / 1000))} seconds`;
  return {
    code: 'authorization_timeout',
    message: `No answer from Dropbox arrived within ${span}.`,
    remedy:
      `Sign in again. If Dropbox showed an "Invalid redirect_uri" page, add ${redirectUri} ` +
      "under OAuth 2 → Redirect URIs on the app's Settings tab first. You can also paste the code instead.",
    action: 'authorize_again',
  };
}

export function cancelledError(): WizardError {
  return {
    code: 'authorization_cancelled',
    message: 'The sign-in attempt was cancelled.',
    remedy: 'Click Authorize to start again.',
    action: 'authorize_again',
  };
}

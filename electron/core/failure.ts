/**
 * The one error type the Dropbox client throws for anything a user can meet. It carries a complete
 * WizardError (code, message, remedy, action) so the service can hand it to the renderer as is,
 * and, when Dropbox answered with a structured error, the parsed error for callers that want to
 * map a route-specific tag themselves (e.g. 409 `mapping_not_found`).
 *
 * The Error's own `message` is the WizardError message, which by construction never contains a
 * secret; nothing here copies request bodies, headers or URLs with credentials.
 */
import type { ErrorCode, RemedyAction, WizardError } from '../shared/result';

/** What Dropbox said, for callers that map route errors. Never contains request credentials. */
export interface DropboxErrorInfo {
  readonly status: number;
  /** `error[".tag"]` of a JSON error body, or null for text bodies. */
  readonly tag: string | null;
  /** `error_summary` of a JSON error body, or the first line of a text body. */
  readonly summary: string | null;
  /** The parsed `error` member of a JSON error body (route error union), when there was one. */
  readonly error?: unknown;
  readonly requestId: string | null;
}

export class WizardFailure extends Error {
  override readonly name = 'WizardFailure';

  constructor(
    readonly error: WizardError,
    readonly dropbox?: DropboxErrorInfo,
  ) {
    super(error.message);
  }
}

export function isWizardFailure(value: unknown): value is WizardFailure {
  return value instanceof WizardFailure;
}

export interface FailureExtras {
  readonly detail?: string;
  readonly action?: RemedyAction;
  readonly retryAfterSeconds?: number;
  readonly dropbox?: DropboxErrorInfo;
}

/** Shorthand used throughout the client: `throw failure('offline', msg, remedy, { ... })`. */
export function failure(
  code: ErrorCode,
  message: string,
  remedy: string,
  extras: FailureExtras = {},
): WizardFailure {
  const error: WizardError = {
    code,
    message,
    remedy,
    ...(extras.detail !== undefined ? { detail: extras.detail } : {}),
    ...(extras.action !== undefined ? { action: extras.action } : {}),
    ...(extras.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: extras.retryAfterSeconds }
      : {}),
  };
  return new WizardFailure(error, extras.dropbox);
}

/** Same failure, different next step (e.g. a network error during the single-use code exchange). */
export function withAction(f: WizardFailure, action: RemedyAction, remedy?: string): WizardFailure {
  return new WizardFailure({ ...f.error, action, ...(remedy ? { remedy } : {}) }, f.dropbox);
}

/**
 * For the service boundary: a WizardFailure passes through; anything else is a bug, reported as
 * `internal` with only the error's class name, because a foreign error message may quote a URL,
 * header or body that holds a secret.
 */
export function toWizardError(value: unknown): WizardError {
  if (value instanceof WizardFailure) return value.error;
  const name = value instanceof Error ? value.name : typeof value;
  return {
    code: 'internal',
    message: 'Something unexpected went wrong inside the wizard while talking to Dropbox.',
    remedy: 'Try again. What you entered is kept. If it repeats, restart the wizard and report it.',
    detail: name,
    action: 'retry',
  };
}

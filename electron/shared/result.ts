/**
 * Results that cross the bridge. Plain JSON only: Electron serialises nothing but `message` for
 * errors thrown from IPC handlers, so failures travel as values with a stable code.
 */

/** Stable error codes. Tests and the UI key off these; never rename one, only add. */
export const ERROR_CODES = [
  'bad_app_credentials',
  'invalid_client_id',
  'missing_scope',
  'scope_not_enabled_on_app',
  'redirect_uri_not_registered',
  'public_clients_disallowed',
  'app_disabled',
  'app_user_limit',
  'code_expired',
  'access_denied',
  'state_mismatch',
  'not_team_admin',
  'wrong_account_type',
  'port_busy',
  'rate_limited',
  'dropbox_unavailable',
  'offline',
  'unexpected_reply',
  'token_invalid',
  'refresh_failed',
  'authorization_timeout',
  'authorization_cancelled',
  'invalid_input',
  'wrong_field',
  'no_credentials',
  'export_failed',
  'file_exists',
  'secret_storage_unavailable',
  'unauthorized',
  'internal',
  // Added 2026-12 (core reshape): the access token expired (refresh, never trust our clock);
  // Dropbox refused to revoke a team token; key and secret pasted the wrong way round.
  'token_expired',
  'revoke_refused',
  'swapped_credentials',
  // Saved connectors: a reconnect signed in as another account or team.
  'wrong_account',
  // Added 2026-12 (Dropbox as observed): a captive portal or proxy answered instead of Dropbox.
  'not_dropbox',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What the wizard can offer as the next move after a failure. The renderer turns these into
 * buttons; core decides which one applies.
 */
export type RemedyAction =
  | 'retry'
  | 'authorize_again'
  | 'edit_credentials'
  | 'open_app_console'
  | 'next_port'
  | 'start_over'
  | 'replace_file'
  /** A reconnect signed in as someone else: ask before replacing the connector's account. */
  | 'confirm_account_change';

export interface WizardError {
  readonly code: ErrorCode;
  /** One sentence for people: what went wrong. Never contains a secret. */
  readonly message: string;
  /** What to do about it: which App Console tab and box, or which wizard button. */
  readonly remedy: string;
  /** Extra facts for support (HTTP status, Dropbox's own error text, redacted). */
  readonly detail?: string;
  readonly action?: RemedyAction;
  /** Seconds Dropbox asked us to wait (429), when known. */
  readonly retryAfterSeconds?: number;
  /**
   * The form field the error concerns, from core's error catalogue (electron/core/errors.ts):
   * the renderer focuses it. Never derived from the message text.
   */
  readonly field?: ErrorField;
  /**
   * A one-time confirmation the Node side issued with this error (`file_exists`): sending it back
   * is the only way to replace that file, so no page can overwrite a file in one call.
   */
  readonly confirmation?: string;
}

/** Fields an error can point at: the app key/secret, the pasted code, the export path, an input. */
export type ErrorField =
  | 'app_key'
  | 'app_secret'
  | 'authorization_code'
  | 'export_path'
  | 'connector_name'
  | 'scopes'
  | `input:${string}`;

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WizardError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: WizardError): Result<T> {
  return { ok: false, error };
}

/**
 * The one error catalogue. Every error code has its cause, its usual remedy, the remedy action
 * (a button) and the form field it concerns; the renderer focuses that field and never reads
 * the message text to decide anything. Situations the wizard itself reports (no target yet, the
 * secret not held) are named here once, so the same failure is worded the same way everywhere.
 */
import type { ErrorCode, ErrorField, RemedyAction, WizardError } from '../shared/result';

export interface CatalogueEntry {
  /** What usually causes it, for the error decoder and the README. */
  readonly cause: string;
  readonly remedy: string;
  readonly action?: RemedyAction;
  readonly field?: ErrorField;
}

/** Where the admin finds the key and secret; the one wording of the bad-credentials remedy. */
export const CREDENTIALS_REMEDY =
  'App Console → your app → Settings: copy the App key and the App secret (press Show), paste both into the wizard again and press Continue.';

/** The one wording of the disabled-app fix (never "paste the secret again": the pair is right). */
export const APP_DISABLED_REMEDY =
  'Open App Console → your app and see why it is disabled; enable it there if it offers that, or ask Dropbox support. Otherwise create a new app (same permissions and redirect URIs) and enter its key and secret. Pasting this key and secret again will not help.';

/** Something answered that is not Dropbox: the fix is on the network, not in the App Console. */
export const NOT_DROPBOX_REMEDY =
  'Open any web page in a browser on this computer: if a Wi-Fi sign-in (captive portal) or a proxy login appears, complete it, then press Try again. If DROPBOX_WEB_ORIGIN or DROPBOX_API_ORIGIN is set, check it points at Dropbox. What you entered is kept.';

export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, CatalogueEntry>> = {
  bad_app_credentials: {
    cause:
      'Dropbox does not recognise this app key and secret pair (a typo, a reset secret, or key and secret from two apps).',
    remedy: CREDENTIALS_REMEDY,
    action: 'edit_credentials',
    field: 'app_secret',
  },
  invalid_client_id: {
    cause: 'No Dropbox app has this app key.',
    remedy:
      'Copy it from App Console → your app → Settings → App key, paste it into the wizard again and press Continue.',
    action: 'edit_credentials',
    field: 'app_key',
  },
  swapped_credentials: {
    cause: 'The App key and the App secret were pasted into each other’s fields.',
    remedy:
      'Paste the value from App Console → your app → Settings → App key into App key, and the one behind Show into App secret, then press Continue.',
    action: 'edit_credentials',
    field: 'app_key',
  },
  missing_scope: {
    cause:
      'The token lacks a permission the connector needs: it was not ticked when the admin signed in.',
    remedy:
      'App Console → your app → Permissions: tick the scope → Submit, then sign in again (a token keeps the scopes it was issued with).',
    action: 'authorize_again',
  },
  scope_not_enabled_on_app: {
    cause: 'The app itself does not have the permission ticked.',
    remedy: 'App Console → your app → Permissions: tick the scope → Submit, then sign in again.',
    action: 'open_app_console',
  },
  redirect_uri_not_registered: {
    cause:
      'Dropbox matches redirect URIs exactly (scheme, host, port, path; localhost and 127.0.0.1 differ).',
    remedy:
      'App Console → your app → Settings → OAuth 2 → Redirect URIs: add the exact URI shown, press Add, then check again.',
    action: 'open_app_console',
  },
  public_clients_disallowed: {
    cause:
      'The app has "Allow public clients (Implicit Grant & PKCE)" set to Disallow, so Dropbox refuses PKCE.',
    remedy:
      'Nothing to change: the wizard signs in without PKCE for this app (it holds the app secret).',
    action: 'authorize_again',
  },
  app_disabled: {
    cause:
      'This app is disabled in the App Console (by its owner or by Dropbox): Dropbox answers "This app is currently disabled" or "App has been disabled". The key and secret are not the problem.',
    remedy: APP_DISABLED_REMEDY,
    action: 'open_app_console',
  },
  app_user_limit: {
    cause: 'A development app reached its limit of linked users or teams.',
    remedy:
      'App Console → your app → Settings: apply for production, or unlink an account you no longer need.',
    action: 'open_app_console',
  },
  code_expired: {
    cause: 'Authorization codes are single-use and expire after a few minutes.',
    remedy: 'Sign in again and paste the new code straight away.',
    action: 'authorize_again',
    field: 'authorization_code',
  },
  access_denied: {
    cause: 'Cancel was pressed on Dropbox’s consent page.',
    remedy: 'Sign in again and press Allow.',
    action: 'authorize_again',
  },
  state_mismatch: {
    cause: 'The sign-in answer belongs to another attempt (an old tab, or a forged request).',
    remedy: 'Sign in again and finish the sign-in in the newest tab.',
    action: 'authorize_again',
    field: 'authorization_code',
  },
  not_team_admin: {
    cause:
      'The account that signed in is not a Dropbox team admin, and this connector reads team data.',
    remedy: 'Sign in again with a team admin account.',
    action: 'authorize_again',
  },
  wrong_account_type: {
    cause: 'A team token was used where a single user’s token is needed, or the reverse.',
    remedy:
      'Check the app’s scopes on the Permissions tab, then sign in again with the right account.',
    action: 'authorize_again',
  },
  port_busy: {
    cause: 'Another program uses the wizard’s redirect port.',
    remedy: 'Try the next port (its redirect URI must be registered too).',
    action: 'next_port',
  },
  rate_limited: {
    cause: 'Dropbox asked the wizard to slow down (HTTP 429).',
    remedy: 'Wait for the countdown; the wizard tries again by itself.',
    action: 'retry',
  },
  dropbox_unavailable: {
    cause: 'Dropbox answered with a server error (HTTP 5xx).',
    remedy: 'Press Try again in a minute; what you entered is kept.',
    action: 'retry',
  },
  offline: {
    cause: 'Dropbox could not be reached (no network, a proxy, or a firewall).',
    remedy: 'Check the network connection, then press Try again; what you entered is kept.',
    action: 'retry',
  },
  unexpected_reply: {
    cause:
      'Dropbox (or something in between, such as a captive portal or proxy) answered something the wizard cannot read.',
    remedy:
      'Press Try again. If it repeats, report it with the details (they include Dropbox’s request id).',
    action: 'retry',
  },
  not_dropbox: {
    cause:
      'Something other than Dropbox answered (a captive portal, a proxy or a firewall page): its reply says nothing about the app, its key or its redirect URIs.',
    remedy: NOT_DROPBOX_REMEDY,
    action: 'retry',
  },
  token_invalid: {
    cause:
      'Dropbox no longer accepts the token (revoked, the app unlinked, or the account suspended).',
    remedy: 'Sign in again so Dropbox issues a new token.',
    action: 'authorize_again',
  },
  token_expired: {
    cause: 'Access tokens last four hours; the wizard refreshes them itself.',
    remedy: 'Press Try again: the wizard gets a new access token with the refresh token.',
    action: 'retry',
  },
  refresh_failed: {
    cause: 'Dropbox refused the refresh token (revoked, or issued to another app).',
    remedy: 'Sign in again to get a new refresh token.',
    action: 'authorize_again',
  },
  revoke_refused: {
    cause:
      'Dropbox does not let this token revoke itself (team tokens without team member access).',
    remedy:
      'Remove the link yourself: Dropbox Admin Console → Apps (connected apps) → this app → Remove, or App Console → your app → Settings → Delete app.',
    action: 'open_app_console',
  },
  authorization_timeout: {
    cause: 'No answer came back from Dropbox in time.',
    remedy: 'Sign in again, or use "Dropbox showed me a code".',
    action: 'authorize_again',
  },
  authorization_cancelled: {
    cause: 'The sign-in was cancelled or replaced by a newer one.',
    remedy: 'Choose one of the ways to authorize to start again.',
    action: 'authorize_again',
  },
  invalid_input: {
    cause: 'A value the wizard was given cannot be used.',
    remedy: 'Correct the highlighted value and try again.',
  },
  wrong_field: {
    cause: 'A value was pasted into the wrong field (a token as the key, the key as the secret).',
    remedy: 'Paste the value shown in the App Console next to the field’s name.',
    action: 'edit_credentials',
  },
  no_credentials: {
    cause: 'The wizard does not hold the value this step needs.',
    remedy: 'Go back to the step that asks for it.',
    action: 'edit_credentials',
  },
  export_failed: {
    cause: 'The file could not be written (folder missing, no permission, disk full).',
    remedy: 'Choose another folder or file name and export again.',
    action: 'retry',
    field: 'export_path',
  },
  file_exists: {
    cause: 'A file with that name already exists.',
    remedy: 'Replace it, or change the file name and export again.',
    action: 'replace_file',
    field: 'export_path',
  },
  secret_storage_unavailable: {
    cause: 'The system keyring is not available.',
    remedy: 'Secrets stay in memory only; export or copy them before closing the wizard.',
  },
  unauthorized: {
    cause:
      'The page’s access key to the wizard’s local service is missing or out of date (the service restarted).',
    remedy: 'Open the address the wizard printed when it started (npm run start:browser).',
  },
  wrong_account: {
    cause: 'A reconnect signed in with a different Dropbox account or team than the connector had.',
    remedy:
      'Replace the connector’s account with the new one, or keep the old one (the new sign-in is then revoked).',
    action: 'confirm_account_change',
  },
  internal: {
    cause: 'A bug in the wizard.',
    remedy: 'Try again. What you entered is kept. If it repeats, restart the wizard and report it.',
    action: 'retry',
  },
};

/** Adds the catalogue's field (and action, when the error names none) to an error from anywhere. */
export function withCatalogue(error: WizardError): WizardError {
  const entry = ERROR_CATALOGUE[error.code];
  if (!entry) return error;
  const field = error.field ?? entry.field;
  const action = error.action ?? entry.action;
  return {
    ...error,
    ...(field !== undefined ? { field } : {}),
    ...(action !== undefined ? { action } : {}),
  };
}

/** Failures the wizard reports about its own state, worded once. */
const SITUATIONS = {
  no_target: {
    code: 'invalid_input',
    message: 'No connector is chosen yet.',
    remedy: 'Go to "Choose connector" and pick the product you are connecting.',
    action: 'start_over',
  },
  no_app_credentials: {
    code: 'no_credentials',
    message: 'The app key and secret have not been entered yet.',
    remedy: 'Go back to "Create app", paste the App key and App secret and press Continue.',
    action: 'edit_credentials',
    field: 'app_key',
  },
  secret_not_held: {
    code: 'no_credentials',
    message:
      'The app secret is no longer held (it is kept in memory only and the wizard restarted).',
    remedy: 'Go back to "Create app", paste the App secret again and press Continue.',
    action: 'edit_credentials',
    field: 'app_secret',
  },
  no_authorization: {
    code: 'no_credentials',
    message: 'There is no Dropbox authorization to check yet.',
    remedy: 'Go to "Authorize" and sign in to Dropbox.',
    action: 'authorize_again',
  },
  step_not_open: {
    code: 'invalid_input',
    message: 'That step is not open yet.',
    remedy: 'Finish the current step first; each step is checked before the next one opens.',
  },
  attempt_gone: {
    code: 'authorization_cancelled',
    message: 'This sign-in attempt is no longer active.',
    remedy: 'Choose one of the ways to authorize to start again.',
    action: 'authorize_again',
  },
} as const satisfies Record<string, WizardError>;

export type Situation = keyof typeof SITUATIONS;

export function catalogueError(
  situation: Situation,
  overrides: Partial<WizardError> = {},
): WizardError {
  return { ...SITUATIONS[situation], ...overrides };
}

/**
 * An rclone.conf section for the Dropbox backend:
 *
 *   [dropbox]
 *   type = dropbox
 *   client_id = …
 *   client_secret = …
 *   token = {"access_token":"…","token_type":"bearer","refresh_token":"…","expiry":"…"}
 *
 * `token` is golang.org/x/oauth2's Token as rclone stores it (lib/oauthutil GetToken/PutToken):
 * those four keys in that order, `expiry` in RFC 3339.
 *
 * Without a current access token, access_token is a placeholder and the expiry is the export
 * time, so rclone sees an expired token and refreshes before its first API call (the placeholder
 * is never sent). It must not be empty: rclone 1.60 then re-reads the token in its pre-oauth2
 * layout, loses the refresh token and fails with "token expired and there's no refresh token"
 * (found by test/integration/rclone-export.test.ts). A zero expiry would mean "never expires".
 */
import type { ExportRequirement, Exporter } from '../exporter';
import { formatCreatedAt } from '../export-format';
import { assertRequirements, exportFailure } from '../requirements';
import { wizardHeader } from '../wizard-header';
import { STEP_TITLES } from '../../../shared/steps';

const LABEL = 'rclone.conf section';
const REQUIRES: readonly ExportRequirement[] = ['app_key', 'app_secret', 'refresh_token'];
export const RCLONE_CONF_FORMAT_VERSION = 'rclone-conf/v1';
export const RCLONE_REMOTE_INPUT = 'remote_name';
export const DEFAULT_RCLONE_REMOTE = 'dropbox';
/** access_token when the wizard holds none (see above); not a credential. */
export const NO_ACCESS_TOKEN = 'none-refresh-at-first-use';

/**
 * rclone's remote-name rule as rclone 1.60 (Debian bookworm) enforces it, which newer releases
 * only widen: ASCII letters, digits, `_`, `.`, `-` and space; not starting with `-` (it would
 * read as a flag) or space, not ending with a space (the section would not be found).
 */
const REMOTE_NAME = /^[A-Za-z0-9_.](?:[A-Za-z0-9_. -]*[A-Za-z0-9_.-])?$/;

/** The remote name to write, or an `export_failed` saying what rclone would reject. */
export function rcloneRemoteName(inputs: Readonly<Record<string, string>>): string {
  const raw = inputs[RCLONE_REMOTE_INPUT] ?? '';
  const name = raw.trim() === '' ? DEFAULT_RCLONE_REMOTE : raw;
  if (!REMOTE_NAME.test(name) || name.length > 64) {
    throw exportFailure(LABEL, {
      what:
        'the remote name may hold only letters, digits, _ . - and spaces, must not start with - ' +
        'or a space, must not end with a space, and may be at most 64 characters',
      remedy: `Go back to ${STEP_TITLES.target} and change the rclone remote name.`,
    });
  }
  return name;
}

// rclone's config parser reads a value to the end of the line; a line break would end it early.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

function confValue(name: string, value: string): string {
  if (CONTROL.test(value)) {
    throw exportFailure(LABEL, {
      what: `the value for ${name} contains a line break or control character`,
      remedy: `Go back to ${STEP_TITLES['create-app']} and paste the value again, exactly as the App Console shows it.`,
    });
  }
  return value;
}

export const RCLONE_CONF: Exporter = {
  id: 'rclone-conf',
  label: LABEL,
  extension: 'conf',
  description:
    'A [remote] section for rclone.conf with client_id, client_secret and the token; rclone ' +
    'refreshes the access token itself.',
  requires: REQUIRES,
  render(input) {
    assertRequirements(LABEL, input, REQUIRES);
    const remote = rcloneRemoteName(input.inputs);
    const access = input.accessToken;
    // Key order as Go's json.Marshal of oauth2.Token writes it, so rclone's own rewrite is a no-op.
    const token = JSON.stringify({
      access_token: access === null ? NO_ACCESS_TOKEN : access.value,
      token_type: 'bearer',
      refresh_token: (input.refreshToken ?? '').trim(),
      expiry: formatCreatedAt(access?.expiresAt ?? input.now),
    });
    return [
      `# ${wizardHeader(input.target.id, RCLONE_CONF_FORMAT_VERSION, input.now)}`,
      `# Add this section to rclone.conf (rclone config file shows where it is).`,
      `[${remote}]`,
      'type = dropbox',
      `client_id = ${confValue('client_id', input.appKey.trim())}`,
      `client_secret = ${confValue('client_secret', input.appSecret.trim())}`,
      `token = ${confValue('token', token)}`,
      '',
    ].join('\n');
  },
};

/**
 * A `.env` file: DROPBOX_APP_KEY, DROPBOX_APP_SECRET, DROPBOX_REFRESH_TOKEN.
 *
 * Values are single-quoted: dotenv (Node), python-dotenv, Docker Compose and a shell `source` all
 * take single-quoted text literally (no `$` expansion, no escapes). A single quote, backslash or
 * control character cannot be written that way portably, so such a value is refused rather than
 * escaped for one reader and broken for the others; Dropbox keys, secrets and tokens never hold
 * one.
 */
import type { ExportRequirement, Exporter } from '../exporter';
import { assertRequirements, exportFailure } from '../requirements';
import { wizardHeader } from '../wizard-header';
import { STEP_TITLES } from '../../../shared/steps';

const LABEL = '.env file';
const REQUIRES: readonly ExportRequirement[] = ['app_key', 'app_secret', 'refresh_token'];
export const ENV_FORMAT_VERSION = 'env/v1';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNQUOTABLE = /['\\\u0000-\u001f\u007f]/;

function quoted(name: string, value: string): string {
  if (UNQUOTABLE.test(value)) {
    // Names the variable, never the value: it may be a secret.
    throw exportFailure(LABEL, {
      what: `the value for ${name} contains a quote, backslash or line break`,
      remedy: `Go back to ${STEP_TITLES['create-app']} and paste the value again, exactly as the App Console shows it.`,
    });
  }
  return `'${value}'`;
}

export const ENV: Exporter = {
  id: 'env',
  label: LABEL,
  extension: 'env',
  description:
    'DROPBOX_APP_KEY, DROPBOX_APP_SECRET and DROPBOX_REFRESH_TOKEN for scripts and containers.',
  requires: REQUIRES,
  render(input) {
    assertRequirements(LABEL, input, REQUIRES);
    const values: readonly (readonly [string, string])[] = [
      ['DROPBOX_APP_KEY', input.appKey.trim()],
      ['DROPBOX_APP_SECRET', input.appSecret.trim()],
      ['DROPBOX_REFRESH_TOKEN', (input.refreshToken ?? '').trim()],
    ];
    return [
      `# ${wizardHeader(input.target.id, ENV_FORMAT_VERSION, input.now)}`,
      `# Dropbox credentials for ${input.target.name}, written by the Dropbox Connector Wizard.`,
      '# Keep this file private: anyone with the secret and the refresh token can use the app.',
      ...values.map(([name, value]) => `${name}=${quoted(name, value)}`),
      '',
    ].join('\n');
  },
};

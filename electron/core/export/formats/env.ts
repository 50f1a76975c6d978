/**
 * A `.env` file: DROPBOX_APP_KEY, DROPBOX_APP_SECRET, DROPBOX_REFRESH_TOKEN.
 *
 * Values are written bare (`KEY=value`). `docker run --env-file` does no quote processing at all
 * (Docker's documented rule: the value is everything after the first `=`), so a quoted value
 * reaches the container with its quotes and Dropbox answers `invalid_client`. A bare value made
 * only of letters, digits and `. _ - + / = : @ , [ ]` reads the same in Docker's `--env-file`,
 * `sh` (`set -a; . FILE`), python-dotenv and Node's `util.parseEnv` (a test runs all four). A value
 * that would need quoting is refused, naming the variable, rather than quoted for one reader and
 * broken for the others; Dropbox keys, secrets and tokens never need it.
 *
 * Comment lines after the machine header say what the token is, so an import restores the
 * connector as it was (`import/env-file.ts` reads them):
 *   # token_kind: team       (team or user, as in the JSON export; absent without an identity)
 *   # scopes: a.read b.write (the granted scopes, sorted, space-separated)
 */
import type { ExportRequirement, Exporter } from '../exporter';
import { assertRequirements, exportFailure } from '../requirements';
import { wizardHeader } from '../wizard-header';
import { STEP_TITLES } from '../../../shared/steps';

const LABEL = '.env file';
const REQUIRES: readonly ExportRequirement[] = ['app_key', 'app_secret', 'refresh_token'];
export const ENV_FORMAT_VERSION = 'env/v1';

/** What every one of the four readers takes literally when unquoted. `[]` only for "[redacted]". */
export const ENV_BARE_VALUE = /^[A-Za-z0-9._\-+/=:@,[\]]*$/;
/** Scope ids as Dropbox spells them (`team_data.member`, `files.content.write`). */
const SCOPE_ID = /^[a-z_:]+(\.[a-z_]+)*$/;

function bare(name: string, value: string): string {
  if (!ENV_BARE_VALUE.test(value)) {
    // Names the variable, never the value: it may be a secret.
    throw exportFailure(LABEL, {
      what: `the value for ${name} contains a character that would need quoting (a space, quote, $, #, backslash or line break)`,
      remedy: `Go back to ${STEP_TITLES['create-app']} and paste the value again, exactly as the App Console shows it.`,
    });
  }
  return value;
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
    const scopes = [...new Set(input.scopes)].filter((s) => SCOPE_ID.test(s)).sort();
    return [
      `# ${wizardHeader(input.target.id, ENV_FORMAT_VERSION, input.now)}`,
      ...(input.identity ? [`# token_kind: ${input.identity.tokenKind}`] : []),
      ...(scopes.length > 0 ? [`# scopes: ${scopes.join(' ')}`] : []),
      `# Dropbox credentials for ${input.target.name}, written by the Dropbox Connector Wizard.`,
      '# Keep this file private: anyone with the secret and the refresh token can use the app.',
      ...values.map(([name, value]) => `${name}=${bare(name, value)}`),
      '',
    ].join('\n');
  },
};

/**
 * The generic export file, `dropbox-connector/v1` (docs/export-format.schema.json), byte for byte
 * what `serializeExportDocument(buildExportDocument(…))` writes: connectors and scripts already
 * read it, so this exporter only adapts the registry's input to the existing builder.
 *
 * It requires a refresh token: the schema has `refresh_token` as a required string, and writing
 * `null` for app-only targets would be a schema change (a v2). App-only and prerequisites-only
 * profiles therefore do not list this format.
 */
import type { ExportRequirement, Exporter } from '../exporter';
import { buildExportDocument, serializeExportDocument } from '../export-format';
import { assertRequirements, exportFailure, missingValueText } from '../requirements';

const LABEL = 'Generic JSON file';
const REQUIRES: readonly ExportRequirement[] = [
  'app_key',
  'app_secret',
  'refresh_token',
  'identity',
];

export const GENERIC_JSON: Exporter = {
  id: 'generic-json',
  label: LABEL,
  extension: 'json',
  description:
    'App key, App secret, Refresh token, scopes, account and check results in one JSON file ' +
    '(format dropbox-connector/v1), for connectors and scripts.',
  requires: REQUIRES,
  render(input) {
    // renderExport checks these too; repeated so render stays safe when called on its own.
    assertRequirements(LABEL, input, REQUIRES);
    const { identity } = input;
    if (identity === null) throw exportFailure(LABEL, missingValueText('identity', input.target));
    return serializeExportDocument(
      buildExportDocument({
        target: input.target,
        appKey: input.appKey,
        appSecret: input.appSecret,
        refreshToken: input.refreshToken ?? '',
        scopes: input.scopes,
        identity,
        checks: input.checks,
        now: input.now,
      }),
    );
  },
};

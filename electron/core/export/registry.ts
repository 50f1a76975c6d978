/**
 * Every export format, and the one way to run one: `renderExport` checks the exporter's needs on
 * the real input, then (for the support copy) redacts the input once, before the exporter sees
 * it. An exporter therefore cannot leak a secret into a redacted file, whatever it renders.
 */
import type { ExportFormatInfo } from '../../shared/contract';
import { exportBaseName } from './default-export-path';
import { REDACTED, type ExportInput, type Exporter } from './exporter';
import { CERB_PACKAGE } from './formats/cerb-package';
import { ENV } from './formats/env';
import { FIELD_SHEET } from './formats/field-sheet';
import { GENERIC_JSON } from './formats/generic-json';
import { PRINTABLE_SUMMARY } from './formats/printable-summary';
import { RCLONE_CONF } from './formats/rclone-conf';
import { assertRequirements } from './requirements';

export const EXPORTERS: readonly Exporter[] = [
  GENERIC_JSON,
  ENV,
  RCLONE_CONF,
  CERB_PACKAGE,
  FIELD_SHEET,
  PRINTABLE_SUMMARY,
];

const BY_ID: ReadonlyMap<string, Exporter> = new Map(EXPORTERS.map((e) => [e.id, e]));

export function getExporter(id: string): Exporter | undefined {
  return BY_ID.get(id);
}

/** What the renderer may see of an exporter (no render function, no requirements). */
export function exportFormatInfo(exporter: Exporter): ExportFormatInfo {
  const { id, label, extension, description, nameSuffix } = exporter;
  return { id, label, extension, description, ...(nameSuffix ? { nameSuffix } : {}) };
}

/**
 * The support copy's input: App secret, refresh token and access token value replaced by
 * "[redacted]" (not even a suffix, which would help guessing). The App key stays: it is public
 * in every authorize URL and support needs it to find the app. An empty or absent value stays
 * empty or absent, so the copy never claims a value that was not there.
 */
export function redactInput(input: ExportInput): ExportInput {
  const hide = (value: string): string => (value.trim() === '' ? value : REDACTED);
  return {
    ...input,
    appSecret: hide(input.appSecret),
    refreshToken: input.refreshToken === null ? null : hide(input.refreshToken),
    accessToken:
      input.accessToken === null
        ? null
        : { value: hide(input.accessToken.value), expiresAt: input.accessToken.expiresAt },
  };
}

export function renderExport(
  exporter: Exporter,
  input: ExportInput,
  options: { readonly redacted: boolean },
): string {
  // On the real input: "[redacted]" must never stand in for a value that is missing.
  assertRequirements(exporter.label, input, [
    ...exporter.requires,
    ...(exporter.requirementsFor?.(input.target) ?? []),
  ]);
  return exporter.render(options.redacted ? redactInput(input) : input);
}

/**
 * Default file name: `<target>-dropbox-connector-<YYYYMMDD-HHMMSS>` plus the exporter's suffix and
 * extension (`.json`, `.env`, `.conf`, `.txt`, `.html`, `-cerb-package.json`); the support copy
 * has `.redacted` before the extension (`….redacted.json`).
 */
export function exportFileName(
  exporter: Exporter,
  targetId: string,
  now: Date,
  options: { readonly redacted: boolean },
): string {
  const redacted = options.redacted ? '.redacted' : '';
  return `${exportBaseName(targetId, now)}${exporter.nameSuffix ?? ''}${redacted}.${exporter.extension}`;
}

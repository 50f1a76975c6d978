/**
 * What an export file holds once read back: the three values a connector needs plus the target
 * the file was made for. Shared by the CLI's `verify` and by importing a file as a saved connector.
 */

export type ImportFormat = 'generic-json' | 'env' | 'rclone-conf';

export interface ImportedCredentials {
  readonly format: ImportFormat;
  /** The target id the file names; null when it names none (then it is checked as Custom). */
  readonly target: string | null;
  readonly appKey: string;
  readonly appSecret: string;
  readonly refreshToken: string;
  /** The rclone remote (section name) the values came from. */
  readonly remote?: string;
  /** Scopes the file says were granted (generic JSON only). */
  readonly scopes?: string[];
  /** Token kind the file records (generic JSON only). */
  readonly tokenKind?: 'team' | 'user';
}

/**
 * Why a file (or one rclone remote in it) cannot be checked. `reason` is one line and never
 * quotes a value from the file: a file that fails to parse may still hold a secret.
 */
export interface ImportProblem {
  readonly format: ImportFormat | null;
  /** `redacted`: the support copy, which has no secrets to check. */
  readonly kind: 'invalid' | 'redacted';
  readonly reason: string;
  readonly remote?: string;
}

export type ImportResult =
  | { readonly ok: true; readonly credentials: ImportedCredentials }
  | { readonly ok: false; readonly problem: ImportProblem };

export const REDACTED_REASON = 'this is the redacted support copy; verify the real export';

/** The support copy writes this in place of every secret (export-format.ts, exporter.ts). */
export const REDACTED_VALUE = '[redacted]';

export function invalid(
  format: ImportFormat | null,
  reason: string,
  remote?: string,
): ImportResult {
  return {
    ok: false,
    problem: { format, kind: 'invalid', reason, ...(remote !== undefined ? { remote } : {}) },
  };
}

export function redacted(format: ImportFormat, remote?: string): ImportResult {
  return {
    ok: false,
    problem: {
      format,
      kind: 'redacted',
      reason: REDACTED_REASON,
      ...(remote !== undefined ? { remote } : {}),
    },
  };
}

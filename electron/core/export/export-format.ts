/**
 * The generic export file, `dropbox-connector/v1`. Its shape is a public interface (documented
 * by docs/export-format.schema.json): connectors and scripts read it, so fields are only ever
 * added in a new format version, never renamed.
 *
 * Building throws a WizardFailure (`export_failed`) when a value is missing: that means the
 * wizard reached Export without a verified identity or credential, which the admin fixes by
 * going back a step. The service checks these first, so in practice it never fires.
 */
import type {
  CheckResult,
  CheckStatus,
  Identity,
  TargetProfile,
  TokenKind,
} from '../../shared/contract';
import { WizardFailure } from '../failure';

export const EXPORT_FORMAT = 'dropbox-connector/v1';

export interface ExportDocument {
  readonly format: typeof EXPORT_FORMAT;
  readonly target: string;
  /** UTC, whole seconds: "2026-11-23T10:00:00Z". */
  readonly created_at: string;
  readonly app_key: string;
  readonly app_secret: string;
  readonly refresh_token: string;
  readonly scopes: readonly string[];
  readonly token_kind: TokenKind;
  /** The team the token acts for; null for user tokens. */
  readonly team: { readonly id: string; readonly name: string } | null;
  /** The account that authorized: the user, or for team tokens the admin who linked the app. */
  readonly account: { readonly id: string; readonly email: string; readonly display_name: string };
  readonly checks: readonly {
    readonly id: string;
    readonly status: CheckStatus;
    readonly detail: string;
  }[];
}

export interface ExportInput {
  readonly target: TargetProfile;
  readonly appKey: string;
  readonly appSecret: string;
  readonly refreshToken: string;
  /** The scopes the token was granted. */
  readonly scopes: readonly string[];
  readonly identity: Identity;
  readonly checks: readonly CheckResult[];
  readonly now: Date;
}

/** ISO 8601 UTC without milliseconds: some connector parsers reject fractional seconds. */
export function formatCreatedAt(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildExportDocument(input: ExportInput): ExportDocument {
  const { identity } = input;
  const missing = (what: string, remedy: string): never => {
    throw new WizardFailure({
      code: 'export_failed',
      message: `The export cannot be written yet: ${what}.`,
      remedy,
      action: 'retry',
    });
  };

  if (input.appKey.trim() === '' || input.appSecret.trim() === '') {
    return missing('the App key or App secret is missing', 'Go back to Create app and enter both.');
  }
  if (input.refreshToken.trim() === '') {
    return missing('there is no refresh token', 'Go back to Authorize and sign in again.');
  }
  if (identity.accountId === null || identity.email === null || identity.displayName === null) {
    return missing('the signed-in account is not known', 'Go back to Verify and run it again.');
  }
  let team: ExportDocument['team'] = null;
  if (identity.tokenKind === 'team') {
    if (identity.teamId === null || identity.teamName === null) {
      return missing('the team is not known', 'Go back to Verify and run it again.');
    }
    team = { id: identity.teamId, name: identity.teamName };
  }

  return {
    format: EXPORT_FORMAT,
    target: input.target.id,
    created_at: formatCreatedAt(input.now),
    app_key: input.appKey.trim(),
    app_secret: input.appSecret.trim(),
    refresh_token: input.refreshToken.trim(),
    scopes: [...new Set(input.scopes)].sort(),
    token_kind: identity.tokenKind,
    team,
    account: { id: identity.accountId, email: identity.email, display_name: identity.displayName },
    // Only id, status and detail: labels are UI text and `error` may carry remedy prose.
    checks: input.checks.map((check) => ({
      id: check.id,
      status: check.status,
      detail: check.detail,
    })),
  };
}

/** Stable text form: two-space JSON, key order as above, trailing newline. */
export function serializeExportDocument(data: ExportDocument): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

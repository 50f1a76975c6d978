/**
 * Exporters: one pure function per file format. A new format is one file in `formats/` plus a
 * golden file; nothing else in the wizard changes.
 *
 * Redaction happens once, on the input, before any exporter runs (`renderExport`), so every
 * format has its support copy by construction and no exporter can forget a secret.
 */
import type { CheckResult, ExportFormatInfo, Identity, TargetProfile } from '../../shared/contract';

export const REDACTED = '[redacted]';

/** What an exporter may need; `renderExport` refuses to run one whose needs are not met. */
export type ExportRequirement =
  | 'app_key'
  | 'app_secret'
  | 'refresh_token'
  | 'access_token'
  | 'identity'
  | 'verified'
  /** At least one product redirect URI (filled from the profile's inputs). */
  | 'redirect_uri'
  /** At least one scope. */
  | 'scopes';

/**
 * Where Dropbox lives for the file being written (DropboxEndpoints carries both). Only formats
 * that name Dropbox URLs read it (the Cerb package); absent means the production hosts, so a
 * demo against the local emulator can export a package that points at the emulator.
 */
export interface ExportEndpoints {
  /** `https://www.dropbox.com/oauth2/authorize` */
  readonly authorizeUrl: string;
  /** `https://api.dropboxapi.com/oauth2/token` */
  readonly tokenUrl: string;
}

export interface ExportInput {
  readonly target: TargetProfile;
  readonly appKey: string;
  readonly appSecret: string;
  /** null on app-only and prerequisites-only targets (the product signs in itself). */
  readonly refreshToken: string | null;
  /** The current access token and when it expires (rclone's `token` carries both). */
  readonly accessToken: { readonly value: string; readonly expiresAt: Date } | null;
  /** Scopes Dropbox granted (full flow) or the scopes the product should ask for (app-only). */
  readonly scopes: readonly string[];
  readonly identity: Identity | null;
  readonly checks: readonly CheckResult[];
  /** The profile's inputs as the admin gave them (Cerb base URL, rclone remote name). */
  readonly inputs: Readonly<Record<string, string>>;
  /** The product redirect URIs with inputs filled in (plan.productRedirectUris). */
  readonly redirectUris: readonly string[];
  readonly now: Date;
  /** The resolved Dropbox endpoints; omitted = production (see ExportEndpoints). */
  readonly endpoints?: ExportEndpoints;
}

export interface Exporter extends ExportFormatInfo {
  readonly requires: readonly ExportRequirement[];
  /**
   * Needs that depend on the profile (the field sheet needs whatever the product's form lists).
   * Checked together with `requires`, on the unredacted input.
   */
  readonly requirementsFor?: (target: TargetProfile) => readonly ExportRequirement[];
  /**
   * Inserted before the extension in default file names, for files whose kind the extension does
   * not say: `-cerb-package` gives `…-cerb-package.json`.
   */
  readonly nameSuffix?: string;
  /** Pure: same input, same text. Throws a WizardFailure (`export_failed`) on a missing value. */
  render(input: ExportInput): string;
}

/**
 * The one contract between the renderer and the Node side. Both transports (IPC in Electron,
 * HTTP on loopback in browser mode) carry exactly these calls, and both end in the same core
 * service, so an end-to-end test in Chromium exercises everything but the Electron shell.
 *
 * Rule: no type here holds a secret (app secret, code, access or refresh token) except the
 * explicit reveal/copy results, which exist so the admin can see or copy a value on purpose.
 */
import type { Result, WizardError } from './result';
import type { StepId } from './steps';

export type AccountType = 'team_admin' | 'user';
export type ContentAccess = 'full_dropbox' | 'app_folder';
export type ScopeGroup = 'user' | 'team';
export type TokenKind = 'team' | 'user';
export type TransportMode = 'electron' | 'browser';
export type RedirectMode = 'loopback' | 'manual';

export interface ScopeInfo {
  readonly id: string;
  readonly group: ScopeGroup;
  /** App Console wording, for the Permissions checklist. */
  readonly meaning: string;
  /** The harmless read call Verify makes to prove the scope works, or null ("granted, not probed"). */
  readonly probe: string | null;
}

export interface ExportField {
  /** Key in the export file. */
  readonly key: string;
  /** Label as the connector's own UI names it ("App key", "Client ID", ...). */
  readonly label: string;
  readonly secret: boolean;
}

export interface TargetProfile {
  readonly id: string;
  readonly name: string;
  /** One or two sentences: what the admin gets at the end. */
  readonly summary: string;
  readonly accountType: AccountType;
  readonly access: ContentAccess;
  readonly requiredScopes: readonly string[];
  /** Custom targets let the admin tick scopes; fixed ones do not. */
  readonly scopesEditable: boolean;
  readonly suggestedAppName: string;
  /** Redirect URIs of the product itself (Cerb, Certero…) that must also be registered. */
  readonly productRedirectUris: readonly string[];
  readonly outputs: readonly ExportField[];
  /** Where the admin pastes the result, in the product's words. */
  readonly handoff: string;
}

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info';

export interface CheckResult {
  /** Stable ids: app_credentials, redirect_uri, identity, scopes, token_valid, probe:<scope>, refresh. */
  readonly id: string;
  readonly label: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly error?: WizardError;
}

export interface Identity {
  readonly tokenKind: TokenKind;
  readonly accountId: string | null;
  readonly email: string | null;
  readonly emailVerified: boolean | null;
  readonly displayName: string | null;
  readonly teamId: string | null;
  readonly teamName: string | null;
  /** null when it cannot be known (user token on a personal account). */
  readonly isTeamAdmin: boolean | null;
}

export type SecretState = 'none' | 'memory' | 'stored';

export interface SecretStorageInfo {
  /** Where secrets live now and why, in one plain sentence for the UI. */
  readonly notice: string;
  /** safeStorage usable with a real keyring (Electron only). */
  readonly encrypted: boolean;
  /** Electron on Linux with only basic_text: the admin may opt in to plain storage. */
  readonly canOptIn: boolean;
  readonly optedIn: boolean;
}

/** Non-secret progress. Persisted on the Node side (electron-store or a JSON file), never in the browser. */
export interface Progress {
  readonly targetId: string | null;
  readonly step: StepId;
  readonly completed: readonly StepId[];
  readonly appKey: string;
  /** Scopes ticked for a Custom target. */
  readonly customScopes: readonly string[];
  readonly appChecks: readonly CheckResult[];
  readonly identity: Identity | null;
  /** Kind of the token from the last authorization; null before one. */
  readonly tokenKind: TokenKind | null;
  readonly grantedScopes: readonly string[];
  readonly verifyChecks: readonly CheckResult[];
  readonly exportedPath: string | null;
  /** How the app returns the code: loopback redirect, or the code Dropbox shows (no redirect URI). */
  readonly redirectMode: RedirectMode;
  readonly updatedAt: string;
}

export interface SessionSnapshot {
  readonly mode: TransportMode;
  readonly progress: Progress;
  readonly secrets: { readonly appSecret: SecretState; readonly refreshToken: SecretState };
  readonly storage: SecretStorageInfo;
  /** The loopback redirect URIs to register: the default first, then the alternates. */
  readonly redirectUris: readonly string[];
  readonly appConsoleUrl: string;
  readonly dataDir: string;
  /** Default export path (browser mode shows it in a field). */
  readonly defaultExportPath: string;
  /**
   * A sign-in attempt still running on the Node side (e.g. the page was reloaded while waiting):
   * the renderer resumes waiting for it instead of showing the choices again.
   */
  readonly pendingAuthorization: AuthorizationStart | null;
}

export type AuthorizeMethod = 'internal' | 'browser' | 'manual';

export interface AuthorizationStart {
  readonly attemptId: string;
  readonly method: AuthorizeMethod;
  /**
   * The URL to open. Carries client_id and state, never a secret. In Electron the main process
   * opens it itself; in browser mode the renderer opens it in a new tab.
   */
  readonly authorizeUrl: string;
  readonly redirectUri: string | null;
  /** True when main already opened it (Electron); the renderer must not open it again. */
  readonly opened: boolean;
}

export interface AuthorizationSummary {
  readonly tokenKind: TokenKind;
  readonly grantedScopes: readonly string[];
  readonly accountId: string | null;
  readonly teamId: string | null;
  readonly hasRefreshToken: boolean;
}

export type AuthorizationWait =
  | { readonly status: 'pending' }
  | { readonly status: 'authorized'; readonly summary: AuthorizationSummary };

export interface AppCheckReport {
  readonly checks: readonly CheckResult[];
  readonly passed: boolean;
}

export interface VerifyReport {
  readonly checks: readonly CheckResult[];
  readonly identity: Identity | null;
  /** Kind of the token from the last authorization; null before one. */
  readonly tokenKind: TokenKind | null;
  readonly grantedScopes: readonly string[];
  readonly missingScopes: readonly string[];
  readonly extraScopes: readonly string[];
  readonly passed: boolean;
}

export type SecretField = 'app_key' | 'app_secret' | 'refresh_token';

export type CopyResult =
  /** Electron: main wrote the clipboard and will clear it after `clearsAfterSeconds`. */
  | { readonly copiedBy: 'main'; readonly clearsAfterSeconds: number }
  /** Browser mode: the page writes the clipboard itself. */
  | { readonly copiedBy: 'renderer'; readonly value: string; readonly clearsAfterSeconds: number };

export interface ExportResult {
  /** The file written: the full export, or with `redacted: true` only the support copy. */
  readonly path: string;
  readonly redacted: boolean;
  readonly format: string;
}

/** Progress events pushed from the Node side while a call is running. */
export type BridgeEvent =
  | {
      readonly type: 'waiting';
      readonly reason: 'rate_limited' | 'dropbox_unavailable' | 'offline';
      readonly operation: string;
      /** Epoch milliseconds when the next attempt starts; the UI shows a countdown. */
      readonly retryAt: number;
      readonly attempt: number;
    }
  | {
      readonly type: 'authorization';
      readonly attemptId: string;
      readonly status: 'arrived' | 'failed';
    };

/** Every call the renderer can make. Argument objects are validated on the Node side. */
export interface BridgeApi {
  getSession(args: Record<string, never>): Promise<Result<SessionSnapshot>>;
  listTargets(args: Record<string, never>): Promise<Result<readonly TargetProfile[]>>;
  listScopes(args: Record<string, never>): Promise<Result<readonly ScopeInfo[]>>;
  selectTarget(args: { targetId: string }): Promise<Result<SessionSnapshot>>;
  setCustomScopes(args: { scopes: string[] }): Promise<Result<SessionSnapshot>>;
  goToStep(args: { step: StepId }): Promise<Result<SessionSnapshot>>;
  saveAppKey(args: { appKey: string }): Promise<Result<SessionSnapshot>>;
  /**
   * `redirectMode: 'manual'` is for apps with no redirect URI (the admin will paste the code
   * Dropbox shows): the loopback redirect pre-flight is then skipped, not failed.
   */
  checkAppCredentials(args: {
    appKey: string;
    appSecret?: string;
    redirectMode?: RedirectMode;
  }): Promise<Result<AppCheckReport>>;
  openAppConsole(args: Record<string, never>): Promise<Result<{ url: string; opened: boolean }>>;
  startAuthorization(args: {
    method: AuthorizeMethod;
    port?: number;
    forceReauthentication?: boolean;
  }): Promise<Result<AuthorizationStart>>;
  waitForAuthorization(args: { attemptId: string }): Promise<Result<AuthorizationWait>>;
  submitAuthorizationCode(args: { code: string }): Promise<Result<AuthorizationSummary>>;
  cancelAuthorization(args: Record<string, never>): Promise<Result<null>>;
  runVerify(args: Record<string, never>): Promise<Result<VerifyReport>>;
  revealSecret(args: { field: SecretField }): Promise<Result<{ value: string }>>;
  copySecret(args: { field: SecretField }): Promise<Result<CopyResult>>;
  /**
   * `redacted: true` writes ONLY the support copy (secrets replaced by "[redacted]"). An existing
   * file is replaced only with `overwrite: true` (else the error code is `file_exists`). A
   * relative path or `~` is resolved against the data dir's exports folder / the home folder.
   */
  exportConfig(args: {
    path?: string;
    redacted?: boolean;
    overwrite?: boolean;
  }): Promise<Result<ExportResult>>;
  revokeToken(args: Record<string, never>): Promise<Result<null>>;
  setSecretPersistence(args: { optIn: boolean }): Promise<Result<SessionSnapshot>>;
  startOver(args: Record<string, never>): Promise<Result<SessionSnapshot>>;
}

export type BridgeMethod = keyof BridgeApi;
export type BridgeArgs<M extends BridgeMethod> = Parameters<BridgeApi[M]>[0];
export type BridgeValue<M extends BridgeMethod> =
  Awaited<ReturnType<BridgeApi[M]>> extends Result<infer T> ? T : never;

/** The list both transports iterate; a method missing here cannot be called. */
export const BRIDGE_METHODS = [
  'getSession',
  'listTargets',
  'listScopes',
  'selectTarget',
  'setCustomScopes',
  'goToStep',
  'saveAppKey',
  'checkAppCredentials',
  'openAppConsole',
  'startAuthorization',
  'waitForAuthorization',
  'submitAuthorizationCode',
  'cancelAuthorization',
  'runVerify',
  'revealSecret',
  'copySecret',
  'exportConfig',
  'revokeToken',
  'setSecretPersistence',
  'startOver',
] as const satisfies readonly BridgeMethod[];

export function isBridgeMethod(value: unknown): value is BridgeMethod {
  return typeof value === 'string' && (BRIDGE_METHODS as readonly string[]).includes(value);
}

/** IPC channel names: one scheme, never changed. */
export const IPC_INVOKE_PREFIX = 'bridge:';
export const IPC_EVENT_CHANNEL = 'bridge-event';

/** HTTP transport (browser mode). */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api/events';
export const HTTP_TOKEN_HEADER = 'x-wizard-token';

/**
 * The one contract between the renderer and the Node side. Both transports (IPC in Electron,
 * HTTP on loopback in browser mode) carry exactly these calls, and both end in the same core
 * service, so an end-to-end test in Chromium exercises everything but the Electron shell.
 *
 * Rule: no type here holds a secret (app secret, code, access or refresh token) except the
 * explicit reveal/copy results, which exist so the admin can see or copy a value on purpose.
 */
import type { RemedyAction, Result, WizardError } from './result';
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

/**
 * How the wizard's work ends for a product:
 * - `full`: the wizard signs in and the refresh token is an output (Snow Atlas, rclone, Custom);
 * - `app-only`: the product signs in itself through its own redirect URI; the wizard proves the
 *   key, secret, redirect URI, scopes and account by a *test* authorization (online access);
 * - `prerequisites-only`: no app of the customer's exists; a guided checklist, nothing checked.
 */
export type FlowShape = 'full' | 'app-only' | 'prerequisites-only';

/** Who must sign in: fixed by the product, or decided by the ticked scopes (a team scope → team admin). */
export type AccountRequirement = AccountType | 'by_scopes';

/**
 * PKCE S256 is sent wherever the app allows it (RFC 9700 §2.1.1). `never`: the product's own guide
 * tells the admin to disallow public clients, and Dropbox then refuses any PKCE request.
 */
export type PkcePolicy = 'when_allowed' | 'never';

/** A named set of scopes the admin can pick in one click (Cerb: read-only files, read-write files). */
export interface ScopePreset {
  readonly id: string;
  readonly label: string;
  readonly scopes: readonly string[];
}

export interface ProfileScopes {
  /** Fixed targets: exactly these. Editable targets: the starting ticks. */
  readonly required: readonly string[];
  /** The admin ticks scopes (Custom, Cerb); fixed ones cannot be changed. */
  readonly editable: boolean;
  readonly presets: readonly ScopePreset[];
}

/** One App Console setting to choose, in the Console's words, and why the product needs it. */
export interface AppConsoleSetting {
  readonly name: string;
  readonly value: string;
  readonly why?: string;
}

export interface AppConsoleFacts {
  readonly suggestedName: string;
  /**
   * Redirect URIs of the product itself that must also be registered. `{input:<id>}` stands for a
   * value derived from a profile input (e.g. Cerb's base URL); core resolves it into the plan.
   */
  readonly productRedirectUris: readonly string[];
  readonly settings: readonly AppConsoleSetting[];
  /** Plain notes in the product's context ("one app per Dropbox account", "No expiration is gone"). */
  readonly notes: readonly string[];
  /**
   * What the admin must know before setting the product up at all (Cerb's link that stops after
   * about four hours): shown beside the guide, never folded with the notes.
   */
  readonly warning?: string;
}

/** A value the admin must give for this product (Cerb's base URL, rclone's remote name). */
export interface ProfileInput {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly placeholder: string;
  readonly kind: 'url' | 'text' | 'email';
  /** Pre-filled value, '' for none. */
  readonly defaultValue: string;
}

/** The values an output field can carry; exporters and the Copy screen read them by key. */
export type OutputKey =
  'app_key' | 'app_secret' | 'refresh_token' | 'redirect_uri' | 'account_email' | 'scopes';

export interface ExportField {
  /** Which value (and, in the generic JSON, the key in the export file). */
  readonly key: OutputKey;
  /** Label exactly as the connector's own UI names it ("App key", "Client ID", ...). */
  readonly label: string;
  readonly secret: boolean;
  /** Where in the product this goes, if not obvious ("Extra settings tab"). */
  readonly where?: string;
}

export interface ChecklistItem {
  readonly id: string;
  readonly title: string;
  readonly detail: string;
}

export interface TargetProfile {
  readonly id: string;
  readonly name: string;
  /**
   * How a sentence names the product when `name` is not a product's name ("the app your product
   * will use", never "the app Custom will use"); `name` when absent.
   */
  readonly noun?: string;
  /** One line on Choose connector: what the admin will have at the end. */
  readonly gets: string;
  /** One or two sentences of context. */
  readonly summary: string;
  readonly flow: FlowShape;
  readonly account: AccountRequirement;
  readonly access: ContentAccess;
  readonly scopes: ProfileScopes;
  readonly pkce: PkcePolicy;
  readonly appConsole: AppConsoleFacts;
  readonly inputs: readonly ProfileInput[];
  /** The product's form, in the order it asks. */
  readonly outputs: readonly ExportField[];
  /** Exporter ids (see electron/core/export/formats), the first is the default. */
  readonly formats: readonly string[];
  /**
   * What the admin does in the product afterwards, one step per entry. `{input:<id>}` stands for
   * the value of that input (rules.ts fills it in as `plan.handoff`).
   */
  readonly handoff: readonly string[];
  /** prerequisites-only targets: the guided checklist. */
  readonly checklist: readonly ChecklistItem[];
}

/** An exporter as the renderer sees it (the render function stays in core). */
export interface ExportFormatInfo {
  readonly id: string;
  readonly label: string;
  readonly extension: string;
  readonly description: string;
  /** Before the extension in suggested names (`-cerb-package` → `…-cerb-package.json`). */
  readonly nameSuffix?: string;
}

export interface PlanStep {
  readonly id: StepId;
  /** Title for this product ("Test authorization" on app-only targets). */
  readonly title: string;
}

/**
 * Everything derived from the chosen profile and the admin's choices, computed once in core
 * (electron/core/targets/rules.ts). The renderer renders these and keeps no copy of the rules.
 */
export interface ConnectorPlan {
  readonly targetId: string;
  readonly flow: FlowShape;
  readonly steps: readonly PlanStep[];
  readonly accountType: AccountType;
  readonly requiredScopes: readonly ScopeInfo[];
  /** The product's redirect URIs with inputs filled in; a URI whose input is missing is left out. */
  readonly productRedirectUris: readonly string[];
  /** Input ids still empty or invalid. */
  readonly missingInputs: readonly string[];
  /** `connector`: the token is the output; `test`: proves the app, then is revoked; `none`. */
  readonly authorization: 'connector' | 'test' | 'none';
  /**
   * How the sign-in returns the code unless the admin chooses otherwise: `manual` (the code
   * Dropbox shows) for app-only targets, so the product's live app needs no loopback redirect URI
   * for the wizard's test sign-in; `loopback` otherwise.
   */
  readonly defaultRedirectMode: RedirectMode;
  /**
   * An app-only target whose app the admin set up with the wizard's loopback redirect URIs (the
   * loopback path instead of the shown code): the product never uses them, so the finish screen
   * says they can be removed from the app's Redirect URIs.
   */
  readonly wizardRedirectUrisRemovable: boolean;
  /** The product's own steps (`target.handoff`) with the admin's inputs filled in. */
  readonly handoff: readonly string[];
  readonly formats: readonly ExportFormatInfo[];
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

/**
 * One cause the error decoder (electron/core/connectors/error-decoder.ts) recognised in the error
 * text an admin pasted from a product. Nothing in it is taken from the pasted text (which may hold
 * a token): `recognised` quotes the decoder's own fixed list of phrases, and `scope` is set only
 * after it was found in the scope catalogue.
 */
export interface DecodedError {
  /** Stable id of the cause (`missing_scope`, `refresh_token_revoked`, `team_token_on_user_route`…). */
  readonly id: string;
  /** The phrase that matched, from the decoder's fixed list (never the pasted text). */
  readonly recognised: string;
  readonly cause: string;
  /** The exact step: which App Console tab and box, or which wizard button. */
  readonly fix: string;
  readonly code: WizardError['code'] | null;
  /** A RemedyAction: the button the fix names. */
  readonly action: NonNullable<WizardError['action']> | null;
  /** Which of the connector's own checks helps confirm it (the bridge runs it where it helps). */
  readonly check: 'refresh' | 'scopes' | 'identity' | 'app' | 'redirect' | null;
  /** missing_scope and the like: the scope the text names, validated against the catalogue. */
  readonly scope?: string;
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

/** The last health check of a saved connector (no secret in it). */
export interface HealthRecord {
  readonly checkedAt: string;
  readonly passed: boolean;
  readonly checks: readonly CheckResult[];
}

/** One thing that changed between two health checks, with the fix for it. */
export interface HealthChange {
  /** The check id it concerns (`refresh`, `identity`, `scope:files.content.read`, `probe:…`). */
  readonly id: string;
  readonly kind: 'broke' | 'recovered';
  readonly what: string;
  readonly fix: string;
  readonly action: RemedyAction | 'reconnect' | null;
}

export interface ConnectorHealth extends HealthRecord {
  /** Compared with the check before this one; empty on the first check or when nothing changed. */
  readonly changes: readonly HealthChange[];
}

/**
 * healthy: everything the product needs was verified by a call now; degraded: nothing failed but
 * something could not be checked; unknown: the check could not reach a verdict (rate limit,
 * network); secret_not_held: nothing to check with (browser mode keeps secrets in memory);
 * key_only: an app-only product whose key and secret are valid (its own token is not visible).
 */
export type ConnectorStatus =
  | 'setup'
  | 'healthy'
  | 'failing'
  | 'unchecked'
  | 'not_checkable'
  | 'degraded'
  | 'unknown'
  | 'secret_not_held'
  | 'key_only';

/** A connector's first problem and its fix, for the home table and the connector page. */
export interface ConnectorCause {
  readonly what: string;
  readonly fix: string;
  /** The fix's button: reconnect, open the App Console, import the exported file, … */
  readonly action: RemedyAction | 'reconnect' | 'import_file' | 'test_authorization' | null;
}

/** A row on the home screen. */
export interface ConnectorSummary {
  readonly id: string;
  readonly name: string;
  readonly targetId: string | null;
  readonly targetName: string | null;
  readonly account: string | null;
  readonly team: string | null;
  readonly status: ConnectorStatus;
  /** The status in words, from core ("Healthy", "Degraded", "Can't check", …). */
  readonly statusWord: string;
  /** What the status covers: "5 of 7 scopes verified by a call · 2 granted at setup, not checkable". */
  readonly statusLine: string | null;
  /** The first cause of a status that is not Healthy, with its fix; null when there is none. */
  readonly cause: ConnectorCause | null;
  /** When the record last changed (a draft's age). */
  readonly updatedAt: string;
  readonly lastChecked: string | null;
  readonly formatsExported: readonly string[];
  readonly active: boolean;
}

/** Non-secret progress. Persisted on the Node side (electron-store or a JSON file), never in the browser. */
export interface Progress {
  readonly targetId: string | null;
  /** Values for the profile's inputs (Cerb base URL, rclone remote name), by input id. */
  readonly inputs: Readonly<Record<string, string>>;
  /**
   * Whether the app accepts PKCE ("Allow public clients"), learned from the pre-flight; null
   * before it is known. Recorded per app: a new key resets it.
   */
  readonly pkceAllowed: boolean | null;
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
  /**
   * How the wizard's sign-in returns the code: a loopback redirect, or the code Dropbox shows (no
   * redirect_uri sent). Choosing a target sets its plan's `defaultRedirectMode`.
   */
  readonly redirectMode: RedirectMode;
  /** The admin's name for this connector on the home screen ('' = derived from target and team). */
  readonly name: string;
  /** Export formats written so far (saved connectors show them). */
  readonly exportedFormats: readonly string[];
  /** The last health check (Verify counts as the first). */
  readonly health: HealthRecord | null;
  /**
   * When who signed in and the granted scopes were recorded (Verify, or the import's check):
   * reports call them "recorded at setup <date>" unless a check proves them now.
   */
  readonly factsRecordedAt?: string | null;
  readonly updatedAt: string;
}

export interface SessionSnapshot {
  readonly mode: TransportMode;
  /** The connector this draft belongs to (saved state is keyed by it). */
  readonly connectorId: string;
  readonly progress: Progress;
  /** Rules derived from the chosen profile; null before a connector is chosen. */
  readonly plan: ConnectorPlan | null;
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
  /** Where the step list and Back/Continue may go, by core's rule (`core/wizard/draft.ts`). */
  readonly navigation: StepNavigation;
  /**
   * What could not be read from the saved state when the wizard started (a whole file kept aside,
   * connector records kept in the file unread), one plain sentence each with its fix; the home
   * screen shows them. Empty when everything was read.
   */
  readonly savedStateNotices: readonly string[];
}

/** Core's step rule applied to the current draft; the renderer keeps no copy of it. */
export interface StepNavigation {
  /** Steps the admin may open now, in plan order (up to the first one not completed). */
  readonly reachable: readonly StepId[];
  /** The step after the current one in the plan; null on the last. */
  readonly next: StepId | null;
  /** The step before the current one in the plan; null on the first. */
  readonly previous: StepId | null;
}

/** Create app's check with the draft it left: one call for Continue (check, then move on). */
export interface AppCheckOutcome extends AppCheckReport {
  readonly session: SessionSnapshot;
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

/** Any output value can be revealed or copied by key; only secret ones need the explicit call. */
export type SecretField = OutputKey;

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
    }
  | {
      /** Check all: one connector's check landed (its row and its result). */
      readonly type: 'connector_checked';
      readonly connector: ConnectorSummary;
      readonly health: ConnectorHealth;
    };

/** Every call the renderer can make. Argument objects are validated on the Node side. */
export interface BridgeApi {
  getSession(args: Record<string, never>): Promise<Result<SessionSnapshot>>;
  listTargets(args: Record<string, never>): Promise<Result<readonly TargetProfile[]>>;
  listScopes(args: Record<string, never>): Promise<Result<readonly ScopeInfo[]>>;
  selectTarget(args: { targetId: string }): Promise<Result<SessionSnapshot>>;
  setCustomScopes(args: { scopes: string[] }): Promise<Result<SessionSnapshot>>;
  /** Values for the profile's inputs; unknown ids are refused, each value is validated by core. */
  setInputs(args: { inputs: Record<string, string> }): Promise<Result<SessionSnapshot>>;
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
    /** On a pass without warnings, also open the next step (Create app's Continue). */
    advance?: boolean;
  }): Promise<Result<AppCheckOutcome>>;
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
   * file is replaced only with the one-time `replace` confirmation a `file_exists` answer carried.
   * A relative path stays inside the data dir's exports folder; `~` is the home folder.
   */
  exportConfig(args: {
    /** Exporter id from `plan.formats`; the profile's first format when omitted. */
    format?: string;
    path?: string;
    redacted?: boolean;
    /** The `confirmation` of the `file_exists` answer for this path: replaces that file. */
    replace?: string;
  }): Promise<Result<ExportResult>>;
  revokeToken(args: Record<string, never>): Promise<Result<null>>;
  setSecretPersistence(args: { optIn: boolean }): Promise<Result<SessionSnapshot>>;
  startOver(args: Record<string, never>): Promise<Result<SessionSnapshot>>;

  // --- Saved connectors (home screen) -----------------------------------------------------
  listConnectors(args: Record<string, never>): Promise<Result<readonly ConnectorSummary[]>>;
  /** Makes a connector the active one (its page, or its unfinished wizard). */
  openConnector(args: { connectorId: string }): Promise<Result<SessionSnapshot>>;
  /** Starts a new connector's wizard; the others stay saved. */
  newConnector(args: Record<string, never>): Promise<Result<SessionSnapshot>>;
  renameConnector(args: { connectorId: string; name: string }): Promise<Result<SessionSnapshot>>;
  /**
   * Forgets a connector and its secrets. `revoke: true` first revokes its token at Dropbox; where
   * Dropbox refuses, nothing is deleted and the error says where the admin removes the link.
   */
  deleteConnector(args: { connectorId: string; revoke: boolean }): Promise<Result<SessionSnapshot>>;
  /** Re-runs the target's checks on a saved connector and says what changed since the last one. */
  checkConnector(args: { connectorId: string }): Promise<Result<ConnectorHealth>>;
  /** Every saved connector, concurrently within Dropbox's rate limits. */
  checkAllConnectors(
    args: Record<string, never>,
  ): Promise<Result<Readonly<Record<string, ConnectorHealth>>>>;
  /** Authorize a saved connector again, keeping its settings (the wizard opens on Authorize). */
  reconnectConnector(args: { connectorId: string }): Promise<Result<SessionSnapshot>>;
  /** After `wrong_account`: replace the connector's account with the new sign-in, or keep the old. */
  resolveAccountChange(args: { replace: boolean }): Promise<Result<SessionSnapshot>>;
  /** A previously exported file's text (generic JSON, .env, rclone.conf): check it and save it. */
  /**
   * Credentials already saved (same app key and account) are not added again: they come back in
   * `existing`, and the same call with `update: true` updates those connectors instead.
   */
  importConnector(args: { fileName: string; text: string; update?: boolean }): Promise<
    Result<{
      readonly imported: readonly ConnectorSummary[];
      readonly existing: readonly ConnectorSummary[];
      /** One line per name or value changed to fit (a name shortened), for the admin to read. */
      readonly notes: readonly string[];
    }>
  >;
  /** The error text a product shows → causes and fixes; with a connector, its check runs too. */
  decodeError(args: {
    text: string;
    connectorId?: string;
  }): Promise<
    Result<{ readonly matches: readonly DecodedError[]; readonly health: ConnectorHealth | null }>
  >;
  /** A timestamped verification report with no secret in it. */
  exportReport(args: {
    connectorId: string;
    format: 'markdown' | 'html';
    path?: string;
    replace?: string;
  }): Promise<Result<ExportResult>>;
}

export type BridgeMethod = keyof BridgeApi;
export type BridgeArgs<M extends BridgeMethod> = Parameters<BridgeApi[M]>[0];

/** The list both transports iterate; a method missing here cannot be called. */
export const BRIDGE_METHODS = [
  'getSession',
  'listTargets',
  'listScopes',
  'selectTarget',
  'setCustomScopes',
  'setInputs',
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
  'listConnectors',
  'openConnector',
  'newConnector',
  'renameConnector',
  'deleteConnector',
  'checkConnector',
  'checkAllConnectors',
  'reconnectConnector',
  'resolveAccountChange',
  'importConnector',
  'decodeError',
  'exportReport',
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

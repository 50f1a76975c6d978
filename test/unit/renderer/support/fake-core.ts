/**
 * A small stand-in for the Node side, seen through `window.wizardBridge` (the preload's global).
 * Each bridge method is a vi.fn returning Results, with a default that moves progress the way the
 * real core does (selectTarget → create-app, a passed app check → permissions, authorization →
 * verify, a passed Verify → export), so store tests exercise the renderer's step logic against
 * believable snapshots. Tests override single calls with mockResolvedValueOnce & co.
 */
import { type Mock, vi } from 'vitest';
import type {
  AppCheckReport,
  AuthorizationStart,
  AuthorizationSummary,
  AuthorizationWait,
  BridgeApi,
  BridgeEvent,
  BridgeMethod,
  CheckResult,
  Progress,
  ScopeInfo,
  SecretField,
  SessionSnapshot,
  TargetProfile,
  VerifyReport,
} from '../../../../electron/shared/contract';
import type { WizardBridgeGlobal } from '../../../../electron/shared/preload-api';
import { type Result, type WizardError, fail, ok } from '../../../../electron/shared/result';
import { STEP_IDS, type StepId } from '../../../../electron/shared/steps';

export type FakeBridge = { [M in BridgeMethod]: Mock<BridgeApi[M]> } & {
  onEvent: Mock<WizardBridgeGlobal['onEvent']>;
};

export const TARGETS: readonly TargetProfile[] = [
  {
    id: 'rclone',
    name: 'rclone',
    summary: 'A Dropbox remote for rclone.',
    accountType: 'user',
    access: 'full_dropbox',
    requiredScopes: ['account_info.read', 'files.content.read'],
    scopesEditable: false,
    suggestedAppName: 'rclone-acme',
    productRedirectUris: [],
    outputs: [{ key: 'client_id', label: 'Client ID', secret: false }],
    handoff: 'Paste into rclone config.',
  },
  {
    id: 'custom',
    name: 'Custom',
    summary: 'Pick the scopes yourself.',
    accountType: 'user',
    access: 'full_dropbox',
    requiredScopes: [],
    scopesEditable: true,
    suggestedAppName: 'custom-connector',
    productRedirectUris: [],
    outputs: [{ key: 'app_key', label: 'App key', secret: false }],
    handoff: 'Paste into your product.',
  },
];

export const SCOPES: readonly ScopeInfo[] = [
  {
    id: 'account_info.read',
    group: 'user',
    meaning: 'View basic information about your Dropbox account',
    probe: 'users/get_current_account',
  },
  {
    id: 'files.content.read',
    group: 'user',
    meaning: 'View content of your Dropbox files and folders',
    probe: 'files/list_folder',
  },
];

export const REDIRECT_URIS = [
  'http://127.0.0.1:53682/',
  'http://127.0.0.1:53683/',
  'http://127.0.0.1:53684/',
] as const;

export const SUMMARY: AuthorizationSummary = {
  tokenKind: 'user',
  grantedScopes: ['account_info.read', 'files.content.read'],
  accountId: 'dbid:admin',
  teamId: null,
  hasRefreshToken: true,
};

export function check(id: string, status: CheckResult['status'], detail = ''): CheckResult {
  return { id, label: id, status, detail };
}

export function appReport(...checks: CheckResult[]): AppCheckReport {
  return { checks, passed: checks.every((c) => c.status !== 'fail') };
}

export function error(code: WizardError['code'], message = `failed: ${code}`): WizardError {
  return { code, message, remedy: 'Try again.' };
}

const PENDING: Result<AuthorizationWait> = ok({ status: 'pending' });
export const pending = (): Result<AuthorizationWait> => PENDING;

function withStep(completed: readonly StepId[], step: StepId): StepId[] {
  return STEP_IDS.filter((id) => id === step || completed.includes(id));
}

const INITIAL_PROGRESS: Progress = {
  targetId: null,
  step: 'target',
  completed: [],
  appKey: '',
  customScopes: [],
  appChecks: [],
  identity: null,
  tokenKind: null,
  grantedScopes: [],
  verifyChecks: [],
  exportedPath: null,
  redirectMode: 'loopback',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

const BEFORE_CREATE_APP: readonly StepId[] = ['target'];

export interface FakeCore {
  readonly bridge: FakeBridge;
  /** Replaces fields of the progress core reports from now on. */
  update(patch: Partial<Progress>): void;
  progress(): Progress;
  snapshot(): SessionSnapshot;
  /** Pushes an event to whoever subscribed through onEvent. */
  emit(event: BridgeEvent): void;
  /** What core does when a sign-in completes: records it and moves on to Verify. */
  authorized(): Result<AuthorizationWait>;
  /** The app check report core will answer next (default: everything passes). */
  nextAppReport: AppCheckReport;
  /** Secret values core hands out for reveal/copy (never otherwise). */
  readonly secretValues: Record<SecretField, string>;
  /** A sign-in core is still running (reported by getSession, as after a reload). */
  setPendingAuthorization(start: AuthorizationStart | null): void;
  /** Which secrets core holds now. */
  secrets(): SessionSnapshot['secrets'];
  setSecrets(patch: Partial<SessionSnapshot['secrets']>): void;
}

export function fakeCore(options: { mode?: SessionSnapshot['mode'] } = {}): FakeCore {
  let progress: Progress = INITIAL_PROGRESS;
  let secrets: SessionSnapshot['secrets'] = { appSecret: 'none', refreshToken: 'none' };
  let pendingAuthorization: AuthorizationStart | null = null;
  const listeners = new Set<(event: BridgeEvent) => void>();

  const update = (patch: Partial<Progress>): void => {
    progress = { ...progress, ...patch };
  };
  const snapshot = (): SessionSnapshot => ({
    mode: options.mode ?? 'electron',
    progress,
    secrets,
    storage: {
      notice: 'Secrets are kept in memory until the wizard closes.',
      encrypted: false,
      canOptIn: false,
      optedIn: false,
    },
    redirectUris: [...REDIRECT_URIS],
    appConsoleUrl: 'https://www.dropbox.com/developers/apps',
    dataDir: '/home/admin/.config/dropbox-connector-wizard',
    defaultExportPath: '/home/admin/dropbox-connector.json',
    pendingAuthorization,
  });
  const session = (): Result<SessionSnapshot> => ok(snapshot());

  const core: FakeCore = {
    update,
    progress: () => progress,
    snapshot,
    setPendingAuthorization: (start) => {
      pendingAuthorization = start;
    },
    secrets: () => secrets,
    setSecrets: (patch) => {
      secrets = { ...secrets, ...patch };
    },
    emit: (event) => {
      for (const listener of listeners) listener(event);
    },
    authorized: () => {
      update({
        step: 'verify',
        completed: withStep(progress.completed, 'authorize'),
        tokenKind: SUMMARY.tokenKind,
        grantedScopes: SUMMARY.grantedScopes,
      });
      secrets = { ...secrets, refreshToken: 'memory' };
      return ok({ status: 'authorized', summary: SUMMARY });
    },
    nextAppReport: appReport(check('app_credentials', 'pass'), check('redirect_uri', 'pass')),
    secretValues: {
      app_key: 'appkey-visible-123',
      app_secret: 'APP-SECRET-must-not-leak',
      refresh_token: 'REFRESH-TOKEN-must-not-leak',
    },
    bridge: {
      getSession: vi.fn(async () => session()),
      listTargets: vi.fn(async () => ok(TARGETS)),
      listScopes: vi.fn(async () => ok(SCOPES)),
      selectTarget: vi.fn(async ({ targetId }) => {
        if (!TARGETS.some((t) => t.id === targetId)) return fail(error('invalid_input'));
        const changed = progress.targetId !== null && progress.targetId !== targetId;
        if (changed) {
          // As core: another connector discards the authorization and every check.
          secrets = { ...secrets, refreshToken: 'none' };
          pendingAuthorization = null;
          update({
            appChecks: [],
            verifyChecks: [],
            grantedScopes: [],
            tokenKind: null,
            identity: null,
          });
        }
        update({
          targetId,
          completed: changed ? ['target'] : withStep(progress.completed, 'target'),
          step: 'create-app',
        });
        return session();
      }),
      setCustomScopes: vi.fn(async ({ scopes }) => {
        update({ customScopes: [...scopes].sort() });
        return session();
      }),
      goToStep: vi.fn(async ({ step }) => {
        update({ step });
        return session();
      }),
      saveAppKey: vi.fn(async ({ appKey }) => {
        // As core: a token pasted as the key is refused and not saved.
        if (appKey.startsWith('sl.')) {
          return fail({
            ...error('wrong_field', 'This looks like an access token, not an App key.'),
            action: 'edit_credentials' as const,
          });
        }
        if (appKey !== progress.appKey) {
          // The held secret belonged to the previous app.
          secrets = { ...secrets, appSecret: 'none' };
          update({ appKey, appChecks: [], completed: [...BEFORE_CREATE_APP] });
        }
        return session();
      }),
      checkAppCredentials: vi.fn(async ({ appKey, redirectMode }) => {
        const report = core.nextAppReport;
        update({
          appKey,
          appChecks: report.checks,
          redirectMode: redirectMode ?? 'loopback',
          ...(report.passed
            ? { step: 'permissions', completed: withStep(progress.completed, 'create-app') }
            : {}),
        });
        secrets = { ...secrets, appSecret: report.passed ? 'memory' : 'none' };
        return ok(report);
      }),
      openAppConsole: vi.fn(async () =>
        ok({ url: 'https://www.dropbox.com/developers/apps', opened: true }),
      ),
      startAuthorization: vi.fn(async ({ method, port }) => {
        const redirectUri = method === 'manual' ? null : `http://127.0.0.1:${port ?? 53682}/`;
        const start: AuthorizationStart = {
          attemptId: `attempt-${method}`,
          method,
          authorizeUrl: `https://www.dropbox.com/oauth2/authorize?client_id=appkey&state=s-${method}`,
          redirectUri,
          opened: options.mode !== 'browser',
        };
        return ok(start);
      }),
      // A long poll that never answers unless a test says so.
      waitForAuthorization: vi.fn(() => new Promise<Result<AuthorizationWait>>(() => {})),
      submitAuthorizationCode: vi.fn(async () => {
        core.authorized();
        return ok(SUMMARY);
      }),
      cancelAuthorization: vi.fn(async () => ok(null)),
      runVerify: vi.fn(async () => {
        const report: VerifyReport = {
          checks: [check('identity', 'pass'), check('token_valid', 'pass')],
          identity: null,
          tokenKind: 'user',
          grantedScopes: SUMMARY.grantedScopes,
          missingScopes: [],
          extraScopes: [],
          passed: true,
        };
        update({
          verifyChecks: report.checks,
          step: 'export',
          completed: withStep(progress.completed, 'verify'),
        });
        return ok(report);
      }),
      revealSecret: vi.fn(async ({ field }) => ok({ value: core.secretValues[field] })),
      copySecret: vi.fn(async ({ field }) =>
        ok({
          copiedBy: 'renderer' as const,
          value: core.secretValues[field],
          clearsAfterSeconds: 30,
        }),
      ),
      exportConfig: vi.fn(async ({ redacted }) => {
        if (redacted) {
          return ok({
            path: '/home/admin/dropbox-connector.redacted.json',
            redacted: true,
            format: 'dropbox-connector/v1',
          });
        }
        update({ exportedPath: '/home/admin/dropbox-connector.json' });
        return ok({
          path: '/home/admin/dropbox-connector.json',
          redacted: false,
          format: 'dropbox-connector/v1',
        });
      }),
      revokeToken: vi.fn(async () => {
        update({ step: 'authorize', completed: progress.completed.filter((s) => s !== 'verify') });
        secrets = { ...secrets, refreshToken: 'none' };
        return ok(null);
      }),
      setSecretPersistence: vi.fn(async () => session()),
      startOver: vi.fn(async () => {
        progress = INITIAL_PROGRESS;
        secrets = { appSecret: 'none', refreshToken: 'none' };
        return session();
      }),
      onEvent: vi.fn((listener: (event: BridgeEvent) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      }),
    },
  };
  return core;
}

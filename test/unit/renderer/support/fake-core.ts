/**
 * A small stand-in for the Node side, seen through `window.wizardBridge` (the preload's global).
 * Each bridge method is a vi.fn returning Results, with a default that behaves the way the real
 * core does since it became the one owner of the current step: choosing a connector, a passed app
 * check, a sign-in and a passed Verify record the step as completed but never move
 * `progress.step`; only `goToStep` does, and only to a step core would open (the same rule core
 * applies, with Permissions and Prerequisites marked done by moving past them). The snapshot
 * carries the plan core derives from the real profiles (`TARGETS`, `derivePlan`), so store tests
 * exercise the renderer against believable snapshots. Tests override single calls with
 * mockResolvedValueOnce & co.
 */
import { initialProgress } from '../../../../electron/core/wizard/saved-state';
import { type Mock, vi } from 'vitest';
import { getExporter, exportFormatInfo } from '../../../../electron/core/export/registry';
import { TARGETS as CORE_TARGETS, getTarget } from '../../../../electron/core/targets/registry';
import {
  defaultRedirectMode,
  derivePlan,
  initialCustomScopes,
  inputProblem,
} from '../../../../electron/core/targets/rules';
import { SCOPES as CORE_SCOPES } from '../../../../electron/core/targets/scopes';
import { verdictFor } from '../../../../electron/core/wizard/connectors';
import { STATUS_WORDS } from '../../../../electron/core/connectors/health-verdict';
import {
  canOpenStep,
  invalidateFrom,
  navigationOf,
  withCompleted,
} from '../../../../electron/core/wizard/draft';
import type {
  AppCheckReport,
  ConnectorPlan,
  AuthorizationStart,
  AuthorizationSummary,
  AuthorizationWait,
  BridgeApi,
  BridgeEvent,
  BridgeMethod,
  CheckResult,
  ConnectorHealth,
  ConnectorSummary,
  DecodedError,
  Progress,
  ScopeInfo,
  SecretField,
  SessionSnapshot,
  TargetProfile,
  VerifyReport,
} from '../../../../electron/shared/contract';
import type { WizardBridgeGlobal } from '../../../../electron/shared/preload-api';
import { type Result, type WizardError, fail, ok } from '../../../../electron/shared/result';
import { STEP_IDS, type StepId, stepIndex } from '../../../../electron/shared/steps';

export type FakeBridge = { [M in BridgeMethod]: Mock<BridgeApi[M]> } & {
  onEvent: Mock<WizardBridgeGlobal['onEvent']>;
};

/** The real profiles: the renderer must work with whatever core lists. */
export const TARGETS: readonly TargetProfile[] = CORE_TARGETS;

/** The real scope catalogue. */
export const SCOPES: readonly ScopeInfo[] = CORE_SCOPES;

/** The plan core derives for a target and draft (null before a connector is chosen). */
export function planFor(
  targetId: string | null,
  draft: Pick<Progress, 'customScopes' | 'inputs'> & Partial<Pick<Progress, 'redirectMode'>> = {
    customScopes: [],
    inputs: {},
  },
): ConnectorPlan | null {
  const target = targetId ? getTarget(targetId) : undefined;
  if (!target) return null;
  return derivePlan(target, draft, (id) => {
    const exporter = getExporter(id);
    return exporter ? exportFormatInfo(exporter) : undefined;
  });
}

/** rclone's required scopes, as core's plan lists them. */
export const RCLONE_SCOPES: readonly string[] = (planFor('rclone')?.requiredScopes ?? []).map(
  (scope) => scope.id,
);

export const REDIRECT_URIS = [
  'http://127.0.0.1:53682/',
  'http://127.0.0.1:53683/',
  'http://127.0.0.1:53684/',
] as const;

export const SUMMARY: AuthorizationSummary = {
  tokenKind: 'user',
  grantedScopes: [...RCLONE_SCOPES],
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

// Core's own initial record (a fixed time keeps snapshots comparable).
const INITIAL_PROGRESS: Progress = initialProgress(new Date('2025-01-01T00:00:00.000Z'));

/** A connector that finished its wizard (rclone, verified, exported), for home-screen tests. */
export function savedProgress(patch: Partial<Progress> = {}): Progress {
  return {
    ...INITIAL_PROGRESS,
    targetId: 'rclone',
    step: 'export',
    completed: ['target', 'create-app', 'permissions', 'authorize', 'verify', 'export'],
    appKey: 'appkey-visible-123',
    customScopes: [],
    tokenKind: 'user',
    grantedScopes: [...RCLONE_SCOPES],
    identity: {
      tokenKind: 'user',
      accountId: 'dbid:admin',
      email: 'admin@example.com',
      emailVerified: true,
      displayName: 'Admin',
      teamId: null,
      teamName: null,
      isTeamAdmin: null,
    },
    exportedFormats: ['rclone-conf'],
    health: {
      checkedAt: '2025-01-01T00:00:00.000Z',
      passed: true,
      checks: [check('refresh', 'pass')],
    },
    ...patch,
  };
}

/** A health check result core would answer. */
export function healthOf(
  passed: boolean,
  changes: ConnectorHealth['changes'] = [],
  checkedAt = '2025-06-01T00:00:00.000Z',
): ConnectorHealth {
  return {
    checkedAt,
    passed,
    checks: [check('refresh', passed ? 'pass' : 'fail')],
    changes,
  };
}

/** Where core keeps the files a typed export path may name (file_exists needs one there). */
export const EXISTING_FILE = '/home/admin/exports/existing.json';

export interface FakeCore {
  readonly bridge: FakeBridge;
  /** Replaces fields of the progress core reports from now on. */
  update(patch: Partial<Progress>): void;
  progress(): Progress;
  snapshot(): SessionSnapshot;
  /** Pushes an event to whoever subscribed through onEvent. */
  emit(event: BridgeEvent): void;
  /** What core does when a sign-in completes: records Authorize as completed and stays there. */
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
  /** The plan core would send now (from the real rules). */
  plan(): ConnectorPlan | null;
  /** Files that exist on disk: a typed export path naming one needs the replace confirmation. */
  readonly existingFiles: Set<string>;
  /** Saved connectors (the home screen): adds one beside the active one. */
  addConnector(id: string, progress: Progress, secrets?: SessionSnapshot['secrets']): void;
  /** The active connector's id. */
  connectorId(): string;
  /** Every connector's record, the active one included. */
  records(): ReadonlyMap<string, Progress>;
  /** What the next health check of a connector answers (default: passes, nothing changed). */
  readonly nextHealth: Map<string, ConnectorHealth>;
  /** Dropbox refuses to revoke tokens (delete with revoke then keeps the connector). */
  revokeRefused: boolean;
  /** The sign-in core holds after a `wrong_account` answer, until resolveAccountChange. */
  holdWrongAccount(): WizardError;
}

export function fakeCore(options: { mode?: SessionSnapshot['mode'] } = {}): FakeCore {
  let progress: Progress = INITIAL_PROGRESS;
  let secrets: SessionSnapshot['secrets'] = { appSecret: 'none', refreshToken: 'none' };
  /** The other connectors (the active one lives in `progress` and `secrets`). */
  const others = new Map<string, { progress: Progress; secrets: SessionSnapshot['secrets'] }>();
  let activeId = 'default';
  let created = 0;
  let heldSignIn = false;
  let pendingAuthorization: AuthorizationStart | null = null;
  const listeners = new Set<(event: BridgeEvent) => void>();

  const update = (patch: Partial<Progress>): void => {
    progress = { ...progress, ...patch };
  };
  const existingFiles = new Set<string>([EXISTING_FILE]);
  /** One-time replace confirmations core issued, by path. */
  const confirmations = new Map<string, string>();
  let issued = 0;
  const plan = (): ConnectorPlan | null => planFor(progress.targetId, progress);
  const stepIds = (): readonly StepId[] =>
    plan()?.steps.map((step) => step.id) ?? STEP_IDS.filter((id) => id !== 'checklist');
  const snapshot = (): SessionSnapshot => ({
    mode: options.mode ?? 'electron',
    connectorId: activeId,
    progress,
    plan: plan(),
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
    savedStateNotices: [],
    pendingAuthorization,
    navigation: navigationOf(stepIds(), progress),
  });
  const session = (): Result<SessionSnapshot> => ok(snapshot());

  const records = (): Map<string, Progress> => {
    const all = new Map<string, Progress>();
    for (const [id, record] of others) all.set(id, record.progress);
    all.set(activeId, progress);
    return all;
  };
  const activate = (id: string): boolean => {
    if (id === activeId) return true;
    const next = others.get(id);
    if (!next) return false;
    others.set(activeId, { progress, secrets });
    others.delete(id);
    ({ progress, secrets } = next);
    activeId = id;
    pendingAuthorization = null;
    return true;
  };
  const statusOf = (record: Progress): ConnectorSummary['status'] => {
    const target = record.targetId ? getTarget(record.targetId) : undefined;
    if (target?.flow === 'prerequisites-only')
      return record.completed.includes('export') ? 'not_checkable' : 'setup';
    if (!record.completed.includes('verify') && !record.health) return 'setup';
    if (!record.health) return 'unchecked';
    return record.health.passed ? 'healthy' : 'failing';
  };
  const summaryOf = (id: string, record: Progress): ConnectorSummary => {
    const target = record.targetId ? getTarget(record.targetId) : undefined;
    // Core's own words for a checked connector; the fake's simple rule before a check.
    const verdict = record.health ? verdictFor(record, target ?? null) : null;
    return {
      id,
      name: record.name || (target ? target.name : 'New connector'),
      targetId: record.targetId,
      targetName: target?.name ?? null,
      account: record.identity?.email ?? null,
      team: record.identity?.teamName ?? null,
      status: verdict?.status ?? statusOf(record),
      statusWord: verdict?.word ?? STATUS_WORDS[statusOf(record)],
      statusLine: verdict?.line ?? null,
      cause: verdict?.cause ?? null,
      updatedAt: record.updatedAt,
      lastChecked: record.health?.checkedAt ?? null,
      formatsExported: record.exportedFormats,
      active: id === activeId,
    };
  };
  const list = (): ConnectorSummary[] =>
    [...records()].map(([id, record]) => summaryOf(id, record));
  const missing = (): Result<never> =>
    fail(error('invalid_input', 'That connector no longer exists.'));
  const updateRecord = (id: string, patch: Partial<Progress>): void => {
    if (id === activeId) update(patch);
    else {
      const record = others.get(id);
      if (record) others.set(id, { ...record, progress: { ...record.progress, ...patch } });
    }
  };
  const checkOne = (id: string): Result<ConnectorHealth> => {
    if (!records().has(id)) return missing();
    const health = core.nextHealth.get(id) ?? healthOf(true);
    const { changes: _changes, ...record } = health;
    updateRecord(id, { health: record });
    return ok(health);
  };

  const core: FakeCore = {
    update,
    progress: () => progress,
    snapshot,
    plan,
    existingFiles,
    addConnector: (id, record, held = { appSecret: 'stored', refreshToken: 'stored' }) => {
      others.set(id, { progress: record, secrets: held });
    },
    connectorId: () => activeId,
    records,
    nextHealth: new Map(),
    revokeRefused: false,
    holdWrongAccount: () => {
      heldSignIn = true;
      return {
        code: 'wrong_account',
        message:
          "Dropbox signed in as a different account than this connector's (Admin <admin@example.com>).",
        remedy: 'Replace the connector’s account with this sign-in, or keep the old one.',
        action: 'confirm_account_change',
      };
    },
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
        ...invalidateFrom(progress, 'authorize'),
        completed: withCompleted(
          invalidateFrom(progress, 'authorize').completed ?? [],
          'authorize',
        ),
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
      redirect_uri: 'http://127.0.0.1:53682/',
      account_email: 'admin@example.com',
      scopes: RCLONE_SCOPES.join(' '),
    },
    bridge: {
      getSession: vi.fn(async () => session()),
      listTargets: vi.fn(async () => ok(TARGETS)),
      listScopes: vi.fn(async () => ok(SCOPES)),
      selectTarget: vi.fn(async ({ targetId }) => {
        const target = getTarget(targetId);
        if (!target) return fail(error('invalid_input'));
        const changed = progress.targetId !== targetId;
        if (changed && progress.targetId !== null) {
          // As core: another connector discards the authorization and every check.
          secrets = { ...secrets, refreshToken: 'none' };
          pendingAuthorization = null;
        }
        const base = changed ? invalidateFrom(progress, 'create-app') : {};
        // As core: the step stays where it is; the renderer asks for the next one.
        update({
          ...base,
          targetId,
          ...(changed
            ? {
                customScopes: initialCustomScopes(target),
                inputs: {},
                redirectMode: defaultRedirectMode(target),
              }
            : {}),
          completed: withCompleted(base.completed ?? progress.completed, 'target'),
        });
        return session();
      }),
      setCustomScopes: vi.fn(async ({ scopes }) => {
        update({ customScopes: [...scopes].sort() });
        return session();
      }),
      setInputs: vi.fn(async ({ inputs }) => {
        const target = progress.targetId ? getTarget(progress.targetId) : undefined;
        if (!target) return fail(error('invalid_input', 'Choose a connector first.'));
        for (const [id, value] of Object.entries(inputs)) {
          const input = target.inputs.find((candidate) => candidate.id === id);
          const problem = input ? inputProblem(input, value) : `No setting "${id}".`;
          if (problem) {
            return fail({ ...error('invalid_input', problem), field: `input:${id}` as const });
          }
        }
        // As core: another value may mean another redirect URI, so the app check runs again.
        update({
          ...invalidateFrom(progress, 'create-app'),
          inputs: { ...progress.inputs, ...inputs },
        });
        return session();
      }),
      goToStep: vi.fn(async ({ step }) => {
        // As core: pages with no check of their own are marked done by moving forward past them,
        // and a step beyond the furthest reachable one is refused.
        const reviewable = progress.step === 'permissions' || progress.step === 'checklist';
        const reviewed =
          reviewable && stepIndex(step) > stepIndex(progress.step)
            ? withCompleted(progress.completed, progress.step)
            : progress.completed;
        if (!canOpenStep(stepIds(), reviewed, step)) {
          return fail(error('invalid_input', 'That step is not open yet.'));
        }
        update({ step, completed: reviewed });
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
          update({ ...invalidateFrom(progress, 'create-app'), appKey });
        }
        return session();
      }),
      checkAppCredentials: vi.fn(async ({ appKey, redirectMode, advance }) => {
        const report = core.nextAppReport;
        // As core: a pass records Create app as completed; the step stays on Create app unless
        // the call asked to advance and nothing warned.
        update({
          appKey,
          appChecks: report.checks,
          redirectMode: redirectMode ?? 'loopback',
          completed: report.passed
            ? withCompleted(progress.completed, 'create-app')
            : (invalidateFrom(progress, 'create-app').completed ?? []),
        });
        secrets = { ...secrets, appSecret: report.passed ? 'memory' : 'none' };
        const clean = report.passed && report.checks.every((c) => c.status !== 'warn');
        const next = navigationOf(stepIds(), progress).next;
        if (advance && clean && next) update({ step: next });
        return ok({ ...report, session: snapshot() });
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
        // As core: a pass records Verify as completed; the step stays on Verify.
        const base = invalidateFrom(progress, 'verify');
        update({
          verifyChecks: report.checks,
          completed: withCompleted(base.completed ?? [], 'verify'),
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
      exportConfig: vi.fn(async ({ format, path, redacted, replace }) => {
        const current = plan();
        const formatId = format ?? current?.formats[0]?.id ?? 'generic-json';
        if (redacted) {
          return ok({
            path: '/home/admin/dropbox-connector.redacted.json',
            redacted: true,
            format: formatId,
          });
        }
        const destination = path ?? '/home/admin/dropbox-connector.json';
        // As core: an existing file is replaced only with the one-time confirmation issued with
        // the `file_exists` answer for that path; any other value earns a new confirmation.
        if (existingFiles.has(destination)) {
          if (!replace || replace !== confirmations.get(destination)) {
            issued += 1;
            const confirmation = `confirm-${issued}`;
            confirmations.set(destination, confirmation);
            return fail({
              ...error('file_exists', `${destination} already exists.`),
              action: 'replace_file' as const,
              field: 'export_path' as const,
              detail: destination,
              confirmation,
            });
          }
        }
        confirmations.delete(destination);
        existingFiles.add(destination);
        update({
          exportedPath: destination,
          completed: withCompleted(progress.completed, 'export'),
        });
        return ok({ path: destination, redacted: false, format: formatId });
      }),
      revokeToken: vi.fn(async () => {
        update(invalidateFrom(progress, 'authorize'));
        secrets = { ...secrets, refreshToken: 'none' };
        return ok(null);
      }),
      setSecretPersistence: vi.fn(async () => session()),
      listConnectors: vi.fn(async () => ok(list())),
      openConnector: vi.fn(async ({ connectorId }) =>
        activate(connectorId) ? session() : missing(),
      ),
      newConnector: vi.fn(async () => {
        others.set(activeId, { progress, secrets });
        created += 1;
        activeId = `new-${created}`;
        progress = INITIAL_PROGRESS;
        secrets = { appSecret: 'none', refreshToken: 'none' };
        pendingAuthorization = null;
        return session();
      }),
      renameConnector: vi.fn(async ({ connectorId, name }) => {
        if (!records().has(connectorId)) return missing();
        updateRecord(connectorId, { name: name.trim() });
        return session();
      }),
      deleteConnector: vi.fn(async ({ connectorId, revoke }) => {
        if (!records().has(connectorId)) return missing();
        if (revoke && core.revokeRefused) {
          return fail({
            code: 'revoke_refused' as const,
            message: 'Dropbox refused to revoke this team token.',
            remedy:
              'Remove the app on the team admin console (Apps linked to the team), then delete.',
          });
        }
        if (connectorId === activeId) {
          const next = others.keys().next();
          if (next.done) {
            progress = INITIAL_PROGRESS;
            secrets = { appSecret: 'none', refreshToken: 'none' };
            created += 1;
            activeId = `new-${created}`;
          } else {
            activate(next.value);
            others.delete(connectorId);
          }
        } else {
          others.delete(connectorId);
        }
        return session();
      }),
      checkConnector: vi.fn(async ({ connectorId }) => checkOne(connectorId)),
      checkAllConnectors: vi.fn(async () => {
        const results: Record<string, ConnectorHealth> = {};
        for (const [id, record] of records()) {
          const status = statusOf(record);
          if (status === 'setup' || status === 'not_checkable') continue;
          const result = checkOne(id);
          if (result.ok) results[id] = result.value;
        }
        return ok(results);
      }),
      reconnectConnector: vi.fn(async ({ connectorId }) => {
        if (!activate(connectorId)) return missing();
        update({ step: 'authorize' });
        return session();
      }),
      resolveAccountChange: vi.fn(async ({ replace }) => {
        if (!heldSignIn) {
          return fail(error('invalid_input', 'There is no sign-in waiting for your decision.'));
        }
        heldSignIn = false;
        if (replace) {
          core.authorized();
          update({ identity: null, health: null });
        }
        return session();
      }),
      importConnector: vi.fn(async ({ fileName, text }) => {
        if (!text.includes('refresh_token')) {
          return fail(
            error('invalid_input', `${fileName} cannot be imported: no credentials found.`),
          );
        }
        others.set(activeId, { progress, secrets });
        created += 1;
        activeId = `imported-${created}`;
        progress = savedProgress({ name: `Imported ${created}` });
        secrets = { appSecret: 'stored', refreshToken: 'stored' };
        return ok({ imported: [summaryOf(activeId, progress)], existing: [], notes: [] });
      }),
      decodeError: vi.fn(async ({ text, connectorId }) => {
        const matches: DecodedError[] = text.includes('invalid_grant')
          ? [
              {
                id: 'refresh_token_revoked',
                recognised: 'invalid_grant',
                cause: 'The refresh token was revoked.',
                fix: 'Press Reconnect.',
                code: 'refresh_failed',
                action: 'authorize_again',
                check: 'refresh',
              },
            ]
          : [];
        const health = connectorId && matches.length > 0 ? checkOne(connectorId) : null;
        return ok({ matches, health: health?.ok ? health.value : null });
      }),
      exportReport: vi.fn(async ({ connectorId, format, path }) => {
        if (!records().has(connectorId)) return missing();
        return ok({
          path:
            path ??
            `/home/admin/exports/rclone-verification-report.${format === 'html' ? 'html' : 'md'}`,
          redacted: false,
          format: `verification-report-${format}`,
        });
      }),
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

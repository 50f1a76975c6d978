/**
 * Saved connectors: the home screen's list, health checks months later (with what changed since
 * the last one), reconnect (guarded against a different account), delete with an honest revoke,
 * import of exported files, the error decoder and the verification report. Every connector is a
 * record of the one saved state; its secrets stay where the wizard keeps them (safeStorage in the
 * desktop app, memory in browser mode).
 */
import type {
  CheckResult,
  ConnectorHealth,
  ConnectorSummary,
  HealthRecord,
  Progress,
  TargetProfile,
} from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import { checkAppCredentials } from '../dropbox/checks';
import type { DropboxContext } from '../dropbox/context';
import { toWizardError } from '../dropbox/failure';
import { refreshAccessToken, revokeAccessToken } from '../dropbox/oauth';
import { checkCredentials, resolveCheckTarget } from '../connectors/health';
import { diffHealth } from '../connectors/health-diff';
import { parseExportFile } from '../export/import/index';
import { getTarget } from '../targets/registry';
import { requiredScopesFor } from '../targets/rules';
import { recordTokens, type ExchangeDeps } from './code-exchange';
import { withCompleted } from './draft';
import type { Session } from './session';
import { revokeGrant } from './tokens';

/** Dropbox's rate limits are per app and per user: a few at a time is plenty for "Check all". */
const CHECK_ALL_CONCURRENCY = 4;

export interface ConnectorDeps {
  readonly session: Session;
  readonly ctx: DropboxContext;
  readonly exchange: ExchangeDeps;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  /** Forgets the active connector's in-memory authorization (token, open attempt). */
  readonly dropAuthorization: () => void;
}

function displayName(record: Progress, target: TargetProfile | null): string {
  if (record.name) return record.name;
  const who = record.identity?.teamName ?? record.identity?.email ?? null;
  return [target?.name ?? 'New connector', who].filter(Boolean).join(' — ');
}

export function statusOf(
  record: Progress,
  target: TargetProfile | null,
): ConnectorSummary['status'] {
  if (target?.flow === 'prerequisites-only') {
    return record.completed.includes('export') ? 'not_checkable' : 'setup';
  }
  if (!record.completed.includes('verify') && !record.health) return 'setup';
  if (!record.health) return 'unchecked';
  return record.health.passed ? 'healthy' : 'failing';
}

/** Health checks may say "skipped"; a saved record keeps the four statuses the UI knows. */
function asCheckResult(check: {
  id: string;
  label: string;
  status: string;
  detail: string;
  error?: CheckResult['error'];
}): CheckResult {
  const status = check.status === 'skipped' ? 'info' : (check.status as CheckResult['status']);
  return check.error
    ? { id: check.id, label: check.label, status, detail: check.detail, error: check.error }
    : { id: check.id, label: check.label, status, detail: check.detail };
}

export function createConnectors(deps: ConnectorDeps) {
  const { session, ctx } = deps;

  function summary(id: string): ConnectorSummary | null {
    const record = session.record(id);
    if (!record) return null;
    const target = record.targetId ? (getTarget(record.targetId) ?? null) : null;
    return {
      id,
      name: displayName(record, target),
      targetId: record.targetId,
      targetName: target?.name ?? null,
      account: record.identity?.email ?? null,
      team: record.identity?.teamName ?? null,
      status: statusOf(record, target),
      lastChecked: record.health?.checkedAt ?? null,
      formatsExported: record.exportedFormats,
      active: id === session.connectorId(),
    };
  }

  function needsConnector(id: string): Result<Progress> {
    const record = session.record(id);
    return record
      ? ok(record)
      : fail({
          code: 'invalid_input',
          message: 'That connector no longer exists.',
          remedy: 'Go back to the connector list; it shows the ones the wizard keeps.',
        });
  }

  /** Runs the target's checks the way the connector uses its credentials. */
  async function runChecks(id: string, record: Progress): Promise<HealthRecord> {
    const target = record.targetId ? (getTarget(record.targetId) ?? null) : null;
    const checkedAt = deps.now().toISOString();
    const appSecret = session.secretOf(id, 'appSecret');
    const refreshToken = session.secretOf(id, 'refreshToken');
    const missing = (detail: string): HealthRecord => ({
      checkedAt,
      passed: false,
      checks: [
        {
          id: 'secrets',
          label: 'Secrets held',
          status: 'fail',
          detail,
          error: {
            code: 'no_credentials',
            message: detail,
            remedy: 'Press Reconnect (or import the exported file again) so the wizard holds them.',
            action: 'authorize_again',
          },
        },
      ],
    });
    if (!target || target.flow === 'prerequisites-only') {
      return {
        checkedAt,
        passed: true,
        checks: [
          {
            id: 'not_checkable',
            label: 'Nothing to check',
            status: 'info',
            detail: 'This product uses its own Dropbox app; the wizard holds nothing to check.',
          },
        ],
      };
    }
    if (!appSecret)
      return missing(
        'The wizard no longer holds the App secret (kept in memory only, and the wizard restarted).',
      );
    if (target.flow === 'app-only') {
      // The product holds its own token; what can be proved is the key and secret.
      const check = await checkAppCredentials(ctx, { appKey: record.appKey, appSecret });
      return { checkedAt, passed: check.status !== 'fail', checks: [check] };
    }
    if (!refreshToken) return missing('The wizard no longer holds the refresh token.');
    const report = await checkCredentials(ctx, {
      target,
      appKey: record.appKey,
      appSecret,
      refreshToken,
      customScopes: record.customScopes,
      ...(record.tokenKind ? { tokenKind: record.tokenKind } : {}),
      grantedScopes: record.grantedScopes,
    });
    return { checkedAt, passed: report.passed, checks: report.checks.map(asCheckResult) };
  }

  async function check(id: string): Promise<Result<ConnectorHealth>> {
    const record = needsConnector(id);
    if (!record.ok) return record;
    const next = await runChecks(id, record.value);
    const changes = diffHealth(record.value.health, next);
    session.update(id, { health: next });
    deps.log(
      `[connectors] ${id} checked: ${next.passed ? 'healthy' : 'failing'} (${changes.length} changes)`,
    );
    return ok({ ...next, changes });
  }

  return {
    list(): ConnectorSummary[] {
      return session
        .ids()
        .map(summary)
        .filter((s): s is ConnectorSummary => s !== null);
    },

    open(id: string): Result<null> {
      const record = needsConnector(id);
      if (!record.ok) return record;
      if (id !== session.connectorId()) deps.dropAuthorization();
      session.activate(id);
      return ok(null);
    },

    create(): Result<null> {
      deps.dropAuthorization();
      session.create();
      return ok(null);
    },

    rename(id: string, name: string): Result<null> {
      const record = needsConnector(id);
      if (!record.ok) return record;
      session.update(id, { name: name.trim() });
      return ok(null);
    },

    async remove(id: string, revoke: boolean): Promise<Result<null>> {
      const record = needsConnector(id);
      if (!record.ok) return record;
      const appSecret = session.secretOf(id, 'appSecret');
      const refreshToken = session.secretOf(id, 'refreshToken');
      if (revoke && appSecret && refreshToken) {
        try {
          const { accessToken } = await refreshAccessToken(ctx, {
            appKey: record.value.appKey,
            appSecret,
            refreshToken,
          });
          await revokeGrant(ctx, accessToken, record.value.tokenKind ?? 'user');
        } catch (error) {
          const e = toWizardError(error);
          // Already dead is what the admin asked for; a refusal keeps the connector so nothing is lost.
          if (e.code !== 'refresh_failed' && e.code !== 'token_invalid') return fail(e);
        }
      }
      if (id === session.connectorId()) deps.dropAuthorization();
      session.remove(id);
      deps.log(`[connectors] ${id} deleted${revoke ? ' (token revoked)' : ''}`);
      return ok(null);
    },

    check,

    async checkAll(): Promise<Record<string, ConnectorHealth>> {
      const ids = session.ids().filter((id) => {
        const status = summary(id)?.status;
        return status !== 'setup' && status !== 'not_checkable';
      });
      const results: Record<string, ConnectorHealth> = {};
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < ids.length) {
          const id = ids[next++] as string;
          const result = await check(id);
          if (result.ok) results[id] = result.value;
        }
      };
      await Promise.all(
        Array.from({ length: Math.min(CHECK_ALL_CONCURRENCY, ids.length) }, worker),
      );
      return results;
    },

    /** The connector's wizard opens on Authorize with everything before it kept. */
    reconnect(id: string): Result<null> {
      const record = needsConnector(id);
      if (!record.ok) return record;
      if (id !== session.connectorId()) deps.dropAuthorization();
      session.activate(id);
      session.save({ step: 'authorize' });
      return ok(null);
    },

    /** After `wrong_account`: keep the new sign-in (revoking the old grant) or drop it. */
    async resolveAccountChange(replace: boolean): Promise<Result<null>> {
      const pending = deps.exchange.pending.take();
      if (!pending || pending.connectorId !== session.connectorId()) {
        return fail({
          code: 'invalid_input',
          message: 'There is no sign-in waiting for your decision.',
          remedy: 'Press Reconnect to sign in again.',
          action: 'authorize_again',
        });
      }
      if (replace) {
        recordTokens(deps.exchange, pending.tokens);
        // A different account: its identity and checks are not the old one's.
        session.save({ identity: null, health: null });
        deps.log('[connectors] account replaced after confirmation');
        return ok(null);
      }
      try {
        await revokeAccessToken(ctx, pending.tokens.accessToken);
      } catch {
        deps.log(
          '[connectors] could not revoke the sign-in the admin declined (it expires within four hours)',
        );
      }
      return ok(null);
    },

    /** Reads an exported file, checks each credential set in it, and saves each as a connector. */
    async importFile(fileName: string, text: string): Promise<Result<ConnectorSummary[]>> {
      const parsed = parseExportFile(fileName, text);
      const problem = parsed.find((r) => !r.ok);
      const good = parsed.flatMap((r) => (r.ok ? [r.credentials] : []));
      if (good.length === 0) {
        const reason = problem && !problem.ok ? problem.problem.reason : 'no credentials found';
        return fail({
          code: 'invalid_input',
          message: `${fileName} cannot be imported: ${reason}.`,
          remedy:
            'Choose the real export (not the redacted support copy): a dropbox-connector JSON, a .env or an rclone.conf.',
        });
      }
      const imported: ConnectorSummary[] = [];
      for (const credentials of good) {
        const { target } = resolveCheckTarget(credentials.target, getTarget);
        const id = session.create();
        deps.dropAuthorization();
        session.setSecretOf(id, 'appSecret', credentials.appSecret);
        session.setSecretOf(id, 'refreshToken', credentials.refreshToken);
        const scopes = credentials.scopes ?? requiredScopesFor(target, []);
        const report = await checkCredentials(ctx, {
          target,
          appKey: credentials.appKey,
          appSecret: credentials.appSecret,
          refreshToken: credentials.refreshToken,
          customScopes: scopes,
          ...(credentials.tokenKind ? { tokenKind: credentials.tokenKind } : {}),
          grantedScopes: scopes,
        });
        const health: HealthRecord = {
          checkedAt: deps.now().toISOString(),
          passed: report.passed,
          checks: report.checks.map(asCheckResult),
        };
        let completed = withCompleted([], 'target');
        for (const step of ['create-app', 'permissions', 'authorize'] as const)
          completed = withCompleted(completed, step);
        if (report.passed) completed = withCompleted(completed, 'verify');
        session.update(id, {
          targetId: target.id,
          appKey: credentials.appKey,
          customScopes: target.scopes.editable ? scopes : [],
          grantedScopes: scopes,
          tokenKind: report.tokenKind,
          identity: report.identity,
          name: credentials.remote ? `${target.name} — ${credentials.remote}` : '',
          inputs: credentials.remote ? { remote_name: credentials.remote } : {},
          verifyChecks: health.checks,
          health,
          completed,
          step: report.passed ? 'export' : 'verify',
        });
        const row = summary(id);
        if (row) imported.push(row);
      }
      deps.log(
        `[connectors] imported ${imported.length} connector(s) from a ${good[0]?.format ?? 'file'}`,
      );
      return ok(imported);
    },
  };
}

export type Connectors = ReturnType<typeof createConnectors>;

/**
 * Saved connectors: the home screen's list, health checks months later (with what changed since
 * the last one), reconnect (guarded against a different account), delete with an honest revoke,
 * import of exported files, the error decoder and the verification report. Every connector is a
 * record of the one saved state; its secrets stay where the wizard keeps them (safeStorage in the
 * desktop app, memory in browser mode).
 */
import type {
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
import { refreshAccessToken, type TokenSet } from '../dropbox/oauth';

import { checkCredentials, productRefreshChecks } from '../connectors/health';
import { diffHealth } from '../connectors/health-diff';
import { getTarget } from '../targets/registry';
import { recordTokens, type ExchangeDeps } from './code-exchange';
import { asCheckResult, importConnectors } from './connector-import';
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
  /** Forgets the active connector's authorization: open attempt, access token, refresh token. */
  readonly dropAuthorization: () => void;
  /**
   * Leaves the active connector for another: its open attempt and in-memory access token go, its
   * secrets stay (they are its own, keyed by its id).
   */
  readonly leaveConnector: () => void;
}

function displayName(record: Progress, target: TargetProfile | null): string {
  if (record.name) return record.name;
  const who = record.identity?.teamName ?? record.identity?.email ?? null;
  return [target?.name ?? 'New connector', who].filter(Boolean).join(' — ');
}

/**
 * The connector's last health check. Verify counts as the first: a connector verified and not
 * checked since is as healthy as its Verify said, and the next check is compared with it.
 */
export function lastHealth(record: Progress): HealthRecord | null {
  if (record.health) return record.health;
  if (!record.completed.includes('verify') || record.verifyChecks.length === 0) return null;
  return {
    checkedAt: record.updatedAt,
    passed: record.verifyChecks.every((check) => check.status !== 'fail'),
    checks: record.verifyChecks,
  };
}

export function statusOf(
  record: Progress,
  target: TargetProfile | null,
): ConnectorSummary['status'] {
  if (target?.flow === 'prerequisites-only') {
    return record.completed.includes('export') ? 'not_checkable' : 'setup';
  }
  const health = lastHealth(record);
  if (!health) return record.completed.includes('verify') ? 'unchecked' : 'setup';
  return health.passed ? 'healthy' : 'failing';
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
      lastChecked: lastHealth(record)?.checkedAt ?? null,
      formatsExported: record.exportedFormats,
      active: id === session.connectorId(),
    };
  }

  /** Before another connector becomes active: a sign-in held for this one is revoked, not kept. */
  function leave(): void {
    deps.leaveConnector();
    const held = deps.exchange.pending.take();
    if (held) void revokeDeclined(held.tokens);
  }

  /** A sign-in the admin declined (or left) holds a live grant of its own: revoke it. */
  async function revokeDeclined(tokens: TokenSet): Promise<void> {
    try {
      await revokeGrant(ctx, tokens.accessToken, tokens.tokenKind);
    } catch (error) {
      const { code } = toWizardError(error);
      deps.log(
        code === 'revoke_refused'
          ? '[connectors] Dropbox refused to revoke the declined team sign-in; it stays linked until removed in the Admin Console → Apps'
          : `[connectors] could not revoke the declined sign-in (${code})`,
      );
    }
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
      // h13 (issue 13): and, for Cerb, whether Dropbox accepts Cerb's own refresh request.
      const extra =
        check.status === 'pass'
          ? await productRefreshChecks(ctx, target, {
              appKey: record.appKey,
              appSecret,
              inputs: record.inputs,
            })
          : [];
      const checks = [check, ...extra];
      return { checkedAt, passed: checks.every((c) => c.status !== 'fail'), checks };
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
    const changes = diffHealth(lastHealth(record.value), next);
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
      if (id !== session.connectorId()) leave();
      session.activate(id);
      return ok(null);
    },

    create(): Result<null> {
      leave();
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
      const target = record.value.targetId ? getTarget(record.value.targetId) : undefined;
      const holdsGrant = target?.flow === 'full' && record.value.completed.includes('authorize');
      if (revoke && holdsGrant && !(appSecret && refreshToken)) {
        // Deleting would claim a revoke that never happened: say so and keep the connector.
        return fail({
          code: 'no_credentials',
          message:
            'The wizard no longer holds this connector’s refresh token, so it cannot revoke its access at Dropbox.',
          remedy:
            'Delete it without revoking, then remove the app’s link in Dropbox: Settings → Connected apps (a team token: Admin Console → Apps).',
        });
      }
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
      if (id !== session.connectorId()) leave();
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
      await revokeDeclined(pending.tokens);
      deps.log('[connectors] kept the connector’s account; the other sign-in was revoked');
      return ok(null);
    },

    /** Reads an exported file, checks each credential set in it, and saves each as a connector. */
    importFile: (fileName: string, text: string): Promise<Result<ConnectorSummary[]>> =>
      importConnectors({ ...deps, leave, summary }, fileName, text),
  };
}

export type Connectors = ReturnType<typeof createConnectors>;

/**
 * Saved connectors: the home screen's list, health checks months later (with what changed since
 * the last one), reconnect (guarded against a different account), delete with an honest revoke,
 * import of exported files, the error decoder and the verification report. Every connector is a
 * record of the one saved state; its secrets stay where the wizard keeps them (safeStorage in the
 * desktop app, memory in browser mode).
 */
import type {
  BridgeEvent,
  ConnectorHealth,
  ConnectorSummary,
  HealthRecord,
  Progress,
  TargetProfile,
  TransportMode,
} from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import { checkAppCredentials } from '../dropbox/app-credentials-check';
import type { DropboxContext } from '../dropbox/context';
import { toWizardError } from '../failure';
import { refreshAccessToken } from '../dropbox/oauth';
import type { TokenSet } from '../dropbox/token-reply';

import { checkCredentials, productRefreshChecks } from '../connectors/health';
import { diffHealth } from '../connectors/health-diff';
import { nameProblem } from '../input/name-guard';
import {
  SECRETS_CHECK_ID,
  STATUS_WORDS,
  verdictOf,
  type Verdict,
} from '../connectors/health-verdict';
import { mapPool } from '../connectors/pool';
import { getTarget } from '../targets/registry';
import { requiredScopesFor } from '../targets/rules';
import { recordTokens, type ExchangeDeps } from './code-exchange';
import { asCheckResult, importConnectors, type ImportOutcome } from './connector-import';
import type { Session } from './session';
import { revokeGrant } from './tokens';

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
  /** Browser mode keeps secrets in memory only: a restart loses them, which is not breakage. */
  readonly mode?: TransportMode;
  /** Check all pushes each result as it lands (the renderer's event channel). */
  readonly emit?: (event: BridgeEvent) => void;
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

/**
 * An app-only connector's health check proves the key and secret; a test authorization (the
 * wizard's Verify without a refresh token) proves admin and scopes. A failure of the latter counts.
 */
function withTestAuthorization(record: Progress, health: HealthRecord): HealthRecord {
  const failing = record.verifyChecks.filter((check) => check.status === 'fail');
  if (failing.length === 0) return health;
  return { ...health, passed: false, checks: [...health.checks, ...failing] };
}

export function verdictFor(record: Progress, target: TargetProfile | null): Verdict {
  const plain = (status: ConnectorSummary['status'], line: string | null = null): Verdict => ({
    status,
    word: STATUS_WORDS[status],
    line,
    cause: null,
  });
  if (target?.flow === 'prerequisites-only') {
    return plain(record.completed.includes('export') ? 'not_checkable' : 'setup');
  }
  const health = lastHealth(record);
  if (!health || !target) return plain(record.completed.includes('verify') ? 'unchecked' : 'setup');
  const checked = target.flow === 'app-only' ? withTestAuthorization(record, health) : health;
  return verdictOf(checked, target, requiredScopesFor(target, record.customScopes));
}

export function statusOf(
  record: Progress,
  target: TargetProfile | null,
): ConnectorSummary['status'] {
  return verdictFor(record, target).status;
}

/** Dropbox's rate limits are per app and per user: a few at a time is plenty for "Check all". */
export function createConnectors(deps: ConnectorDeps) {
  const { session, ctx } = deps;

  function summary(id: string): ConnectorSummary | null {
    const record = session.record(id);
    if (!record) return null;
    const target = record.targetId ? (getTarget(record.targetId) ?? null) : null;
    const verdict = verdictFor(record, target);
    return {
      id,
      name: displayName(record, target),
      targetId: record.targetId,
      targetName: target?.name ?? null,
      account: record.identity?.email ?? null,
      team: record.identity?.teamName ?? null,
      status: verdict.status,
      statusWord: verdict.word,
      statusLine: verdict.line,
      cause: verdict.cause,
      updatedAt: record.updatedAt,
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
    // Not a failure of the connector: the wizard has nothing to check with. A neutral line, so
    // it is never counted as breakage and never compared as a change.
    const missing = (what: string): HealthRecord => ({
      checkedAt,
      passed: false,
      checks: [
        {
          id: SECRETS_CHECK_ID,
          label: 'Secrets held',
          status: 'info',
          detail:
            deps.mode === 'browser'
              ? `Can’t check: the ${what} is not held (browser mode keeps secrets in memory).`
              : `Can’t check: the wizard no longer holds the ${what}.`,
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
    if (!appSecret) return missing('secret');
    if (target.flow === 'app-only') {
      // The product holds its own token; what can be proved is the key and secret.
      const check = await checkAppCredentials(ctx, { appKey: record.appKey, appSecret });
      // And, for Cerb, whether Dropbox accepts Cerb's own refresh request
      // (react-native-app-auth#687).
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
    if (!refreshToken) return missing('refresh token');
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
    // Deleted while its check ran: the result is dropped (an update would bring it back).
    const current = session.record(id);
    if (!current) return needsConnector(id) as Result<never>;
    const changes = diffHealth(lastHealth(current), next);
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
      // Never persist a held secret (or a bidi trick) as a name.
      const problem = nameProblem('connector name', name, [
        session.secretOf(id, 'appSecret'),
        session.secretOf(id, 'refreshToken'),
        session.secret('appSecret'),
        session.secret('refreshToken'),
      ]);
      if (problem) return fail({ code: 'invalid_input', ...problem, field: 'connector_name' });
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
      await mapPool(
        ids,
        CHECK_ALL_CONCURRENCY,
        async (id) => {
          const result = await check(id);
          if (!result.ok) return;
          results[id] = result.value;
          // Each row updates as its check lands, over the event channel (no polling).
          const row = summary(id);
          if (row) deps.emit?.({ type: 'connector_checked', connector: row, health: result.value });
        },
        (error) => deps.log(`[connectors] a check failed inside the wizard: ${String(error)}`),
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
    importFile: (fileName: string, text: string, update = false): Promise<Result<ImportOutcome>> =>
      importConnectors({ ...deps, leave, summary }, fileName, text, update),
  };
}

export type Connectors = ReturnType<typeof createConnectors>;

/**
 * The saved-connector half of the bridge contract: thin adapters from bridge calls to the
 * connectors module, the error decoder and the verification report. The wizard facade spreads
 * these into its BridgeApi.
 */
import type { BridgeApi, SessionSnapshot } from '../../shared/contract';
import { ok, fail, type Result } from '../../shared/result';
import { combineWithLastCheck, decodeProductError } from '../connectors/error-decoder';
import { renderVerificationReport } from '../connectors/report';
import { formatCreatedAt } from '../export/export-format';
import { getTarget } from '../targets/registry';
import { requiredScopesFor } from '../targets/rules';
import type { Connectors } from './connectors';
import type { Exports } from './export';
import type { Session } from './session';

type ConnectorMethods = Pick<
  BridgeApi,
  | 'listConnectors'
  | 'openConnector'
  | 'newConnector'
  | 'renameConnector'
  | 'deleteConnector'
  | 'checkConnector'
  | 'checkAllConnectors'
  | 'reconnectConnector'
  | 'resolveAccountChange'
  | 'importConnector'
  | 'decodeError'
  | 'exportReport'
>;

export interface ConnectorApiDeps {
  readonly session: Session;
  readonly connectors: Connectors;
  readonly exports: Exports;
  readonly snapshot: () => SessionSnapshot;
  readonly now: () => Date;
  readonly version: string;
}

export function connectorApi(deps: ConnectorApiDeps): ConnectorMethods {
  const { connectors, session } = deps;
  const withSnapshot = (result: Result<null>): Result<SessionSnapshot> =>
    result.ok ? ok(deps.snapshot()) : result;

  return {
    listConnectors: async () => ok(connectors.list()),
    openConnector: async ({ connectorId }) => withSnapshot(connectors.open(connectorId)),
    newConnector: async () => withSnapshot(connectors.create()),
    renameConnector: async ({ connectorId, name }) =>
      withSnapshot(connectors.rename(connectorId, name)),
    deleteConnector: async ({ connectorId, revoke }) =>
      withSnapshot(await connectors.remove(connectorId, revoke)),
    checkConnector: ({ connectorId }) => connectors.check(connectorId),
    checkAllConnectors: async () => ok(await connectors.checkAll()),
    reconnectConnector: async ({ connectorId }) => withSnapshot(connectors.reconnect(connectorId)),
    resolveAccountChange: async ({ replace }) =>
      withSnapshot(await connectors.resolveAccountChange(replace)),

    importConnector: ({ fileName, text, update }) =>
      connectors.importFile(fileName, text, update === true),

    async decodeError({ text, connectorId }) {
      const matches = decodeProductError(text);
      if (!connectorId) return ok({ matches, health: null });
      // Where a check of the connector's own can confirm the cause, run it.
      const helps = matches.some((match) => match.check !== null);
      const health = helps ? await connectors.check(connectorId) : null;
      // Then what the page already knows: the connector's last check joins the answer.
      const row = connectors.list().find((candidate) => candidate.id === connectorId) ?? null;
      return ok({
        matches: combineWithLastCheck(matches, row),
        health: health?.ok ? health.value : null,
      });
    },

    async exportReport({ connectorId, format, path, replace }) {
      const record = session.record(connectorId);
      const target = record?.targetId ? getTarget(record.targetId) : undefined;
      if (!record || !target) {
        return fail({
          code: 'invalid_input',
          message: 'That connector has nothing to report yet.',
          remedy: 'Finish its wizard (Verify) first, or choose another connector.',
        });
      }
      const summary = connectors.list().find((row) => row.id === connectorId);
      const checks = record.health?.checks ?? record.verifyChecks;
      const text = renderVerificationReport(
        {
          connectorName: summary?.name ?? target.name,
          target,
          appKey: record.appKey,
          identity: record.identity,
          requiredScopes: requiredScopesFor(target, record.customScopes),
          grantedScopes: record.grantedScopes,
          checks: [...record.appChecks, ...checks],
          checkedAt: record.health ? new Date(record.health.checkedAt) : null,
          generatedAt: deps.now(),
          wizardVersion: deps.version,
          // Setup's facts date from its Verify; an import records them when it checked.
          recordedAt: record.factsRecordedAt ? new Date(record.factsRecordedAt) : null,
        },
        format,
      );
      const stamp = formatCreatedAt(deps.now())
        .replace(/[-:]/g, '')
        .replace('T', '-')
        .replace('Z', '');
      return deps.exports.writeDocument({
        fileName: `${target.id}-verification-report-${stamp}.${format === 'html' ? 'html' : 'md'}`,
        text,
        format: `verification-report-${format}`,
        ...(path !== undefined ? { path } : {}),
        ...(replace !== undefined ? { replace } : {}),
      });
    },
  };
}

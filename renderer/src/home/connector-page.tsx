import { useEffect, useId, useRef, useState } from 'react';
import type { CheckResult, ExportResult, HealthChange } from '../../../electron/shared/contract';
import type { RemedyAction, WizardError } from '../../../electron/shared/result';
import { CheckList } from '../components/check-list';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorBox } from '../components/error-box';
import { StatusIcon } from '../components/status-icon';
import {
  connectorCheckRequested,
  connectorDeleted,
  connectorErrorDismissed,
  connectorExportRequested,
  connectorRenamed,
  homeRequested,
  reconnectRequested,
  reportRequested,
} from '../store/connector-actions';
import { wizardSelectors } from '../store/selectors';
import { appConsoleRequested, useWizardStore } from '../store/wizard-store';
import { ConnectorStatusBadge } from './connector-status';
import { ErrorDecoder, type FixAction } from './error-decoder';
import { RelativeTime } from './time';

/** The remedies this page can carry out; a check's other remedies show as text only. */
const PAGE_ACTIONS: ReadonlySet<RemedyAction> = new Set([
  'authorize_again',
  'open_app_console',
  'retry',
]);

function withPageActions(checks: readonly CheckResult[]): CheckResult[] {
  return checks.map((check) => {
    if (!check.error?.action || PAGE_ACTIONS.has(check.error.action)) return check;
    const { action: _unsupported, ...error } = check.error;
    return { ...check, error };
  });
}

/** A saved connector: its facts, its health, and everything the admin does with it later. */
export function ConnectorPage({ connectorId }: { connectorId: string }) {
  const session = useWizardStore(wizardSelectors.session);
  const row = useWizardStore(wizardSelectors.activeConnector);
  const health = useWizardStore((s) => s.health[connectorId] ?? null);
  const checking = useWizardStore(wizardSelectors.checking).includes(connectorId);
  const pending = useWizardStore(wizardSelectors.connectorPending);
  const error = useWizardStore(wizardSelectors.connectorError);
  const notice = useWizardStore(wizardSelectors.connectorNotice);
  const plan = useWizardStore(wizardSelectors.plan);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [revoke, setRevoke] = useState(true);

  useEffect(() => {
    headingRef.current?.focus();
  }, [connectorId]);

  if (!session || session.connectorId !== connectorId || !row) {
    return (
      <p role="status">
        <span className="spinner" aria-hidden="true" /> Opening the connector…
      </p>
    );
  }

  const progress = session.progress;
  const holdsToken = session.secrets.refreshToken !== 'none';
  const busy = pending !== null;
  const lastCheck = health ?? progress.health;
  const formatLabel = (id: string): string =>
    plan?.formats.find((format) => format.id === id)?.label ?? id;

  const reconnect = (): void => {
    if (!busy) void reconnectRequested(connectorId);
  };
  const checkNow = (): void => {
    if (!busy) void connectorCheckRequested(connectorId);
  };
  const onAction = (action: RemedyAction): void => {
    if (action === 'authorize_again') reconnect();
    else if (action === 'open_app_console') void appConsoleRequested();
    else if (action === 'retry') checkNow();
  };
  const fixAction = (action: RemedyAction | 'reconnect' | null): FixAction | null => {
    if (action === 'reconnect' || action === 'authorize_again')
      return { label: 'Reconnect', run: reconnect };
    if (action === 'open_app_console')
      return { label: 'Open App Console', run: () => void appConsoleRequested() };
    if (action === 'retry') return { label: 'Check now', run: checkNow };
    return null;
  };

  const saveName = async (): Promise<void> => {
    if (renaming === null || busy) return;
    if (await connectorRenamed(connectorId, renaming)) setRenaming(null);
  };

  return (
    <div className="connector-page">
      <p className="breadcrumb">
        <button type="button" className="link-button" onClick={() => void homeRequested()}>
          All connectors
        </button>
      </p>
      <div className="connector-title">
        <h1 ref={headingRef} tabIndex={-1} className="step-heading">
          {row.name}
        </h1>
        <ConnectorStatusBadge status={row.status} checking={checking} />
      </div>
      <p className="step-intro muted">
        {[row.targetName, row.account, row.team].filter(Boolean).join(' · ')}
      </p>

      <div className="button-row connector-actions">
        <button
          type="button"
          className="button primary"
          aria-disabled={busy ? true : undefined}
          onClick={checkNow}
        >
          Check now
        </button>
        <button
          type="button"
          className="button secondary"
          aria-disabled={busy ? true : undefined}
          onClick={reconnect}
        >
          Reconnect
        </button>
        <button
          type="button"
          className="button secondary"
          aria-disabled={busy ? true : undefined}
          onClick={() => {
            if (!busy) void connectorExportRequested(connectorId);
          }}
        >
          Copy & export
        </button>
        <button
          type="button"
          className="button secondary"
          aria-expanded={renaming !== null}
          onClick={() => setRenaming(renaming === null ? row.name : null)}
        >
          Rename
        </button>
        <button
          type="button"
          className="button danger-outline"
          aria-disabled={busy ? true : undefined}
          onClick={() => {
            if (busy) return;
            setRevoke(holdsToken);
            setDeleting(true);
          }}
        >
          Delete
        </button>
        <span className="busy-text" role="status">
          {pending === 'check'
            ? 'Checking with Dropbox…'
            : pending === 'reconnect'
              ? 'Opening Authorize…'
              : pending === 'delete'
                ? 'Deleting…'
                : (notice ?? '')}
        </span>
      </div>

      {renaming !== null ? (
        <form
          className="rename-form"
          onSubmit={(event) => {
            event.preventDefault();
            void saveName();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setRenaming(null);
          }}
        >
          <div className="field">
            <label htmlFor="connector-name">Connector name</label>
            <input
              id="connector-name"
              type="text"
              value={renaming}
              onChange={(event) => setRenaming(event.target.value)}
              autoComplete="off"
              autoFocus
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button primary">
              Save name
            </button>
            <button type="button" className="button secondary" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}

      {error ? (
        <ErrorBox
          error={error}
          onAction={(action) => {
            connectorErrorDismissed();
            onAction(action);
          }}
        />
      ) : null}

      {health ? (
        <Changes changes={health.changes} passed={health.passed} fixAction={fixAction} />
      ) : null}

      <div className="connector-columns">
        <section className="panel" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <dl className="facts connector-facts">
            <dt>Product</dt>
            <dd>{row.targetName ?? '—'}</dd>
            <dt>Account</dt>
            <dd>{row.account ?? '—'}</dd>
            <dt>Team</dt>
            <dd>{row.team ?? '—'}</dd>
            <dt>App key</dt>
            <dd className="mono">{progress.appKey || '—'}</dd>
            <dt>Granted scopes</dt>
            <dd>
              {progress.grantedScopes.length === 0 ? (
                '—'
              ) : (
                <ul className="scope-pills">
                  {progress.grantedScopes.map((scope) => (
                    <li key={scope}>
                      <code className="scope-id">{scope}</code>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Formats exported</dt>
            <dd>
              {row.formatsExported.length === 0
                ? 'None yet'
                : row.formatsExported.map(formatLabel).join(', ')}
            </dd>
            <dt>Last check</dt>
            <dd>
              <RelativeTime iso={row.lastChecked} />
              {lastCheck ? (lastCheck.passed ? ' — passed' : ' — failed') : null}
            </dd>
          </dl>
        </section>

        <section className="panel" aria-labelledby="checks-heading">
          <h2 id="checks-heading">{health ? 'Checks just now' : 'Checks at the last check'}</h2>
          {checking ? (
            <p role="status">
              <span className="spinner" aria-hidden="true" /> Checking with Dropbox…
            </p>
          ) : lastCheck ? (
            <CheckList
              checks={withPageActions(lastCheck.checks)}
              label="Health checks"
              onAction={onAction}
            />
          ) : (
            <p className="muted">Not checked yet. Press Check now.</p>
          )}
        </section>
      </div>

      <ReportPanel connectorId={connectorId} />

      <section className="panel" aria-labelledby="decoder-heading">
        <h2 id="decoder-heading">Decode an error</h2>
        <ErrorDecoder
          connectorId={connectorId}
          actionFor={(action) => fixAction(action)}
          onCheckAction={onAction}
        />
      </section>

      <ConfirmDialog
        open={deleting}
        title={`Delete ${row.name}?`}
        confirmLabel="Delete connector"
        danger
        busy={pending === 'delete'}
        onCancel={() => setDeleting(false)}
        onConfirm={async () => {
          const done = await connectorDeleted(connectorId, holdsToken && revoke);
          // On a refusal the connector stays, and the page says why (the dialog closes over it).
          if (!done) setDeleting(false);
        }}
      >
        <p>
          The wizard forgets this connector and the secrets it holds. Files you exported stay where
          they are.
        </p>
        <div className="checkbox-field">
          <input
            id="delete-revoke"
            type="checkbox"
            checked={holdsToken && revoke}
            disabled={!holdsToken}
            onChange={(event) => setRevoke(event.target.checked)}
          />
          <label htmlFor="delete-revoke">Also revoke its token at Dropbox</label>
        </div>
        {holdsToken ? null : (
          <p className="muted small-print">The wizard holds no token for it, so none is revoked.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** "What changed since the last check": each change, its fix, and the button that does it. */
function Changes({
  changes,
  passed,
  fixAction,
}: {
  changes: readonly HealthChange[];
  passed: boolean;
  fixAction: (action: HealthChange['action']) => FixAction | null;
}) {
  const broke = changes.some((change) => change.kind === 'broke');
  const tone = broke ? 'changes-broke' : passed ? 'changes-ok' : 'changes-still';
  return (
    <section className={`panel changes ${tone}`} aria-labelledby="changes-heading">
      <h2 id="changes-heading">What changed since the last check</h2>
      {changes.length === 0 ? (
        <p>
          {passed
            ? 'Nothing changed since the last check: every check still passes.'
            : 'Nothing changed since the last check: it still fails the checks below, with the same fix.'}
        </p>
      ) : (
        <ul className="change-list">
          {changes.map((change) => {
            const button = fixAction(change.action);
            return (
              <li key={`${change.kind}:${change.id}`} className={`change change-${change.kind}`}>
                <p className="change-what">
                  <StatusIcon status={change.kind === 'broke' ? 'fail' : 'pass'} />{' '}
                  <strong>{change.what}</strong>
                </p>
                {change.fix ? <p className="change-fix">{change.fix}</p> : null}
                {button ? (
                  <p>
                    <button type="button" className="button secondary" onClick={button.run}>
                      {button.label}
                    </button>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The verification report: Markdown or HTML, timestamped, with no secret in it. */
function ReportPanel({ connectorId }: { connectorId: string }) {
  const session = useWizardStore(wizardSelectors.session);
  const pending = useWizardStore(wizardSelectors.connectorPending);
  const [path, setPath] = useState('');
  const [written, setWritten] = useState<ExportResult | null>(null);
  const [error, setError] = useState<WizardError | null>(null);
  const [replacing, setReplacing] = useState<{
    format: 'markdown' | 'html';
    path: string | null;
    confirmation: string | null;
  } | null>(null);
  const pathId = useId();
  const isElectron = session?.mode === 'electron';

  const write = async (format: 'markdown' | 'html', replace?: string): Promise<void> => {
    if (pending !== null && !replace) return;
    setError(null);
    setWritten(null);
    const typed = path.trim();
    const result = await reportRequested({
      connectorId,
      format,
      ...(isElectron || !typed ? {} : { path: typed }),
      ...(replace ? { replace } : {}),
    });
    if (result.ok) {
      setWritten(result.value);
      if (!isElectron && typed) setPath(result.value.path);
    } else if (result.error.code === 'file_exists' && !replace) {
      setReplacing({
        format,
        path: result.error.detail ?? (typed || null),
        confirmation: result.error.confirmation ?? null,
      });
    } else {
      setError(result.error);
    }
  };

  return (
    <section className="panel" aria-labelledby="report-heading">
      <h2 id="report-heading">Verification report</h2>
      <p className="muted">
        A timestamped record of the target, app key, team, admin, required and granted scopes, and
        each check with its result and Dropbox request id. No secret is in it: attach it to a change
        ticket or a support case.
      </p>
      {isElectron ? null : (
        <div className="field">
          <label htmlFor={pathId}>Report file</label>
          <input
            id={pathId}
            type="text"
            className="mono wide"
            value={path}
            onChange={(event) => setPath(event.target.value)}
            placeholder="Empty: a timestamped file in the exports folder"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => void write('markdown')}>
          Export Markdown report
        </button>
        <button type="button" className="button secondary" onClick={() => void write('html')}>
          Export HTML report
        </button>
        <span className="busy-text" role="status">
          {pending === 'report' ? 'Writing the report…' : ''}
        </span>
      </div>
      {error ? <ErrorBox error={error} compact /> : null}
      <div className="success-line" role="status">
        {written ? (
          <p>
            <StatusIcon status="pass" decorative /> Report written to{' '}
            <span className="mono">{written.path}</span>
          </p>
        ) : null}
      </div>
      <ConfirmDialog
        open={replacing !== null}
        title={
          replacing?.path ? (
            <>
              Replace the existing file <span className="mono">{replacing.path}</span>?
            </>
          ) : (
            'Replace the existing file?'
          )
        }
        confirmLabel="Replace"
        danger
        busy={pending === 'report'}
        onCancel={() => setReplacing(null)}
        onConfirm={() => {
          const current = replacing;
          setReplacing(null);
          if (current) void write(current.format, current.confirmation ?? undefined);
        }}
      >
        <p>
          The new report is written over it. Cancel to keep it and change the file name instead.
        </p>
      </ConfirmDialog>
    </section>
  );
}

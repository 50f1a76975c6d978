import { useEffect, useRef, useState } from 'react';
import type { RemedyAction } from '../../../electron/shared/result';
import { ErrorBox } from '../components/error-box';
import {
  connectorCheckRequested,
  connectorErrorDismissed,
  connectorExportRequested,
  connectorRenamed,
  homeRequested,
  reconnectRequested,
} from '../store/connector-actions';
import { wizardSelectors } from '../store/selectors';
import { appConsoleRequested, useWizardStore } from '../store/wizard-store';
import { Changes } from './connector-changes';
import { ConnectorDeleteDialog } from './connector-delete-dialog';
import { ConnectorDetails } from './connector-details';
import { ConnectorHealthPanel } from './connector-health-panel';
import { ConnectorStatusBadge } from './connector-status';
import { ErrorDecoder, type FixAction } from './error-decoder';
import { RenameForm } from './rename-form';
import { ReportPanel } from './report-panel';
import './home.css';

/** A saved connector: its facts, its health, and everything the admin does with it later. */
export function ConnectorPage({ connectorId }: { connectorId: string }) {
  const session = useWizardStore(wizardSelectors.session);
  const row = useWizardStore(wizardSelectors.activeConnector);
  const health = useWizardStore((s) => s.health[connectorId] ?? null);
  const checking = useWizardStore(wizardSelectors.checking).includes(connectorId);
  const pending = useWizardStore(wizardSelectors.connectorPending);
  const error = useWizardStore(wizardSelectors.connectorError);
  const notice = useWizardStore(wizardSelectors.connectorNotice);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [imported, setImported] = useState<string | null>(null);

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

  const holdsToken = session.secrets.refreshToken !== 'none';
  const busy = pending !== null;
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
  const secondary = (label: string, run: () => void, danger = false) => (
    <button
      type="button"
      className={danger ? 'button danger-outline' : 'button secondary'}
      aria-disabled={busy ? true : undefined}
      onClick={() => {
        if (!busy) run();
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="connector-page">
      <p className="breadcrumb">
        <button type="button" className="link-button" onClick={() => void homeRequested()}>
          All connectors
        </button>
      </p>
      <div className="connector-title">
        <h1 ref={headingRef} tabIndex={-1} className="step-heading">
          <bdi>{row.name}</bdi>
        </h1>
        <ConnectorStatusBadge row={row} checking={checking} />
      </div>
      <p className="step-intro muted email-cell">
        {/* Each part isolated: a Dropbox-supplied name must not reorder its neighbours. */}
        {[row.targetName, row.account, row.team]
          .filter((part): part is string => Boolean(part))
          .map((part, index) => (
            <span key={index}>
              {index > 0 ? ' · ' : null}
              <bdi>{part}</bdi>
            </span>
          ))}
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
        {secondary('Reconnect', reconnect)}
        {secondary('Copy & export', () => void connectorExportRequested(connectorId))}
        <button
          type="button"
          className="button secondary"
          aria-expanded={renaming !== null}
          onClick={() => setRenaming(renaming === null ? row.name : null)}
        >
          Rename
        </button>
        {secondary('Delete', () => setDeleting(true), true)}
        <span className="busy-text" role="status">
          {pending === 'check'
            ? 'Checking with Dropbox…'
            : pending === 'reconnect'
              ? 'Opening Authorize…'
              : pending === 'delete'
                ? 'Deleting…'
                : pending === 'import'
                  ? 'Reading and checking the file…'
                  : (imported ?? notice ?? '')}
        </span>
      </div>

      {renaming !== null ? (
        <RenameForm
          value={renaming}
          onChange={setRenaming}
          onSave={() => void saveName()}
          onCancel={() => setRenaming(null)}
        />
      ) : null}

      {error ? (
        <ErrorBox
          error={error}
          {...(error.action === 'authorize_again' ? { actionLabel: 'Reconnect' } : {})}
          onAction={(action) => {
            connectorErrorDismissed();
            onAction(action);
          }}
        />
      ) : null}

      <ConnectorHealthPanel
        row={row}
        showCause={!health?.changes.some((change) => change.kind === 'broke')}
        busy={busy}
        onNotice={setImported}
      />

      {health ? (
        <Changes changes={health.changes} passed={health.passed} fixAction={fixAction} />
      ) : null}

      <ConnectorDetails
        row={row}
        progress={session.progress}
        lastCheck={health ?? session.progress.health}
        fresh={health !== null}
        checking={checking}
        onAction={onAction}
      />

      <ReportPanel connectorId={connectorId} />

      <section className="panel" aria-labelledby="decoder-heading">
        <h2 id="decoder-heading">Decode an error</h2>
        <ErrorDecoder
          connectorId={connectorId}
          actionFor={(action) => fixAction(action)}
          onCheckAction={onAction}
        />
      </section>

      <ConnectorDeleteDialog
        connectorId={connectorId}
        name={row.name}
        holdsToken={holdsToken}
        open={deleting}
        onClose={() => setDeleting(false)}
      />
    </div>
  );
}

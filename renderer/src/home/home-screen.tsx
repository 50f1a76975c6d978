import { useEffect, useRef, useState } from 'react';
import type { ConnectorSummary } from '../../../electron/shared/contract';
import type { WizardError } from '../../../electron/shared/result';
import { ErrorBox } from '../components/error-box';
import { StatusIcon } from '../components/status-icon';
import {
  allConnectorsCheckRequested,
  connectorImported,
  connectorOpened,
  newConnectorRequested,
} from '../store/connector-actions';
import { wizardSelectors } from '../store/selectors';
import { appConsoleRequested, useWizardStore } from '../store/wizard-store';
import { ConnectorStatusBadge, statusWord } from './connector-status';
import { ErrorDecoder } from './error-decoder';
import { RelativeTime } from './time';

/** The home screen: every connector the wizard keeps, with their health at a glance. */
export function HomeScreen() {
  const connectors = useWizardStore(wizardSelectors.connectors);
  const checking = useWizardStore(wizardSelectors.checking);
  const pending = useWizardStore(wizardSelectors.connectorPending);
  const error = useWizardStore(wizardSelectors.connectorError);
  const notice = useWizardStore(wizardSelectors.connectorNotice);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const decoderRef = useRef<HTMLDivElement>(null);
  const [decoderOpen, setDecoderOpen] = useState(false);
  const [imported, setImported] = useState<readonly ConnectorSummary[] | null>(null);
  const [importError, setImportError] = useState<WizardError | null>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (decoderOpen) decoderRef.current?.querySelector('textarea')?.focus();
  }, [decoderOpen]);

  const rows = connectors ?? [];
  const checkable = rows.some((row) => row.status !== 'setup' && row.status !== 'not_checkable');
  const busy = pending !== null;

  const importFile = async (file: File): Promise<void> => {
    setImported(null);
    setImportError(null);
    // The file's text goes straight to core; nothing of it is kept here.
    const result = await connectorImported(file.name, await file.text());
    if (result.ok) setImported(result.value.imported);
    else setImportError(result.error);
  };

  return (
    <div className="home">
      <div className="home-head">
        <h1 id="home-heading" ref={headingRef} tabIndex={-1} className="step-heading">
          Connectors
        </h1>
        <div className="button-row home-actions">
          <button
            type="button"
            className="button primary"
            aria-disabled={busy ? true : undefined}
            onClick={() => {
              if (!busy) void newConnectorRequested();
            }}
          >
            New connector
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={!checkable}
            aria-disabled={busy ? true : undefined}
            onClick={() => {
              if (!busy) void allConnectorsCheckRequested();
            }}
          >
            Check all
          </button>
          <label className="button secondary file-button">
            <input
              type="file"
              className="file-input"
              disabled={busy}
              onChange={(event) => {
                const input = event.currentTarget;
                const file = input.files?.[0];
                // Cleared so choosing the same file again imports it again.
                input.value = '';
                if (file) void importFile(file);
              }}
            />
            Import a file
          </label>
          <button
            type="button"
            className="button secondary"
            aria-expanded={decoderOpen}
            aria-controls="home-decoder"
            onClick={() => setDecoderOpen((open) => !open)}
          >
            Decode an error
          </button>
        </div>
      </div>
      <p className="step-intro">
        Each connector is one set of Dropbox credentials handed to a product. Check them to tell a
        credential problem from a problem in the product.
      </p>

      <div className="home-messages">
        <p className="busy-text" role="status">
          {pending === 'check_all'
            ? 'Checking every connector…'
            : pending === 'import'
              ? 'Reading and checking the file…'
              : (notice ?? '')}
        </p>
        {error ? <ErrorBox error={error} /> : null}
        {importError ? <ErrorBox error={importError} compact /> : null}
        {imported ? (
          <div className="success-box" role="status">
            <p>
              <StatusIcon status="pass" decorative />{' '}
              <strong>
                Imported {imported.length} connector{imported.length === 1 ? '' : 's'}:
              </strong>
            </p>
            <ul>
              {imported.map((row) => (
                <li key={row.id}>
                  {row.name} — {statusWord(row.status)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      {decoderOpen ? (
        <section
          id="home-decoder"
          ref={decoderRef}
          className="panel"
          aria-labelledby="home-decoder-heading"
        >
          <h2 id="home-decoder-heading">Decode an error</h2>
          <ErrorDecoder
            actionFor={(action) =>
              action === 'open_app_console'
                ? { label: 'Open App Console', run: () => void appConsoleRequested() }
                : null
            }
          />
        </section>
      ) : null}

      {rows.length === 0 ? (
        <p className="panel">No connectors yet. Press New connector to set one up.</p>
      ) : (
        <div className="table-wrap">
          <table className="connector-table">
            <caption className="visually-hidden">Saved connectors</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Product</th>
                <th scope="col">Account</th>
                <th scope="col">Team</th>
                <th scope="col">Status</th>
                <th scope="col">Last checked</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const draft = row.status === 'setup';
                return (
                  <tr
                    key={row.id}
                    className={row.active ? 'connector-row active' : 'connector-row'}
                  >
                    <th scope="row">{row.name}</th>
                    <td>{row.targetName ?? <span className="muted">Not chosen</span>}</td>
                    <td className="cell-wrap">{row.account ?? <span className="muted">—</span>}</td>
                    <td>{row.team ?? <span className="muted">—</span>}</td>
                    <td>
                      <ConnectorStatusBadge
                        status={row.status}
                        checking={checking.includes(row.id)}
                      />
                    </td>
                    <td>
                      <RelativeTime
                        iso={row.lastChecked}
                        never={draft || row.status === 'not_checkable' ? '—' : 'Never'}
                      />
                    </td>
                    <td className="row-action">
                      <button
                        type="button"
                        className={draft ? 'button small secondary' : 'button small'}
                        aria-label={draft ? `Continue setup of ${row.name}` : `Open ${row.name}`}
                        aria-disabled={busy ? true : undefined}
                        onClick={() => {
                          if (!busy) void connectorOpened(row.id);
                        }}
                      >
                        {draft ? 'Continue setup' : 'Open'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

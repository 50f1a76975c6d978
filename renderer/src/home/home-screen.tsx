import { useEffect, useRef, useState } from 'react';
import type { WizardError } from '../../../electron/shared/result';
import { ErrorBox } from '../components/error-box';
import {
  allConnectorsCheckRequested,
  connectorImported,
  newConnectorRequested,
} from '../store/connector-actions';
import { wizardSelectors } from '../store/selectors';
import { appConsoleRequested, useWizardStore } from '../store/wizard-store';
import { ConnectorTable } from './connector-table';
import { ErrorDecoder } from './error-decoder';
import { ImportResult, type ImportShown } from './import-result';
import { SavedStateNotices } from './saved-state-notices';
import './home.css';

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
  const [imported, setImported] = useState<ImportShown | null>(null);
  const [importError, setImportError] = useState<WizardError | null>(null);
  const [rowNotice, setRowNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState('all');
  // The chosen file (not its text) is kept so "Update that connector" can read it again.
  const lastFile = useRef<File | null>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (decoderOpen) decoderRef.current?.querySelector('textarea')?.focus();
  }, [decoderOpen]);

  const rows = connectors ?? [];
  const checkable = rows.some((row) => row.status !== 'setup' && row.status !== 'not_checkable');
  const busy = pending !== null;

  const importFile = async (file: File, update = false): Promise<void> => {
    setImported(null);
    setImportError(null);
    setRowNotice(null);
    lastFile.current = file;
    // The file's text goes straight to core; nothing of it is kept here.
    const result = await connectorImported(file.name, await file.text(), update);
    if (result.ok) setImported(result.value);
    else setImportError(result.error);
  };
  const words = [...new Set(rows.map((row) => row.statusWord))];
  // A status no row has any more (after a check) shows everything again.
  const chosen = words.includes(filter) ? filter : 'all';
  const shown = chosen === 'all' ? rows : rows.filter((row) => row.statusWord === chosen);

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
              if (busy) return;
              setRowNotice(null);
              void allConnectorsCheckRequested();
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
        <SavedStateNotices />
        <p className="busy-text" role="status">
          {pending === 'check_all'
            ? 'Checking every connector…'
            : pending === 'import'
              ? 'Reading and checking the file…'
              : (rowNotice ?? notice ?? '')}
        </p>
        {error ? <ErrorBox error={error} /> : null}
        {importError ? <ErrorBox error={importError} compact /> : null}
        {imported ? (
          <ImportResult
            result={imported}
            busy={busy}
            onUpdate={() => {
              if (lastFile.current) void importFile(lastFile.current, true);
            }}
          />
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
        <>
          <div className="field status-filter">
            <label htmlFor="status-filter">Show</label>
            <select
              id="status-filter"
              value={chosen}
              onChange={(event) => setFilter(event.target.value)}
            >
              <option value="all">All connectors ({rows.length})</option>
              {words.map((word) => (
                <option key={word} value={word}>
                  {word} ({rows.filter((row) => row.statusWord === word).length})
                </option>
              ))}
            </select>
          </div>
          <ConnectorTable rows={shown} checking={checking} busy={busy} onNotice={setRowNotice} />
        </>
      )}
    </div>
  );
}

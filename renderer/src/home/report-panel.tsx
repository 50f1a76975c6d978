import { useId, useState } from 'react';
import type { ExportResult } from '../../../electron/shared/contract';
import type { WizardError } from '../../../electron/shared/result';
import { ReplaceFileDialog } from '../components/replace-file-dialog';
import { ErrorBox } from '../components/error-box';
import { StatusIcon } from '../components/status-icon';
import { reportRequested } from '../store/connector-actions';
import { wizardSelectors } from '../store/selectors';
import { useWizardStore } from '../store/wizard-store';

/** The verification report: Markdown or HTML, timestamped, with no secret in it. */
export function ReportPanel({ connectorId }: { connectorId: string }) {
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
      <ReplaceFileDialog
        question={replacing}
        consequence="The new report is written over it."
        busy={pending === 'report'}
        onCancel={() => setReplacing(null)}
        onReplace={() => {
          const current = replacing;
          setReplacing(null);
          if (current) void write(current.format, current.confirmation ?? undefined);
        }}
      />
    </section>
  );
}

import type { ExportFormatInfo, SessionSnapshot } from '../../../../electron/shared/contract';
import { ReplaceFileDialog } from '../../components/replace-file-dialog';
import { StatusIcon } from '../../components/status-icon';
import { useWizardStore } from '../../store/wizard-store';
import type { ExportState } from './use-export';

interface ExportPanelProps {
  readonly session: SessionSnapshot;
  readonly formats: readonly ExportFormatInfo[];
  readonly format: ExportFormatInfo | null;
  readonly onFormatChange: (formatId: string) => void;
  readonly exporter: ExportState;
}

/** The export: format, file (browser mode), the two buttons, and what was written. */
export function ExportPanel({ session, formats, format, exporter, ...props }: ExportPanelProps) {
  const pending = useWizardStore((s) => s.pending);
  const isElectron = session.mode === 'electron';
  const { written, replacing } = exporter;
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      {formats.length > 1 ? (
        <div className="field">
          <label htmlFor="export-format">File format</label>
          <select
            id="export-format"
            value={format?.id ?? ''}
            onChange={(event) => {
              props.onFormatChange(event.target.value);
              exporter.formatChanged(formats.find((f) => f.id === event.target.value));
            }}
          >
            {formats.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p className="muted">
        {format ? `${format.label}: ${format.description}` : null} It is written in one step and
        readable by your user only.
      </p>
      {isElectron ? null : (
        <div className="field">
          <label htmlFor="export-path">Export file</label>
          <input
            id="export-path"
            type="text"
            className="mono wide"
            value={exporter.exportPath}
            onChange={(event) => exporter.typePath(event.target.value)}
            placeholder="A file in the exports folder, named for the format"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      )}
      <div className="button-row">
        {/* An ellipsis only where a question follows: the desktop app's save dialog. */}
        <button type="submit" className="button primary">
          {isElectron ? 'Export…' : 'Export file'}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => void exporter.doExport(true)}
        >
          Export redacted copy for support
        </button>
      </div>
      <div className="success-line" role="status">
        {written.full ? (
          <p>
            <StatusIcon status="pass" decorative /> Written to{' '}
            <span className="mono">{written.full.path}</span> (owner-only permissions)
          </p>
        ) : null}
        {written.redacted ? (
          <p>
            <StatusIcon status="pass" decorative /> Redacted copy written to{' '}
            <span className="mono">{written.redacted.path}</span> (no secrets in it: safe to send to
            support)
          </p>
        ) : null}
      </div>
      <ReplaceFileDialog
        question={replacing}
        consequence={
          replacing?.redacted
            ? 'The new support copy is written over it.'
            : 'The new export is written over it; what the file held before is lost.'
        }
        busy={pending === 'export'}
        onCancel={() => exporter.setReplacing(null)}
        onReplace={() => {
          const redacted = replacing?.redacted ?? false;
          const confirmation = replacing?.confirmation ?? undefined;
          exporter.setReplacing(null);
          void exporter.doExport(redacted, confirmation);
        }}
      />
    </section>
  );
}

import { useState } from 'react';
import type { ExportResult } from '../../../../electron/shared/contract';
import { ReplaceFileDialog } from '../../components/replace-file-dialog';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { StatusIcon } from '../../components/status-icon';
import { StepLayout } from '../../components/step-layout';
import { wizardSelectors } from '../../store/selectors';
import { isReplaceQuestion } from '../../store/verify-export-slice';
import { useWizardStore } from '../../store/wizard-store';

/**
 * The finish of a prerequisites-only target (Defender for Cloud Apps): the portal steps with the
 * admin's inputs filled in (core's `plan.handoff`) and the printable summary. Nothing else: the
 * wizard holds no value to copy, no token to revoke and no secret a support copy would hide.
 */
export function PrerequisitesFinish() {
  const session = useWizardStore(wizardSelectors.session);
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const plan = useWizardStore(wizardSelectors.plan);
  const pending = useWizardStore(wizardSelectors.pending);
  const [exportPath, setExportPath] = useState(
    session?.progress.exportedPath ?? session?.defaultExportPath ?? '',
  );
  const [written, setWritten] = useState<ExportResult | null>(null);
  /** A summary that would replace a file: the file and core's one-time confirmation. */
  const [replacing, setReplacing] = useState<{ path: string | null; confirmation: string } | null>(
    null,
  );
  const [startingOver, setStartingOver] = useState(false);
  if (!session || !target || !plan) return null;

  const isElectron = session.mode === 'electron';
  const format = plan.formats[0] ?? null;

  const doExport = async (replace?: string): Promise<void> => {
    if (pending !== null) return;
    setWritten(null);
    const path = exportPath.trim();
    const result = await useWizardStore.getState().exportRequested({
      ...(format ? { format: format.id } : {}),
      ...(isElectron || !path ? {} : { path }),
      ...(replace ? { replace } : {}),
    });
    if (result.ok) {
      setWritten(result.value);
      if (!isElectron) setExportPath(result.value.path);
    } else if (isReplaceQuestion(result.error, replace) && result.error.confirmation) {
      setReplacing({
        path: result.error.detail ?? (isElectron ? null : path),
        confirmation: result.error.confirmation,
      });
    }
    // Any other failure shows in the step's one error slot (the store put it there).
  };

  return (
    <StepLayout
      step="export"
      intro={`Keep or print this summary for the ${target.name} portal: it has the steps to take there, with what you entered.`}
      onContinue={() => void doExport()}
      hideContinue
      busyText={
        pending === 'export'
          ? 'Writing the file…'
          : pending === 'start_over'
            ? 'Starting over…'
            : null
      }
      onErrorAction={(action) => {
        if (action === 'retry') void doExport();
      }}
      footerExtra={
        <button type="button" className="button secondary" onClick={() => setStartingOver(true)}>
          Start over
        </button>
      }
    >
      <div className="export-columns">
        <section className="panel handoff" aria-labelledby="handoff-heading">
          <h2 id="handoff-heading">In {target.name}</h2>
          <ol className="handoff-steps">
            {plan.handoff.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </section>

        <section className="panel" aria-labelledby="export-heading">
          <h2 id="export-heading">{format?.label ?? 'Summary'}</h2>
          <p className="muted">{format?.description} Readable by your user only.</p>
          {isElectron ? null : (
            <div className="field">
              <label htmlFor="export-path">Export file</label>
              <input
                id="export-path"
                type="text"
                className="mono wide"
                value={exportPath}
                onChange={(event) => setExportPath(event.target.value)}
                placeholder="A file in the exports folder"
                autoComplete="off"
                spellCheck={false}
              />
            </div>
          )}
          <div className="button-row">
            <button type="submit" className="button primary">
              {isElectron ? 'Export…' : 'Export file'}
            </button>
          </div>
          <div className="success-line" role="status">
            {written ? (
              <p>
                <StatusIcon status="pass" decorative /> Written to{' '}
                <span className="mono">{written.path}</span> (owner-only permissions)
              </p>
            ) : null}
          </div>
        </section>
      </div>

      <ReplaceFileDialog
        question={replacing}
        consequence="The new summary is written over it."
        busy={pending === 'export'}
        onCancel={() => setReplacing(null)}
        onReplace={() => {
          const confirmation = replacing?.confirmation;
          setReplacing(null);
          void doExport(confirmation);
        }}
      />
      <ConfirmDialog
        open={startingOver}
        title="Start over?"
        confirmLabel="Start over"
        danger
        busy={pending === 'start_over'}
        onCancel={() => setStartingOver(false)}
        onConfirm={async () => {
          setStartingOver(false);
          await useWizardStore.getState().startOverConfirmed();
        }}
      >
        <p>
          The wizard forgets this connector and what you entered. Files you exported stay where they
          are.
        </p>
      </ConfirmDialog>
    </StepLayout>
  );
}

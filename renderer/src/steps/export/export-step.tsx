import { useEffect, useState } from 'react';
import type { RemedyAction } from '../../../../electron/shared/result';
import { StatusIcon } from '../../components/status-icon';
import { StepLayout } from '../../components/step-layout';
import { productNoun } from '../../lib/product-noun';
import { connectorsListed, homeRequested } from '../../store/connector-actions';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';
import { ExportPanel } from './export-panel';
import { type FinishDialog, FinishPanel } from './finish-panel';
import { PrerequisitesFinish } from './prerequisites-finish';
import { RemovableRedirectUris } from './removable-redirect-uris';
import { useExport } from './use-export';
import { ValuesPanel } from './values-panel';
import './export.css';

const BUSY_TEXT: Readonly<Record<string, string>> = {
  export: 'Writing the file…',
  revoke: 'Revoking the token…',
  start_over: 'Starting over…',
};

/** Copy & export: where the values go, the values, the export, and what to do when done. */
export function ExportStep() {
  const session = useWizardStore(wizardSelectors.session);
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const pending = useWizardStore(wizardSelectors.pending);
  const plan = useWizardStore(wizardSelectors.plan);
  const saved = useWizardStore(wizardSelectors.activeConnector);
  const [dialog, setDialog] = useState<FinishDialog>(null);
  const [formatId, setFormatId] = useState<string | null>(null);
  const formats = plan?.formats ?? [];
  const format = formats.find((f) => f.id === formatId) ?? formats[0] ?? null;
  const exporter = useExport(session, format);

  // Finishing Verify saved the connector: the list names it as the home screen will.
  useEffect(() => {
    void connectorsListed();
  }, []);

  if (!session || !target) return null;
  // Nothing to copy, revoke or redact: the printable summary is the whole finish.
  if (plan?.flow === 'prerequisites-only') return <PrerequisitesFinish />;
  const product = productNoun(target);

  const onErrorAction = (action: RemedyAction): void => {
    if (action === 'authorize_again') void useWizardStore.getState().authorizeAgainRequested();
    else if (action === 'start_over') setDialog('start_over');
    else if (action === 'edit_credentials')
      void useWizardStore.getState().stepRequested('create-app');
    else if (action === 'retry') exporter.retry();
  };

  return (
    <StepLayout
      step="export"
      intro={`Copy the values into ${product}, or export them to a file.`}
      onContinue={() => void exporter.doExport(false)}
      hideContinue
      busyText={pending ? (BUSY_TEXT[pending] ?? null) : null}
      onErrorAction={onErrorAction}
    >
      {/* Where the values go and the values themselves on the left; the export beside them. */}
      <div className="export-columns">
        <div className="export-main">
          {saved && saved.status !== 'setup' ? (
            <section className="panel finish-card" aria-labelledby="saved-heading">
              <h2 id="saved-heading">
                <StatusIcon status="pass" decorative /> Saved as {saved.name}
              </h2>
              <p>
                The wizard keeps it with your other connectors to check, reconnect or export again
                later.{' '}
                <button type="button" className="link-button" onClick={() => void homeRequested()}>
                  See all connectors
                </button>
              </p>
            </section>
          ) : null}
          <section className="panel handoff" aria-labelledby="handoff-heading">
            <h2 id="handoff-heading">Where these go in {product}</h2>
            <ol className="handoff-steps">
              {target.handoff.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ol>
          </section>
          <RemovableRedirectUris />
          <ValuesPanel session={session} target={target} plan={plan} />
        </div>
        <ExportPanel
          session={session}
          formats={formats}
          format={format}
          onFormatChange={setFormatId}
          exporter={exporter}
        />
      </div>
      <FinishPanel session={session} target={target} dialog={dialog} onDialog={setDialog} />
    </StepLayout>
  );
}

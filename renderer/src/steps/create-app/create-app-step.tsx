import { useEffect, useRef } from 'react';
import { CheckSummary } from '../../components/check-summary';
import { StepLayout } from '../../components/step-layout';
import { productNoun } from '../../lib/product-noun';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';
import { AppConsoleGuide } from './app-console-guide';
import { CredentialsPanel } from './credentials-panel';
import { useCredentialsForm } from './use-credentials-form';
import './create-app.css';

/**
 * Create app in two columns: "Do this in Dropbox" (the App Console steps) beside "Paste here"
 * (the key and secret, then what Dropbox's pre-flights found).
 */
export function CreateAppStep() {
  const session = useWizardStore(wizardSelectors.session);
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const pending = useWizardStore(wizardSelectors.pending);
  const appReport = useWizardStore(wizardSelectors.appReport);
  const appChecksStale = useWizardStore(wizardSelectors.appChecksStale);
  const plan = useWizardStore(wizardSelectors.plan);
  const appKeyRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const fields = { appKeyRef, secretRef };
  const form = useCredentialsForm(session, fields);
  const checksRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (appReport) checksRef.current?.scrollIntoView({ block: 'nearest' });
  }, [appReport]);

  if (!session || !target || !plan) return null;
  // A running check, or a key changed since the last one: the old rows say nothing any more.
  const checks =
    appReport?.checks ??
    (appChecksStale || pending === 'check_app' ? [] : session.progress.appChecks);
  const firstFailure =
    appReport && !appReport.passed ? appReport.checks.find((c) => c.status === 'fail') : undefined;

  return (
    <StepLayout
      step="create-app"
      intro={`Create the Dropbox app ${productNoun(target)} will use, then paste its App key and App secret here.`}
      onContinue={() => form.submit()}
      busyText={pending === 'check_app' ? 'Checking with Dropbox…' : null}
      onErrorAction={form.onErrorAction}
    >
      <div className="create-app-columns">
        <AppConsoleGuide
          session={session}
          target={target}
          plan={plan}
          noRedirectUri={form.noRedirectUri}
          onNoRedirectUriChange={form.setNoRedirectUri}
        />
        <div className="create-app-side">
          <CredentialsPanel form={form} fields={fields} session={session} />
          {checks.length > 0 ? (
            <section ref={checksRef} className="panel" aria-labelledby="app-checks-heading">
              <h2 id="app-checks-heading">Checked with Dropbox</h2>
              <CheckSummary checks={checks} label="App checks" onAction={form.onErrorAction} />
              {firstFailure ? (
                // The rows' error boxes are not live regions; announce the outcome of this
                // Continue once, so a screen-reader user hears what failed and the fix.
                <p className="visually-hidden" role="alert">
                  {`${firstFailure.label} failed: ${firstFailure.error?.message ?? firstFailure.detail} ${firstFailure.error?.remedy ?? ''}`}
                </p>
              ) : null}
            </section>
          ) : null}
        </div>
      </div>
    </StepLayout>
  );
}

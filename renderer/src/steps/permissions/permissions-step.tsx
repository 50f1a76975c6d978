import { useShallow } from 'zustand/react/shallow';
import { ScopeChecklist } from '../../components/scope-checklist';
import { StatusIcon } from '../../components/status-icon';
import { StepLayout } from '../../components/step-layout';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';
import '../../components/scopes.css';

/** Drawn, not captured: the App Console's Permissions tab with the scope boxes and Submit marked. */
const PERMISSIONS_TAB = new URL(
  '../../../../assets/illustrations/app-console-permissions.svg',
  import.meta.url,
).href;

export function PermissionsStep() {
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const scopes = useWizardStore(useShallow(wizardSelectors.requiredScopeInfos));
  const pending = useWizardStore(wizardSelectors.pending);
  if (!target) return null;

  return (
    <StepLayout
      step="permissions"
      intro={`In the App Console, open your app's Permissions tab and tick exactly these scopes for ${target.name}.`}
      onContinue={() => void useWizardStore.getState().permissionsReviewed()}
      busyText={pending === 'go_to_step' ? 'Saving…' : null}
    >
      <p className="button-row">
        <button
          type="button"
          className="button secondary"
          onClick={() => void useWizardStore.getState().appConsoleRequested()}
        >
          Open App Console
        </button>
        <span className="muted">then your app → Permissions tab</span>
      </p>
      <div className="permissions-columns">
        <section className="panel" aria-labelledby="scopes-heading">
          <h2 id="scopes-heading">Tick these on the Permissions tab</h2>
          {scopes.length === 0 ? (
            <p>No scopes are listed for this connector.</p>
          ) : (
            <ScopeChecklist scopes={scopes} idPrefix="required-scope" />
          )}
        </section>
        {/* A drawing of the tab (not a capture of Dropbox's page), with the controls marked. */}
        <figure className="illustration-figure">
          <img
            className="illustration"
            src={PERMISSIONS_TAB}
            width={360}
            height={200}
            alt="Drawing of the app's Permissions tab: tick each scope listed here, then press Submit at the bottom of the tab."
          />
          <figcaption className="muted small-print">
            Your app → <strong>Permissions</strong>: tick, then <strong>Submit</strong>.
          </figcaption>
        </figure>
      </div>

      <p className="callout callout-primary">
        Press <strong>Submit</strong> at the bottom of the Permissions tab.
      </p>
      <p className="callout callout-warn">
        <StatusIcon status="warn" decorative /> Changed permissions need a new authorization: tokens
        keep the scopes they were issued with.
      </p>
      <details className="help">
        <summary>Submit does not stick?</summary>
        <p>
          Some admins find the Permissions tab will not save. Tick the other scopes first, untick{' '}
          <code className="scope-id">account_info.read</code>, press <strong>Submit</strong>, then
          refresh the page: <code className="scope-id">account_info.read</code> comes back ticked
          and the permissions hold.
        </p>
      </details>
      <p className="muted">
        There is nothing to check yet: the Verify step compares what Dropbox granted with this list
        and names anything missing.
      </p>
    </StepLayout>
  );
}

import { useShallow } from 'zustand/react/shallow';
import { ScopeChecklist } from '../../components/scope-checklist';
import { StatusIcon } from '../../components/status-icon';
import { StepLayout } from '../../components/step-layout';
import { productNoun } from '../../lib/product-noun';
import { wizardSelectors } from '../../store/selectors';
import { type WizardState, useWizardStore } from '../../store/wizard-store';
import '../../components/scopes.css';
import { PermissionsTabDrawing } from './permissions-tab-drawing';

/**
 * An app-only product whose test sign-in uses the code Dropbox shows (chosen on Create app), not
 * yet signed in: the next screen's only job is to open Dropbox and take the code, so Continue
 * opens Dropbox too (a press that decides nothing is one the admin need not make). Starting
 * another way there still cancels this one.
 */
function startsShownCodeSignIn(state: WizardState): boolean {
  const session = state.session;
  return (
    session !== null &&
    state.authorization.phase === 'idle' &&
    wizardSelectors.plan(state)?.authorization === 'test' &&
    session.progress.redirectMode === 'manual' &&
    session.navigation.next === 'authorize' &&
    !session.progress.completed.includes('authorize')
  );
}

export function PermissionsStep() {
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const scopes = useWizardStore(useShallow(wizardSelectors.requiredScopeInfos));
  const pending = useWizardStore(wizardSelectors.pending);
  const opensDropbox = useWizardStore(startsShownCodeSignIn);
  if (!target) return null;

  const onContinue = async (): Promise<void> => {
    await useWizardStore.getState().permissionsReviewed();
    const state = useWizardStore.getState();
    if (!opensDropbox || state.session?.progress.step !== 'authorize' || state.stepError) return;
    await state.authorizationRequested({ method: 'manual', forceReauthentication: false });
  };

  return (
    <StepLayout
      step="permissions"
      intro={`In the App Console, open your app's Permissions tab and tick exactly these scopes for ${productNoun(target)}.`}
      onContinue={() => void onContinue()}
      {...(opensDropbox ? { continueLabel: 'Continue and open Dropbox' } : {})}
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
        <PermissionsTabDrawing scopes={scopes} />
      </div>

      <p className="callout callout-warn">
        <StatusIcon status="warn" decorative /> Press <strong>Submit</strong> at the bottom of the
        tab. Changed permissions need a new authorization: tokens keep the scopes they were issued
        with.
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

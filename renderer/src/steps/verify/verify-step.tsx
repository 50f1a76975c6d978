import { useEffect } from 'react';
import type { CheckResult } from '../../../../electron/shared/contract';
import type { RemedyAction, WizardError } from '../../../../electron/shared/result';
import { CheckSummary } from '../../components/check-summary';
import { StatusIcon } from '../../components/status-icon';
import { StepLayout } from '../../components/step-layout';
import { productNoun } from '../../lib/product-noun';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';
import { AuthorizeAgainRow, IdentityCard, ScopeList } from './identity-card';

/**
 * The page has one "Sign in again" button ("Reconnect" for a saved connector); check rows keep their other fixes (retry, open the
 * App Console) but not a second copy of it.
 */
function withoutAuthorizeAgain(checks: readonly CheckResult[]): readonly CheckResult[] {
  return checks.map((check) => {
    const error = check.error;
    if (error?.action !== 'authorize_again') return check;
    const stripped: WizardError = {
      code: error.code,
      message: error.message,
      remedy: error.remedy,
      ...(error.detail !== undefined ? { detail: error.detail } : {}),
    };
    return { ...check, error: stripped };
  });
}

export function VerifyStep() {
  const signInAgain = useWizardStore(wizardSelectors.signInAgainLabel);
  const session = useWizardStore(wizardSelectors.session);
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const report = useWizardStore(wizardSelectors.verifyReport);
  const pending = useWizardStore(wizardSelectors.pending);
  const stepError = useWizardStore(wizardSelectors.stepError);
  const plan = useWizardStore(wizardSelectors.plan);

  useEffect(() => {
    void useWizardStore.getState().verifyRequested();
  }, []);

  if (!session || !target) return null;

  const running = pending === 'verify';
  const checks = report?.checks ?? session.progress.verifyChecks;
  const identity = report?.identity ?? session.progress.identity;
  const missing = report?.missingScopes ?? [];
  const extra = report?.extraScopes ?? [];
  // Exactly one "Sign in again" / "Reconnect" on the page, in the most relevant place.
  const againPlace: 'error' | 'missing' | 'identity' | 'checks' | null =
    stepError?.action === 'authorize_again'
      ? 'error'
      : missing.length > 0
        ? 'missing'
        : identity
          ? 'identity'
          : checks.some((c) => c.error?.action === 'authorize_again')
            ? 'checks'
            : null;

  const onAction = (action: RemedyAction): void => {
    if (action === 'retry') void useWizardStore.getState().verifyRequested();
    else if (action === 'open_app_console') void useWizardStore.getState().appConsoleRequested();
    else if (action === 'authorize_again') void useWizardStore.getState().authorizeAgainRequested();
  };

  return (
    <StepLayout
      step="verify"
      intro={
        // Only a connector's own token is refreshed; a test sign-in is revoked instead.
        plan?.authorization === 'connector'
          ? `The wizard checks the signed-in account, the granted scopes, one real read per scope, and a refresh the way ${productNoun(target)} will do it.`
          : 'The wizard checks the signed-in account, the granted scopes and one real read per scope, then revokes the test sign-in.'
      }
      onContinue={() => void useWizardStore.getState().verifiedContinued()}
      continueDisabled={!report?.passed}
      busyText={running ? 'Running checks…' : null}
      onErrorAction={onAction}
      footerExtra={
        <button
          type="button"
          className="button secondary"
          aria-disabled={running ? true : undefined}
          onClick={() => {
            if (!running) void useWizardStore.getState().verifyRequested();
          }}
        >
          Run checks again
        </button>
      }
    >
      {report ? (
        <p
          className={report.passed ? 'summary summary-pass' : 'summary summary-fail'}
          role="status"
        >
          <StatusIcon status={report.passed ? 'pass' : 'fail'} decorative />{' '}
          {report.passed
            ? `All checks passed. These credentials work for ${productNoun(target)}.`
            : missing.length > 0
              ? // Running the checks again cannot help: the token keeps the scopes it was issued with.
                `Some checks failed. Tick the missing ${missing.length === 1 ? 'permission' : 'permissions'} in the App Console (Permissions tab), press Submit, then ${signInAgain}.`
              : 'Some checks failed. Fix them as described, then run the checks again.'}
        </p>
      ) : running ? (
        <p className="summary" role="status">
          <span className="spinner" aria-hidden="true" /> Running checks…
        </p>
      ) : null}

      {identity ? (
        <IdentityCard
          identity={identity}
          expectTeamAdmin={plan?.accountType === 'team_admin'}
          offerAuthorizeAgain={againPlace === 'identity'}
        />
      ) : null}

      {missing.length > 0 ? (
        <section className="panel panel-fail" aria-labelledby="missing-heading">
          <h2 id="missing-heading">
            <StatusIcon status="fail" decorative /> Scopes missing from the token
          </h2>
          <ScopeList scopes={missing} />
          <p>
            In the App Console: <strong>tick</strong> them on the Permissions tab → press{' '}
            <strong>Submit</strong> → <strong>{signInAgain}</strong>. A token keeps the scopes it
            was issued with.
          </p>
          {againPlace === 'missing' ? <AuthorizeAgainRow /> : null}
        </section>
      ) : null}

      {extra.length > 0 ? (
        <section className="panel panel-warn" aria-labelledby="extra-heading">
          <h2 id="extra-heading">
            <StatusIcon status="warn" decorative /> More scopes than {productNoun(target)} needs
          </h2>
          <ScopeList scopes={extra} />
          <p className="muted">
            Not an error, but the token can do more than it must. For least privilege, untick them
            on the Permissions tab, press Submit and {signInAgain.toLowerCase()}.
          </p>
        </section>
      ) : null}

      {checks.length > 0 ? (
        <section className="panel" aria-labelledby="checks-heading" aria-busy={running}>
          <h2 id="checks-heading">Checks{report ? '' : ' (last run)'}</h2>
          <CheckSummary
            checks={withoutAuthorizeAgain(checks)}
            label="Verify checks"
            onAction={onAction}
            foldPassed
          />
          {againPlace === 'checks' ? <AuthorizeAgainRow /> : null}
        </section>
      ) : null}
    </StepLayout>
  );
}

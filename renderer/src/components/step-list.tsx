import { wizardSelectors } from '../store/selectors';
import { stepRequested, useWizardStore } from '../store/wizard-store';

/**
 * The left-hand step list. Completed steps carry a tick, the current one aria-current="step";
 * only steps up to one past the furthest completed are buttons, the rest are plain text.
 */
export function StepList() {
  const current = useWizardStore(wizardSelectors.currentStep);
  const completed = useWizardStore(wizardSelectors.completedSteps);
  const reachable = useWizardStore(wizardSelectors.furthestReachableIndex);
  const busy = useWizardStore(wizardSelectors.pending) !== null;
  // The steps of this connector's flow, as core planned them.
  const steps = useWizardStore(wizardSelectors.planSteps);

  return (
    <nav className="step-nav" aria-label="Wizard steps">
      <ol className="step-list">
        {steps.map(({ id: step, title }, index) => {
          const isCurrent = step === current;
          const isDone = completed.includes(step);
          const canGo = index <= reachable && !isCurrent;
          const state = isCurrent
            ? 'current'
            : isDone
              ? 'done'
              : index <= reachable
                ? 'reachable'
                : 'locked';
          const content = (
            <>
              <span className="step-marker" aria-hidden="true">
                {isDone ? '✓' : index + 1}
              </span>
              <span className="step-title">{title}</span>
              {isDone ? <span className="visually-hidden"> (completed)</span> : null}
            </>
          );
          return (
            <li
              key={step}
              className={`step step-${state}`}
              aria-current={isCurrent ? 'step' : undefined}
            >
              {canGo ? (
                <button
                  type="button"
                  className="step-link"
                  onClick={() => void stepRequested(step)}
                  disabled={busy}
                >
                  {content}
                </button>
              ) : (
                <span className="step-link">{content}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

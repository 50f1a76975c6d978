import { wizardSelectors } from '../store/selectors';
import { useWizardStore } from '../store/wizard-store';

/**
 * The left-hand step list. Completed steps carry a tick, the current one aria-current="step";
 * only steps up to one past the furthest completed are buttons, the rest are plain text.
 */
export function StepList() {
  const current = useWizardStore(wizardSelectors.currentStep);
  const completed = useWizardStore(wizardSelectors.completedSteps);
  // Where the admin may go is core's rule, sent with the snapshot.
  const reachable = useWizardStore(wizardSelectors.reachableSteps);
  const busy = useWizardStore(wizardSelectors.pending) !== null;
  // The steps of this connector's flow, as core planned them.
  const steps = useWizardStore(wizardSelectors.planSteps);

  return (
    <nav className="step-nav" aria-label="Wizard steps">
      <ol className="step-list">
        {steps.map(({ id: step, title }, index) => {
          const open = reachable.includes(step);
          const isCurrent = step === current;
          const isDone = completed.includes(step);
          const canGo = open && !isCurrent;
          const state = isCurrent ? 'current' : isDone ? 'done' : open ? 'reachable' : 'locked';
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
                  onClick={() => void useWizardStore.getState().stepRequested(step)}
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

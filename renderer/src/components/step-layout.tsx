import { type ReactNode, useEffect, useRef, useSyncExternalStore } from 'react';
import { type StepId } from '../../../electron/shared/steps';
import type { RemedyAction, WizardError } from '../../../electron/shared/result';
import { getConnectionState, onConnectionChange } from '../bridge/connection';
import { wizardSelectors } from '../store/selectors';
import { useWizardStore } from '../store/wizard-store';
import { ErrorBox } from './error-box';
import { StatusIcon } from './status-icon';
import { RetryCountdown } from './waiting-banner';

export interface StepLayoutProps {
  readonly step: StepId;
  /** One sentence under the heading: what this step gets done. */
  readonly intro?: ReactNode;
  readonly children: ReactNode;
  readonly onContinue: () => void;
  readonly continueLabel?: string;
  readonly continueDisabled?: boolean;
  /** Shown next to the buttons while a call runs ("Checking with Dropbox…"). */
  readonly busyText?: string | null;
  readonly onErrorAction?: (action: RemedyAction) => void;
  /** Lets a step add the button core did not name (e.g. port_busy → next port). */
  readonly mapError?: (error: WizardError) => WizardError;
  /** Overrides action button labels, e.g. next_port → "Try the next port (47292)". */
  readonly errorActionLabels?: Partial<Record<RemedyAction, string>>;
  readonly hideErrorAction?: boolean;
  /** Extra controls in the footer, left of Continue. */
  readonly footerExtra?: ReactNode;
  readonly hideBack?: boolean;
  /** The last step has its own primary action (Export…) and no Continue. */
  readonly hideContinue?: boolean;
}

/**
 * The frame every step shares: the h1 (focused when the step changes, so screen readers and
 * keyboard users land at the top of the new step), the step's content and its error box, and
 * the Back / Continue footer. The whole step is one form, so Enter in any field is Continue.
 */
export function StepLayout(props: StepLayoutProps) {
  const { step, intro, children, onContinue, continueLabel, continueDisabled, busyText } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const storedError = useWizardStore(wizardSelectors.stepError);
  // While the local service is lost, its banner is the one message: no second copy here.
  const lost = useSyncExternalStore(onConnectionChange, getConnectionState).status === 'lost';
  const shownError = lost ? null : storedError;
  const error = shownError && props.mapError ? props.mapError(shownError) : shownError;
  const pending = useWizardStore(wizardSelectors.pending);
  const notice = useWizardStore(wizardSelectors.notice);
  const waiting = useWizardStore(wizardSelectors.waiting);
  // Always the current step's layout; its title comes from core's plan for this connector.
  const title = useWizardStore(wizardSelectors.currentStepTitle);

  useEffect(() => {
    // On first load focus stays at the top of the page (natural Tab order); afterwards each step
    // change moves focus to the new heading.
    if (!initialStepShown) {
      initialStepShown = true;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  return (
    <form
      className="step-form"
      noValidate
      aria-labelledby={`heading-${step}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!continueDisabled && pending === null) onContinue();
      }}
    >
      <h1 id={`heading-${step}`} ref={headingRef} tabIndex={-1} className="step-heading">
        {title}
      </h1>
      {intro ? <p className="step-intro">{intro}</p> : null}
      {notice ? (
        <p className="success-box" role="status">
          <StatusIcon status="pass" decorative /> {notice}
        </p>
      ) : null}
      <div className="step-body">{children}</div>
      {error ? (
        <ErrorBox
          error={error}
          {...(props.onErrorAction ? { onAction: props.onErrorAction } : {})}
          {...(error.action && props.errorActionLabels?.[error.action]
            ? { actionLabel: props.errorActionLabels[error.action] }
            : {})}
          {...(props.hideErrorAction ? { hideAction: true } : {})}
        />
      ) : null}
      <div className="step-footer">
        {props.hideBack ? (
          <span />
        ) : (
          // aria-disabled, not disabled, while a call runs: a disabled button drops keyboard focus.
          <button
            type="button"
            className="button secondary"
            aria-disabled={pending !== null}
            onClick={() => {
              if (pending === null) void useWizardStore.getState().backPressed();
            }}
          >
            Back
          </button>
        )}
        <div className="footer-right">
          <span className="busy-text" role="status">
            {waiting ? (
              // The banner at the top announces the countdown; this copy is for the eyes only,
              // so a screen reader does not hear every second twice.
              <span aria-hidden="true">
                <RetryCountdown waiting={waiting} />
              </span>
            ) : (
              (busyText ?? '')
            )}
          </span>
          {props.footerExtra}
          {props.hideContinue ? null : (
            <button
              type="submit"
              className="button primary"
              disabled={continueDisabled}
              aria-disabled={pending !== null ? true : undefined}
            >
              {continueLabel ?? 'Continue'}
            </button>
          )}
        </div>
      </div>
    </form>
  );
}

/** The very first step shown after load keeps focus where the browser put it. */
let initialStepShown = false;

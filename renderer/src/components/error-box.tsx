import { useEffect, useRef } from 'react';
import type { RemedyAction, WizardError } from '../../../electron/shared/result';
import { wizardSelectors } from '../store/selectors';
import { useWizardStore } from '../store/wizard-store';
import { StatusIcon } from './status-icon';

export const ACTION_LABELS: Record<RemedyAction, string> = {
  retry: 'Try again',
  // Reconnect once the connector is saved: ErrorBox asks the store (signInAgainLabel).
  authorize_again: 'Sign in again',
  edit_credentials: 'Edit credentials',
  open_app_console: 'Open App Console',
  next_port: 'Try the next port',
  start_over: 'Start over',
  replace_file: 'Replace',
  confirm_account_change: 'Replace the account',
};

export interface ErrorBoxProps {
  readonly error: WizardError;
  /** Handles the error's `action` button; without it (or when it returns no label) no button shows. */
  readonly onAction?: (action: RemedyAction) => void;
  /** Overrides a button label, e.g. "Try the next port (53683)". */
  readonly actionLabel?: string;
  /** Hide the action button (e.g. no next port left). */
  readonly hideAction?: boolean;
  readonly compact?: boolean;
  /**
   * Move keyboard focus to the box when it appears (or shows a new error), so the admin lands on
   * what went wrong. On by default for a step's own error box; a check list focuses its first
   * failure only.
   */
  readonly focusOnShow?: boolean;
}

/**
 * Every failure looks the same: what went wrong (bold), what to do, the raw facts behind a
 * disclosure, and the one button that does the fix when core names one.
 */
export function ErrorBox({
  error,
  onAction,
  actionLabel,
  hideAction,
  compact,
  focusOnShow = !compact,
}: ErrorBoxProps) {
  const action = error.action;
  const signInAgain = useWizardStore(wizardSelectors.signInAgainLabel);
  const ref = useRef<HTMLDivElement>(null);
  // By content, not identity: steps map errors into new objects on every render, and focus must
  // move once per new error, not on each re-render.
  const shown = `${error.code}\n${error.message}\n${error.detail ?? ''}`;
  useEffect(() => {
    // A step's heading takes focus after its children mount (StepLayout's effect runs later), so
    // an error restored with the step does not steal focus from the new heading.
    if (focusOnShow) ref.current?.focus();
  }, [shown, focusOnShow]);
  return (
    <div
      ref={ref}
      className={compact ? 'error-box compact' : 'error-box'}
      role={compact ? undefined : 'alert'}
      tabIndex={focusOnShow ? -1 : undefined}
    >
      <p className="error-message">
        <StatusIcon status="fail" decorative /> <strong>{error.message}</strong>
      </p>
      <p className="error-remedy">{error.remedy}</p>
      {error.detail ? (
        <details className="error-detail">
          <summary>Details</summary>
          <pre>
            {error.detail}
            {'\n'}code: {error.code}
          </pre>
        </details>
      ) : null}
      {action && onAction && !hideAction ? (
        <p className="error-actions">
          <button type="button" className="button secondary" onClick={() => onAction(action)}>
            {actionLabel ?? (action === 'authorize_again' ? signInAgain : ACTION_LABELS[action])}
          </button>
        </p>
      ) : null}
    </div>
  );
}

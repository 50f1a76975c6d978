import type { CheckResult } from '../../../electron/shared/contract';
import type { RemedyAction } from '../../../electron/shared/result';
import { ErrorBox } from './error-box';
import { StatusIcon } from './status-icon';

export interface CheckListProps {
  readonly checks: readonly CheckResult[];
  readonly label: string;
  readonly onAction?: (action: RemedyAction) => void;
}

/** One row per check: icon + label + detail; a failed check with an error gets the full box. */
export function CheckList({ checks, label, onAction }: CheckListProps) {
  if (checks.length === 0) return null;
  // Focus goes to the first failure with an error box when a (new) report shows it.
  const firstFailure = checks.find((check) => check.error && check.status === 'fail');
  return (
    <ul className="check-list" aria-label={label}>
      {checks.map((check) => (
        <li key={check.id} className={`check check-${check.status}`}>
          <div className="check-head">
            <StatusIcon status={check.status} />
            <span className="check-label">{check.label}</span>
          </div>
          {/* A failed check's error box already leads with the same sentence. */}
          {check.detail && check.detail !== check.error?.message ? (
            <p className="check-detail">{check.detail}</p>
          ) : null}
          {check.error && check.status !== 'pass' ? (
            <ErrorBox
              error={check.error}
              {...(onAction ? { onAction } : {})}
              compact
              focusOnShow={check === firstFailure}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

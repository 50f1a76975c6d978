import type { CheckResult } from '../../../electron/shared/contract';
import type { RemedyAction } from '../../../electron/shared/result';
import { ErrorBox } from './error-box';
import { StatusIcon } from './status-icon';
import './check-summary.css';

export interface CheckSummaryProps {
  readonly checks: readonly CheckResult[];
  /** The accessible name of the list of rows that need reading (failures, warnings). */
  readonly label: string;
  readonly onAction?: (action: RemedyAction) => void;
  /**
   * Verify's many checks: when all pass, one line ("10 of 10 passed") with the rows folded.
   * Create app's few pre-flights stay listed: the admin sees what Dropbox accepted.
   */
  readonly foldPassed?: boolean;
}

/** One line per check: status, label, what was found; a failure carries its fix. */
function CheckRow({
  check,
  onAction,
  focus,
}: {
  check: CheckResult;
  onAction?: (action: RemedyAction) => void;
  focus?: boolean;
}) {
  const showDetail = check.detail && check.detail !== check.error?.message;
  return (
    <li className={`check check-${check.status}`}>
      <div className="check-line">
        <StatusIcon status={check.status} />
        <span className="check-label">{check.label}</span>
        {showDetail ? <span className="check-detail">{check.detail}</span> : null}
      </div>
      {check.error && check.status !== 'pass' ? (
        <ErrorBox
          error={check.error}
          {...(onAction ? { onAction } : {})}
          compact
          focusOnShow={focus ?? false}
        />
      ) : null}
    </li>
  );
}

/**
 * Checks summarised: what needs the admin (a failure with its fix, a warning) is shown; what
 * passed is one line or folded; notes and the checks a failure left unrun are folded, never a
 * column of "skipped" rows.
 */
export function CheckSummary({ checks, label, onAction, foldPassed = false }: CheckSummaryProps) {
  if (checks.length === 0) return null;
  const needsReading = (c: CheckResult) => c.status === 'fail' || c.status === 'warn';
  const attention = checks.filter(needsReading);
  const counted = checks.filter((c) => c.status !== 'info');
  const passed = counted.filter((c) => c.status === 'pass');
  const firstFailure = attention.find((c) => c.status === 'fail' && c.error);
  const shown = foldPassed ? attention : checks.filter((c) => c.status !== 'info');
  const folded = checks.filter((c) => !shown.includes(c));
  const rows = (list: readonly CheckResult[], name: string) => (
    <ul className="check-list" aria-label={name}>
      {list.map((check) => (
        <CheckRow
          key={check.id}
          check={check}
          {...(onAction ? { onAction } : {})}
          focus={check === firstFailure}
        />
      ))}
    </ul>
  );

  if (attention.length === 0 && foldPassed) {
    return (
      <details className="check-summary check-summary-pass">
        <summary>
          <StatusIcon status="pass" decorative /> {passed.length} of {counted.length} passed{' '}
          <span className="check-summary-more">details</span>
        </summary>
        {rows(checks, label)}
      </details>
    );
  }
  return (
    <div className="check-summary">
      {rows(shown, label)}
      {folded.length > 0 ? (
        <details className="check-summary-rest">
          <summary>
            {!foldPassed
              ? `${folded.length} more`
              : attention.some((c) => c.status === 'fail')
                ? `${folded.length} other ${folded.length === 1 ? 'check' : 'checks'}`
                : `${passed.length} of ${counted.length} passed`}{' '}
            <span className="check-summary-more">details</span>
          </summary>
          {rows(folded, `Other ${label.toLowerCase()}`)}
        </details>
      ) : null}
    </div>
  );
}

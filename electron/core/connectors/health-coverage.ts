/**
 * What a health check covered, counted from its own checks: a required scope is "verified" only
 * when a call proved it now (its probe passed), "failed" when a call was refused, and "not
 * checkable" when no harmless call exists for it (granted at setup is all that is known).
 * Counted from the saved checks, so records written before this existed read the same way.
 */
import type { CheckResult } from '../../shared/contract';

export interface Coverage {
  readonly total: number;
  readonly verified: number;
  readonly failed: readonly string[];
  readonly notCheckable: readonly string[];
  /** Not run at all (the refresh failed first, or the check could not reach Dropbox). */
  readonly skipped: number;
}

type CheckLike = {
  readonly id: string;
  readonly status: CheckResult['status'] | 'skipped';
  readonly detail?: string;
};

/**
 * A probe that did not run (the refresh failed first) is saved as a note whose detail starts
 * with "skipped:"; it says nothing about whether a harmless call exists for the scope.
 */
function statusOf(check: CheckLike): string {
  return check.detail?.startsWith('skipped:') ? 'skipped' : check.status;
}

export function coverageOf(checks: readonly CheckLike[], required: readonly string[]): Coverage {
  const byScope = new Map(
    checks
      .filter((check) => check.id.startsWith('probe:'))
      .map((check) => [check.id.slice('probe:'.length), statusOf(check)]),
  );
  const failed: string[] = [];
  const notCheckable: string[] = [];
  let verified = 0;
  let skipped = 0;
  for (const scope of required) {
    const status = byScope.get(scope);
    if (status === 'pass') verified += 1;
    else if (status === 'fail') failed.push(scope);
    else if (status === 'info' || status === 'warn') notCheckable.push(scope);
    else skipped += 1;
  }
  return { total: required.length, verified, failed, notCheckable, skipped };
}

/** "5 of 7 scopes verified by a call · 2 granted at setup, not checkable". */
export function coverageLine(coverage: Coverage): string {
  if (coverage.total === 0) return 'The connector needs no particular scope.';
  const parts = [
    `${coverage.verified} of ${coverage.total} scope${coverage.total === 1 ? '' : 's'} verified by a call`,
  ];
  if (coverage.failed.length > 0) parts.push(`${coverage.failed.length} refused`);
  if (coverage.notCheckable.length > 0)
    parts.push(`${coverage.notCheckable.length} granted at setup, not checkable`);
  if (coverage.skipped > 0) parts.push(`${coverage.skipped} not checked`);
  return parts.join(' · ');
}

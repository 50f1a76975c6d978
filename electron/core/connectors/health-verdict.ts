/**
 * A saved connector's status, in words, with what it covers and its first cause: worked out here
 * from the connector's last check so the renderer only shows it. Never greener than what was
 * checked: Healthy only when every required scope was verified by a call now.
 */
import type {
  CheckResult,
  ConnectorCause,
  ConnectorStatus,
  HealthRecord,
  TargetProfile,
} from '../../shared/contract';
import { coverageLine, coverageOf } from './health-coverage';
import { breakage, isVerdict } from './health-diff';

export interface Verdict {
  readonly status: ConnectorStatus;
  readonly word: string;
  readonly line: string | null;
  readonly cause: ConnectorCause | null;
}

export const STATUS_WORDS: Readonly<Record<ConnectorStatus, string>> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  unknown: 'Unknown',
  failing: 'Failing',
  secret_not_held: 'Can’t check',
  key_only: 'Key and secret valid',
  unchecked: 'Not checked',
  setup: 'Setup not finished',
  not_checkable: 'Checklist only',
};

/** The id of the neutral "nothing to check with" line (browser mode restarted). */
export const SECRETS_CHECK_ID = 'secrets';

export const APP_ONLY_LINE =
  'App key and secret valid · the product’s own token is not visible to the wizard';

const verdict = (
  status: ConnectorStatus,
  line: string | null,
  cause: ConnectorCause | null = null,
): Verdict => ({ status, word: STATUS_WORDS[status], line, cause });

/** The first failing check's cause and fix (the refresh first: it explains everything after it). */
function firstCause(failing: readonly CheckResult[]): ConnectorCause | null {
  const first = failing.find((check) => check.id === 'refresh') ?? failing[0];
  if (!first) return null;
  const { what, fix, action } = breakage(first);
  return { what, fix, action };
}

export function verdictOf(
  health: HealthRecord,
  target: TargetProfile,
  required: readonly string[],
): Verdict {
  const secrets = health.checks.find((check) => check.id === SECRETS_CHECK_ID);
  if (secrets && secrets.status !== 'fail') {
    // The status word already says "Can’t check": the cause says why, once.
    const why = secrets.detail.replace(/^Can’t check: t/, 'T');
    return verdict('secret_not_held', secrets.detail, {
      what: why,
      fix: 'Import the exported file (it holds the secrets), or press Reconnect.',
      action: 'import_file',
    });
  }
  const failing = health.checks.filter((check) => check.status === 'fail');
  const verdicts = failing.filter(isVerdict);
  if (verdicts.length > 0) {
    const coverage = coverageOf(health.checks, required);
    return verdict('failing', coverageLine(coverage), firstCause(verdicts));
  }
  if (failing.length > 0) {
    const first = failing[0] as CheckResult;
    return verdict('unknown', 'The check could not reach Dropbox, so nothing is known now.', {
      what: first.detail,
      fix: first.error?.remedy ?? 'Press Check now again later.',
      action: null,
    });
  }
  if (target.flow === 'app-only') {
    return verdict('key_only', APP_ONLY_LINE, {
      what: 'The health check can prove the app key and secret only; the product signs in itself.',
      fix: 'Run test authorization to check again who signs in (team admin) and the scopes.',
      action: 'test_authorization',
    });
  }
  const coverage = coverageOf(health.checks, required);
  const line = coverageLine(coverage);
  if (coverage.verified < coverage.total) {
    const open = [...coverage.notCheckable];
    return verdict('degraded', line, {
      what: `Not checkable by a harmless call: ${open.join(', ') || 'some scopes'} (granted at setup).`,
      fix: 'Nothing to do unless the product reports a permission error; then decode it here.',
      action: null,
    });
  }
  return verdict('healthy', line);
}

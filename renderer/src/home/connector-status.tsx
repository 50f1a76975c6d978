import type {
  CheckStatus,
  ConnectorStatus,
  ConnectorSummary,
} from '../../../electron/shared/contract';
import { StatusIcon } from '../components/status-icon';

/** The icon per status; the words come from core (`ConnectorSummary.statusWord`). */
const ICON: Record<ConnectorStatus, CheckStatus> = {
  healthy: 'pass',
  failing: 'fail',
  degraded: 'warn',
  unknown: 'info',
  secret_not_held: 'info',
  key_only: 'info',
  unchecked: 'info',
  setup: 'warn',
  not_checkable: 'info',
};

/** A connector's status as icon + word (+ colour): never colour alone. */
export function ConnectorStatusBadge({
  row,
  checking = false,
}: {
  row: Pick<ConnectorSummary, 'status' | 'statusWord'>;
  checking?: boolean;
}) {
  if (checking) {
    return (
      <span className="connector-status status-checking">
        <span className="spinner" aria-hidden="true" /> Checking…
      </span>
    );
  }
  return (
    <span className={`connector-status connector-status-${row.status}`}>
      <StatusIcon status={ICON[row.status]} decorative /> {row.statusWord}
    </span>
  );
}

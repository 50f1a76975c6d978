import type { CheckStatus, ConnectorStatus } from '../../../electron/shared/contract';
import { StatusIcon } from '../components/status-icon';

const STATUS: Record<ConnectorStatus, { icon: CheckStatus; word: string }> = {
  healthy: { icon: 'pass', word: 'Healthy' },
  failing: { icon: 'fail', word: 'Failing' },
  unchecked: { icon: 'info', word: 'Not checked' },
  setup: { icon: 'warn', word: 'Setup not finished' },
  not_checkable: { icon: 'info', word: 'Checklist only' },
};

export function statusWord(status: ConnectorStatus): string {
  return STATUS[status].word;
}

/** A connector's status as icon + word (+ colour): never colour alone. */
export function ConnectorStatusBadge({
  status,
  checking = false,
}: {
  status: ConnectorStatus;
  checking?: boolean;
}) {
  if (checking) {
    return (
      <span className="connector-status status-checking">
        <span className="spinner" aria-hidden="true" /> Checking…
      </span>
    );
  }
  const { icon, word } = STATUS[status];
  return (
    <span className={`connector-status connector-status-${status}`}>
      <StatusIcon status={icon} decorative /> {word}
    </span>
  );
}

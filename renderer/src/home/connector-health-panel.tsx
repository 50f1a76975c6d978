import type { ConnectorSummary } from '../../../electron/shared/contract';
import { CauseFixButton } from './cause-fix';
import { ConnectorStatusBadge } from './connector-status';

/** What the status covers, its first cause and the fix: all in core's words. */
export function ConnectorHealthPanel({
  row,
  checking,
  busy,
  onNotice,
}: {
  row: ConnectorSummary;
  checking: boolean;
  busy: boolean;
  onNotice: (message: string) => void;
}) {
  if (!row.statusLine && !row.cause) return null;
  return (
    <section
      className={`panel connector-health connector-health-${row.status}`}
      aria-labelledby="coverage-heading"
    >
      <h2 id="coverage-heading">
        <ConnectorStatusBadge row={row} checking={checking} />
      </h2>
      {row.statusLine ? <p className="coverage-line">{row.statusLine}</p> : null}
      {row.cause ? (
        <div className="connector-cause">
          <p>
            <strong>{row.cause.what}</strong>
          </p>
          <p>{row.cause.fix}</p>
          <p>
            <CauseFixButton
              connectorId={row.id}
              name={row.name}
              cause={row.cause}
              busy={busy}
              onImported={onNotice}
            />
          </p>
        </div>
      ) : null}
    </section>
  );
}

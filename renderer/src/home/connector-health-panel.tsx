import type { ConnectorSummary } from '../../../electron/shared/contract';
import { CauseFixButton } from './cause-fix';

/** What the status covers, its first cause and the fix: all in core's words. */
export function ConnectorHealthPanel({
  row,
  showCause,
  busy,
  onNotice,
}: {
  row: ConnectorSummary;
  /** False when "What changed" below already shows the same cause with its fix. */
  showCause: boolean;
  busy: boolean;
  onNotice: (message: string) => void;
}) {
  const cause = showCause ? row.cause : null;
  if (!row.statusLine && !cause) return null;
  return (
    <section
      className={`panel connector-health connector-health-${row.status}`}
      aria-labelledby="coverage-heading"
    >
      <h2 id="coverage-heading">What the last check covered</h2>
      {row.statusLine ? <p className="coverage-line">{row.statusLine}</p> : null}
      {cause ? (
        <div className="connector-cause">
          <p>
            <strong>{cause.what}</strong>
          </p>
          <p>{cause.fix}</p>
          <p>
            <CauseFixButton
              connectorId={row.id}
              name={row.name}
              cause={cause}
              busy={busy}
              onImported={onNotice}
            />
          </p>
        </div>
      ) : null}
    </section>
  );
}

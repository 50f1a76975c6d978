import type { ConnectorSummary } from '../../../electron/shared/contract';
import { StatusIcon } from '../components/status-icon';

export interface ImportShown {
  readonly imported: readonly ConnectorSummary[];
  readonly existing: readonly ConnectorSummary[];
  readonly notes: readonly string[];
}

/** What an import did, and the offer to update connectors the file's credentials already are. */
export function ImportResult({
  result,
  busy,
  onUpdate,
}: {
  result: ImportShown;
  busy: boolean;
  onUpdate: () => void;
}) {
  const { imported, existing, notes } = result;
  return (
    <div className="success-box import-result" role="status">
      {imported.length > 0 ? (
        <>
          <p>
            <StatusIcon status="pass" decorative />{' '}
            <strong>
              Imported {imported.length} connector{imported.length === 1 ? '' : 's'}:
            </strong>
          </p>
          <ul>
            {imported.map((row) => (
              <li key={row.id}>
                {row.name} — {row.statusWord}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {existing.length > 0 ? (
        <>
          <p>
            <strong>
              Already saved (same app key and account), so no copy was added:{' '}
              {existing.map((row) => row.name).join(', ')}.
            </strong>
          </p>
          <p>
            <button
              type="button"
              className="button secondary"
              aria-disabled={busy ? true : undefined}
              onClick={() => {
                if (!busy) onUpdate();
              }}
            >
              Update {existing.length === 1 ? 'that connector' : 'those connectors'} from the file
            </button>
          </p>
        </>
      ) : null}
      {notes.map((note) => (
        <p key={note} className="small-print">
          {note}
        </p>
      ))}
    </div>
  );
}

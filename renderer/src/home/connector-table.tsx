import { useState } from 'react';
import type { ConnectorSummary } from '../../../electron/shared/contract';
import { connectorOpened } from '../store/connector-actions';
import { CauseFixButton } from './cause-fix';
import { ConnectorDeleteDialog } from './connector-delete-dialog';
import { ConnectorStatusBadge } from './connector-status';
import { EmailText } from './email-text';
import { RelativeTime } from './time';

/** The saved connectors: each row's status with its first cause and the button for its fix. */
export function ConnectorTable({
  rows,
  checking,
  busy,
  onNotice,
}: {
  rows: readonly ConnectorSummary[];
  checking: readonly string[];
  busy: boolean;
  onNotice: (message: string) => void;
}) {
  const [deleting, setDeleting] = useState<ConnectorSummary | null>(null);
  return (
    <div className="table-wrap">
      <table className="connector-table">
        <caption className="visually-hidden">Saved connectors</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Product</th>
            <th scope="col">Account</th>
            <th scope="col">Team</th>
            <th scope="col">Status</th>
            <th scope="col">Last checked</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const draft = row.status === 'setup';
            const fix = row.cause && row.status !== 'healthy' ? row.cause : null;
            return (
              <tr key={row.id} className={row.active ? 'connector-row active' : 'connector-row'}>
                <th scope="row">
                  {/* Names carry Dropbox-supplied team names and emails: isolated. */}
                  <bdi>{row.name}</bdi>
                </th>
                <td>{row.targetName ?? <span className="muted">Not chosen</span>}</td>
                <td className="email-cell">
                  {row.account ? (
                    <EmailText value={row.account} />
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>{row.team ? <bdi>{row.team}</bdi> : <span className="muted">—</span>}</td>
                <td className="status-cell">
                  <ConnectorStatusBadge row={row} checking={checking.includes(row.id)} />
                  {draft ? (
                    <span className="row-cause">
                      Last changed <RelativeTime iso={row.updatedAt} />
                    </span>
                  ) : fix ? (
                    <span className="row-cause">{fix.what}</span>
                  ) : null}
                </td>
                <td>
                  <RelativeTime
                    iso={row.lastChecked}
                    never={draft || row.status === 'not_checkable' ? '—' : 'Never'}
                  />
                </td>
                <td className="row-action">
                  <div className="row-buttons">
                    {fix ? (
                      <CauseFixButton
                        connectorId={row.id}
                        name={row.name}
                        cause={fix}
                        busy={busy}
                        small
                        onImported={onNotice}
                      />
                    ) : null}
                    <button
                      type="button"
                      className={draft ? 'button small secondary' : 'button small'}
                      aria-label={draft ? `Continue setup of ${row.name}` : `Open ${row.name}`}
                      aria-disabled={busy ? true : undefined}
                      onClick={() => {
                        if (!busy) void connectorOpened(row.id);
                      }}
                    >
                      {draft ? 'Continue setup' : 'Open'}
                    </button>
                    {draft ? (
                      <button
                        type="button"
                        className="button small danger-outline"
                        aria-label={`Delete draft ${row.name}`}
                        aria-disabled={busy ? true : undefined}
                        onClick={() => {
                          if (!busy) setDeleting(row);
                        }}
                      >
                        Delete
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ConnectorDeleteDialog
        connectorId={deleting?.id ?? ''}
        name={deleting?.name ?? ''}
        holdsToken={false}
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        note="Setup was not finished, so nothing was handed to a product. If it got as far as signing in, remove the app’s link in Dropbox: Settings → Connected apps."
      />
    </div>
  );
}

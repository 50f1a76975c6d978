import { useEffect, useRef, useState } from 'react';
import type { ExportResult, SecretField, SecretState } from '../../../../electron/shared/contract';
import type { RemedyAction, WizardError } from '../../../../electron/shared/result';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBox } from '../../components/error-box';
import { StatusIcon } from '../../components/status-icon';
import { StepLayout } from '../../components/step-layout';
import { connectorsListed, homeRequested } from '../../store/connector-actions';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';
import './export.css';

const MASK = '••••••••••••••••';

interface Row {
  readonly field: SecretField;
  readonly label: string;
  readonly shown: string | null;
  readonly held: SecretState | 'plain';
  readonly where?: string;
}

export function ExportStep() {
  const session = useWizardStore(wizardSelectors.session);
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const pending = useWizardStore(wizardSelectors.pending);

  const [copied, setCopied] = useState<{
    field: SecretField;
    seconds: number;
    cleared: boolean;
  } | null>(null);
  const copies = useRef(0);
  /** Which export ran last, so "Try again" repeats that one. */
  const lastRedacted = useRef(false);
  const [exportPath, setExportPath] = useState(
    session?.progress.exportedPath ?? session?.defaultExportPath ?? '',
  );
  // The last file of each kind written on this screen (both may show: the export and its copy).
  const [written, setWritten] = useState<{
    full: ExportResult | null;
    redacted: ExportResult | null;
  }>({ full: null, redacted: null });
  const [exportError, setExportError] = useState<WizardError | null>(null);
  /** An export that would replace a file: which kind, and the file, until Replace or Cancel. */
  const [replacing, setReplacing] = useState<{
    redacted: boolean;
    path: string | null;
    confirmation: string | null;
  } | null>(null);
  const [dialog, setDialog] = useState<'revoke' | 'start_over' | null>(null);
  const [formatId, setFormatId] = useState<string | null>(null);
  const plan = useWizardStore(wizardSelectors.plan);
  const saved = useWizardStore(wizardSelectors.activeConnector);

  // Finishing Verify saved the connector: the list names it as the home screen will.
  useEffect(() => {
    void connectorsListed();
  }, []);

  if (!session || !target) return null;

  const isElectron = session.mode === 'electron';
  const formats = plan?.formats ?? [];
  const format = formats.find((f) => f.id === formatId) ?? formats[0] ?? null;
  // One row per field of the product's form, under the product's own label, in its order.
  const shownValue = (field: SecretField): string | null => {
    if (field === 'app_key') return session.progress.appKey || null;
    if (field === 'redirect_uri') return plan?.productRedirectUris[0] ?? null;
    if (field === 'account_email') return session.progress.identity?.email ?? null;
    if (field === 'scopes') return plan?.requiredScopes.map((scope) => scope.id).join(' ') ?? null;
    return null;
  };
  const rows: readonly Row[] = target.outputs.map((output) => ({
    field: output.key,
    label: output.label,
    shown: output.secret ? null : shownValue(output.key),
    held:
      output.key === 'app_secret'
        ? session.secrets.appSecret
        : output.key === 'refresh_token'
          ? session.secrets.refreshToken
          : 'plain',
    ...(output.where ? { where: output.where } : {}),
  }));
  const holdsToken = target.outputs.some((output) => output.key === 'refresh_token');

  const copy = async (field: SecretField): Promise<void> => {
    setCopied(null);
    copies.current += 1;
    const mine = copies.current;
    const seconds = await useWizardStore.getState().secretCopyRequested(field, (outcome) => {
      if (mine !== copies.current) return;
      // Cleared: say so. Replaced by something the admin copied since: the secret is gone
      // already, and "cleared" would not be true, so the line just goes.
      setCopied((current) =>
        current && outcome === 'cleared' ? { ...current, cleared: true } : null,
      );
    });
    if (seconds !== null && mine === copies.current) setCopied({ field, seconds, cleared: false });
  };

  const doExport = async (redacted: boolean, replace?: string): Promise<void> => {
    if (pending !== null) return;
    lastRedacted.current = redacted;
    setExportError(null);
    setWritten((current) => ({ ...current, [redacted ? 'redacted' : 'full']: null }));
    const path = exportPath.trim();
    const result = await useWizardStore.getState().exportRequested({
      ...(format ? { format: format.id } : {}),
      ...(isElectron || !path ? {} : { path }),
      ...(redacted ? { redacted: true } : {}),
      ...(replace ? { replace } : {}),
    });
    if (result.ok) {
      setWritten((current) => ({ ...current, [redacted ? 'redacted' : 'full']: result.value }));
      // Core resolved "~" or a relative name: the field shows where the file really went.
      if (!redacted && !isElectron) setExportPath(result.value.path);
    } else if (result.error.code === 'file_exists' && !replace) {
      // The file core refused to replace: its absolute path is in `detail`, and only the
      // one-time confirmation core issued with this answer can replace it.
      setReplacing({
        redacted,
        path: result.error.detail ?? (isElectron ? null : path),
        confirmation: result.error.confirmation ?? null,
      });
    } else {
      // Only the failure shows then: an older "Written to" beside it would read as this outcome.
      setWritten({ full: null, redacted: null });
      setExportError(result.error);
    }
  };

  const onErrorAction = (action: RemedyAction): void => {
    if (action === 'authorize_again') void useWizardStore.getState().authorizeAgainRequested();
    else if (action === 'start_over') setDialog('start_over');
    else if (action === 'edit_credentials')
      void useWizardStore.getState().stepRequested('create-app');
    else if (action === 'retry') void doExport(lastRedacted.current);
  };

  return (
    <StepLayout
      step="export"
      intro={`Copy the values into ${target.name}, or export them to a file.`}
      onContinue={() => void doExport(false)}
      hideContinue
      busyText={
        pending === 'export'
          ? 'Writing the file…'
          : pending === 'revoke'
            ? 'Revoking the token…'
            : pending === 'start_over'
              ? 'Starting over…'
              : null
      }
      onErrorAction={onErrorAction}
    >
      {/* Where the values go and the values themselves on the left; the export beside them. */}
      <div className="export-columns">
        <div className="export-main">
          {saved && saved.status !== 'setup' ? (
            <section className="panel finish-card" aria-labelledby="saved-heading">
              <h2 id="saved-heading">
                <StatusIcon status="pass" decorative /> Saved as {saved.name}
              </h2>
              <p>
                The wizard keeps it with your other connectors to check, reconnect or export again
                later.{' '}
                <button type="button" className="link-button" onClick={() => void homeRequested()}>
                  See all connectors
                </button>
              </p>
            </section>
          ) : null}
          <section className="panel handoff" aria-labelledby="handoff-heading">
            <h2 id="handoff-heading">
              {plan?.flow === 'prerequisites-only'
                ? `In ${target.name}`
                : `Where these go in ${target.name}`}
            </h2>
            <ol className="handoff-steps">
              {target.handoff.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ol>
          </section>

          <section className="panel" aria-labelledby="values-heading">
            <h2 id="values-heading">Values</h2>
            <table className="value-table">
              <tbody>
                {rows.map((row) => {
                  const missing = row.held === 'none' || (row.held === 'plain' && !row.shown);
                  return (
                    <tr key={row.field}>
                      <th scope="row">
                        {row.label}
                        {row.where ? (
                          <span className="muted small-print"> ({row.where})</span>
                        ) : null}
                      </th>
                      <td className="mono value-cell">
                        {missing ? (
                          <span className="text-fail">Not held</span>
                        ) : row.shown !== null ? (
                          row.shown
                        ) : (
                          // Named by its row header; reads "hidden", not a row of bullets.
                          <span className="masked-value">
                            <span aria-hidden="true">{MASK}</span>{' '}
                            <span className="masked-word">hidden</span>
                          </span>
                        )}
                      </td>
                      <td className="value-action">
                        <button
                          type="button"
                          className="button small"
                          aria-label={`Copy ${row.label}`}
                          disabled={missing}
                          onClick={() => void copy(row.field)}
                        >
                          Copy
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="copy-status" role="status">
              {copied
                ? copied.cleared
                  ? 'Clipboard cleared.'
                  : `Copied. The clipboard is cleared in ${copied.seconds} s.`
                : ''}
            </p>
            {holdsToken && session.secrets.refreshToken === 'none' ? (
              <p className="note">
                The wizard holds no refresh token (it was revoked, or the wizard's server
                restarted).{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void useWizardStore.getState().authorizeAgainRequested()}
                >
                  Authorize again
                </button>
              </p>
            ) : null}
          </section>
        </div>

        <section className="panel" aria-labelledby="export-heading">
          <h2 id="export-heading">Export</h2>
          {formats.length > 1 ? (
            <div className="field">
              <label htmlFor="export-format">File format</label>
              <select
                id="export-format"
                value={format?.id ?? ''}
                onChange={(event) => {
                  setFormatId(event.target.value);
                  // The default name carries the default format's extension: let core pick the
                  // name for the new format unless the admin typed a path of their own.
                  if (exportPath === session.defaultExportPath) setExportPath('');
                }}
              >
                {formats.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <p className="muted">
            {format ? `${format.label}: ${format.description}` : null} It is written in one step and
            readable by your user only.
          </p>
          {isElectron ? null : (
            <div className="field">
              <label htmlFor="export-path">Export file</label>
              <input
                id="export-path"
                type="text"
                className="mono wide"
                value={exportPath}
                onChange={(event) => setExportPath(event.target.value)}
                placeholder="A file in the exports folder, named for the format"
                autoComplete="off"
                spellCheck={false}
              />
            </div>
          )}
          <div className="button-row">
            {/* An ellipsis only where a question follows: the desktop app's save dialog. */}
            <button type="submit" className="button primary">
              {isElectron ? 'Export…' : 'Export file'}
            </button>
            <button type="button" className="button secondary" onClick={() => void doExport(true)}>
              Export redacted copy for support
            </button>
          </div>
          {exportError ? <ErrorBox error={exportError} onAction={onErrorAction} /> : null}
          <div className="success-line" role="status">
            {written.full ? (
              <p>
                <StatusIcon status="pass" decorative /> Written to{' '}
                <span className="mono">{written.full.path}</span> (owner-only permissions)
              </p>
            ) : null}
            {written.redacted ? (
              <p>
                <StatusIcon status="pass" decorative /> Redacted copy written to{' '}
                <span className="mono">{written.redacted.path}</span> (no secrets in it: safe to
                send to support)
              </p>
            ) : null}
          </div>
        </section>
      </div>

      <section className="panel danger-zone" aria-labelledby="finish-heading">
        <h2 id="finish-heading">When you are done</h2>
        <div className="button-row">
          <button
            type="button"
            className="button danger-outline"
            onClick={() => setDialog('revoke')}
            disabled={!holdsToken || session.secrets.refreshToken === 'none'}
          >
            Revoke this token
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => setDialog('start_over')}
          >
            Start over
          </button>
        </div>
      </section>

      <ConfirmDialog
        open={replacing !== null}
        title={
          replacing?.path ? (
            <>
              Replace the existing file <span className="mono">{replacing.path}</span>?
            </>
          ) : (
            'Replace the existing file?'
          )
        }
        confirmLabel="Replace"
        danger
        busy={pending === 'export'}
        onCancel={() => setReplacing(null)}
        onConfirm={() => {
          const redacted = replacing?.redacted ?? false;
          const confirmation = replacing?.confirmation ?? undefined;
          setReplacing(null);
          void doExport(redacted, confirmation);
        }}
      >
        <p>
          {replacing?.redacted
            ? 'The new support copy is written over it.'
            : 'The new export is written over it; what the file held before is lost.'}{' '}
          Cancel to keep it and change the file name instead.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'revoke'}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        danger
        busy={pending === 'revoke'}
        onCancel={() => setDialog(null)}
        onConfirm={async () => {
          // On success core moves back to Authorize, which says the token is revoked.
          await useWizardStore.getState().tokenRevoked();
          setDialog(null);
        }}
      >
        <p>
          Dropbox stops accepting this refresh token at once. If you already pasted it into{' '}
          {target.name}, its connector stops working until you authorize again.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'start_over'}
        title="Start over?"
        confirmLabel="Start over"
        danger
        busy={pending === 'start_over'}
        onCancel={() => setDialog(null)}
        onConfirm={async () => {
          setDialog(null);
          await useWizardStore.getState().startOverConfirmed();
        }}
      >
        <p>
          The wizard forgets the connector, the app key, the secrets it holds and every check. Files
          you exported stay where they are. The token is not revoked: use Revoke first if you no
          longer need it.
        </p>
      </ConfirmDialog>
    </StepLayout>
  );
}

import { useRef, useState } from 'react';
import type {
  ConnectorPlan,
  SecretField,
  SecretState,
  SessionSnapshot,
  TargetProfile,
} from '../../../../electron/shared/contract';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';

const MASK = '••••••••••••••••';

interface Row {
  readonly field: SecretField;
  readonly label: string;
  readonly shown: string | null;
  readonly held: SecretState | 'plain';
  readonly where?: string;
}

/** One row per field of the product's form, under the product's own label, in its order. */
function rowsOf(
  session: SessionSnapshot,
  target: TargetProfile,
  plan: ConnectorPlan | null,
): Row[] {
  const shownValue = (field: SecretField): string | null => {
    if (field === 'app_key') return session.progress.appKey || null;
    if (field === 'redirect_uri') return plan?.productRedirectUris[0] ?? null;
    if (field === 'account_email') return session.progress.identity?.email ?? null;
    if (field === 'scopes') return plan?.requiredScopes.map((scope) => scope.id).join(' ') ?? null;
    return null;
  };
  return target.outputs.map((output) => ({
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
}

interface ValuesPanelProps {
  readonly session: SessionSnapshot;
  readonly target: TargetProfile;
  readonly plan: ConnectorPlan | null;
}

/** The values to copy into the product; secrets masked, copied through the clipboard that clears. */
export function ValuesPanel({ session, target, plan }: ValuesPanelProps) {
  const [copied, setCopied] = useState<{ seconds: number; cleared: boolean } | null>(null);
  const signInAgain = useWizardStore(wizardSelectors.signInAgainLabel);
  const copies = useRef(0);
  const rows = rowsOf(session, target, plan);
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
    if (seconds !== null && mine === copies.current) setCopied({ seconds, cleared: false });
  };

  return (
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
                  {row.where ? <span className="muted small-print"> ({row.where})</span> : null}
                </th>
                <td className="mono value-cell">
                  {missing ? (
                    <span className="text-fail">Not held</span>
                  ) : row.shown !== null ? (
                    // Dropbox-supplied values (the account's email) must not reorder the row.
                    <bdi>{row.shown}</bdi>
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
                    title={missing ? 'The wizard does not hold this value.' : undefined}
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
          The wizard holds no refresh token (it was revoked, or the wizard's server restarted).{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => void useWizardStore.getState().authorizeAgainRequested()}
          >
            {signInAgain}
          </button>
        </p>
      ) : null}
    </section>
  );
}

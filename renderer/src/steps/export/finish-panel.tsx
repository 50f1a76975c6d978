import type { SessionSnapshot, TargetProfile } from '../../../../electron/shared/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { productNoun } from '../../lib/product-noun';
import { useWizardStore } from '../../store/wizard-store';

export type FinishDialog = 'revoke' | 'start_over' | null;

interface FinishPanelProps {
  readonly session: SessionSnapshot;
  readonly target: TargetProfile;
  readonly dialog: FinishDialog;
  readonly onDialog: (dialog: FinishDialog) => void;
}

/** "When you are done": revoke the token (where the wizard holds one) or start over. */
export function FinishPanel({ session, target, dialog, onDialog }: FinishPanelProps) {
  const pending = useWizardStore((s) => s.pending);
  // Only a product that takes the refresh token has one to revoke here; app-only products' test
  // sign-in was revoked by Verify, and a prerequisites-only product never had one.
  const holdsToken = target.outputs.some((output) => output.key === 'refresh_token');
  const noToken = session.secrets.refreshToken === 'none';
  return (
    <section className="panel danger-zone" aria-labelledby="finish-heading">
      <h2 id="finish-heading">When you are done</h2>
      <div className="button-row">
        {holdsToken ? (
          <button
            type="button"
            className="button danger-outline"
            onClick={() => onDialog('revoke')}
            disabled={noToken}
            aria-describedby={noToken ? 'revoke-why' : undefined}
          >
            Revoke this token
          </button>
        ) : null}
        <button type="button" className="button secondary" onClick={() => onDialog('start_over')}>
          Start over
        </button>
      </div>
      {holdsToken && noToken ? (
        // A disabled button says why.
        <p id="revoke-why" className="muted small-print">
          Nothing to revoke: the wizard holds no token (it was revoked, or the wizard restarted).
        </p>
      ) : null}
      <ConfirmDialog
        open={dialog === 'revoke'}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        danger
        busy={pending === 'revoke'}
        onCancel={() => onDialog(null)}
        onConfirm={async () => {
          // On success core moves back to Authorize, which says the token is revoked.
          await useWizardStore.getState().tokenRevoked();
          onDialog(null);
        }}
      >
        <p>
          Dropbox stops accepting this refresh token at once. If you already pasted it into{' '}
          {productNoun(target)}, its connector stops working until you reconnect.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'start_over'}
        title="Start over?"
        confirmLabel="Start over"
        danger
        busy={pending === 'start_over'}
        onCancel={() => onDialog(null)}
        onConfirm={async () => {
          onDialog(null);
          await useWizardStore.getState().startOverConfirmed();
        }}
      >
        <p>
          The wizard forgets the connector, the app key, the secrets it holds and every check. Files
          you exported stay where they are. The token is not revoked: use Revoke first if you no
          longer need it.
        </p>
      </ConfirmDialog>
    </section>
  );
}

import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { connectorDeleted } from '../store/connector-actions';
import { wizardSelectors } from '../store/selectors';
import { useWizardStore } from '../store/wizard-store';

/** "Delete <name>?" with the revoke choice (only when the wizard holds a token to revoke). */
export function ConnectorDeleteDialog({
  connectorId,
  name,
  holdsToken,
  open,
  onClose,
  note,
}: {
  connectorId: string;
  name: string;
  holdsToken: boolean;
  open: boolean;
  onClose: () => void;
  /** Replaces the "no token" line (a draft says what deleting it leaves behind). */
  note?: string;
}) {
  const pending = useWizardStore(wizardSelectors.connectorPending);
  // Revoke is ticked whenever there is a token; "unticked" lasts until the dialog closes.
  const [unticked, setUnticked] = useState(false);
  const revoke = !unticked;
  const close = (): void => {
    setUnticked(false);
    onClose();
  };

  return (
    <ConfirmDialog
      open={open}
      title={`Delete ${name}?`}
      confirmLabel="Delete connector"
      danger
      busy={pending === 'delete'}
      onCancel={close}
      onConfirm={async () => {
        // On a refusal the connector stays, and the screen says why (the dialog closes over it).
        await connectorDeleted(connectorId, holdsToken && revoke);
        close();
      }}
    >
      <p>
        The wizard forgets this connector and the secrets it holds. Files you exported stay where
        they are.
      </p>
      <div className="checkbox-field">
        <input
          id="delete-revoke"
          type="checkbox"
          checked={holdsToken && revoke}
          disabled={!holdsToken}
          onChange={(event) => setUnticked(!event.target.checked)}
        />
        <label htmlFor="delete-revoke">Also revoke its token at Dropbox</label>
      </div>
      {holdsToken ? null : (
        <p className="muted small-print">
          {note ?? 'The wizard holds no token for it, so none is revoked.'}
        </p>
      )}
    </ConfirmDialog>
  );
}

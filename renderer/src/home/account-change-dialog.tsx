import { useEffect, useId, useRef } from 'react';
import { wizardSelectors } from '../store/selectors';
import { accountChangeResolved } from '../store/connector-actions';
import { useWizardStore } from '../store/wizard-store';

/**
 * A reconnect signed in as a different Dropbox account or team (`wrong_account`). Core holds that
 * sign-in until the admin decides: replace the connector's account (its old grant is revoked), or
 * keep the old one (the new sign-in is revoked). Keep is focused first and is what Escape does,
 * so nothing changes the connector by accident.
 */
export function AccountChangeDialog() {
  const error = useWizardStore(wizardSelectors.accountChange);
  const pending = useWizardStore(wizardSelectors.connectorPending);
  const ref = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const open = error !== null;
  const busy = pending === 'account_change';

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      keepRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) void accountChangeResolved(false);
      }}
    >
      <h2 id={titleId}>A different Dropbox account signed in</h2>
      <div className="dialog-body">
        <p>
          {/* Core's sentence names both accounts: isolated from the dialog's own words. */}
          <strong>
            <bdi>{error?.message}</bdi>
          </strong>
        </p>
        <p>{error?.remedy}</p>
      </div>
      <div className="dialog-actions">
        <button
          ref={keepRef}
          type="button"
          className="button secondary"
          aria-disabled={busy ? true : undefined}
          onClick={() => {
            if (!busy) void accountChangeResolved(false);
          }}
        >
          Keep the old account
        </button>
        <button
          type="button"
          className="button danger"
          aria-disabled={busy ? true : undefined}
          onClick={() => {
            if (!busy) void accountChangeResolved(true);
          }}
        >
          Replace the account
        </button>
      </div>
    </dialog>
  );
}

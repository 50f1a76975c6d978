import { useState } from 'react';
import type { SessionSnapshot } from '../../../../electron/shared/contract';
import { PASTED_VALUE_INPUT } from '../../lib/pasted-value-input';
import { useWizardStore } from '../../store/wizard-store';
import type { CredentialFields, CredentialsForm } from './use-credentials-form';

/** The App secret: held by core (Show / Replace), or a field that checks both when pasted into. */
export function AppSecretField({
  form,
  secretRef,
  session,
}: {
  form: CredentialsForm;
  secretRef: CredentialFields['secretRef'];
  session: SessionSnapshot;
}) {
  const [showSecret, setShowSecret] = useState(false);
  const pending = useWizardStore((s) => s.pending);
  const { revealed, setRevealed } = form;
  if (form.secretHeld) {
    const storageWord = session.secrets.appSecret === 'stored' ? 'stored' : 'held in memory';
    return (
      <div className="field" role="group" aria-labelledby="app-secret-held-label">
        <span className="field-label" id="app-secret-held-label">
          App secret
        </span>
        <p className="held-secret">
          App secret: {storageWord}
          {revealed === null ? (
            ' (not shown)'
          ) : (
            <>
              {' '}
              <code className="revealed-value" aria-label="App secret value">
                {revealed}
              </code>
            </>
          )}
        </p>
        <div className="button-row">
          <button
            type="button"
            className="button small"
            aria-pressed={revealed !== null}
            onClick={async () => {
              if (revealed !== null) setRevealed(null);
              else setRevealed(await useWizardStore.getState().secretRevealRequested('app_secret'));
            }}
          >
            Show
          </button>
          <button type="button" className="button small" onClick={form.replaceSecret}>
            Replace
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor="app-secret">App secret</label>
      <div className="input-with-button">
        <input
          id="app-secret"
          ref={secretRef}
          type={showSecret ? 'text' : 'password'}
          className="mono"
          value={form.appSecret}
          onChange={(event) => form.setAppSecret(event.target.value)}
          onPaste={(event) => {
            // The secret is the last thing Dropbox makes the admin copy: pasting it into an empty
            // field with the key present runs the check at once (one action saved, and a typo is
            // caught while the App Console is still open).
            const pasted = event.clipboardData.getData('text');
            if (form.appSecret !== '' || !pasted.trim() || !form.appKey.trim() || pending !== null)
              return;
            event.preventDefault();
            form.setAppSecret(pasted);
            form.submit(pasted);
          }}
          {...PASTED_VALUE_INPUT}
          // Where the secret will live is said beside the fields (the banner at the top shows
          // only once secrets are held).
          aria-describedby="storage-notice"
        />
        <button
          type="button"
          className="button small"
          aria-pressed={showSecret}
          aria-controls="app-secret"
          onClick={() => setShowSecret((v) => !v)}
        >
          Show
        </button>
      </div>
      {session.secrets.appSecret !== 'none' ? (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            form.setAppSecret('');
            form.setReplacingSecret(false);
          }}
        >
          Keep the secret already held instead
        </button>
      ) : null}
    </div>
  );
}

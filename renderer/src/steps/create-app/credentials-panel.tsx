import type { SessionSnapshot } from '../../../../electron/shared/contract';
import { StatusIcon } from '../../components/status-icon';
import { PASTED_VALUE_INPUT } from '../../lib/pasted-value-input';
import { useWizardStore } from '../../store/wizard-store';
import { AppSecretField } from './app-secret-field';
import type { CredentialFields, CredentialsForm } from './use-credentials-form';

/** "Paste here": the App key and secret, where the secret is kept, and the form's one hint. */
export function CredentialsPanel({
  form,
  fields,
  session,
}: {
  form: CredentialsForm;
  fields: CredentialFields;
  session: SessionSnapshot;
}) {
  const keyError = form.shownKeyError;
  const { appKeyRef, secretRef } = fields;
  return (
    <section className="panel" aria-labelledby="credentials-heading">
      <h2 id="credentials-heading">Paste here</h2>
      <div className="field">
        <label htmlFor="app-key">App key</label>
        <input
          id="app-key"
          ref={appKeyRef}
          type="text"
          className="mono"
          value={form.appKey}
          onChange={(event) => form.setAppKey(event.target.value)}
          onBlur={() => form.saveKey(form.appKey.trim())}
          onPaste={(event) => {
            // Saved at once (a paste is a finished value), with the pasted text in place of the
            // selection, as the field will show it.
            const field = event.currentTarget;
            const pasted = event.clipboardData.getData('text');
            const start = field.selectionStart ?? field.value.length;
            const end = field.selectionEnd ?? field.value.length;
            form.saveKey((field.value.slice(0, start) + pasted + field.value.slice(end)).trim());
          }}
          aria-invalid={keyError ? true : undefined}
          aria-describedby={keyError ? 'app-key-error' : undefined}
          {...PASTED_VALUE_INPUT}
        />
        {keyError ? (
          <div id="app-key-error" className="field-error" role="alert">
            <p>
              <StatusIcon status="fail" decorative /> <strong>{keyError.message}</strong>
            </p>
            <p>{keyError.remedy}</p>
          </div>
        ) : null}
      </div>
      <AppSecretField form={form} secretRef={secretRef} session={session} />
      <p id="storage-notice" className="storage-notice">
        <StatusIcon status="info" decorative /> {session.storage.notice}
      </p>
      {session.storage.canOptIn ? (
        <div className="checkbox-field">
          <input
            id="secret-opt-in"
            type="checkbox"
            checked={session.storage.optedIn}
            onChange={(event) =>
              void useWizardStore.getState().secretPersistenceChanged(event.target.checked)
            }
          />
          <label htmlFor="secret-opt-in">
            Keep secrets on this computer between runs, although they are not encrypted
          </label>
        </div>
      ) : null}
      {form.hint ? (
        <p className="inline-hint" role="alert">
          {form.hint}
        </p>
      ) : null}
    </section>
  );
}

/**
 * Create app's form state: what the admin typed (never in the store, never in web storage), the
 * held secret's state, and what Continue and an error's fix button do.
 */
import { type RefObject, useRef, useState } from 'react';
import type { SecretState, SessionSnapshot } from '../../../../electron/shared/contract';
import type { RemedyAction, WizardError } from '../../../../electron/shared/result';
import { useWizardStore } from '../../store/wizard-store';

/** The two fields the form moves focus to; owned by the step, handed to the panel. */
export interface CredentialFields {
  readonly appKeyRef: RefObject<HTMLInputElement | null>;
  readonly secretRef: RefObject<HTMLInputElement | null>;
}

export function useCredentialsForm(session: SessionSnapshot | null, fields: CredentialFields) {
  const { appKeyRef, secretRef } = fields;
  const appReport = useWizardStore((s) => s.appReport);
  const stepError = useWizardStore((s) => s.stepError);
  const [appKey, setAppKey] = useState(session?.progress.appKey ?? '');
  const [appSecret, setAppSecret] = useState('');
  const [replacingSecret, setReplacingSecret] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  /** Core refused the key as typed (e.g. a token pasted into it); `value` is what it refused. */
  const [keyError, setKeyError] = useState<{ value: string; error: WizardError } | null>(null);
  const [noRedirectUri, setNoRedirectUri] = useState(session?.progress.redirectMode === 'manual');
  // When core stops holding the secret (the key changed: it belonged to the other app), forget
  // what was revealed of it and show the empty field, never a stale "held in memory".
  const heldState: SecretState = session?.secrets.appSecret ?? 'none';
  const [seenHeldState, setSeenHeldState] = useState(heldState);
  if (heldState !== seenHeldState) {
    setSeenHeldState(heldState);
    if (heldState === 'none') {
      setRevealed(null);
      setReplacingSecret(false);
    }
  }
  const keySaves = useRef(0);

  const secretHeld = heldState !== 'none' && !replacingSecret;
  const shownKeyError = keyError && keyError.value === appKey.trim() ? keyError.error : null;
  const focusKey = (): void => {
    appKeyRef.current?.focus();
    appKeyRef.current?.select();
  };
  /** Shows the secret field in place of the held secret; focus after React renders it. */
  const replaceSecret = (): void => {
    setRevealed(null);
    setReplacingSecret(true);
    window.setTimeout(() => {
      secretRef.current?.focus();
      secretRef.current?.select();
    }, 0);
  };

  /** Saves the key (blur or paste) and shows core's refusal under the field. */
  const saveKey = (value: string): void => {
    keySaves.current += 1;
    const mine = keySaves.current;
    void useWizardStore
      .getState()
      .appKeyEdited(value)
      .then((error) => {
        // A paste and the blur after it both save: only the latest answer speaks.
        if (mine === keySaves.current) setKeyError(error ? { value, error } : null);
      });
  };

  /** `pastedSecret`: the value just pasted (state has not re-rendered with it yet). */
  const submit = (pastedSecret?: string): void => {
    if (!session) return;
    const key = appKey.trim();
    const secret = (pastedSecret ?? appSecret).trim();
    // Passed with warnings and nothing edited since: Continue means "understood, move on". Only
    // while core records Create app as done (a new connector or key undoes that).
    const done = session.progress.completed.includes('create-app');
    if (appReport?.passed && key === session.progress.appKey && !secret && done) {
      void useWizardStore.getState().appCredentialsAccepted();
      return;
    }
    if (!key || shownKeyError) {
      // A refused key: the alert under the field says what is wrong.
      setHint(key ? null : 'Paste the App key from the Settings tab of your app.');
      focusKey();
      return;
    }
    // The held secret belongs to the key core has saved; a different key needs its own secret.
    const useHeld = secretHeld && key === session.progress.appKey && !pastedSecret;
    if (!useHeld && !secret) {
      setHint('Paste the App secret from the Settings tab (press Show there to see it).');
      if (secretHeld) replaceSecret();
      else secretRef.current?.focus();
      return;
    }
    setHint(null);
    void useWizardStore.getState().appCredentialsChecked({
      appKey: key,
      ...(useHeld ? {} : { appSecret: secret }),
      ...(noRedirectUri ? { noRedirectUri: true } : {}),
    });
  };

  const onErrorAction = (action: RemedyAction): void => {
    if (action === 'edit_credentials') {
      // Core's error catalogue names the field to fix; the message text is never parsed.
      if (secretHeld) setReplacingSecret(true);
      if (stepError?.field === 'app_secret') {
        window.setTimeout(() => {
          secretRef.current?.focus();
          secretRef.current?.select();
        }, 0);
        return;
      }
      focusKey();
    } else if (action === 'open_app_console') {
      void useWizardStore.getState().appConsoleRequested();
    } else if (action === 'retry') {
      submit();
    }
  };

  return {
    appKey,
    setAppKey,
    appSecret,
    setAppSecret,
    revealed,
    setRevealed,
    replacingSecret,
    setReplacingSecret,
    hint,
    shownKeyError,
    noRedirectUri,
    setNoRedirectUri,
    secretHeld,
    saveKey,
    replaceSecret,
    submit,
    onErrorAction,
  };
}

export type CredentialsForm = ReturnType<typeof useCredentialsForm>;

import { useRef, useState } from 'react';
import { PASTED_VALUE_INPUT } from '../../lib/pasted-value-input';
import type { SecretState } from '../../../../electron/shared/contract';
import type { RemedyAction, WizardError } from '../../../../electron/shared/result';
import { CheckList } from '../../components/check-list';
import { CopyButton } from '../../components/copy-button';
import { StatusIcon } from '../../components/status-icon';
import { StepLayout } from '../../components/step-layout';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';
import './create-app.css';

/** Drawn (not captured) App Console screens, bundled by Vite as image assets. */
const ILLUSTRATIONS = {
  createFullDropbox: new URL(
    '../../../../assets/illustrations/app-console-create-full-dropbox.svg',
    import.meta.url,
  ).href,
  createAppFolder: new URL(
    '../../../../assets/illustrations/app-console-create-app-folder.svg',
    import.meta.url,
  ).href,
  settingsRedirectUris: new URL(
    '../../../../assets/illustrations/app-console-settings-redirect-uris.svg',
    import.meta.url,
  ).href,
  settingsKeys: new URL(
    '../../../../assets/illustrations/app-console-settings-keys.svg',
    import.meta.url,
  ).href,
} as const;

/** A drawing of the App Console screen a step happens on; the alt text says what to do there. */
export function Illustration({ src, alt }: { src: string; alt: string }) {
  return <img className="illustration" src={src} alt={alt} width={360} height={200} />;
}

const ACCESS_SHORT = {
  full_dropbox: 'Full Dropbox',
  app_folder: 'App folder',
} as const;

const ACCESS_CONSOLE_WORDING = {
  full_dropbox: "Full Dropbox – Access to all files and folders in a user's Dropbox",
  app_folder: 'App folder – Access to a single folder created specifically for your app',
} as const;

export function CreateAppStep() {
  const session = useWizardStore(wizardSelectors.session);
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const pending = useWizardStore(wizardSelectors.pending);
  const appReport = useWizardStore(wizardSelectors.appReport);
  const appChecksStale = useWizardStore(wizardSelectors.appChecksStale);
  const stepError = useWizardStore(wizardSelectors.stepError);
  const plan = useWizardStore(wizardSelectors.plan);

  // Typed values live here only: never in the store, never in web storage.
  const [appKey, setAppKey] = useState(session?.progress.appKey ?? '');
  const [appSecret, setAppSecret] = useState('');
  const [showSecret, setShowSecret] = useState(false);
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
  const appKeyRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const checksRef = useRef<HTMLElement>(null);
  const keySaves = useRef(0);

  if (!session || !target || !plan) return null;
  const teamAdmin = plan.accountType === 'team_admin';
  const appOnly = plan.flow === 'app-only';

  const secretHeld = session.secrets.appSecret !== 'none' && !replacingSecret;
  // A running check, or a key changed since the last one: the old rows say nothing any more.
  const checks =
    appReport?.checks ??
    (appChecksStale || pending === 'check_app' ? [] : session.progress.appChecks);
  const firstFailure =
    appReport && !appReport.passed ? appReport.checks.find((c) => c.status === 'fail') : undefined;
  const redirectUris = session.redirectUris;
  const isElectron = session.mode === 'electron';
  const shownKeyError = keyError && keyError.value === appKey.trim() ? keyError.error : null;

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
  const onContinue = (pastedSecret?: string): void => {
    const key = appKey.trim();
    const secret = (pastedSecret ?? appSecret).trim();
    // Passed with warnings and nothing edited since: Continue means "understood, move on". Only
    // while core records Create app as done (a new connector or key undoes that).
    if (
      appReport?.passed &&
      key === session.progress.appKey &&
      !secret &&
      session.progress.completed.includes('create-app')
    ) {
      void useWizardStore.getState().appCredentialsAccepted();
      return;
    }
    if (!key) {
      setHint('Paste the App key from the Settings tab of your app.');
      appKeyRef.current?.focus();
      return;
    }
    if (shownKeyError) {
      // The alert under the field says what is wrong; the field describes itself with it.
      setHint(null);
      appKeyRef.current?.focus();
      appKeyRef.current?.select();
      return;
    }
    // The held secret belongs to the key core has saved; a different key needs its own secret.
    const useHeld = secretHeld && key === session.progress.appKey && !pastedSecret;
    if (!useHeld && !secret) {
      setHint('Paste the App secret from the Settings tab (press Show there to see it).');
      if (secretHeld) {
        setRevealed(null);
        setReplacingSecret(true);
        window.setTimeout(() => secretRef.current?.focus(), 0);
      } else {
        secretRef.current?.focus();
      }
      return;
    }
    setHint(null);
    void useWizardStore
      .getState()
      .appCredentialsChecked({
        appKey: key,
        ...(useHeld ? {} : { appSecret: secret }),
        ...(noRedirectUri ? { noRedirectUri: true } : {}),
      })
      .then(() => checksRef.current?.scrollIntoView({ block: 'nearest' }));
  };

  const onErrorAction = (action: RemedyAction): void => {
    if (action === 'edit_credentials') {
      // Core's error catalogue names the field to fix; the message text is never parsed.
      const secretIsWrong = stepError?.field === 'app_secret';
      if (secretHeld) setReplacingSecret(true);
      if (secretIsWrong) {
        window.setTimeout(() => {
          secretRef.current?.focus();
          secretRef.current?.select();
        }, 0);
        return;
      }
      appKeyRef.current?.focus();
      appKeyRef.current?.select();
    } else if (action === 'open_app_console') {
      void useWizardStore.getState().appConsoleRequested();
    } else if (action === 'retry') {
      onContinue();
    }
  };

  const storageWord = session.secrets.appSecret === 'stored' ? 'stored' : 'held in memory';

  return (
    <StepLayout
      step="create-app"
      intro={`Create a Dropbox app for ${target.name} in the App Console, then paste its App key and App secret here.`}
      onContinue={() => onContinue()}
      busyText={pending === 'check_app' ? 'Checking with Dropbox…' : null}
      onErrorAction={onErrorAction}
    >
      {/* The guide and the fields side by side: the fields are in view while the guide is read. */}
      <div className="create-app-columns">
        <section className="guide" aria-labelledby="guide-heading">
          <div className="guide-head">
            <h2 id="guide-heading">In the App Console</h2>
            <button
              type="button"
              className="button small"
              onClick={() => void useWizardStore.getState().appConsoleRequested()}
              title={session.appConsoleUrl}
            >
              Open App Console
            </button>
          </div>
          {target.appConsole.notes.length > 0 ? (
            <ul className="notes" aria-label={`About ${target.name}`}>
              {target.appConsole.notes.map((note) => (
                <li key={note} className="note">
                  <StatusIcon status="info" decorative /> {note}
                </li>
              ))}
            </ul>
          ) : null}
          {/* One line per step; the exact labels and a drawing of the screen open in place. */}
          <ol className="guide-steps">
            <li className="guide-step">
              <details className="guide-more">
                <summary>
                  Sign in
                  {teamAdmin ? (
                    <>
                      {' '}
                      as a <strong>team admin</strong>
                    </>
                  ) : null}{' '}
                  and press <strong>Create app</strong>.
                </summary>
                {teamAdmin ? (
                  <p>
                    {target.scopes.editable
                      ? 'The team scopes you ticked read'
                      : `${target.name} reads`}{' '}
                    team data, which only a <strong>team admin</strong> of your Dropbox team can
                    approve. Use a team admin account here and again when you authorize.
                  </p>
                ) : null}
                <p className="muted">
                  The App Console is at <span className="mono">{session.appConsoleUrl}</span>
                </p>
              </details>
            </li>
            <li className="guide-step">
              <details className="guide-more">
                <summary>
                  Choose <strong>Scoped access</strong> and{' '}
                  <strong>{ACCESS_SHORT[target.access]}</strong>.
                </summary>
                <Illustration
                  src={
                    target.access === 'full_dropbox'
                      ? ILLUSTRATIONS.createFullDropbox
                      : ILLUSTRATIONS.createAppFolder
                  }
                  alt={`Drawing of the App Console's Create a new app form: under Choose an API select Scoped access, under Choose the type of access select ${ACCESS_SHORT[target.access]}, name the app, then press Create app.`}
                />
                <p>
                  Under <em>Choose an API</em>: <strong>Scoped access</strong>. Under{' '}
                  <em>Choose the type of access you need</em>:{' '}
                  <strong>{ACCESS_CONSOLE_WORDING[target.access]}</strong>.
                  {target.access === 'full_dropbox' ? null : (
                    <span className="muted">
                      {' '}
                      The access type cannot be changed after the app is created.
                    </span>
                  )}
                </p>
              </details>
            </li>
            <li className="guide-step">
              <div className="guide-line">
                <span>Name it</span>
                <code className="copy-value">{target.appConsole.suggestedName}</code>
                <CopyButton value={target.appConsole.suggestedName} what="suggested app name" />
              </div>
            </li>
            <li className="guide-step">
              <details className="guide-more">
                <summary>
                  Press <strong>Create app</strong>: the app&apos;s <strong>Settings</strong> tab
                  opens.
                </summary>
                <p>
                  The name must be unique across Dropbox: if Dropbox says it is taken, add your
                  company&apos;s name and press <strong>Create app</strong> again.
                </p>
              </details>
            </li>
            {target.appConsole.settings
              .filter((setting) => !/^Choose (an API|the type of access)/.test(setting.name))
              .map((setting) => (
                <li key={setting.name} className="guide-step">
                  {setting.why ? (
                    <details className="guide-more">
                      <summary>
                        Set <em>{setting.name}</em> to <strong>{setting.value}</strong>.
                      </summary>
                      <p>{setting.why}</p>
                    </details>
                  ) : (
                    <div className="guide-line">
                      <span>
                        Set <em>{setting.name}</em> to <strong>{setting.value}</strong>.
                      </span>
                    </div>
                  )}
                </li>
              ))}
            <li className="guide-step">
              {noRedirectUri ? (
                <div className="guide-line">
                  <span>
                    Redirect URIs:{' '}
                    <span id="no-redirect-note" className="guide-skip">
                      Not needed: you will paste the code Dropbox shows.
                    </span>
                  </span>
                </div>
              ) : (
                <details className="guide-more">
                  <summary>
                    Add {redirectUris.length > 1 ? 'these redirect URIs' : 'this redirect URI'}{' '}
                    under <strong>OAuth 2 → Redirect URIs</strong>.
                  </summary>
                  <Illustration
                    src={ILLUSTRATIONS.settingsRedirectUris}
                    alt="Drawing of the app's Settings tab: under OAuth 2, paste each address into the Redirect URIs box and press Add."
                  />
                  <p>
                    Paste each address and press <strong>Add</strong>.
                    {redirectUris.length > 1
                      ? ' The wizard uses the first; add them all, so a busy port never blocks you.'
                      : null}
                  </p>
                </details>
              )}
              {noRedirectUri ? null : (
                <ul className="uri-list" aria-label="Redirect URIs to register">
                  {redirectUris.map((uri) => (
                    <li key={uri} className="copy-row">
                      <code className="copy-value">{uri}</code>
                      <CopyButton value={uri} what={`redirect URI ${uri}`} />
                    </li>
                  ))}
                </ul>
              )}
              {plan.productRedirectUris.length > 0 ? (
                <>
                  <p className="guide-sub">
                    {target.name} signs in to Dropbox by itself: add{' '}
                    {plan.productRedirectUris.length > 1
                      ? 'these redirect URIs'
                      : 'its redirect URI'}{' '}
                    too{appOnly ? ' (the wizard checks that Dropbox accepts it)' : ''}.
                  </p>
                  <ul className="uri-list" aria-label={`${target.name} redirect URIs`}>
                    {plan.productRedirectUris.map((uri) => (
                      <li key={uri} className="copy-row">
                        <code className="copy-value">{uri}</code>
                        <CopyButton value={uri} what={`redirect URI ${uri}`} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <div className="checkbox-field guide-check">
                <input
                  id="no-redirect-uri"
                  type="checkbox"
                  checked={noRedirectUri}
                  onChange={(event) => setNoRedirectUri(event.target.checked)}
                  aria-describedby={noRedirectUri ? 'no-redirect-note' : undefined}
                />
                <label htmlFor="no-redirect-uri">
                  I can't register a redirect URI: I will paste the code Dropbox shows instead
                </label>
              </div>
            </li>
            <li className="guide-step">
              <details className="guide-more">
                <summary>
                  Copy <strong>App key</strong> and <strong>App secret</strong> (press <em>Show</em>
                  ) into the fields.
                </summary>
                <Illustration
                  src={ILLUSTRATIONS.settingsKeys}
                  alt="Drawing of the app's Settings tab: copy the App key, press Show next to App secret and copy it, then paste both into Your app's credentials."
                />
                <p>
                  Both are on the Settings tab. Pasting the secret checks both with Dropbox at once.
                </p>
              </details>
            </li>
          </ol>
        </section>

        <div className="create-app-side">
          <section className="panel" aria-labelledby="credentials-heading">
            <h2 id="credentials-heading">Your app's credentials</h2>
            <div className="field">
              <label htmlFor="app-key">App key</label>
              <input
                id="app-key"
                ref={appKeyRef}
                type="text"
                className="mono"
                value={appKey}
                onChange={(event) => setAppKey(event.target.value)}
                onBlur={() => saveKey(appKey.trim())}
                onPaste={(event) => {
                  // Saved at once (a paste is a finished value), with the pasted text in place of
                  // the selection, as the field will show it.
                  const field = event.currentTarget;
                  const pasted = event.clipboardData.getData('text');
                  const start = field.selectionStart ?? field.value.length;
                  const end = field.selectionEnd ?? field.value.length;
                  saveKey((field.value.slice(0, start) + pasted + field.value.slice(end)).trim());
                }}
                aria-invalid={shownKeyError ? true : undefined}
                aria-describedby={shownKeyError ? 'app-key-error' : undefined}
                {...PASTED_VALUE_INPUT}
              />
              {shownKeyError ? (
                <div id="app-key-error" className="field-error" role="alert">
                  <p>
                    <StatusIcon status="fail" decorative /> <strong>{shownKeyError.message}</strong>
                  </p>
                  <p>{shownKeyError.remedy}</p>
                </div>
              ) : null}
            </div>

            {secretHeld ? (
              <div className="field" role="group" aria-labelledby="app-secret-held-label">
                <span className="field-label" id="app-secret-held-label">
                  App secret
                </span>
                <p className="held-secret">
                  App secret: {storageWord}
                  {revealed === null ? ' (not shown)' : null}
                  {revealed !== null ? (
                    <>
                      {' '}
                      <code className="revealed-value" aria-label="App secret value">
                        {revealed}
                      </code>
                    </>
                  ) : null}
                </p>
                <div className="button-row">
                  <button
                    type="button"
                    className="button small"
                    aria-pressed={revealed !== null}
                    onClick={async () => {
                      if (revealed !== null) {
                        setRevealed(null);
                        return;
                      }
                      setRevealed(
                        await useWizardStore.getState().secretRevealRequested('app_secret'),
                      );
                    }}
                  >
                    Show
                  </button>
                  <button
                    type="button"
                    className="button small"
                    onClick={() => {
                      setRevealed(null);
                      setReplacingSecret(true);
                      // Focus after React renders the field.
                      window.setTimeout(() => secretRef.current?.focus(), 0);
                    }}
                  >
                    Replace
                  </button>
                </div>
              </div>
            ) : (
              <div className="field">
                <label htmlFor="app-secret">App secret</label>
                <div className="input-with-button">
                  <input
                    id="app-secret"
                    ref={secretRef}
                    type={showSecret ? 'text' : 'password'}
                    className="mono"
                    value={appSecret}
                    onChange={(event) => setAppSecret(event.target.value)}
                    onPaste={(event) => {
                      // The secret is the last thing Dropbox makes the admin copy: pasting it into an
                      // empty field with the key present runs the check at once (one action saved,
                      // and a typo is caught while the App Console is still open).
                      const pasted = event.clipboardData.getData('text');
                      if (appSecret !== '' || !pasted.trim() || !appKey.trim() || pending !== null)
                        return;
                      event.preventDefault();
                      setAppSecret(pasted);
                      onContinue(pasted);
                    }}
                    {...PASTED_VALUE_INPUT}
                    // Browser mode states where secrets live in the banner at the top; Electron says
                    // it here, beside its opt-in.
                    aria-describedby={isElectron ? 'storage-notice' : 'storage-notice-banner'}
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
                      setAppSecret('');
                      setReplacingSecret(false);
                    }}
                  >
                    Keep the secret already held instead
                  </button>
                ) : null}
              </div>
            )}
            {isElectron ? (
              <p id="storage-notice" className="storage-notice">
                <StatusIcon status="info" decorative /> {session.storage.notice}
              </p>
            ) : null}
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
            {hint ? (
              <p className="inline-hint" role="alert">
                {hint}
              </p>
            ) : null}
          </section>

          {checks.length > 0 ? (
            <section ref={checksRef} className="panel" aria-labelledby="app-checks-heading">
              <h2 id="app-checks-heading">Checks</h2>
              <CheckList checks={checks} label="App checks" onAction={onErrorAction} />
              {firstFailure ? (
                // The check list's error boxes are not live regions; announce the outcome of this
                // Continue once, so a screen-reader user hears what failed and the fix.
                <p className="visually-hidden" role="alert">
                  {`${firstFailure.label} failed: ${firstFailure.error?.message ?? firstFailure.detail} ${firstFailure.error?.remedy ?? ''}`}
                </p>
              ) : null}
            </section>
          ) : null}
        </div>
      </div>
    </StepLayout>
  );
}

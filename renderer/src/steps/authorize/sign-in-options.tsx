import type { RefObject } from 'react';
import type { AuthorizeMethod, SessionSnapshot } from '../../../../electron/shared/contract';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';

interface SignInOptionsProps {
  readonly session: SessionSnapshot;
  readonly firstOptionRef: RefObject<HTMLButtonElement | null>;
  readonly forceReauthentication: boolean;
  readonly onForceReauthenticationChange: (force: boolean) => void;
  readonly onStart: (method: AuthorizeMethod) => void;
}

/**
 * The ways to sign in: the two loopback ones (sign-in window in Electron, the browser) and the
 * shown code. Which comes first depends on whether the app has a redirect URI at all.
 */
export function SignInOptions({ session, firstOptionRef, onStart, ...props }: SignInOptionsProps) {
  const pending = useWizardStore((s) => s.pending);
  /** Products that sign in by themselves: the wizard only tests, by default with the shown code. */
  const testOnly = useWizardStore(wizardSelectors.plan)?.authorization === 'test';
  const isElectron = session.mode === 'electron';
  /** The app has no redirect URI: the shown code is the way, the redirect ones are a fallback. */
  const manualMode = session.progress.redirectMode === 'manual';
  const redirectOptions = (
    <>
      {isElectron ? (
        <div className="auth-option">
          <button
            ref={manualMode ? undefined : firstOptionRef}
            type="button"
            className={manualMode ? 'button secondary' : 'button primary'}
            onClick={() => onStart('internal')}
            aria-disabled={pending === 'start_authorization' ? true : undefined}
          >
            Sign in with Dropbox
          </button>
          <p className="muted">
            Opens a private sign-in window. Nothing from your browser is reused.
          </p>
        </div>
      ) : null}
      <div className="auth-option">
        <button
          ref={isElectron || manualMode ? undefined : firstOptionRef}
          type="button"
          className={isElectron || manualMode ? 'button secondary' : 'button primary'}
          onClick={() => onStart('browser')}
        >
          {isElectron ? 'Sign in in your browser' : 'Sign in in a new browser tab'}
        </button>
        <p className="muted">
          Opens Dropbox in {isElectron ? 'your default browser' : 'a new browser tab'}; the wizard
          catches the answer on{' '}
          <span className="mono">{session.redirectUris[0] ?? 'its loopback address'}</span>.
        </p>
      </div>
    </>
  );
  const manualOption = (primary: boolean) => (
    <div className="auth-option">
      <button
        ref={primary ? firstOptionRef : undefined}
        type="button"
        className={primary ? 'button primary' : 'button secondary'}
        onClick={() => onStart('manual')}
      >
        Dropbox showed me a code
      </button>
      <p className="muted">
        {primary && testOnly
          ? 'This test sign-in needs no extra redirect URI on the app: after you press Allow, Dropbox shows a code to paste here.'
          : primary
            ? 'This app has no redirect URI: after you press Allow, Dropbox shows a code to paste here.'
            : 'For when the redirect cannot reach this machine (SSH, another computer): Dropbox shows a code to paste here.'}
      </p>
    </div>
  );
  return (
    <section className="panel" aria-labelledby="ways-heading">
      <h2 id="ways-heading">Choose how to sign in</h2>
      <p className="muted">
        Whichever way delivers first wins; starting another way cancels the one running.
      </p>
      {manualMode ? (
        <>
          <div className="auth-options">{manualOption(true)}</div>
          <details className="help auth-more">
            <summary>
              {testOnly
                ? "The app has the wizard's redirect URI: sign in that way"
                : 'This app has a redirect URI after all'}
            </summary>
            <div className="auth-options">{redirectOptions}</div>
          </details>
        </>
      ) : (
        <div className="auth-options">
          {redirectOptions}
          {manualOption(false)}
        </div>
      )}
      <div className="checkbox-field">
        <input
          id="force-reauth"
          type="checkbox"
          checked={props.forceReauthentication}
          onChange={(event) => props.onForceReauthenticationChange(event.target.checked)}
        />
        <label htmlFor="force-reauth">Sign out of Dropbox first (use another account)</label>
      </div>
    </section>
  );
}

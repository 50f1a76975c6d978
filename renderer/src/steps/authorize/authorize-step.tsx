import { useRef, useState } from 'react';
import type { AuthorizeMethod } from '../../../../electron/shared/contract';
import type { RemedyAction, WizardError } from '../../../../electron/shared/result';
import { StepLayout } from '../../components/step-layout';
import { wizardSelectors } from '../../store/selectors';
import {
  authorizationCancelled,
  authorizationCodeSubmitted,
  authorizationConfirmed,
  authorizationRequested,
  nextAuthorizePort,
  stepErrorDismissed,
  useWizardStore,
} from '../../store/wizard-store';

/** Failures whose only fix is a fresh attempt, whatever action core attached. */
const AUTHORIZE_AGAIN_CODES = new Set([
  'access_denied',
  'state_mismatch',
  'code_expired',
  'authorization_timeout',
]);

export function AuthorizeStep() {
  const session = useWizardStore(wizardSelectors.session);
  const target = useWizardStore(wizardSelectors.selectedTarget);
  const authorization = useWizardStore(wizardSelectors.authorization);
  const pending = useWizardStore(wizardSelectors.pending);
  const nextPort = useWizardStore(nextAuthorizePort);
  const error = useWizardStore(wizardSelectors.stepError);

  const [forceReauthentication, setForceReauthentication] = useState(false);
  const [code, setCode] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [lastMethod, setLastMethod] = useState<AuthorizeMethod | null>(null);
  const firstOptionRef = useRef<HTMLButtonElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  if (!session || !target) return null;

  const isElectron = session.mode === 'electron';
  const alreadyAuthorized =
    authorization.phase === 'authorized' ||
    (authorization.phase === 'idle' &&
      session.secrets.refreshToken !== 'none' &&
      session.progress.completed.includes('authorize'));

  const start = (method: AuthorizeMethod, port?: number): void => {
    setHint(null);
    setLastMethod(method);
    void authorizationRequested({
      method,
      forceReauthentication,
      ...(port !== undefined ? { port } : {}),
    }).then(() => {
      if (useWizardStore.getState().authorization.phase === 'code') codeRef.current?.focus();
    });
  };

  const onContinue = (): void => {
    if (authorization.phase === 'code') {
      const trimmed = code.trim();
      if (!trimmed) {
        setHint('Paste the code Dropbox showed you after you pressed Allow.');
        codeRef.current?.focus();
        return;
      }
      setHint(null);
      void authorizationCodeSubmitted(trimmed);
      return;
    }
    if (alreadyAuthorized) {
      void authorizationConfirmed();
      return;
    }
    setHint(
      authorization.phase === 'waiting'
        ? 'Still waiting for Dropbox: finish signing in, or cancel and choose another way.'
        : 'Sign in first: choose one of the ways above.',
    );
  };

  const mapError = (error: WizardError): WizardError => {
    if (error.code === 'port_busy') return { ...error, action: 'next_port' };
    if (AUTHORIZE_AGAIN_CODES.has(error.code)) return { ...error, action: 'authorize_again' };
    return error;
  };

  const onErrorAction = (action: RemedyAction): void => {
    if (action === 'next_port' && nextPort !== null) {
      start('browser', nextPort);
    } else if (action === 'authorize_again') {
      stepErrorDismissed();
      setCode('');
      void authorizationCancelled();
      firstOptionRef.current?.focus();
    } else if (action === 'retry' && lastMethod) {
      start(lastMethod);
    }
  };

  const portBusyWithoutNext = error?.code === 'port_busy' && nextPort === null;

  const busyText =
    pending === 'start_authorization'
      ? 'Preparing the sign-in…'
      : pending === 'submit_code'
        ? 'Exchanging the code with Dropbox…'
        : null;

  const waitingStart =
    authorization.phase === 'waiting' || authorization.phase === 'code'
      ? authorization.start
      : null;

  return (
    <StepLayout
      step="authorize"
      intro={
        target.accountType === 'team_admin'
          ? `Sign in to Dropbox as a team admin and press Allow. ${target.name} needs a token for the whole team.`
          : 'Sign in to Dropbox with the account the connector should use, and press Allow.'
      }
      onContinue={onContinue}
      busyText={busyText}
      mapError={mapError}
      onErrorAction={onErrorAction}
      {...(nextPort !== null
        ? { errorActionLabels: { next_port: `Try the next port (${nextPort})` } }
        : {})}
      hideErrorAction={portBusyWithoutNext}
    >
      {authorization.phase === 'authorized' ? (
        <div className="success-box" role="status">
          <p>
            <span className="status-icon status-pass" aria-hidden="true">
              ✓
            </span>{' '}
            <strong>Dropbox authorized the app.</strong>
          </p>
          <dl className="facts">
            <dt>Signed in as</dt>
            <dd>
              {authorization.summary.tokenKind === 'team'
                ? `A team${authorization.summary.teamId ? ` (team ID ${authorization.summary.teamId})` : ''}`
                : `A user account${authorization.summary.accountId ? ` (${authorization.summary.accountId})` : ''}`}
            </dd>
            <dt>Scopes granted</dt>
            <dd>{authorization.summary.grantedScopes.length}</dd>
            <dt>Refresh token</dt>
            <dd>
              {authorization.summary.hasRefreshToken
                ? 'Received (kept by the wizard, not shown)'
                : 'Not received'}
            </dd>
          </dl>
          <p>Press Continue: Verify checks the account, the scopes and the refresh token.</p>
        </div>
      ) : alreadyAuthorized ? (
        <p className="note">
          <span className="status-icon status-pass" aria-hidden="true">
            ✓
          </span>{' '}
          The wizard already holds a refresh token. Press Continue to verify it, or sign in again
          below to replace it.
        </p>
      ) : null}

      {authorization.phase !== 'authorized' ? (
        <section className="panel" aria-labelledby="ways-heading">
          <h2 id="ways-heading">Choose how to sign in</h2>
          <p className="muted">
            Whichever way delivers first wins; starting another way cancels the one running.
          </p>
          <div className="auth-options">
            {isElectron ? (
              <div className="auth-option">
                <button
                  ref={firstOptionRef}
                  type="button"
                  className="button primary"
                  onClick={() => start('internal')}
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
                ref={isElectron ? undefined : firstOptionRef}
                type="button"
                className={isElectron ? 'button secondary' : 'button primary'}
                onClick={() => start('browser')}
              >
                Use my browser instead
              </button>
              <p className="muted">
                Opens Dropbox in {isElectron ? 'your default browser' : 'a new browser tab'}; the
                wizard catches the answer on{' '}
                <span className="mono">{session.redirectUris[0] ?? 'its loopback address'}</span>.
              </p>
            </div>
            <div className="auth-option">
              <button type="button" className="button secondary" onClick={() => start('manual')}>
                Dropbox showed me a code
              </button>
              <p className="muted">
                For when the redirect cannot reach this machine (SSH, another computer): Dropbox
                shows a code to paste here.
              </p>
            </div>
          </div>
          <div className="checkbox-field">
            <input
              id="force-reauth"
              type="checkbox"
              checked={forceReauthentication}
              onChange={(event) => setForceReauthentication(event.target.checked)}
            />
            <label htmlFor="force-reauth">Sign out of Dropbox first (use another account)</label>
          </div>
        </section>
      ) : null}

      {authorization.phase === 'waiting' ? (
        <div className="waiting-box">
          <p role="status">
            <span className="spinner" aria-hidden="true" />
            {authorization.start.method === 'internal'
              ? 'Waiting for Dropbox… (sign in and press Allow in the sign-in window)'
              : isElectron
                ? 'Waiting for Dropbox… (sign in and press Allow in your browser)'
                : 'Waiting for Dropbox… (sign in and press Allow in the new tab)'}
          </p>
          <button
            type="button"
            className="button secondary"
            onClick={() => void authorizationCancelled()}
          >
            Cancel
          </button>
        </div>
      ) : null}

      {waitingStart && !waitingStart.opened ? (
        <p className="muted">
          No new tab?{' '}
          <a href={waitingStart.authorizeUrl} target="_blank" rel="noopener noreferrer">
            Open the Dropbox sign-in page
          </a>
          .
        </p>
      ) : null}

      {authorization.phase === 'code' ? (
        <section className="panel" aria-labelledby="code-heading">
          <h2 id="code-heading">Paste the code</h2>
          <p>
            Sign in, press Allow, and copy the code Dropbox shows. It works once and expires within
            minutes.
          </p>
          <div className="field">
            <label htmlFor="authorization-code">Authorization code</label>
            <input
              id="authorization-code"
              ref={codeRef}
              type="text"
              className="mono"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
            />
          </div>
          <p className="muted">Press Continue to exchange it.</p>
        </section>
      ) : null}

      {hint ? (
        <p className="inline-hint" role="alert">
          {hint}
        </p>
      ) : null}
    </StepLayout>
  );
}

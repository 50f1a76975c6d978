import { useEffect, useRef, useState } from 'react';
import { PASTED_VALUE_INPUT } from '../../lib/pasted-value-input';
import { useShallow } from 'zustand/react/shallow';
import type { AuthorizeMethod } from '../../../../electron/shared/contract';
import type { RemedyAction, WizardError } from '../../../../electron/shared/result';
import { StatusIcon } from '../../components/status-icon';
import { StepLayout } from '../../components/step-layout';
import { AccountChangeDialog } from '../../home/account-change-dialog';
import { wizardSelectors } from '../../store/selectors';
import { nextAuthorizePort } from '../../store/authorization-slice';
import { useWizardStore } from '../../store/wizard-store';
import './authorize.css';

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
  const plan = useWizardStore(wizardSelectors.plan);
  const teamAdmin = plan?.accountType === 'team_admin';
  const authorization = useWizardStore(wizardSelectors.authorization);
  const pending = useWizardStore(wizardSelectors.pending);
  const nextPort = useWizardStore(nextAuthorizePort);
  const error = useWizardStore(wizardSelectors.stepError);
  const lacking = useWizardStore(useShallow(wizardSelectors.lackingScopes));

  const [forceReauthentication, setForceReauthentication] = useState(false);
  const [code, setCode] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [lastMethod, setLastMethod] = useState<AuthorizeMethod | null>(null);
  /** The waiting attempt the admin chose to finish by pasting (the slow sign-in hints). */
  const [pasteFor, setPasteFor] = useState<unknown>(null);
  const firstOptionRef = useRef<HTMLButtonElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  if (!session || !target) return null;

  const isElectron = session.mode === 'electron';
  /** Waiting, and the admin opened the paste field from the hints: Continue exchanges it. */
  const pasting = authorization.phase === 'waiting' && pasteFor === authorization.start.attemptId;
  /** The app has no redirect URI: the shown code is the way, the redirect ones are a fallback. */
  const manualMode = session.progress.redirectMode === 'manual';
  const holdsToken =
    authorization.phase === 'idle' &&
    session.secrets.refreshToken !== 'none' &&
    session.progress.completed.includes('authorize');
  // A held token that lacks required scopes cannot pass Verify: a new sign-in is the only fix.
  const holdsLackingToken = holdsToken && lacking.length > 0;
  const alreadyAuthorized =
    authorization.phase === 'authorized' || (holdsToken && !holdsLackingToken);

  const start = (method: AuthorizeMethod, port?: number): void => {
    setHint(null);
    setLastMethod(method);
    void useWizardStore
      .getState()
      .authorizationRequested({
        method,
        forceReauthentication,
        ...(port !== undefined ? { port } : {}),
      })
      .then(() => {
        if (useWizardStore.getState().authorization.phase === 'code') codeRef.current?.focus();
      });
  };

  const onContinue = (): void => {
    if (authorization.phase === 'code' || pasting) {
      const trimmed = code.trim();
      if (!trimmed) {
        setHint('Paste the code Dropbox showed you after you pressed Allow.');
        codeRef.current?.focus();
        return;
      }
      setHint(null);
      void useWizardStore.getState().authorizationCodeSubmitted(trimmed);
      return;
    }
    if (alreadyAuthorized) {
      void useWizardStore.getState().authorizationConfirmed();
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
      useWizardStore.getState().stepErrorDismissed();
      setCode('');
      void useWizardStore.getState().authorizationCancelled();
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
  const resumed =
    (authorization.phase === 'waiting' || authorization.phase === 'code') &&
    authorization.resumed === true;

  // The two loopback ways (sign-in window in Electron, the browser), and the shown code. Which
  // comes first depends on whether the app has a redirect URI at all.
  const redirectOptions = (
    <>
      {isElectron ? (
        <div className="auth-option">
          <button
            ref={manualMode ? undefined : firstOptionRef}
            type="button"
            className={manualMode ? 'button secondary' : 'button primary'}
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
          ref={isElectron || manualMode ? undefined : firstOptionRef}
          type="button"
          className={isElectron || manualMode ? 'button secondary' : 'button primary'}
          onClick={() => start('browser')}
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
        onClick={() => start('manual')}
      >
        Dropbox showed me a code
      </button>
      <p className="muted">
        {primary
          ? 'This app has no redirect URI: after you press Allow, Dropbox shows a code to paste here.'
          : 'For when the redirect cannot reach this machine (SSH, another computer): Dropbox shows a code to paste here.'}
      </p>
    </div>
  );

  return (
    <StepLayout
      step="authorize"
      intro={
        (plan?.authorization === 'test'
          ? `This test sign-in proves the app is set up for ${target.name}; its token is revoked after Verify. ${target.name} signs in by itself later. `
          : '') +
        (teamAdmin
          ? `Sign in to Dropbox as a team admin and press Allow. ${target.scopes.editable ? 'The team scopes you ticked need' : `${target.name} needs`} a token for the whole team.`
          : 'Sign in to Dropbox with the account the connector should use, and press Allow.')
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
            <StatusIcon status="pass" decorative /> <strong>Dropbox authorized the app.</strong>
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
      ) : holdsLackingToken ? (
        <p className="callout callout-warn">
          <StatusIcon status="warn" decorative /> The token the wizard holds lacks{' '}
          {lacking.map((scope, index) => (
            <span key={scope}>
              {index > 0 ? (index === lacking.length - 1 ? ' and ' : ', ') : null}
              <code className="scope-id">{scope}</code>
            </span>
          ))}
          : sign in again below.
        </p>
      ) : alreadyAuthorized ? (
        <p className="note">
          <StatusIcon status="pass" decorative /> The wizard already holds a refresh token. Press
          Continue to verify it, or sign in again below to replace it.
        </p>
      ) : null}

      {authorization.phase !== 'authorized' ? (
        <section className="panel" aria-labelledby="ways-heading">
          <h2 id="ways-heading">Choose how to sign in</h2>
          <p className="muted">
            Whichever way delivers first wins; starting another way cancels the one running.
          </p>
          {manualMode ? (
            <>
              <div className="auth-options">{manualOption(true)}</div>
              <details className="help auth-more">
                <summary>This app has a redirect URI after all</summary>
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
              checked={forceReauthentication}
              onChange={(event) => setForceReauthentication(event.target.checked)}
            />
            <label htmlFor="force-reauth">Sign out of Dropbox first (use another account)</label>
          </div>
        </section>
      ) : null}

      {authorization.phase === 'waiting' ? (
        <div className="waiting-box">
          <div className="waiting-row">
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
              onClick={() => void useWizardStore.getState().authorizationCancelled()}
            >
              Cancel
            </button>
          </div>
          <SlowSignInHints
            key={authorization.start.attemptId}
            teamAdmin={teamAdmin}
            inWindow={authorization.start.method === 'internal'}
            pasting={pasting}
            onPaste={() => {
              setPasteFor(authorization.start.attemptId);
              // Focus after React renders the field.
              window.setTimeout(() => codeRef.current?.focus(), 0);
            }}
          />
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
      ) : waitingStart && resumed && !isElectron && waitingStart.method !== 'internal' ? (
        // After a reload the tab this page opened may be gone; the same address still works.
        <p className="muted">
          Closed the Dropbox tab?{' '}
          <a href={waitingStart.authorizeUrl} target="_blank" rel="noopener noreferrer">
            Open the Dropbox sign-in page again
          </a>
          .
        </p>
      ) : null}

      {authorization.phase === 'code' || pasting ? (
        <section className="panel" aria-labelledby="code-heading">
          <h2 id="code-heading">Paste the code</h2>
          {pasting ? (
            <p>
              Paste the code Dropbox shows, or the whole address from the{' '}
              {authorization.phase === 'waiting' && authorization.start.method === 'internal'
                ? 'sign-in window'
                : "Dropbox tab's address bar"}{' '}
              if the page there did not load.
            </p>
          ) : (
            <p>
              Sign in, press Allow, and copy the code Dropbox shows. It works once and expires
              within minutes.
            </p>
          )}
          <div className="field">
            <label htmlFor="authorization-code">Authorization code</label>
            <input
              id="authorization-code"
              ref={codeRef}
              type="text"
              className="mono"
              value={code}
              onChange={(event) => setCode(event.target.value)}
              {...PASTED_VALUE_INPUT}
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
      {/* A reconnect that signed in as someone else: core holds it until the admin decides. */}
      <AccountChangeDialog />
    </StepLayout>
  );
}

/**
 * After this long without an answer, the waiting box says what Dropbox's own page most likely
 * shows (the wizard cannot see it) and the fix. Short: a refusal page is read in seconds.
 */
const SLOW_SIGN_IN_MS = 8_000;

/**
 * What Dropbox's page is most likely showing when a sign-in takes long, with the fix, and the
 * pasted-code way in. The live region is mounted from the start (empty), so the hints are
 * announced when they appear.
 */
function SlowSignInHints({
  teamAdmin,
  inWindow,
  pasting,
  onPaste,
}: {
  teamAdmin: boolean;
  inWindow: boolean;
  pasting: boolean;
  onPaste: () => void;
}) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setSlow(true), SLOW_SIGN_IN_MS);
    return () => window.clearTimeout(timer);
  }, []);
  const where = inWindow ? 'sign-in window' : 'Dropbox tab';
  return (
    <div className="waiting-hints" aria-live="polite">
      {slow ? (
        <>
          <p className="waiting-hints-title">
            Taking a while? Check the {where}: Dropbox may be showing one of these.
          </p>
          <ul className="hint-list">
            {teamAdmin ? (
              <li>
                <strong>Dropbox may be saying only a team admin can allow this app:</strong> sign in
                with a team admin account. Tick <em>Sign out of Dropbox first</em> above and sign in
                again.
              </li>
            ) : null}
            <li>
              <strong>Dropbox may be saying the app has reached its user limit:</strong> App Console
              → Settings →{' '}
              {teamAdmin ? (
                <>
                  <em>Enable additional teams</em>
                </>
              ) : (
                <>
                  <em>Apply for production</em> or <em>Enable additional users</em>
                </>
              )}
              , then sign in again. A new app is in development and links only a few{' '}
              {teamAdmin ? 'teams' : 'users'}.
            </li>
            <li className="hint-paste">
              <span>
                <strong>Sign-in finished but nothing happened?</strong> Paste the code or the
                address Dropbox shows.
              </span>
              {pasting ? null : (
                <button type="button" className="button small" onClick={onPaste}>
                  Paste the code or address
                </button>
              )}
            </li>
          </ul>
        </>
      ) : null}
    </div>
  );
}

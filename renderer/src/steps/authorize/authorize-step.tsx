import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AuthorizeMethod } from '../../../../electron/shared/contract';
import type { RemedyAction } from '../../../../electron/shared/result';
import { StepLayout } from '../../components/step-layout';
import { BUSY_TEXT, introFor, mapError } from './authorize-texts';
import { AccountChangeDialog } from '../../home/account-change-dialog';
import { wizardSelectors } from '../../store/selectors';
import { nextAuthorizePort } from '../../store/authorization-slice';
import { useWizardStore } from '../../store/wizard-store';
import { AuthorizedBox, HeldTokenNote } from './authorization-status';
import { CodeEntryPanel } from './code-entry-panel';
import { SignInOptions } from './sign-in-options';
import { SignInPageLink, WaitingBox } from './waiting-box';
import './authorize.css';

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

  // The shown-code sign-in may have started on Permissions ("Continue and open Dropbox"): the
  // admin comes back from Dropbox's tab with the code, so the field is where focus waits.
  const codePhase = authorization.phase === 'code';
  useEffect(() => {
    if (codePhase) codeRef.current?.focus();
  }, [codePhase]);

  if (!session || !target) return null;

  const isElectron = session.mode === 'electron';
  /** Waiting, and the admin opened the paste field from the hints: Continue exchanges it. */
  const pasting = authorization.phase === 'waiting' && pasteFor === authorization.start.attemptId;
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

  const busyText = pending ? (BUSY_TEXT[pending] ?? null) : null;

  const waitingStart =
    authorization.phase === 'waiting' || authorization.phase === 'code'
      ? authorization.start
      : null;
  const resumed =
    (authorization.phase === 'waiting' || authorization.phase === 'code') &&
    authorization.resumed === true;

  return (
    <StepLayout
      step="authorize"
      intro={introFor(target, plan)}
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
        <AuthorizedBox summary={authorization.summary} />
      ) : holdsToken ? (
        <HeldTokenNote lacking={lacking} />
      ) : null}
      {authorization.phase !== 'authorized' ? (
        <SignInOptions
          session={session}
          firstOptionRef={firstOptionRef}
          forceReauthentication={forceReauthentication}
          onForceReauthenticationChange={setForceReauthentication}
          onStart={(method) => start(method)}
        />
      ) : null}
      {authorization.phase === 'waiting' ? (
        <WaitingBox
          start={authorization.start}
          isElectron={isElectron}
          teamAdmin={teamAdmin}
          pasting={pasting}
          onPaste={() => {
            setPasteFor(authorization.start.attemptId);
            // Focus after React renders the field.
            window.setTimeout(() => codeRef.current?.focus(), 0);
          }}
        />
      ) : null}
      {waitingStart ? (
        <SignInPageLink start={waitingStart} resumed={resumed} isElectron={isElectron} />
      ) : null}
      {authorization.phase === 'code' || pasting ? (
        <CodeEntryPanel
          pasting={pasting}
          inWindow={authorization.phase === 'waiting' && authorization.start.method === 'internal'}
          code={code}
          onCodeChange={setCode}
          onCodePasted={(pasted) => {
            setCode(pasted);
            if (useWizardStore.getState().pending !== null) return;
            setHint(null);
            void useWizardStore.getState().authorizationCodeSubmitted(pasted);
          }}
          codeRef={codeRef}
        />
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

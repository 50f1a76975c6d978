import type { AuthorizationStart } from '../../../../electron/shared/contract';
import { useWizardStore } from '../../store/wizard-store';
import { SlowSignInHints } from './slow-sign-in-hints';

interface WaitingBoxProps {
  readonly start: AuthorizationStart;
  readonly isElectron: boolean;
  readonly teamAdmin: boolean;
  readonly pasting: boolean;
  readonly onPaste: () => void;
}

/** Waiting for Dropbox's answer: where to look, Cancel, and the hints when it takes a while. */
export function WaitingBox({ start, isElectron, teamAdmin, pasting, onPaste }: WaitingBoxProps) {
  return (
    <div className="waiting-box">
      <div className="waiting-row">
        <p role="status">
          <span className="spinner" aria-hidden="true" />
          {start.method === 'internal'
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
        key={start.attemptId}
        teamAdmin={teamAdmin}
        inWindow={start.method === 'internal'}
        pasting={pasting}
        onPaste={onPaste}
      />
    </div>
  );
}

/** No tab opened, or (after a reload) the tab may be gone: the same address still works. */
export function SignInPageLink({
  start,
  resumed,
  isElectron,
}: {
  start: AuthorizationStart;
  resumed: boolean;
  isElectron: boolean;
}) {
  if (!start.opened) {
    return (
      <p className="muted">
        No new tab?{' '}
        <a href={start.authorizeUrl} target="_blank" rel="noopener noreferrer">
          Open the Dropbox sign-in page
        </a>
        .
      </p>
    );
  }
  if (!resumed || isElectron || start.method === 'internal') return null;
  return (
    <p className="muted">
      Closed the Dropbox tab?{' '}
      <a href={start.authorizeUrl} target="_blank" rel="noopener noreferrer">
        Open the Dropbox sign-in page again
      </a>
      .
    </p>
  );
}

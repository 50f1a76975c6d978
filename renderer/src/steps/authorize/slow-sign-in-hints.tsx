import { useEffect, useState } from 'react';

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
export function SlowSignInHints({
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
              <>
                <li>
                  <strong>Dropbox may be saying only a team admin can allow this app:</strong> sign
                  in with a team admin account. Tick <em>Sign out of Dropbox first</em> above and
                  sign in again.
                </li>
                {/* Dropbox's words for a personal account asked for team scopes, as quoted in
                    DJaeger/files_external_dropbox#24. */}
                <li>
                  <strong>
                    Dropbox may be saying &ldquo;Please sign in with a work account.&rdquo;:
                  </strong>{' '}
                  sign in with a team admin&rsquo;s work account, not a personal one. Tick{' '}
                  <em>Sign out of Dropbox first</em> above and sign in again.
                </li>
              </>
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

import type { AuthorizationSummary } from '../../../../electron/shared/contract';
import { StatusIcon } from '../../components/status-icon';

/** Dropbox answered: who signed in, how many scopes, whether a refresh token came. */
export function AuthorizedBox({ summary }: { summary: AuthorizationSummary }) {
  return (
    <div className="success-box" role="status">
      <p>
        <StatusIcon status="pass" decorative /> <strong>Dropbox authorized the app.</strong>
      </p>
      <dl className="facts">
        <dt>Signed in as</dt>
        <dd>
          {summary.tokenKind === 'team'
            ? `A team${summary.teamId ? ` (team ID ${summary.teamId})` : ''}`
            : `A user account${summary.accountId ? ` (${summary.accountId})` : ''}`}
        </dd>
        <dt>Scopes granted</dt>
        <dd>{summary.grantedScopes.length}</dd>
        <dt>Refresh token</dt>
        <dd>
          {summary.hasRefreshToken ? 'Received (kept by the wizard, not shown)' : 'Not received'}
        </dd>
      </dl>
      <p>Press Continue: Verify checks the account, the scopes and the refresh token.</p>
    </div>
  );
}

/** A token the wizard holds: good to verify, or lacking scopes only a new sign-in adds. */
export function HeldTokenNote({ lacking }: { lacking: readonly string[] }) {
  if (lacking.length > 0) {
    return (
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
    );
  }
  return (
    <p className="note">
      <StatusIcon status="pass" decorative /> The wizard already holds a refresh token. Press
      Continue to verify it, or sign in again below to replace it.
    </p>
  );
}

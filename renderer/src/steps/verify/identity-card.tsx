import type { Identity } from '../../../../electron/shared/contract';
import { wizardSelectors } from '../../store/selectors';
import { useWizardStore } from '../../store/wizard-store';

/**
 * The page's one primary "Sign in again" ("Reconnect" for a saved connector; see againPlace),
 * under the section it belongs to.
 */
export function AuthorizeAgainRow() {
  const label = useWizardStore(wizardSelectors.signInAgainLabel);
  return (
    <p>
      <button
        type="button"
        className="button primary"
        onClick={() => void useWizardStore.getState().authorizeAgainRequested()}
      >
        {label}
      </button>
    </p>
  );
}

export function ScopeList({ scopes }: { readonly scopes: readonly string[] }) {
  return (
    <ul className="scope-list">
      {scopes.map((scope) => (
        <li key={scope}>
          <code className="scope-id">{scope}</code>
        </li>
      ))}
    </ul>
  );
}

interface IdentityCardProps {
  readonly identity: Identity;
  readonly expectTeamAdmin: boolean;
  readonly offerAuthorizeAgain: boolean;
}

export function IdentityCard({
  identity,
  expectTeamAdmin,
  offerAuthorizeAgain,
}: IdentityCardProps) {
  const label = useWizardStore(wizardSelectors.signInAgainLabel);
  const inTeam = identity.teamId !== null || identity.teamName !== null;
  const admin =
    identity.isTeamAdmin === null
      ? inTeam
        ? 'Unknown'
        : 'Not applicable (no team)'
      : identity.isTeamAdmin
        ? 'Yes, team admin'
        : 'No';
  const adminWarn = expectTeamAdmin && identity.isTeamAdmin !== true;
  return (
    <section className="panel identity-card" aria-labelledby="identity-heading">
      <h2 id="identity-heading">Signed-in account</h2>
      <dl className="facts">
        <dt>Token for</dt>
        <dd>{identity.tokenKind === 'team' ? 'A Dropbox team' : 'One user account'}</dd>
        {identity.teamName ? (
          <>
            <dt>Team</dt>
            <dd>
              <bdi>{identity.teamName}</bdi>
            </dd>
          </>
        ) : null}
        <dt>Team admin</dt>
        <dd className={adminWarn ? 'text-fail' : undefined}>{admin}</dd>
        {identity.displayName ? (
          <>
            <dt>Name</dt>
            <dd>
              <bdi>{identity.displayName}</bdi>
            </dd>
          </>
        ) : null}
        {identity.email ? (
          <>
            <dt>Email</dt>
            <dd>
              <bdi>{identity.email}</bdi>
              {identity.emailVerified === false ? ' (not verified)' : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="identity-question">
        <p>Is this the account you meant? If not, {label.toLowerCase()}.</p>
        {offerAuthorizeAgain ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => void useWizardStore.getState().authorizeAgainRequested()}
          >
            {label}
          </button>
        ) : null}
      </div>
    </section>
  );
}

/**
 * The one code exchange: a code becomes tokens exactly once (codes are single-use), the draft
 * records what Dropbox granted, and a refresh token this sign-in replaced is handed on to be
 * revoked. Test sign-ins of app-only targets need no refresh token.
 */
import type { AuthorizationSummary, Identity } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { DropboxContext } from '../dropbox/context';
import { checkIdentity } from '../dropbox/identity-check';
import { rpc } from '../dropbox/rpc';
import { toWizardError } from '../failure';
import { exchangeCode } from '../dropbox/oauth';
import type { TokenSet } from '../dropbox/token-reply';
import { invalidateFrom, withCompleted } from './draft';
import type { Session } from './session';
import { revokeGrant, type TokenKeeper } from './tokens';

export interface ExchangeDeps {
  readonly session: Session;
  readonly tokens: TokenKeeper;
  readonly ctx: DropboxContext;
  readonly log: (line: string) => void;
  readonly onReplaced: (appKey: string, appSecret: string, refreshToken: string) => void;
  readonly pending: PendingHolder;
}

export async function exchangeAndRecord(
  deps: ExchangeDeps,
  code: string,
  redirectUri: string | null,
  codeVerifier: string | null,
): Promise<Result<AuthorizationSummary>> {
  const { session } = deps;
  const creds = session.needsCredentials();
  if (!creds.ok) return creds;
  const plan = session.plan();
  const isTest = plan?.authorization === 'test';
  let tokens;
  try {
    tokens = await exchangeCode(deps.ctx, {
      ...creds.value,
      code,
      redirectUri,
      ...(codeVerifier ? { codeVerifier } : {}),
    });
  } catch (error) {
    return fail(toWizardError(error));
  }
  if (!isTest && !tokens.refreshToken) {
    return fail({
      code: 'unexpected_reply',
      message: 'Dropbox did not return a refresh token, so the connector could not stay signed in.',
      remedy:
        'Sign in again. If it repeats, the app may be a legacy app: migrate it on the App Console Permissions tab.',
      action: 'authorize_again',
    });
  }
  // A connector that was verified belongs to one account or team: a sign-in as someone else is
  // held until the admin says whether to replace it (Home Assistant's wrong_account).
  const before = session.progress();
  const owner = before.completed.includes('verify') ? before.identity : null;
  if (owner && !sameOwner(owner, tokens)) {
    // An earlier sign-in still waiting is superseded: its grant must not stay live unheld.
    const superseded = deps.pending.take();
    if (superseded) {
      revokeGrant(deps.ctx, superseded.tokens.accessToken, superseded.tokens.tokenKind).catch(() =>
        deps.log('[wizard] could not revoke a superseded sign-in that was waiting for a decision'),
      );
    }
    deps.pending.hold({ tokens, connectorId: session.connectorId() });
    const team = owner.tokenKind === 'team';
    // Both accounts named as people know them: the connector's from its record, this sign-in's
    // from the identity call Verify makes, with the new token (falling back to its Dropbox id
    // when the app may not read the name, e.g. no account_info.read).
    const signedIn = await identityOf(deps.ctx, tokens);
    const newTeam = signedIn?.teamName
      ? `"${signedIn.teamName}" (${tokens.teamId ?? signedIn.teamId ?? 'unknown id'})`
      : (tokens.teamId ?? 'unknown');
    const newAccount = [personOf(signedIn), `(account ${tokens.accountId ?? 'unknown'})`]
      .filter(Boolean)
      .join(' ');
    return fail({
      code: 'wrong_account',
      message: team
        ? `Dropbox signed in for a different team than this connector's (${owner.teamName ?? owner.teamId ?? 'unknown team'}): this sign-in is for team ${newTeam}${signedIn && personOf(signedIn) ? `, by admin ${personOf(signedIn)}` : ''}.`
        : `Dropbox signed in as a different account than this connector's (${personOf(owner) || 'unknown account'}): this sign-in is ${newAccount}.`,
      remedy:
        'Replace the connector’s account with this sign-in (its old authorization is then revoked), or keep the old one (this sign-in is revoked).',
      action: 'confirm_account_change',
    });
  }
  return ok(recordTokens(deps, tokens));
}

/** "Name <email>", either part when only one is known, '' when neither. */
function personOf(identity: Identity | null): string {
  if (!identity) return '';
  return [identity.displayName, identity.email ? `<${identity.email}>` : null]
    .filter(Boolean)
    .join(' ');
}

/**
 * Who the new tokens belong to, by the calls Verify's identity check makes
 * (users/get_current_account; team/get_info and team/token/get_authenticated_admin). Null when
 * it cannot be read; never throws, and no token reaches the message.
 */
async function identityOf(ctx: DropboxContext, tokens: TokenSet): Promise<Identity | null> {
  const auth = { kind: 'bearer' as const, token: tokens.accessToken };
  try {
    const { identity } = await checkIdentity(
      { tokenKind: tokens.tokenKind, expectTeamAdmin: tokens.tokenKind === 'team' },
      <T>(route: string, body: unknown = null) => rpc<T>(ctx, route, { auth, body }),
    );
    return identity;
  } catch {
    return null;
  }
}

/** Whether a new token belongs to the account (user token) or team (team token) a connector had. */
function sameOwner(owner: Identity, tokens: TokenSet): boolean {
  if (owner.tokenKind !== tokens.tokenKind) return false;
  return owner.tokenKind === 'team'
    ? owner.teamId === tokens.teamId
    : owner.accountId === tokens.accountId;
}

/** Keeps the new tokens on the active connector, revoking the grant they replace. */
export function recordTokens(deps: ExchangeDeps, tokens: TokenSet): AuthorizationSummary {
  const { session } = deps;
  const plan = session.plan();
  const isTest = plan?.authorization === 'test';
  const creds = session.needsCredentials();
  const replaced = session.secret('refreshToken');
  if (tokens.refreshToken) session.setSecret('refreshToken', tokens.refreshToken);
  else session.deleteSecret('refreshToken');
  if (replaced && replaced !== tokens.refreshToken) {
    // The admin authorized again: the old grant is no use to anyone, so it should not stay live.
    if (creds.ok) deps.onReplaced(creds.value.appKey, creds.value.appSecret, replaced);
  }
  deps.tokens.remember(tokens.accessToken, tokens.expiresIn);
  const summary: AuthorizationSummary = {
    tokenKind: tokens.tokenKind,
    grantedScopes: [...tokens.scopes].sort(),
    accountId: tokens.accountId,
    teamId: tokens.teamId,
    hasRefreshToken: tokens.refreshToken !== null,
  };
  const progress = session.progress();
  session.save({
    ...invalidateFrom(progress, 'authorize'),
    grantedScopes: summary.grantedScopes,
    tokenKind: summary.tokenKind,
    // A new grant: its Verify is its first health check, not the old grant's last one.
    health: null,
    completed: withCompleted(invalidateFrom(progress, 'authorize').completed ?? [], 'authorize'),
  });
  deps.log(
    `[wizard] ${isTest ? 'test ' : ''}authorization complete (${tokens.tokenKind} token, ${summary.grantedScopes.length} scopes)`,
  );
  return summary;
}

/** A sign-in held because it belongs to someone else, until the admin decides. */
export interface PendingSignIn {
  readonly tokens: TokenSet;
  readonly connectorId: string;
}

export interface PendingHolder {
  hold(pending: PendingSignIn): void;
  take(): PendingSignIn | null;
}

export function createPendingHolder(): PendingHolder {
  let held: PendingSignIn | null = null;
  return {
    hold: (pending) => void (held = pending),
    take() {
      const pending = held;
      held = null;
      return pending;
    },
  };
}

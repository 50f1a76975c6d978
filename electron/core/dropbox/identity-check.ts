/**
 * Verify's "Who authorized the app" check: the account behind a user token, or the team and the
 * authorizing admin behind a team token, against the account type the connector needs.
 */
import type { CheckResult, Identity, TokenKind } from '../../shared/contract';
import { isScopeProblem, result, settle, type Call } from './check-result';
import { failure } from '../failure';

/** What the identity check needs to know about the token and the connector. */
export interface IdentityExpectation {
  readonly tokenKind: TokenKind;
  readonly expectTeamAdmin: boolean;
}

interface Name {
  readonly display_name?: string;
}

interface TeamInfo {
  readonly name?: string;
  readonly team_id?: string;
}

interface AdminReply {
  readonly admin_profile?: {
    readonly email?: string;
    readonly email_verified?: boolean;
    readonly account_id?: string;
    readonly name?: Name;
  };
}

interface Account {
  readonly account_id?: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly name?: Name;
  readonly team?: { readonly id?: string; readonly name?: string };
}

function person(name: string | null, email: string | null, verified: boolean | null): string {
  const who = name && email ? `${name} <${email}>` : (name ?? email ?? 'an unknown account');
  return verified === false ? `${who} (email address not verified)` : who;
}

const TEAM_ADMIN_REMEDY =
  'App Console → your app → Permissions tab: tick the team scopes the connector needs → Submit. Then sign in again as a team admin.';

export async function checkIdentity(
  input: IdentityExpectation,
  call: Call,
): Promise<{ check: CheckResult; identity: Identity | null }> {
  const id = 'identity';
  const label = 'Who authorized the app';
  if (input.tokenKind === 'team') {
    const [info, admin] = await Promise.all([
      settle(call<TeamInfo>('team/get_info')),
      settle(call<AdminReply>('team/token/get_authenticated_admin')),
    ]);
    // 409 mapping_not_found / admin_not_active are answers about the admin, handled below.
    const adminTag =
      admin.failure?.dropbox?.status === 409 ? (admin.failure.dropbox.tag ?? 'unknown') : null;
    // A token problem (revoked, wrong kind) is the real answer; report it first.
    const fatal = [info.error, adminTag ? null : admin.error].find((e) => e && !isScopeProblem(e));
    if (fatal) return { check: result(id, label, 'fail', fatal.message, fatal), identity: null };
    const profile = admin.value?.admin_profile;
    const identity: Identity = {
      tokenKind: 'team',
      accountId: profile?.account_id ?? null,
      email: profile?.email ?? null,
      emailVerified: profile?.email_verified ?? null,
      displayName: profile?.name?.display_name ?? null,
      teamId: info.value?.team_id ?? null,
      teamName: info.value?.name ?? null,
      // Only team admins can authorize a team app (dropbox-sdk-dotnet#22), so a team token implies one.
      isTeamAdmin: true,
    };
    const team = identity.teamName
      ? `"${identity.teamName}"`
      : 'a team whose name could not be read';
    if (!input.expectTeamAdmin) {
      const error = failure(
        'wrong_account_type',
        `This is a team token for ${team}, but this connector needs a token for a single user.`,
        'App Console → your app → Permissions tab: untick the team scopes → Submit. Then sign in again.',
        { action: 'authorize_again' },
      ).error;
      return { check: result(id, label, 'fail', error.message, error), identity };
    }
    if (admin.error) {
      if (adminTag === 'admin_not_active') {
        const error = failure(
          'not_team_admin',
          `The admin who authorized the app for ${team} is no longer an active team admin.`,
          'An active team admin must sign in again.',
          { detail: admin.error.detail, action: 'authorize_again' },
        ).error;
        return {
          check: result(id, label, 'fail', error.message, error),
          identity: { ...identity, isTeamAdmin: false },
        };
      }
      const why =
        adminTag === 'mapping_not_found'
          ? 'Dropbox did not record which admin authorized it (sign in again to record it)'
          : `the authorizing admin could not be read (${admin.error.message})`;
      return { check: result(id, label, 'warn', `Team token for ${team}; ${why}.`), identity };
    }
    if (info.error) {
      return {
        check: result(
          id,
          label,
          'warn',
          `Team token authorized by team admin ${person(identity.displayName, identity.email, identity.emailVerified)}; the team name could not be read (${info.error.message}).`,
        ),
        identity,
      };
    }
    return {
      check: result(
        id,
        label,
        'pass',
        `Team token for ${team}, authorized by team admin ${person(identity.displayName, identity.email, identity.emailVerified)}.`,
      ),
      identity,
    };
  }

  const account = await settle(call<Account>('users/get_current_account'));
  if (account.error && !isScopeProblem(account.error)) {
    return {
      check: result(id, label, 'fail', account.error.message, account.error),
      identity: null,
    };
  }
  const a = account.value;
  const identity: Identity = {
    tokenKind: 'user',
    accountId: a?.account_id ?? null,
    email: a?.email ?? null,
    emailVerified: a?.email_verified ?? null,
    displayName: a?.name?.display_name ?? null,
    teamId: a?.team?.id ?? null,
    teamName: a?.team?.name ?? null,
    // A user token cannot tell whether its owner administers a team.
    isTeamAdmin: null,
  };
  const who = a
    ? person(identity.displayName, identity.email, identity.emailVerified)
    : 'an account whose details could not be read';
  const member = identity.teamName ? `, a member of the team "${identity.teamName}"` : '';
  if (input.expectTeamAdmin) {
    const error = failure(
      'wrong_account_type',
      `This is a personal (user) token for ${who}${member}, but the connector needs a team token authorized by a team admin.`,
      TEAM_ADMIN_REMEDY,
      { action: 'authorize_again' },
    ).error;
    return { check: result(id, label, 'fail', error.message, error), identity };
  }
  if (account.error) {
    return {
      check: result(
        id,
        label,
        'warn',
        `User token; the account details could not be read (${account.error.message}).`,
      ),
      identity,
    };
  }
  return { check: result(id, label, 'pass', `User token for ${who}${member}.`), identity };
}

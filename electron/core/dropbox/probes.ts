/**
 * Scope probes for Verify: the one harmless read call per scope that proves a token can use it,
 * and the check that makes it.
 */
import type { CheckResult, TokenKind } from '../../shared/contract';
import { result, settle, type Call } from './check-result';
import { failure } from '../failure';

/** The one harmless read call per scope that proves a token can use it. */
export interface ProbeSpec {
  readonly route: string;
  /** JSON argument; null for Void routes. */
  readonly body: unknown;
  /** Token kinds the route serves without a Select-User header; others are "granted, not probed". */
  readonly tokenKinds: readonly TokenKind[];
}

/**
 * Scopes without an entry here (every write or content scope) are reported "granted, not probed".
 * `electron/core/targets/scopes.ts` repeats each route as `ScopeInfo.probe`; a test keeps them equal.
 */
export const PROBES: Readonly<Record<string, ProbeSpec>> = {
  'account_info.read': { route: 'users/get_current_account', body: null, tokenKinds: ['user'] },
  'team_info.read': { route: 'team/get_info', body: null, tokenKinds: ['team'] },
  'members.read': { route: 'team/members/list_v2', body: { limit: 1 }, tokenKinds: ['team'] },
  'groups.read': { route: 'team/groups/list', body: { limit: 1 }, tokenKinds: ['team'] },
  'sessions.list': { route: 'team/devices/list_members_devices', body: {}, tokenKinds: ['team'] },
  'events.read': { route: 'team_log/get_events', body: { limit: 1 }, tokenKinds: ['team'] },
  'team_data.member': { route: 'team/namespaces/list', body: { limit: 1 }, tokenKinds: ['team'] },
  'files.metadata.read': { route: 'files/list_folder', body: { path: '' }, tokenKinds: ['user'] },
};

export const NOT_PROBED = 'granted, not probed';

export async function checkProbe(
  scope: string,
  kind: TokenKind,
  granted: ReadonlySet<string>,
  meaning: string | undefined,
  call: Call,
): Promise<CheckResult> {
  const id = `probe:${scope}`;
  const label = meaning ? `${scope}: ${meaning}` : scope;
  const spec = PROBES[scope];
  if (!spec || !spec.tokenKinds.includes(kind)) {
    if (granted.has(scope)) return result(id, label, 'info', NOT_PROBED);
    const error = failure(
      'missing_scope',
      `The token lacks the permission ${scope}.`,
      `App Console → Permissions → tick ${scope} → Submit → sign in again.`,
      { action: 'authorize_again' },
    ).error;
    return result(id, label, 'fail', error.message, error);
  }
  const outcome = await settle(call<unknown>(spec.route, spec.body));
  if (!outcome.error)
    return result(id, label, 'pass', `Dropbox answered ${spec.route}: the token can use ${scope}.`);
  // A route error (409) comes after the permission check, so the permission itself works.
  if (outcome.failure?.dropbox?.status === 409) {
    return result(
      id,
      label,
      'pass',
      `Dropbox accepted ${scope} (${spec.route} answered with the route error ${outcome.failure.dropbox.tag ?? 'unknown'}).`,
    );
  }
  return result(id, label, 'fail', outcome.error.message, outcome.error);
}

/**
 * Health-check probes for the scopes Verify reports "granted, not probed" (every write and content
 * scope): one harmless call per scope that Dropbox refuses when the scope is gone (401
 * missing_scope, or the 400 "does not have the required scope" text when it is unticked on the
 * app) and that changes nothing when it is there.
 *
 * Evidence for each route's scope: Dropbox's API spec (github.com/dropbox/dropbox-api-spec,
 * commit 0d994eb, the `scope = "…"` attribute of each route). Dropbox checks authentication and
 * scope before it reads the argument (the missing_scope answers quoted in dropbox-sdk-js#1052 and
 * dbxcli#154 come back for ordinary calls), so the argument only has to be well formed.
 * A scope with no entry here, or a token kind the route does not serve, is "not checkable":
 * never a pass.
 */
import type { CheckResult, TokenKind } from '../../shared/contract';
import { nonce, result, settle, type Call } from '../dropbox/check-result';

export interface HealthProbe {
  readonly route: string;
  /** Built per call: every nonce-named path or job id is new, so it cannot exist. */
  readonly body: () => unknown;
  readonly tokenKinds: readonly TokenKind[];
  /** Why the call changes nothing, shown in the check's detail. */
  readonly harmless: string;
}

/** A path in a folder named by a fresh random nonce: it cannot exist in anyone's Dropbox. */
const missingPath = (): string => `/.dropbox-connector-wizard-probe-${nonce()}/none`;

export const HEALTH_PROBES: Readonly<Record<string, HealthProbe>> = {
  // files.stone: route get_temporary_link, scope "files.content.read". A missing path is the
  // route error path/not_found (409).
  'files.content.read': {
    route: 'files/get_temporary_link',
    body: () => ({ path: missingPath() }),
    tokenKinds: ['user'],
    harmless: 'asked for a link to a file that cannot exist',
  },
  // files.stone: route delete_batch/check, scope "files.content.write". It only reads the status
  // of a job; an unknown job id is the PollError invalid_async_job_id (409, async.stone).
  // GUESS: that Dropbox answers a never-issued job id with invalid_async_job_id, not a 400.
  'files.content.write': {
    route: 'files/delete_batch/check',
    body: () => ({ async_job_id: `dbjid:${nonce()}` }),
    tokenKinds: ['user'],
    harmless: 'asked for the status of a delete job that was never started',
  },
  // files.stone (file tagging): route tags/remove, scope "files.metadata.write". A missing path
  // is the route error path/not_found (409); nothing is tagged or untagged.
  'files.metadata.write': {
    route: 'files/tags/remove',
    body: () => ({ path: missingPath(), tag_text: 'wizardprobe' }),
    tokenKinds: ['user'],
    harmless: 'asked to remove a tag from a file that cannot exist',
  },
  // sharing.stone: route list_folders, scope "sharing.read". A read.
  'sharing.read': {
    route: 'sharing/list_folders',
    body: () => ({ limit: 1 }),
    tokenKinds: ['user'],
    harmless: 'listed one shared folder',
  },
  // sharing.stone: route check_job_status, scope "sharing.write". It only reads a job's status;
  // an unknown job id is invalid_async_job_id (409, async.stone PollError).
  // GUESS: as for files.content.write, that a never-issued job id is a 409, not a 400.
  'sharing.write': {
    route: 'sharing/check_job_status',
    body: () => ({ async_job_id: `dbjid:${nonce()}` }),
    tokenKinds: ['user'],
    harmless: 'asked for the status of a sharing job that was never started',
  },
};

export const NOT_CHECKABLE = 'granted at setup, not checkable';

/** Why a scope could not be probed, in one clause. */
function notCheckableWhy(scope: string, kind: TokenKind): string {
  const probe = HEALTH_PROBES[scope];
  if (probe && !probe.tokenKinds.includes(kind)) {
    return `${NOT_CHECKABLE}: its harmless call needs a ${probe.tokenKinds.join(' or ')} token`;
  }
  return kind === 'team' && !scope.startsWith('team') && !scope.includes('.team')
    ? `${NOT_CHECKABLE}: a team token cannot call a single account's routes without acting as a member`
    : `${NOT_CHECKABLE}: Dropbox has no call that proves it without changing something`;
}

/**
 * Probes `scope` when a harmless call exists for the token kind. The check keeps Verify's id and
 * label so the diff compares it with earlier checks.
 */
export async function healthProbe(
  check: Pick<CheckResult, 'id' | 'label'>,
  scope: string,
  kind: TokenKind,
  call: Call,
): Promise<CheckResult> {
  const probe = HEALTH_PROBES[scope];
  if (!probe || !probe.tokenKinds.includes(kind)) {
    return result(check.id, check.label, 'info', notCheckableWhy(scope, kind));
  }
  const outcome = await settle(call<unknown>(probe.route, probe.body()));
  // A route error (409) comes after the scope check: the scope works, and nothing existed to change.
  if (!outcome.error || outcome.failure?.dropbox?.status === 409) {
    return result(
      check.id,
      check.label,
      'pass',
      `Verified now: Dropbox accepted ${probe.route} (${probe.harmless}), so the token can use ${scope}.`,
    );
  }
  return result(check.id, check.label, 'fail', outcome.error.message, outcome.error);
}

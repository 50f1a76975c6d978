/**
 * The checks behind "Create app" and "Verify" (reference §6.2). Each check is a CheckResult in
 * plain admin language; a failing one carries the WizardError with the exact fix. Checks never
 * throw for anything Dropbox or the network does: a failure is a result, so one bad probe does not
 * hide the others.
 *
 * Verify runs its independent calls concurrently and shares identical calls (team/get_info serves
 * identity, token validity and the team_info.read probe), so it costs about one round trip of the
 * slowest call rather than the sum.
 */
import { CREDENTIALS_REMEDY } from '../errors';
import { randomBytes } from 'node:crypto';
import type {
  CheckResult,
  Identity,
  ScopeInfo,
  TokenKind,
  VerifyReport,
} from '../../shared/contract';
import type { ErrorCode, WizardError } from '../../shared/result';
import type { DropboxContext } from './context';
import { failure, isWizardFailure, toWizardError, type WizardFailure } from './failure';
import { refreshAccessToken } from './oauth';
import { rpc, type RpcAuth } from './rpc';

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

/** Failures that say nothing about the credentials themselves. */
const NOT_A_VERDICT: readonly ErrorCode[] = [
  'rate_limited',
  'dropbox_unavailable',
  'offline',
  'internal',
];

function result(
  id: string,
  label: string,
  status: CheckResult['status'],
  detail: string,
  error?: WizardError,
): CheckResult {
  return error ? { id, label, status, detail, error } : { id, label, status, detail };
}

function nonce(): string {
  return randomBytes(16).toString('hex');
}

/** `POST /2/check/app` with Basic key:secret: passes only on 200 echoing our random nonce. */
export async function checkAppCredentials(
  ctx: DropboxContext,
  input: { appKey: string; appSecret: string },
): Promise<CheckResult> {
  const id = 'app_credentials';
  const label = 'App key and secret';
  const rejected = (detail: string): CheckResult => {
    const error = failure(
      'bad_app_credentials',
      'Dropbox rejected this app key and secret.',
      CREDENTIALS_REMEDY,
      {
        detail,
        action: 'edit_credentials',
      },
    ).error;
    return result(id, label, 'fail', error.message, error);
  };
  if (!input.appKey || !input.appSecret) return rejected('the app key or the secret is empty');

  const query = nonce();
  try {
    const reply = await rpc<{ result?: unknown } | null>(ctx, 'check/app', {
      auth: { kind: 'basic', appKey: input.appKey, appSecret: input.appSecret },
      body: { query },
      requireBody: true,
    });
    if (reply?.result === query) {
      return result(
        id,
        label,
        'pass',
        `Dropbox accepted the app key ${input.appKey} and its secret.`,
      );
    }
    const error = failure(
      'unexpected_reply',
      'Dropbox answered something unexpected, so the app key and secret could not be checked.',
      'Press Try again. If it repeats, a proxy or captive portal may be answering instead of Dropbox; report it with the details below.',
      { detail: 'HTTP 200 from check/app, but the reply did not echo the query', action: 'retry' },
    ).error;
    return result(id, label, 'fail', error.message, error);
  } catch (err) {
    const error = toWizardError(err);
    // Too many requests, Dropbox down or no network say nothing about the credentials; nor does
    // an unreadable 200 (a captive portal's HTML, a truncated or empty body), which carries no
    // Dropbox error. A 4xx refusal with Dropbox's error does count (below).
    const unreadable =
      error.code === 'unexpected_reply' &&
      (!isWizardFailure(err) || err.dropbox?.status === undefined || err.dropbox.status === 200);
    if (NOT_A_VERDICT.includes(error.code) || unreadable) {
      return result(id, label, 'fail', error.message, error);
    }
    // Dropbox's reply to bad app credentials is not documented (reference §4): any refusal counts.
    return rejected(error.detail ?? error.message);
  }
}

export interface VerifyInput {
  readonly appKey: string;
  readonly appSecret: string;
  /** null for a test sign-in (online access): the refresh check is then reported as not needed. */
  readonly refreshToken: string | null;
  readonly accessToken: string;
  readonly tokenKind: TokenKind;
  readonly grantedScopes: readonly string[];
  readonly requiredScopes: readonly string[];
  readonly expectTeamAdmin: boolean;
  readonly scopeCatalogue: readonly ScopeInfo[];
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

/** A scope problem says nothing about who signed in or whether the token works. */
function isScopeProblem(error: WizardError): boolean {
  return error.code === 'missing_scope' || error.code === 'scope_not_enabled_on_app';
}

function person(name: string | null, email: string | null, verified: boolean | null): string {
  const who = name && email ? `${name} <${email}>` : (name ?? email ?? 'an unknown account');
  return verified === false ? `${who} (email address not verified)` : who;
}

const TEAM_ADMIN_REMEDY =
  'App Console → your app → Permissions tab: tick the team scopes the connector needs → Submit. Then choose Authorize again and sign in as a team admin.';

export async function runVerifyChecks(
  ctx: DropboxContext,
  input: VerifyInput,
): Promise<VerifyReport> {
  const auth: RpcAuth = { kind: 'bearer', token: input.accessToken };
  // Identical calls are made once and shared between checks.
  const calls = new Map<string, Promise<unknown>>();
  const call = <T>(route: string, body: unknown = null): Promise<T> => {
    const key = `${route} ${JSON.stringify(body)}`;
    let pending = calls.get(key);
    if (!pending) {
      pending = rpc<unknown>(ctx, route, { auth, body });
      // Each consumer handles rejection itself; this keeps an unconsumed one from being "unhandled".
      pending.catch(() => undefined);
      calls.set(key, pending);
    }
    return pending as Promise<T>;
  };

  const granted = [...new Set(input.grantedScopes)].sort();
  const grantedSet = new Set(granted);
  const required = [...new Set(input.requiredScopes)];
  const requiredSet = new Set(required);
  const missing = required.filter((s) => !grantedSet.has(s)).sort();
  const extra = granted.filter((s) => !requiredSet.has(s));
  const meaning = new Map(input.scopeCatalogue.map((s) => [s.id, s.meaning]));

  const identityTask = checkIdentity(input, call);
  const tokenTask = checkTokenValid(input.tokenKind, call);
  const probeTasks = required.map((scope) =>
    checkProbe(scope, input.tokenKind, grantedSet, meaning.get(scope), call),
  );
  const refreshTask = checkRefresh(ctx, input);
  const scopesCheck = checkScopes(required, missing, extra);

  const [identity, tokenValid, probes, refresh] = await Promise.all([
    identityTask,
    tokenTask,
    Promise.all(probeTasks),
    refreshTask,
  ]);
  const checks = [identity.check, scopesCheck, tokenValid, ...probes, refresh];
  return {
    checks,
    identity: identity.identity,
    tokenKind: input.tokenKind,
    grantedScopes: granted,
    missingScopes: missing,
    extraScopes: extra,
    passed: checks.every((c) => c.status !== 'fail'),
  };
}

type Call = <T>(route: string, body?: unknown) => Promise<T>;

interface Settled<T> {
  readonly value: T | null;
  readonly error: WizardError | null;
  /** The failure itself, for its Dropbox status and tag. */
  readonly failure: WizardFailure | null;
}

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { value: await promise, error: null, failure: null };
  } catch (err) {
    return { value: null, error: toWizardError(err), failure: isWizardFailure(err) ? err : null };
  }
}

async function checkIdentity(
  input: VerifyInput,
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
      // Only team admins can authorize a team app (reference §1.3), so a team token implies one.
      isTeamAdmin: true,
    };
    const team = identity.teamName
      ? `"${identity.teamName}"`
      : 'a team whose name could not be read';
    if (!input.expectTeamAdmin) {
      const error = failure(
        'wrong_account_type',
        `This is a team token for ${team}, but this connector needs a token for a single user.`,
        'App Console → your app → Permissions tab: untick the team scopes → Submit. Then choose Authorize again.',
        { action: 'authorize_again' },
      ).error;
      return { check: result(id, label, 'fail', error.message, error), identity };
    }
    if (admin.error) {
      if (adminTag === 'admin_not_active') {
        const error = failure(
          'not_team_admin',
          `The admin who authorized the app for ${team} is no longer an active team admin.`,
          'An active team admin must choose Authorize again and sign in.',
          { detail: admin.error.detail, action: 'authorize_again' },
        ).error;
        return {
          check: result(id, label, 'fail', error.message, error),
          identity: { ...identity, isTeamAdmin: false },
        };
      }
      const why =
        adminTag === 'mapping_not_found'
          ? 'Dropbox did not record which admin authorized it (authorize again to record it)'
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

function checkScopes(
  required: readonly string[],
  missing: readonly string[],
  extra: readonly string[],
): CheckResult {
  const id = 'scopes';
  const label = 'Permissions granted';
  if (missing.length > 0) {
    const list = missing.join(', ');
    const error = failure(
      'missing_scope',
      `The token lacks ${missing.length === 1 ? 'the permission' : 'the permissions'} ${list}.`,
      `App Console → Permissions → tick ${list} → Submit → Authorize again.`,
      { action: 'authorize_again', detail: `missing: ${list}` },
    ).error;
    return result(id, label, 'fail', error.message, error);
  }
  const all =
    required.length > 0
      ? required.length === 1
        ? 'The one permission the connector needs is granted.'
        : required.length === 2
          ? 'Both permissions the connector needs are granted.'
          : `All ${required.length} permissions the connector needs are granted.`
      : 'The connector needs no particular permission.';
  if (extra.length > 0) {
    return result(
      id,
      label,
      'warn',
      `${all} Also granted but not needed: ${extra.join(', ')}. For least privilege, untick them in App Console → Permissions → Submit, then authorize again.`,
    );
  }
  return result(id, label, 'pass', all);
}

async function checkTokenValid(kind: TokenKind, call: Call): Promise<CheckResult> {
  const id = 'token_valid';
  const label = 'Access token accepted';
  const query = nonce();
  const outcome =
    kind === 'team'
      ? await settle(call<unknown>('team/get_info'))
      : await settle(call<{ result?: unknown }>('check/user', { query }));
  const route = kind === 'team' ? 'team/get_info' : 'check/user';
  if (!outcome.error) {
    if (kind === 'user' && (outcome.value as { result?: unknown } | null)?.result !== query) {
      const error = failure(
        'unexpected_reply',
        'Dropbox accepted the token but did not echo the check.',
        'Press Try again; if it repeats, report it.',
        {
          detail: `HTTP 200 from ${route}, echo mismatch`,
          action: 'retry',
        },
      ).error;
      return result(id, label, 'fail', error.message, error);
    }
    return result(id, label, 'pass', `Dropbox accepted the access token (${route}).`);
  }
  // Dropbox checks the token before the scope, so a scope refusal still proves the token valid.
  if (isScopeProblem(outcome.error)) {
    return result(
      id,
      label,
      'pass',
      `Dropbox accepted the access token (${route} was refused only for a missing permission).`,
    );
  }
  return result(id, label, 'fail', outcome.error.message, outcome.error);
}

async function checkProbe(
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
      `App Console → Permissions → tick ${scope} → Submit → Authorize again.`,
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

async function checkRefresh(ctx: DropboxContext, input: VerifyInput): Promise<CheckResult> {
  const id = 'refresh';
  const label = 'Refresh token works';
  if (input.refreshToken === null) {
    // App-only targets: the wizard's test sign-in asked for no refresh token on purpose.
    return result(
      id,
      'Refresh token',
      'info',
      'Not part of this connector: the product signs in itself and keeps its own token.',
    );
  }
  const refreshToken = input.refreshToken;
  const outcome = await settle(
    refreshAccessToken(ctx, {
      appKey: input.appKey,
      appSecret: input.appSecret,
      refreshToken,
    }),
  );
  if (outcome.error || !outcome.value) {
    const error = outcome.error ?? toWizardError(null);
    return result(id, label, 'fail', error.message, error);
  }
  const { expiresIn } = outcome.value;
  const hours = expiresIn ? ` (valid for ${Math.round((expiresIn / 3600) * 10) / 10} hours)` : '';
  return result(
    id,
    label,
    'pass',
    `Dropbox issued a new access token from the refresh token with the app key and secret${hours}, exactly as the connector will.`,
  );
}

/**
 * The checks behind "Create app" and "Verify". The app key check lives in
 * `app-credentials-check.ts`, the identity check in `identity-check.ts`, the scope probes in
 * `probes.ts` and what they share in `check-result.ts`; this module runs Verify and keeps the
 * scope, token and refresh checks.
 *
 * Verify runs its independent calls concurrently and shares identical calls (team/get_info serves
 * identity, token validity and the team_info.read probe), so it costs about one round trip of the
 * slowest call rather than the sum.
 */
import type { CheckResult, ScopeInfo, TokenKind, VerifyReport } from '../../shared/contract';
import { isScopeProblem, nonce, result, settle, type Call } from './check-result';
import type { DropboxContext } from './context';
import { failure, toWizardError } from '../failure';
import { checkIdentity } from './identity-check';
import { refreshAccessToken } from './oauth';
import { checkProbe } from './probes';
import { rpc, type RpcAuth } from './rpc';

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
      `App Console → Permissions → tick ${list} → Submit → sign in again.`,
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
      `${all} Also granted but not needed: ${extra.join(', ')}. For least privilege, untick them in App Console → Permissions → Submit, then sign in again.`,
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

/**
 * The health check of a credential set that already exists (an export file today, a saved
 * connector later): refresh exactly the way the connector will (Basic app_key:app_secret,
 * grant_type=refresh_token), then run the wizard's own Verify checks against the target's rules.
 *
 * The rules come from `targets/rules.ts` only (required scopes, who must have signed in); the
 * checks from `dropbox/checks.ts` only. Nothing here re-derives either. Like the checks, this
 * never throws for anything Dropbox or the network does: a failure is a check result.
 */
import type {
  CheckResult,
  CheckStatus,
  Identity,
  TargetProfile,
  TokenKind,
  VerifyReport,
} from '../../shared/contract';
import type { WizardError } from '../../shared/result';
import { buildAuthorizeUrl } from '../dropbox/authorize-request';
import { runVerifyChecks } from '../dropbox/checks';
import type { DropboxContext } from '../dropbox/context';
import { toWizardError } from '../failure';
import { refreshAccessToken, type RefreshResult } from '../dropbox/oauth';
import { preflightAuthorize } from '../dropbox/preflight';
import { refreshLikeCerb } from '../dropbox/cerb-refresh';
import { rpc } from '../dropbox/rpc';
import { accountTypeFor, productRedirectUrisFor, requiredScopesFor } from '../targets/rules';
import { getScope, SCOPES } from '../targets/scopes';
import { coverageOf, type Coverage } from './health-coverage';
import { healthProbe } from './health-probes';

export type HealthStatus = CheckStatus | 'skipped';

export interface HealthCheck {
  /** The Verify ids (identity, scopes, token_valid, probe:<scope>, refresh). */
  readonly id: string;
  readonly label: string;
  readonly status: HealthStatus;
  /** One admin-readable sentence; never a secret. */
  readonly detail: string;
  readonly error?: WizardError;
}

export interface HealthInput {
  readonly target: TargetProfile;
  readonly appKey: string;
  readonly appSecret: string;
  readonly refreshToken: string;
  /** The admin's scope choice for editable targets (Custom); ignored by fixed ones. */
  readonly customScopes?: readonly string[];
  /** What the credential's record says, when it says it (the generic export does). */
  readonly tokenKind?: TokenKind;
  readonly grantedScopes?: readonly string[];
}

export interface HealthReport {
  readonly target: string;
  readonly passed: boolean;
  readonly checks: readonly HealthCheck[];
  readonly identity: Identity | null;
  readonly tokenKind: TokenKind | null;
  readonly requiredScopes: readonly string[];
  /** How many required scopes a call proved now, and how many could not be checked. */
  readonly coverage: Coverage;
}

const REFRESH_LABEL = 'Refresh token works';

/** Why the refresh failed, in the words an admin reads in a cron mail, and what to do. */
function refreshFailureDetail(error: WizardError): string {
  switch (error.code) {
    case 'refresh_failed':
      return error.message === 'There is no refresh token to use.'
        ? 'the file has no refresh token — reconnect in the wizard'
        : 'Dropbox refused the refresh token (invalid_grant: revoked, or issued to another app) — reconnect in the wizard';
    case 'bad_app_credentials':
    case 'swapped_credentials':
      return 'Dropbox rejected the app key and secret (invalid_client) — copy both again from App Console → your app → Settings';
    case 'app_disabled':
      return 'the Dropbox app is disabled — re-enable it in App Console, or make a new one in the wizard';
    case 'rate_limited':
      return `Dropbox kept answering "too many requests" (429) — nothing is known about these credentials; run again later`;
    case 'dropbox_unavailable':
      return 'Dropbox answered with server errors — nothing is known about these credentials; run again later';
    case 'offline':
      return 'Dropbox could not be reached (network) — nothing is known about these credentials; check the network and run again';
    default:
      return `${error.message} — ${error.remedy}`;
  }
}

/**
 * Dropbox's token endpoint answers a disabled app exactly like a wrong secret (`invalid_client`);
 * its authorize page says "This app is currently disabled". So when the key and secret are
 * refused, the authorize page for the key (no redirect, nothing signed in) tells the two apart.
 */
async function disabledApp(ctx: DropboxContext, appKey: string): Promise<WizardError | null> {
  try {
    await preflightAuthorize(
      ctx,
      buildAuthorizeUrl(ctx.endpoints, { appKey, redirectUri: null, state: null }),
    );
    return null;
  } catch (err) {
    const error = toWizardError(err);
    return error.code === 'app_disabled' ? error : null;
  }
}

function skippedChecks(required: readonly string[]): HealthCheck[] {
  const detail = 'skipped: no access token, because the refresh failed';
  const skipped = (id: string, label: string): HealthCheck => ({
    id,
    label,
    status: 'skipped',
    detail,
  });
  return [
    skipped('identity', 'Who authorized the app'),
    skipped('scopes', 'Permissions granted'),
    skipped('token_valid', 'Access token accepted'),
    ...required.map((scope) => {
      const meaning = getScope(scope)?.meaning;
      return skipped(`probe:${scope}`, meaning ? `${scope}: ${meaning}` : scope);
    }),
  ];
}

function fromCheck(check: CheckResult): HealthCheck {
  return check.error
    ? {
        id: check.id,
        label: check.label,
        status: check.status,
        detail: check.detail,
        error: check.error,
      }
    : { id: check.id, label: check.label, status: check.status, detail: check.detail };
}

export async function checkCredentials(
  ctx: DropboxContext,
  input: HealthInput,
): Promise<HealthReport> {
  const required = requiredScopesFor(input.target, input.customScopes ?? []);
  const expectTeamAdmin = accountTypeFor(input.target, required) === 'team_admin';
  const base = { target: input.target.id, requiredScopes: required };

  let refreshed: RefreshResult;
  try {
    refreshed = await refreshAccessToken(ctx, {
      appKey: input.appKey,
      appSecret: input.appSecret,
      refreshToken: input.refreshToken,
    });
  } catch (err) {
    let error = toWizardError(err);
    if (error.code === 'bad_app_credentials' || error.code === 'swapped_credentials') {
      error = (await disabledApp(ctx, input.appKey)) ?? error;
    }
    const refresh: HealthCheck = {
      id: 'refresh',
      label: REFRESH_LABEL,
      status: 'fail',
      detail: refreshFailureDetail(error),
      error,
    };
    return {
      ...base,
      passed: false,
      // The failed check first: it is the one line a reader needs.
      checks: [refresh, ...skippedChecks(required)],
      identity: null,
      tokenKind: null,
      coverage: coverageOf([], required),
    };
  }

  // A refresh reply does not say whose token it is; the record does, else the target's rule.
  const tokenKind: TokenKind = input.tokenKind ?? (expectTeamAdmin ? 'team' : 'user');
  // Dropbox's scope list when the refresh carried one, else the record's, else the required set
  // (the probes then prove what can be probed).
  const granted = refreshed.scopes ?? input.grantedScopes ?? required;
  // The refresh above is the check's one refresh: Verify is told there is no refresh token, and
  // its "refresh" line is replaced by the result of the refresh already made.
  const report = await runVerifyChecks(ctx, {
    appKey: input.appKey,
    appSecret: input.appSecret,
    refreshToken: null,
    accessToken: refreshed.accessToken,
    tokenKind,
    grantedScopes: [...granted],
    requiredScopes: required,
    expectTeamAdmin,
    scopeCatalogue: [...SCOPES],
  });
  const call = <T>(route: string, body: unknown = null): Promise<T> =>
    rpc<T>(ctx, route, { auth: { kind: 'bearer', token: refreshed.accessToken }, body });
  const hours = refreshed.expiresIn
    ? ` (valid for ${Math.round((refreshed.expiresIn / 3600) * 10) / 10} hours)`
    : '';
  const checks = await Promise.all(
    report.checks.map(fromCheck).map(async (check): Promise<HealthCheck> => {
      if (check.id === 'refresh') {
        return {
          id: 'refresh',
          label: REFRESH_LABEL,
          status: 'pass',
          detail: `Verified now: Dropbox issued a new access token from the refresh token with the app key and secret${hours}, exactly as the connector will.`,
        };
      }
      if (check.id.startsWith('probe:') && check.status === 'info') {
        return healthProbe(check, check.id.slice('probe:'.length), tokenKind, call);
      }
      if (check.id === 'scopes' && refreshed.scopes === null && check.status !== 'fail') {
        // Not a call's answer: what the record says. Shown as such, never as a pass.
        return {
          ...check,
          status: 'info',
          detail: `${input.grantedScopes ? 'Recorded at setup' : 'Assumed (Dropbox does not list scopes on refresh)'}: ${check.detail} The calls below prove what they can.`,
        };
      }
      return check;
    }),
  );
  return {
    ...base,
    passed: checks.every((check) => check.status !== 'fail'),
    checks,
    identity: report.identity,
    tokenKind,
    coverage: coverageOf(checks, required),
  };
}

// ---- Hook: products that refresh their own way ------------------------------------------------
// Cerb refreshes with league/oauth2-client 2.7.0's request (redirect_uri included), which Dropbox
// refuses; its health check tries exactly that request (dropbox/cerb-refresh.ts). Additive: other
// targets get no extra check.
export async function productRefreshChecks(
  ctx: DropboxContext,
  target: TargetProfile,
  input: { appKey: string; appSecret: string; inputs: Readonly<Record<string, string>> },
): Promise<CheckResult[]> {
  if (target.id !== 'cerb') return [];
  const redirectUri = productRedirectUrisFor(target, input.inputs)[0];
  if (!redirectUri) return [];
  const { check } = await refreshLikeCerb(ctx, {
    appKey: input.appKey,
    appSecret: input.appSecret,
    redirectUri,
  });
  return [check];
}

/**
 * The profile to check a credential against. A file that names no target, or a target this
 * version does not know, is checked as Custom with the scopes the file records; `note` says so.
 */
export function resolveCheckTarget(
  id: string | null,
  lookup: (id: string) => TargetProfile | undefined,
): { target: TargetProfile; note: string | null } {
  const custom = lookup('custom');
  if (!custom) throw new Error('the Custom target profile is missing from the registry');
  if (id === null) return { target: custom, note: 'the file names no target; checked as Custom' };
  const known = lookup(id);
  if (known) return { target: known, note: null };
  return { target: custom, note: `target "${id}" is not known to this version; checked as Custom` };
}

/**
 * Verify at setup proves what the health check proves: every probe Verify reports "granted, not
 * probed" gets its harmless call (health-probes.ts) with the same access token, so a connector is
 * not Degraded right after setup only because Verify skipped the write scopes.
 */
export async function withHealthProbes(
  ctx: DropboxContext,
  report: VerifyReport,
  accessToken: string,
): Promise<VerifyReport> {
  const call = <T>(route: string, body: unknown = null): Promise<T> =>
    rpc<T>(ctx, route, { auth: { kind: 'bearer', token: accessToken }, body });
  const checks = await Promise.all(
    report.checks.map((check) =>
      check.id.startsWith('probe:') && check.status === 'info'
        ? healthProbe(check, check.id.slice('probe:'.length), report.tokenKind ?? 'user', call)
        : Promise.resolve(check),
    ),
  );
  return { ...report, checks, passed: checks.every((check) => check.status !== 'fail') };
}

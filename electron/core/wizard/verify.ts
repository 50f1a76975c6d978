/**
 * "Verify": identity, scopes, one probe per scope and the refresh grant, run with a token that is
 * refreshed when Dropbox says it expired. On app-only targets the test token is revoked once it
 * has proved the app, so nothing of the wizard's stays live at Dropbox.
 */
import type { CheckResult, VerifyReport } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import { withHealthProbes } from '../connectors/health';
import { runVerifyChecks } from '../dropbox/checks';
import type { DropboxContext } from '../dropbox/context';
import { toWizardError } from '../failure';
import { catalogueError } from '../errors';
import { SCOPES } from '../targets/scopes';
import { invalidateFrom, withCompleted } from './draft';
import type { Session } from './session';
import { isExpiredError, revokeGrant, type TokenKeeper } from './tokens';

export interface VerifyDeps {
  readonly session: Session;
  readonly tokens: TokenKeeper;
  readonly ctx: DropboxContext;
  readonly log: (line: string) => void;
  readonly now: () => Date;
}

export async function runVerify(deps: VerifyDeps): Promise<Result<VerifyReport>> {
  const { session, tokens } = deps;
  const target = session.needsTarget();
  if (!target.ok) return target;
  const creds = session.needsCredentials();
  if (!creds.ok) return creds;
  const plan = session.plan();
  const isTest = plan?.authorization === 'test';
  const refreshToken = session.secret('refreshToken');
  if (!isTest && !refreshToken) return fail(catalogueError('no_authorization'));
  if (isTest && !tokens.current()) {
    return fail({
      ...catalogueError('no_authorization'),
      message:
        'There is no test sign-in to check (it is kept in memory only, and was used or the wizard restarted).',
      remedy: 'Go to "Test authorization" and sign in to Dropbox again.',
    });
  }
  const progress = session.progress();
  let report: VerifyReport;
  try {
    report = await tokens.withToken(
      creds.value,
      refreshToken,
      async (accessToken) =>
        withHealthProbes(
          deps.ctx,
          await runVerifyChecks(deps.ctx, {
            ...creds.value,
            refreshToken: isTest ? null : refreshToken,
            accessToken,
            tokenKind: progress.tokenKind ?? 'user',
            grantedScopes: [...progress.grantedScopes],
            requiredScopes: session.requiredScopes(target.value),
            expectTeamAdmin: plan?.accountType === 'team_admin',
            scopeCatalogue: [...SCOPES],
          }),
          accessToken,
        ),
      // Dropbox's clock, not ours: one refresh and one more run.
      (result) => result.checks.some((check) => isExpiredError(check.error)),
    );
  } catch (error) {
    return fail(toWizardError(error));
  }
  const checks: CheckResult[] = [
    ...report.checks,
    pkceCheck(progress.pkceAllowed, target.value.pkce),
  ];
  if (isTest && report.passed)
    checks.push(await revokeTestToken(deps, progress.tokenKind ?? 'user'));
  const passed = checks.every((c) => c.status !== 'fail');
  const base = invalidateFrom(progress, 'verify');
  session.save({
    identity: report.identity,
    verifyChecks: checks,
    // Verify is the connector's first health check: the home screen shows when, and the next
    // check is compared with it.
    health: { checkedAt: deps.now().toISOString(), passed, checks },
    factsRecordedAt: deps.now().toISOString(),
    completed: passed ? withCompleted(base.completed ?? [], 'verify') : (base.completed ?? []),
  });
  deps.log(`[wizard] verify: ${checks.map((c) => `${c.id}=${c.status}`).join(' ')}`);
  return ok({ ...report, checks, passed });
}

function pkceCheck(allowed: boolean | null, policy: 'when_allowed' | 'never'): CheckResult {
  const detail =
    policy === 'never'
      ? 'Not used: this product’s guide disallows public clients, and Dropbox then refuses PKCE. The code exchange is bound by the app secret.'
      : allowed
        ? 'The sign-in used PKCE (S256): the code could only be exchanged by this wizard.'
        : 'Not used: the app disallows public clients, so Dropbox refuses PKCE. The code exchange is bound by the app secret.';
  return { id: 'pkce', label: 'PKCE', status: 'info', detail };
}

async function revokeTestToken(deps: VerifyDeps, tokenKind: 'team' | 'user'): Promise<CheckResult> {
  const token = deps.tokens.current();
  const id = 'test_token_revoked';
  const label = 'Test sign-in revoked';
  if (!token) return { id, label, status: 'info', detail: 'No test token is held.' };
  try {
    await revokeGrant(deps.ctx, token.value, tokenKind);
    deps.tokens.forget();
    return {
      id,
      label,
      status: 'pass',
      detail:
        'The wizard’s test token is revoked: nothing of the wizard’s stays linked to Dropbox.',
    };
  } catch (error) {
    const e = toWizardError(error);
    // The test token lives four hours at most; an honest warning, not a failed connector.
    return {
      id,
      label,
      status: 'warn',
      detail: `${e.message} ${e.remedy} (It expires by itself within four hours.)`,
      error: e,
    };
  }
}

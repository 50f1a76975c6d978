/**
 * The one code exchange: a code becomes tokens exactly once (codes are single-use), the draft
 * records what Dropbox granted, and a refresh token this sign-in replaced is handed on to be
 * revoked. Test sign-ins of app-only targets need no refresh token.
 */
import type { AuthorizationSummary } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { DropboxContext } from '../dropbox/context';
import { toWizardError } from '../dropbox/failure';
import { exchangeCode } from '../dropbox/oauth';
import { invalidateFrom, withCompleted } from './draft';
import type { Session } from './session';
import type { TokenKeeper } from './tokens';

export interface ExchangeDeps {
  readonly session: Session;
  readonly tokens: TokenKeeper;
  readonly ctx: DropboxContext;
  readonly log: (line: string) => void;
  readonly onReplaced: (appKey: string, appSecret: string, refreshToken: string) => void;
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
        'Choose Authorize again. If it repeats, the app may be a legacy app: migrate it on the App Console Permissions tab.',
      action: 'authorize_again',
    });
  }
  const replaced = session.secret('refreshToken');
  if (tokens.refreshToken) session.setSecret('refreshToken', tokens.refreshToken);
  else session.deleteSecret('refreshToken');
  if (replaced && replaced !== tokens.refreshToken) {
    // The admin authorized again: the old grant is no use to anyone, so it should not stay live.
    deps.onReplaced(creds.value.appKey, creds.value.appSecret, replaced);
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
    completed: withCompleted(invalidateFrom(progress, 'authorize').completed ?? [], 'authorize'),
  });
  deps.log(
    `[wizard] ${isTest ? 'test ' : ''}authorization complete (${tokens.tokenKind} token, ${summary.grantedScopes.length} scopes)`,
  );
  return ok(summary);
}

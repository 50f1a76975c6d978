/**
 * The access token the wizard holds for the active connector, and the two things done with it
 * that need care: refreshing when Dropbox says it expired (never trusting our own clock alone),
 * and revoking a grant, which Dropbox may refuse for team tokens.
 */
import type { TokenKind } from '../../shared/contract';
import { fail, ok, type Result, type WizardError } from '../../shared/result';
import type { DropboxContext } from '../dropbox/context';
import { failure, toWizardError, WizardFailure } from '../failure';
import { refreshAccessToken, revokeAccessToken } from '../dropbox/oauth';
import { rpc } from '../dropbox/rpc';
import { catalogueError, ERROR_CATALOGUE } from '../errors';
import type { Session } from './session';

/** Refresh a little before Dropbox's 4 hours run out, so a check never starts on a dying token. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export interface AccessToken {
  readonly value: string;
  readonly expiresAt: number;
}

export interface Credentials {
  readonly appKey: string;
  readonly appSecret: string;
}

export interface TokenKeeper {
  /** The token from the code exchange, or the one a refresh produced. */
  remember(value: string, expiresInSeconds: number | null): void;
  forget(): void;
  current(): AccessToken | null;
  /** A usable access token: the held one while valid by our clock, else a fresh one. */
  fresh(creds: Credentials, refreshToken: string | null): Promise<string>;
  /**
   * Runs `use` with a fresh token; when Dropbox answers `expired_access_token` (its clock, not
   * ours), refreshes once and runs it again.
   */
  withToken<T>(
    creds: Credentials,
    refreshToken: string | null,
    use: (token: string) => Promise<T>,
    expired: (result: T) => boolean,
  ): Promise<T>;
}

export function createTokenKeeper(
  ctx: DropboxContext,
  onRotated: (refreshToken: string) => void,
  clock: () => number = Date.now,
): TokenKeeper {
  let held: AccessToken | null = null;

  const keeper: TokenKeeper = {
    remember(value, expiresInSeconds) {
      held = { value, expiresAt: clock() + (expiresInSeconds ?? 14_400) * 1000 };
    },
    forget() {
      held = null;
    },
    current: () => held,
    async fresh(creds, refreshToken) {
      if (held && held.expiresAt - EXPIRY_MARGIN_MS > clock()) return held.value;
      if (!refreshToken) throw new WizardFailure(catalogueError('no_authorization'));
      const refreshed = await refreshAccessToken(ctx, { ...creds, refreshToken });
      // Dropbox does not rotate refresh tokens today; if it ever does, keep the new one (RFC 9700 §2.2.2).
      if (refreshed.newRefreshToken) onRotated(refreshed.newRefreshToken);
      keeper.remember(refreshed.accessToken, refreshed.expiresIn);
      return refreshed.accessToken;
    },
    async withToken(creds, refreshToken, use, expired) {
      const first = await use(await keeper.fresh(creds, refreshToken));
      if (!expired(first)) return first;
      held = null;
      return use(await keeper.fresh(creds, refreshToken));
    },
  };
  return keeper;
}

export function isExpiredError(error: WizardError | undefined): boolean {
  return error?.code === 'token_expired';
}

/**
 * Revokes the grant behind `accessToken`. `auth/token/revoke` is a user route with no
 * select_admin_mode (dropbox-api-spec auth.stone), so Dropbox-API-Select-Admin is refused there.
 * A team token is first tried acting as the admin who linked it through Dropbox-API-Select-User
 * (allowed where the token has team_data.member, auth-types page), then plainly; where Dropbox
 * still refuses, the admin is told exactly where to remove the link (never "untick the team
 * scopes").
 */
export async function revokeGrant(
  ctx: DropboxContext,
  accessToken: string,
  tokenKind: TokenKind,
): Promise<void> {
  if (tokenKind === 'team') {
    const adminId = await authenticatedAdminId(ctx, accessToken);
    if (adminId) {
      try {
        await rpc<null>(ctx, 'auth/token/revoke', {
          auth: { kind: 'bearer', token: accessToken },
          body: null,
          selectUser: adminId,
        });
        return;
      } catch {
        // Not allowed for this token (no team_data.member): try the plain call below.
      }
    }
  }
  try {
    await revokeAccessToken(ctx, accessToken);
  } catch (error) {
    if (error instanceof WizardFailure && error.error.code === 'wrong_account_type') {
      throw failure(
        'revoke_refused',
        'Dropbox does not let the wizard revoke this team token, so the connector’s access is still live.',
        ERROR_CATALOGUE.revoke_refused.remedy,
        {
          action: 'open_app_console',
          ...(error.error.detail ? { detail: error.error.detail } : {}),
        },
      );
    }
    throw error;
  }
}

async function authenticatedAdminId(ctx: DropboxContext, token: string): Promise<string | null> {
  try {
    const reply = await rpc<{ admin_profile?: { team_member_id?: unknown } }>(
      ctx,
      'team/token/get_authenticated_admin',
      { auth: { kind: 'bearer', token }, body: null },
    );
    const id = reply.admin_profile?.team_member_id;
    return typeof id === 'string' && id ? id : null;
  } catch {
    return null;
  }
}

/** Revokes the grant the wizard holds; an already-dead token is the outcome the admin asked for. */
export async function revokeHeld(
  ctx: DropboxContext,
  session: Session,
  tokens: TokenKeeper,
): Promise<Result<null>> {
  const creds = session.needsCredentials();
  if (!creds.ok) return creds;
  try {
    const token = await tokens.fresh(creds.value, session.secret('refreshToken'));
    await revokeGrant(ctx, token, session.progress().tokenKind ?? 'user');
  } catch (error) {
    const wizardError = toWizardError(error);
    // A refusal (revoke_refused) is not "gone": the admin must hear where to remove the link.
    if (wizardError.code !== 'refresh_failed' && wizardError.code !== 'token_invalid') {
      return fail(wizardError);
    }
  }
  return ok(null);
}

/** A new sign-in replaced this refresh token: revoke its grant in the background, best effort. */
export async function revokeReplaced(
  ctx: DropboxContext,
  creds: Credentials,
  refreshToken: string,
  session: Session,
  log: (line: string) => void,
): Promise<void> {
  try {
    const { accessToken } = await refreshAccessToken(ctx, { ...creds, refreshToken });
    await revokeGrant(ctx, accessToken, session.progress().tokenKind ?? 'user');
    log('[wizard] revoked the authorization this one replaced');
  } catch (error) {
    const { code } = toWizardError(error);
    // Where Dropbox refuses (a team token without team_data.member), say where the link is removed.
    const where =
      code === 'revoke_refused'
        ? '; it stays linked until removed in the Dropbox Admin Console → Apps'
        : '';
    log(`[wizard] could not revoke the replaced authorization (${code})${where}`);
  }
}

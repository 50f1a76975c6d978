/**
 * Error decoder rules, first family: scopes, token kinds, Select-User/-Admin, tokens pasted into
 * the wrong field, and refused grants (most specific first; the order is the decoder's).
 */
import {
  accessTokenAsRefreshToken,
  codeShapedRefreshToken,
  dropboxText,
  mentionsInvalidGrant,
  phrase,
  RECONNECT,
  regex,
  type Rule,
  tag,
  TEAM_SCOPE_LIST,
  when,
} from './error-decoder-patterns';

export const TOKEN_RULES: readonly Rule[] = [
  {
    id: 'scope_not_enabled_on_app',
    patterns: [
      phrase('does not have the required scope'),
      dropboxText('app_lacks_scope'),
      dropboxText('no_scope_grantable'),
      dropboxText('scope_required'),
    ],
    cause:
      'The Dropbox app itself does not have the permission ticked, so no token from it can carry the scope.',
    fix: (scope) =>
      `App Console → your app → Permissions tab: tick ${scope ?? 'the scope the error names'} and press Submit, then press Reconnect on this connector’s page (a token keeps the scopes it was issued with) and give the product the new refresh token. Check now then shows the scope as granted.`,
    code: 'scope_not_enabled_on_app',
    action: 'open_app_console',
    check: 'scopes',
    extractsScope: true,
    covers: ['missing_scope'],
  },
  {
    id: 'missing_scope',
    patterns: [
      tag('missing_scope', true),
      phrase('required_scope'),
      regex('TokenScopeError', /tokenscopeerror/),
    ],
    cause:
      'The token lacks a permission the product needs: the scope was not ticked when the account signed in (ticking it later does not change tokens already issued).',
    fix: (scope) =>
      `Tick the scope and Submit, then Reconnect: App Console → your app → Permissions tab: tick ${scope ?? 'the scope the error names'} and press Submit; then press Reconnect on this connector’s page and give the product the new refresh token. Check now confirms the scope is granted.`,
    code: 'missing_scope',
    action: 'authorize_again',
    check: 'scopes',
    extractsScope: true,
  },
  {
    id: 'team_token_on_user_route',
    patterns: [dropboxText('team_token_on_user_route')],
    cause:
      'Dropbox issued a team token (a team admin signed in and team scopes are ticked), but the product called a route for one person’s Dropbox without saying which team member (the Dropbox-API-Select-User header).',
    fix: `If the product works on one person’s Dropbox, it needs a user token: App Console → your app → Permissions tab: untick the team scopes (${TEAM_SCOPE_LIST}) and press Submit, then press Reconnect and sign in as that person. If the product is made for team tokens, it must choose a team member itself (the app needs team_data.member): tell its vendor. Check now shows which kind of token the connector holds.`,
    code: 'wrong_account_type',
    action: 'authorize_again',
    check: 'identity',
    covers: ['invalid_select_user'],
  },
  {
    id: 'user_token_on_team_route',
    patterns: [
      dropboxText('user_token_on_team_route'),
      phrase('access token you provided is for a specific dropbox user account'),
    ],
    cause:
      'The product needs a team token, but the connector holds a token for a single user (no team scope was ticked, or a non-admin signed in).',
    fix: `App Console → your app → Permissions tab: tick the team scopes the product needs (for example team_info.read, members.read) and press Submit, then press Reconnect and sign in with a Dropbox team admin account. Check now confirms a team token and an admin.`,
    code: 'wrong_account_type',
    action: 'authorize_again',
    check: 'identity',
  },
  {
    id: 'invalid_select_user',
    patterns: [
      tag('invalid_select_user'),
      phrase('invalid select user id format'),
      phrase('dropbox-api-select-user'),
    ],
    cause:
      'The product chose a team member (Dropbox-API-Select-User) that Dropbox does not accept: the member left the team, or the value is not a team member id (dbmid:…).',
    fix: 'In the product, choose the team member again (a current member of the team). The connector’s own token is not the problem: Check now confirms it still works.',
    code: null,
    action: null,
    check: 'identity',
  },
  {
    id: 'invalid_select_admin',
    patterns: [tag('invalid_select_admin'), phrase('dropbox-api-select-admin')],
    cause:
      'The product acts as a team admin (Dropbox-API-Select-Admin) who is not, or no longer, a Dropbox team admin.',
    fix: 'In the product, choose an account that is a team admin now (Dropbox Admin Console → Members shows the admins). If the admin who signed in was demoted, press Reconnect and sign in as a current team admin. Check now shows whether the signed-in account is still an admin.',
    code: 'not_team_admin',
    action: 'authorize_again',
    check: 'identity',
  },
  {
    id: 'access_token_as_refresh_token',
    patterns: [
      when(
        'refresh_token: sl.…',
        (text) => accessTokenAsRefreshToken(text) && mentionsInvalidGrant(text),
      ),
    ],
    cause:
      'The product was given a 4-hour access token (it starts with sl.) where the refresh token belongs.',
    fix: 'Give the product the refresh token, not the access token: on this connector’s page press Copy next to Refresh token (or Export) and paste it into the product’s Refresh token field. Check now confirms the refresh token works.',
    code: 'refresh_failed',
    action: null,
    check: 'refresh',
    covers: ['refresh_token_revoked', 'refresh_token_malformed', 'invalid_grant'],
  },
  {
    id: 'code_as_refresh_token',
    patterns: [
      when(
        'refresh_token with the length of an authorization code',
        (text) => codeShapedRefreshToken(text) && mentionsInvalidGrant(text),
      ),
      when(
        "code doesn't exist or has expired (on a refresh)",
        (text) =>
          /code doesn't exist or has expired/.test(text) &&
          /grant[ _]type\W{0,4}refresh[ _]token|refreshing|refresh the (?:access )?token|token refresh/.test(
            text,
          ),
      ),
      when(
        'authorization code used as the refresh token',
        (text) =>
          mentionsInvalidGrant(text) &&
          /authori[sz]ation code (?:as|in place of|instead of|for) (?:the |a )?refresh token/.test(
            text,
          ),
      ),
    ],
    cause:
      'The product was given the authorization code Dropbox showed after Allow, not the refresh token. A code works once, within minutes, and only to get the tokens.',
    fix: 'Give the product the refresh token the wizard got with that code: on this connector’s page press Copy next to Refresh token (or Export) and paste it into the product’s Refresh token field. If the wizard did not finish the sign-in, press Reconnect first. Check now confirms the refresh token works.',
    code: 'refresh_failed',
    action: null,
    check: 'refresh',
    covers: ['refresh_token_revoked', 'refresh_token_malformed', 'code_expired', 'invalid_grant'],
  },
  {
    id: 'refresh_token_revoked',
    patterns: [
      phrase('refresh token is invalid or revoked'),
      phrase('refresh token has been revoked'),
      phrase('refresh token was revoked'),
      phrase('refresh token is revoked'),
    ],
    cause:
      'Dropbox no longer accepts the refresh token: the app was disconnected from the account or team, the token was revoked, the key and secret belong to another app, or the account that signed in was removed.',
    fix: `Reconnect: ${RECONNECT}. Check now confirms the refresh works before you change the product.`,
    code: 'refresh_failed',
    action: 'authorize_again',
    check: 'refresh',
    covers: ['invalid_grant'],
  },
  {
    id: 'refresh_token_malformed',
    patterns: [phrase('refresh token is malformed')],
    cause:
      'The value in the product’s refresh-token field is not a whole refresh token (cut off when copying, extra spaces or quotes, or another value).',
    fix: 'On this connector’s page press Copy next to Refresh token (or Export) and paste it into the product’s Refresh token field in one piece, without quotes or spaces. Check now confirms the refresh token works.',
    code: 'refresh_failed',
    action: null,
    check: 'refresh',
    covers: ['invalid_grant'],
  },
  {
    id: 'redirect_uri_mismatch',
    patterns: [phrase('redirect_uri mismatch')],
    cause:
      'The product finished the sign-in with a different redirect URI than it started it with (its address or Redirect URL setting changed in between).',
    fix: 'Make sure the product’s Redirect URL (or base URL) is the one registered at App Console → your app → Settings → OAuth 2 → Redirect URIs and did not change, then sign in again from the product.',
    code: null,
    action: null,
    check: 'redirect',
    covers: ['invalid_grant'],
  },
  {
    id: 'invalid_code_verifier',
    patterns: [phrase('invalid code verifier')],
    cause:
      'The product’s PKCE proof did not match its own sign-in request (two sign-ins crossed, or the product restarted in between).',
    fix: 'Sign in again from the product, in one browser tab, and finish within a few minutes.',
    code: null,
    action: null,
    check: null,
    covers: ['invalid_grant'],
  },
  {
    id: 'code_expired',
    patterns: [
      phrase("code doesn't exist or has expired"),
      phrase('authorization code has expired'),
      phrase('code has already been used'),
    ],
    cause:
      'The authorization code was used twice or too late: codes work once, within a few minutes of pressing Allow.',
    fix: 'Sign in again (in the wizard: Reconnect; in a product that signs in itself: its Authorize or Link button) and let the code be used straight away, once.',
    code: 'code_expired',
    action: 'authorize_again',
    check: null,
    covers: ['invalid_grant'],
  },
  {
    id: 'invalid_grant',
    patterns: [tag('invalid_grant', true)],
    cause:
      'Dropbox refused the grant the product presented: a refresh token that was revoked or belongs to another app, or an authorization code that was already used or has expired.',
    fix: `Press Check now on this connector: if the refresh fails there too, ${RECONNECT}. If it passes, the product holds an old value: paste the refresh token from this connector into the product again.`,
    code: 'refresh_failed',
    action: 'authorize_again',
    check: 'refresh',
  },
];

/**
 * Error decoder rules, second family: redirect URIs, app credentials, the account that signed
 * in, expired or invalid access tokens, the app's state, and Dropbox's own limits and outages.
 */
import { CERB_REFRESH_REMEDY } from '../dropbox/cerb-refresh';
import {
  dropboxText,
  phrase,
  RECONNECT,
  regex,
  type Rule,
  tag,
  unknownField,
} from './error-decoder-patterns';

export const SETUP_RULES: readonly Rule[] = [
  {
    // react-native-app-auth#687: Dropbox refuses a refresh carrying redirect_uri; league/oauth2-client
    // 2.7.0 (Cerb up to 10.4.10) always sends it (stevenmaguire/oauth2-dropbox#11).
    id: 'refresh_with_redirect_uri',
    patterns: [unknownField('redirect_uri')],
    cause:
      'The product sends redirect_uri when it renews its access token, and Dropbox refuses that ("unknown field redirect_uri"). Its link stops working about four hours after each sign-in. Cerb up to 10.4.10 does this.',
    fix: CERB_REFRESH_REMEDY,
    code: 'refresh_failed',
    action: 'retry',
    check: 'refresh',
  },
  {
    id: 'redirect_uri_visualcron',
    patterns: [phrase('400 invalid redirect uri')],
    cause:
      'VisualCron sent a redirect URI the Dropbox app does not have registered (Dropbox compares them exactly).',
    fix: 'App Console → your app → Settings → OAuth 2 → Redirect URIs: add http://localhost and http://localhost:9999 (press Add after each); in VisualCron, Extra settings → Redirect URL must be exactly one of them. Then press Check now on this connector and Authenticate again in VisualCron.',
    code: 'redirect_uri_not_registered',
    action: 'open_app_console',
    check: 'redirect',
    covers: ['invalid_redirect_uri'],
  },
  {
    id: 'invalid_redirect_uri',
    patterns: [dropboxText('invalid_redirect_uri')],
    cause:
      'The product sent a redirect URI that is not registered on the Dropbox app. Dropbox compares them exactly: scheme, host, port and path (http://localhost and http://127.0.0.1 differ, and so does a trailing slash).',
    fix: 'App Console → your app → Settings → OAuth 2 → Redirect URIs: add the product’s redirect URI exactly as the product sends it and press Add. Then press Check now on this connector and sign in again from the product.',
    code: 'redirect_uri_not_registered',
    action: 'open_app_console',
    check: 'redirect',
  },
  {
    id: 'invalid_client_id',
    patterns: [dropboxText('invalid_client_id')],
    cause: 'No Dropbox app has the app key the product sent (a typo, or an app that was deleted).',
    fix: 'App Console → your app → Settings: copy the App key and paste it into the product’s App key (Client ID) field, with no spaces. Press Check now on this connector to confirm the key.',
    code: 'invalid_client_id',
    action: 'open_app_console',
    check: 'app',
    covers: ['invalid_client'],
  },
  {
    id: 'invalid_client',
    patterns: [dropboxText('invalid_client')],
    cause:
      'Dropbox does not accept the app key and secret the product sent: a typo, a secret that was reset since, key and secret from two apps, or the two swapped.',
    fix: 'App Console → your app → Settings: copy the App key, and the App secret (press Show), and paste each into its own field in the product (App key into App key / Client ID, App secret into App secret / Client secret). Press Check now on this connector to confirm the pair.',
    code: 'bad_app_credentials',
    action: 'open_app_console',
    check: 'app',
  },
  {
    id: 'no_auth_function',
    patterns: [dropboxText('no_auth_function')],
    cause:
      'The product refreshed the token without the app secret; Dropbox needs it for a token the wizard got with the secret.',
    fix: 'Enter the App secret in the product (App Console → your app → Settings → App secret, press Show). Press Check now on this connector to confirm the key and secret.',
    code: 'bad_app_credentials',
    action: 'open_app_console',
    check: 'app',
  },
  {
    id: 'work_account',
    patterns: [
      dropboxText('work_account'),
      phrase('work account'),
      regex('require_role=work', /require[ _]role\W{0,3}work(?![a-z])/),
    ],
    cause:
      'The product needs a Dropbox work (team) account, but a personal Dropbox account signed in.',
    fix: 'Sign out of Dropbox in the browser (or use a private window), then sign in with the work account: on this connector’s page press Reconnect, or use the product’s own sign-in button. For team connectors, sign in as a team admin. Check now shows which account and team the connector holds.',
    code: 'wrong_account_type',
    action: 'authorize_again',
    check: 'identity',
  },
  {
    id: 'not_team_admin',
    patterns: [
      phrase('not a team admin'),
      phrase('only team admins can'),
      phrase('not a dropbox business team admin'),
    ],
    cause:
      'The account that signed in is not a Dropbox team admin, and the product reads team data.',
    fix: 'On this connector’s page press Reconnect and sign in with a team admin account (Dropbox Admin Console → Members shows who is an admin). Check now shows whether the signed-in account is an admin.',
    code: 'not_team_admin',
    action: 'authorize_again',
    check: 'identity',
  },
  {
    id: 'no_refresh_token',
    patterns: [
      phrase('no refresh token'),
      phrase('refresh token is missing'),
      phrase('missing refresh_token'),
      phrase('without a refresh token'),
      regex('missing required field "refresh_token"', /missing required field\W{0,3}refresh_token/),
      regex('token_access_type', /token[ _]access[ _]type(?!\W{0,3}offline)/),
    ],
    cause:
      'The product signed in without asking for offline access (token_access_type=offline), so Dropbox gave it only a 4-hour access token and no refresh token: the link stops working after about four hours.',
    fix: 'Make the product ask for offline access, then sign in again from it. In Cerb: Setup → Connected services → your Dropbox service: set Authorization URL to https://www.dropbox.com/oauth2/authorize?token_access_type=offline (the wizard’s Cerb package does this) and Link to Dropbox again; Cerb up to 10.4.10 may still fail to renew the token (it sends redirect_uri, which Dropbox refuses), so press Check now on the Cerb connector to see. In a product with a Refresh token field, paste the refresh token from this connector (Copy or Export).',
    code: 'refresh_failed',
    action: 'authorize_again',
    check: 'refresh',
  },
  {
    id: 'expired_access_token',
    patterns: [tag('expired_access_token', true), phrase('access token has expired')],
    cause:
      'The product used an access token older than four hours. A product with a refresh token gets a new one by itself; one that keeps failing has no refresh token or does not use it.',
    fix: 'Press Check now on this connector to confirm its refresh token works. If it does, give the product the refresh token (Copy next to Refresh token, or Export) instead of an access token; a product that signs in itself must ask for offline access (token_access_type=offline).',
    code: 'token_expired',
    action: 'retry',
    check: 'refresh',
  },
  {
    id: 'invalid_access_token',
    patterns: [
      tag('invalid_access_token', true),
      phrase('the given oauth 2 access token is malformed'),
    ],
    cause:
      'Dropbox no longer accepts the access token the product used: it was revoked, the app was disconnected from the account, or the value is not a whole token.',
    fix: `Press Check now on this connector: if the refresh fails, ${RECONNECT}. If it passes, the product is using an old or mistyped access token: give it the refresh token from this connector.`,
    code: 'token_invalid',
    action: 'authorize_again',
    check: 'refresh',
  },
  {
    id: 'user_suspended',
    patterns: [tag('user_suspended')],
    cause: 'The Dropbox account that signed in is suspended (a team admin suspended the member).',
    fix: 'Dropbox Admin Console → Members: unsuspend the account, or press Reconnect on this connector’s page and sign in with an active account.',
    code: 'token_invalid',
    action: 'authorize_again',
    check: 'identity',
  },
  {
    id: 'app_disabled',
    patterns: [dropboxText('app_disabled'), phrase('app is disabled'), tag('app_disabled')],
    cause:
      'This app is disabled in the App Console (by its owner or by Dropbox). The app key and secret are not the problem: pasting them again will not help.',
    fix: 'App Console → your app: see why it is disabled and enable it if the App Console offers that; if Dropbox disabled it, ask Dropbox support, or create a new app and run the wizard for it. Press Check now on this connector to confirm the app answers.',
    code: 'app_disabled',
    action: 'open_app_console',
    check: 'app',
  },
  {
    id: 'app_user_limit',
    patterns: [
      dropboxText('user_limit'),
      dropboxText('team_limit'),
      phrase('too many users'),
      phrase('enable additional teams'),
    ],
    cause:
      'The Dropbox app is in development mode and has linked as many users or teams as Dropbox allows (or was frozen until it applies for production).',
    fix: 'App Console → your app → Settings: under Development users press Enable additional users (team apps: Enable additional teams), or press Apply for production; or disconnect an account you no longer need. Then sign in again.',
    code: 'app_user_limit',
    action: 'open_app_console',
    check: 'app',
  },
  {
    id: 'team_access_denied',
    patterns: [tag('team_access_denied')],
    cause:
      'The Dropbox team does not allow this call (its plan or settings lack the feature). Signing in again does not change it.',
    fix: 'Dropbox Admin Console → Settings: check that the feature the product uses is part of the team’s plan and turned on; ask the product’s vendor which Dropbox feature the failing step needs.',
    code: null,
    action: null,
    check: null,
  },
  {
    id: 'paper_access_denied',
    patterns: [tag('paper_access_denied')],
    cause: 'Dropbox Paper is turned off for this account or team, and the product called Paper.',
    fix: 'Dropbox Admin Console → Settings → Paper: turn Paper on for the team (or the member), or turn off the product’s Paper feature.',
    code: null,
    action: null,
    check: null,
  },
  {
    id: 'access_denied',
    patterns: [
      tag('access_denied'),
      phrase('the user chose not to give your app access'),
      phrase('user denied access'),
    ],
    cause:
      'Cancel was pressed on Dropbox’s consent page (or the team blocks the app), so no token was issued.',
    fix: 'Sign in again (on this connector’s page press Reconnect, or the product’s own sign-in button) and press Allow on Dropbox’s page.',
    code: 'access_denied',
    action: 'authorize_again',
    check: null,
  },
  {
    id: 'too_many_requests',
    patterns: [
      tag('too_many_requests'),
      tag('too_many_write_operations'),
      phrase('too many requests'),
      regex(
        'HTTP 429',
        /(?:http|status|code|error|response)\D{0,12}429(?![0-9])|(?<![0-9])429 (?:too many|code|error|status)/,
      ),
    ],
    cause: 'Dropbox asked the product to slow down (HTTP 429). The credentials are fine.',
    fix: 'Nothing to change in Dropbox: the product should wait for the Retry-After time and try again. If it keeps happening, schedule the product’s runs further apart or lower how much it does at once.',
    code: 'rate_limited',
    action: 'retry',
    check: null,
  },
  {
    id: 'dropbox_unavailable',
    patterns: [
      phrase('the server has either erred'),
      tag('internal_server_error'),
      regex('HTTP 500/502/503/504', /(?:http|status)\D{0,6}50[0234](?![0-9])/),
      phrase('service unavailable'),
    ],
    cause: 'Dropbox answered with a server error (HTTP 5xx). The credentials are fine.',
    fix: 'Wait a few minutes and run the product again; https://status.dropbox.com shows known outages. Press Check now on this connector if it keeps failing.',
    code: 'dropbox_unavailable',
    action: 'retry',
    check: null,
  },
];

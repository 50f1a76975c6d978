/**
 * The error decoder: the admin pastes the error text their product shows (a JSON body, a log
 * line, an HTTP error, an SDK exception string) and gets every cause recognised in it, most
 * specific first, each with the step that fixes it and the connector check that confirms it.
 *
 * Nothing from the pasted text is ever returned: it may hold a token. `recognised` quotes this
 * file's own list of phrases, and the one value taken from the text, a scope id, is returned only
 * after it is found in the scope catalogue (electron/core/targets/scopes.ts).
 *
 * Matching is on a normalised copy: JSON, HTML and URL escaping undone, curly quotes made straight,
 * lower case, whitespace collapsed. Input longer than MAX_INPUT_CHARS keeps only its head and tail
 * (an error is usually at the start of a message or at the end of a log).
 */
import type { DecodedError } from '../../shared/contract';
import { isKnownScope } from '../targets/scopes';

/** Text beyond this many characters is cut before matching (head and tail kept, half each). */
export const MAX_INPUT_CHARS = 20 * 1024;

type Check = DecodedError['check'];

interface Pattern {
  /** Shown to the admin as what was recognised: a fixed phrase, never the pasted text. */
  readonly phrase: string;
  /** Tested against the normalised text (lower case, escaping undone, single spaces). */
  readonly test: RegExp | ((text: string) => boolean);
}

interface Rule {
  readonly id: string;
  readonly patterns: readonly Pattern[];
  readonly cause: string;
  /** The fix; `scope` is the validated scope id the text names, when it names one. */
  readonly fix: string | ((scope: string | undefined) => string);
  readonly code: DecodedError['code'];
  readonly action: DecodedError['action'];
  readonly check: Check;
  /** Takes the scope id from the text (validated against the catalogue). */
  readonly extractsScope?: boolean;
  /** More general rules this one explains completely; they are left out when this one matches. */
  readonly covers?: readonly string[];
}

/** `phrase` both shown and matched (as a whole phrase, in the normalised text). */
function phrase(text: string): Pattern {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ _]');
  return { phrase: text, test: new RegExp(`(?<![a-z0-9_])${escaped}(?![a-z0-9_])`) };
}

/**
 * An error tag such as `invalid_grant`, as a whole word (`team_access_denied` is not
 * `access_denied`). `spelled`: also its spelled-out form (`invalid grant`).
 */
function tag(name: string, spelled = false): Pattern {
  const body = spelled ? name.replace(/_/g, '[ _]') : name;
  return { phrase: name, test: new RegExp(`(?<![a-z0-9_.-])${body}(?![a-z0-9_-])`) };
}

function regex(shown: string, test: RegExp): Pattern {
  return { phrase: shown, test };
}

function when(shown: string, test: (text: string) => boolean): Pattern {
  return { phrase: shown, test };
}

const RECONNECT =
  'press Reconnect on this connector’s page, sign in as the same account, then give the product the new refresh token (Export, or Copy next to Refresh token)';

const TEAM_SCOPE_LIST = 'team_info.*, team_data.*, members.*, groups.*, sessions.*, events.*';

/** A refresh token value of exactly 43 characters in the text: that is an authorization code. */
function codeShapedRefreshToken(text: string): boolean {
  return /refresh[ _]token["']?\s*[:=]\s*["']?[a-z0-9_-]{43}(?![a-z0-9_-])/.test(text);
}

/** An `sl.` access token given where a refresh token belongs. */
function accessTokenAsRefreshToken(text: string): boolean {
  return /refresh[ _]token["']?\s*[:=]\s*["']?sl\.[a-z0-9._-]{8}/.test(text);
}

const mentionsInvalidGrant = (text: string): boolean =>
  /(?<![a-z0-9_])invalid[ _]grant(?![a-z0-9_])|refresh token (?:is|was|has been) (?:invalid|malformed|revoked)/.test(
    text,
  );

/**
 * Most specific first. A rule's `covers` removes the general rules it fully explains, so
 * "refresh token is invalid or revoked" is not also reported as a bare `invalid_grant`.
 */
const RULES: readonly Rule[] = [
  {
    id: 'scope_not_enabled_on_app',
    patterns: [
      phrase('does not have the required scope'),
      phrase('your app is not permitted to access this endpoint'),
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
    patterns: [
      phrase('operates on a single dropbox account'),
      phrase('access token you provided is for an entire dropbox business team'),
    ],
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
      phrase('this is a dfb team management function'),
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
    patterns: [
      regex('Invalid redirect_uri', /invalid[ _]redirect[ _]uri(?![a-z0-9_])/),
      phrase('must exactly match one of the redirect uris'),
    ],
    cause:
      'The product sent a redirect URI that is not registered on the Dropbox app. Dropbox compares them exactly: scheme, host, port and path (http://localhost and http://127.0.0.1 differ, and so does a trailing slash).',
    fix: 'App Console → your app → Settings → OAuth 2 → Redirect URIs: add the product’s redirect URI exactly as the product sends it and press Add. Then press Check now on this connector and sign in again from the product.',
    code: 'redirect_uri_not_registered',
    action: 'open_app_console',
    check: 'redirect',
  },
  {
    id: 'invalid_client_id',
    patterns: [regex('Invalid client_id: "…"', /invalid client_id\s*:/)],
    cause: 'No Dropbox app has the app key the product sent (a typo, or an app that was deleted).',
    fix: 'App Console → your app → Settings: copy the App key and paste it into the product’s App key (Client ID) field, with no spaces. Press Check now on this connector to confirm the key.',
    code: 'invalid_client_id',
    action: 'open_app_console',
    check: 'app',
    covers: ['invalid_client'],
  },
  {
    id: 'invalid_client',
    patterns: [tag('invalid_client', true), phrase('invalid client_id or client_secret')],
    cause:
      'Dropbox does not accept the app key and secret the product sent: a typo, a secret that was reset since, key and secret from two apps, or the two swapped.',
    fix: 'App Console → your app → Settings: copy the App key, and the App secret (press Show), and paste each into its own field in the product (App key into App key / Client ID, App secret into App secret / Client secret). Press Check now on this connector to confirm the pair.',
    code: 'bad_app_credentials',
    action: 'open_app_console',
    check: 'app',
  },
  {
    id: 'no_auth_function',
    patterns: [phrase('no auth function available for given request')],
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
      phrase('sign in with a work account'),
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
    fix: 'Make the product ask for offline access, then sign in again from it. In Cerb: Setup → Connected services → your Dropbox service: set Authorization URL to https://www.dropbox.com/oauth2/authorize?token_access_type=offline (the wizard’s Cerb package does this) and Link to Dropbox again. In a product with a Refresh token field, paste the refresh token from this connector (Copy or Export).',
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
    patterns: [
      phrase('this app is currently disabled'),
      phrase('app is disabled'),
      phrase('app has been disabled'),
      tag('app_disabled'),
    ],
    cause: 'The Dropbox app was disabled in the App Console (or by Dropbox).',
    fix: 'App Console → your app: enable it again. If Dropbox disabled it, contact Dropbox or create a new app and run the wizard for it. Press Check now on this connector to confirm the app answers.',
    code: 'app_disabled',
    action: 'open_app_console',
    check: 'app',
  },
  {
    id: 'app_user_limit',
    patterns: [
      phrase('has reached its user limit'),
      phrase('too many users'),
      phrase("can't accept more users"),
      phrase('frozen pending review'),
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

/** Undoes the escaping a pasted error usually carries, so phrases match; lower case, one space. */
export function normaliseErrorText(raw: string): string {
  const half = MAX_INPUT_CHARS / 2;
  let text = raw.length > MAX_INPUT_CHARS ? `${raw.slice(0, half)}\n${raw.slice(-half)}` : raw;
  text = text
    .replace(/\\+u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\+[nrt]/g, ' ')
    .replace(/\\+(["'/\\])/g, '$1')
    .replace(/&(?:quot|#34|#x22);/gi, '"')
    .replace(/&(?:apos|#39|#x27);/gi, "'")
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&amp;/gi, '&')
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u2033]/g, '"')
    .replace(/%([0-9a-fA-F]{2})/g, (m, hex: string) => {
      const code = parseInt(hex, 16);
      return code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : m;
    })
    .replace(/\+/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  return text;
}

/** The first scope id the text names (required_scope, "required scope 'x'", missing_scope: x) that the catalogue knows. */
function namedScope(text: string): string | undefined {
  const patterns = [
    /required[ _]scope\W{0,6}([a-z_]+(?:\.[a-z_]+)+)/g,
    /missing[ _]scope\W{0,6}([a-z_]+(?:\.[a-z_]+)+)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const id = match[1];
      if (id !== undefined && isKnownScope(id)) return id;
    }
  }
  return undefined;
}

function firstMatch(rule: Rule, text: string): Pattern | undefined {
  return rule.patterns.find((pattern) =>
    typeof pattern.test === 'function' ? pattern.test(text) : pattern.test.test(text),
  );
}

/**
 * Every cause recognised in the pasted text, most specific first; [] when nothing is recognised.
 * Never returns any part of the text except a scope id found in the scope catalogue.
 */
export function decodeProductError(text: string): DecodedError[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  const normalised = normaliseErrorText(text);
  const matched: { rule: Rule; pattern: Pattern }[] = [];
  for (const rule of RULES) {
    const pattern = firstMatch(rule, normalised);
    if (pattern) matched.push({ rule, pattern });
  }
  const covered = new Set(matched.flatMap(({ rule }) => rule.covers ?? []));
  const scope = matched.some(({ rule }) => rule.extractsScope) ? namedScope(normalised) : undefined;
  return matched
    .filter(({ rule }) => !covered.has(rule.id))
    .map(({ rule, pattern }) => {
      const ruleScope = rule.extractsScope ? scope : undefined;
      const fix = typeof rule.fix === 'function' ? rule.fix(ruleScope) : rule.fix;
      return {
        id: rule.id,
        recognised: pattern.phrase,
        cause: rule.cause,
        fix,
        code: rule.code,
        action: rule.action,
        check: rule.check,
        ...(ruleScope !== undefined ? { scope: ruleScope } : {}),
      };
    });
}

/** The ids the decoder knows, most specific first (for the README and tests). */
export const DECODER_RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

/**
 * The one classifier of Dropbox's error texts. RPC 400 bodies, the authorize page's Error (400)
 * texts, token-endpoint errors and what an admin pastes from a product all name the same causes
 * in the same words; every place that reads such a text (rpc.ts, preflight.ts, token-errors.ts and
 * the connectors' error decoder) asks this table, so one phrase is recognised one way everywhere.
 * The remedy for each cause is looked up by its error code in core/errors.ts, never matched here.
 *
 * Tests run on a normalised text (lower case, single spaces, curly quotes straightened): call
 * `normaliseDropboxText` first, or `classifyDropboxText`, which does.
 */
import type { ErrorCode } from '../../shared/result';

export type DropboxTextId =
  | 'app_disabled'
  | 'invalid_client'
  | 'invalid_client_id'
  | 'invalid_redirect_uri'
  | 'user_limit'
  | 'team_limit'
  | 'no_scope_grantable'
  | 'scope_required'
  | 'app_lacks_scope'
  | 'work_account'
  | 'unknown_field'
  | 'app_folder_on_team_route'
  | 'user_token_on_team_route'
  | 'team_token_on_user_route'
  | 'bad_authorization_header'
  | 'no_auth_function';

export interface DropboxText {
  readonly id: DropboxTextId;
  readonly code: ErrorCode;
  /**
   * A fixed phrase, in the normalised form the error decoder shows as what was recognised; never
   * the text itself (it may hold a token).
   */
  readonly phrase: string;
  readonly test: RegExp;
  /** Where the text names a scope or a field, the capture that holds it. */
  readonly names?: RegExp;
}

/** Each entry carries the public source of its wording. Most specific first. */
export const DROPBOX_TEXTS: readonly DropboxText[] = [
  {
    // dbxcli#184 (bearer call), dropbox-sdk-js#850 (authorize page); SEC101_021 (app auth).
    id: 'app_disabled',
    code: 'app_disabled',
    phrase: 'this app is currently disabled',
    test: /(?:this )?app is currently disabled|app has been disabled/,
  },
  {
    // Authorize page (dbxcli#62, ShareX#1535).
    id: 'invalid_client_id',
    code: 'invalid_client_id',
    phrase: 'Invalid client_id: "…"',
    test: /invalid client_id\s*:/,
  },
  {
    // Token endpoint (dbxcli#127), app-auth calls (SEC101_021).
    id: 'invalid_client',
    code: 'bad_app_credentials',
    phrase: 'invalid_client',
    test: /(?<![a-z0-9_.-])invalid[ _]client(?![a-z0-9_-])|invalid client_id or client_secret/,
  },
  {
    // dropbox-sdk-js#769, dbxcli#136.
    id: 'no_auth_function',
    code: 'bad_app_credentials',
    phrase: 'no auth function available for given request',
    test: /no auth function available for given request/,
  },
  {
    // dropbox-sdk-python#203, rclone#3815, GClh#447 (older wording).
    id: 'invalid_redirect_uri',
    code: 'redirect_uri_not_registered',
    phrase: 'Invalid redirect_uri',
    test: /invalid[ _]redirect[ _]uri(?![a-z0-9_])|must exactly match one of the redirect uris/,
  },
  {
    // dbxcli#47 and dbxcli#58.
    id: 'team_limit',
    code: 'app_user_limit',
    phrase: 'has reached its team limit',
    test: /reached its team limit|can(?:'|no)?t be authorized by more teams|cannot be authorized by more teams/,
  },
  {
    // VaultSync#41, dropbox-restore#34, kindlebox#14.
    id: 'user_limit',
    code: 'app_user_limit',
    phrase: 'has reached its user limit',
    test: /reached its user limit|can(?:'|no)?t accept more users|cannot accept more users|unable to link additional users|frozen pending review/,
  },
  {
    // keeweb#1597.
    id: 'no_scope_grantable',
    code: 'scope_not_enabled_on_app',
    phrase: 'no scope requested can be granted for this app',
    test: /no scope requested can be granted/,
  },
  {
    // watermint/toolbox#896: "`team_data.member` scope is required."
    id: 'scope_required',
    code: 'scope_not_enabled_on_app',
    phrase: '`<scope>` scope is required',
    // Linear: the phrase first; the scope id is read from just before it (`names`, on a window).
    test: /[`'"]? scope is required/,
    names: /([a-z_]+(?:\.[a-z_]+)+)[`'"]? scope is required/,
  },
  {
    // wilmerwang/autoLiterature#3 (400 "Your app is not permitted … required scope 'x'").
    id: 'app_lacks_scope',
    code: 'scope_not_enabled_on_app',
    phrase: 'your app is not permitted to access this endpoint',
    test: /not permitted to access this endpoint because it does not have the required scope/,
    names: /required scope\W{0,3}([a-z_]+(?:\.[a-z_]+)+)/,
  },
  {
    // DJaeger/files_external_dropbox#24.
    id: 'work_account',
    code: 'wrong_account_type',
    phrase: 'sign in with a work account',
    test: /sign in with a work account/,
  },
  {
    // approval_prompt (stevenmaguire/oauth2-dropbox#5), nonce (react-native-app-auth#645),
    // redirect_uri on a refresh (react-native-app-auth#687), client_id next to Basic (oslo#90).
    id: 'unknown_field',
    code: 'unexpected_reply',
    phrase: 'unknown field "…"',
    test: /unknown field\W{1,3}[a-z_]+/,
    names: /unknown field\W{1,3}([a-z_]+)/,
  },
  {
    // Emulator wording (UNCONFIRMED; dropbox-api-spec: team routes are not allow_app_folder_app).
    id: 'app_folder_on_team_route',
    code: 'wrong_account_type',
    phrase: 'because it is an app folder app',
    test: /because it is an app folder app/,
  },
  {
    // dropbox-sdk-dotnet#22: a user token on a team route.
    id: 'user_token_on_team_route',
    code: 'wrong_account_type',
    phrase: 'this is a dfb team management function',
    test: /team management function/,
  },
  {
    // watermint/toolbox#18: a team token on a user route.
    id: 'team_token_on_user_route',
    code: 'wrong_account_type',
    phrase: 'operates on a single dropbox account',
    test: /operates on a single dropbox account|is for an entire dropbox business team/,
  },
  {
    // spatie/dropbox-api#107.
    id: 'bad_authorization_header',
    code: 'token_invalid',
    phrase: 'invalid authorization value in http header',
    test: /invalid authorization value|must provide http header "authorization"|access token .{0,40}malformed/,
  },
];

/** Lower case, single spaces, straight quotes: what every `test` above is written against. */
export function normaliseDropboxText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u2033]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

export interface DropboxTextMatch {
  readonly id: DropboxTextId;
  readonly code: ErrorCode;
  readonly phrase: string;
  /** The scope or field the text names, when its entry has `names` and the text carries one. */
  readonly named?: string;
}

function toMatch(entry: DropboxText, normalised: string): DropboxTextMatch {
  // `names` runs on a short window around the phrase, so a hostile megabyte stays linear.
  const at = entry.test.exec(normalised);
  const window =
    at === null ? '' : normalised.slice(Math.max(0, at.index - 80), at.index + at[0].length + 80);
  const named = entry.names?.exec(window)?.[1];
  return {
    id: entry.id,
    code: entry.code,
    phrase: entry.phrase,
    ...(named !== undefined ? { named } : {}),
  };
}

/** Every cause the text names, most specific first. */
export function classifyDropboxText(text: string): DropboxTextMatch[] {
  const normalised = normaliseDropboxText(text);
  return DROPBOX_TEXTS.filter((entry) => entry.test.test(normalised)).map((entry) =>
    toMatch(entry, normalised),
  );
}

/** The first cause the text names, or null. */
export function firstDropboxText(text: string): DropboxTextMatch | null {
  return classifyDropboxText(text)[0] ?? null;
}

/** An entry's tests, for the error decoder's rules (which match on their own normalised text). */
export function dropboxTextTest(id: DropboxTextId): RegExp {
  const entry = DROPBOX_TEXTS.find((e) => e.id === id);
  if (entry === undefined) throw new Error(`unknown Dropbox text ${id}`);
  return entry.test;
}

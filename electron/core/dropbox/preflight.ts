/**
 * Pre-flight of the authorize URL. An invalid authorize request never redirects: Dropbox shows an
 * "Error (400)" page in the browser, where the wizard cannot see it. So before any sign-in opens we
 * fetch the same URL ourselves, without cookies (a fresh browser's view: the sign-in page, or the
 * error page), read the page's text and turn the known error pages into the exact App Console fix.
 *
 * The texts are matched loosely: Dropbox has reworded them over the years
 * (`Invalid redirect_uri: "…": It must…` in GClh#447, 2017, then `Invalid redirect_uri. It must…`
 * in dropbox-sdk-python#203, 2020).
 */
import type { DropboxContext } from './context';
import { ERROR_CATALOGUE } from '../errors';
import { DROPBOX_TEXTS, firstDropboxText } from './error-texts';
import { failure, WizardFailure } from '../failure';
import { isForeignPage, notDropboxFailure, pageText } from './foreign-reply';
import { describeReply, type HttpReply } from './http';
import { send } from './retry';

const OPERATION = 'GET oauth2/authorize';

export { pageText } from './foreign-reply';

const PUBLIC_CLIENTS = /public client|pkce|code_challenge|code challenge/i;
const ERROR_PAGE = /error \(4\d\d\)|submitted a bad request|more details for developers/i;
const SCOPE_ID = /[a-z_]+(?:\.[a-z_]+)+/g;

function excerptAround(text: string, pattern: RegExp, max = 300): string {
  const match = pattern.exec(text);
  const start = match ? match.index : 0;
  const piece = text.slice(start, start + max);
  return piece.length < text.length - start ? `${piece}…` : piece;
}

/** The requested scopes the page names, in the order they were requested. */
function scopesNamed(text: string, requested: readonly string[]): string[] {
  const named = new Set(text.toLowerCase().match(SCOPE_ID) ?? []);
  return requested.filter((s) => named.has(s));
}

function tickScopes(scopes: readonly string[]): string {
  return `App Console → your app → Permissions tab → tick ${scopes.join(', ')} → Submit. Then sign in again (nothing is lost; you have not signed in yet).`;
}

function pageFailure(reply: HttpReply, text: string, url: URL): WizardFailure | null {
  const appKey = url.searchParams.get('client_id') ?? '';
  const redirectUri = url.searchParams.get('redirect_uri');
  const requested = (url.searchParams.get('scope') ?? '').split(' ').filter(Boolean);
  const quote = (pattern: RegExp): string =>
    `${describeReply(OPERATION, reply.status, reply.requestId)}: "${excerptAround(text, pattern)}"`;
  // One classifier for Dropbox's texts (error-texts.ts); the wording of each fix is chosen here.
  const said = firstDropboxText(text);
  const entry = said === null ? undefined : DROPBOX_TEXTS.find((e) => e.id === said.id);
  const detail = entry === undefined ? quote(ERROR_PAGE) : quote(entry.test);

  switch (said?.id) {
    case 'invalid_client_id':
      return failure(
        'invalid_client_id',
        `Dropbox does not know the app key "${appKey}".`,
        ERROR_CATALOGUE.invalid_client_id.remedy,
        { detail, action: 'edit_credentials' },
      );
    case 'invalid_redirect_uri':
      if (!redirectUri) break;
      return failure(
        'redirect_uri_not_registered',
        `Dropbox does not accept the redirect URI ${redirectUri}: it is not registered for this app, and it must match exactly (scheme, host, port and path).`,
        `App Console → Settings → OAuth 2 → Redirect URIs → paste ${redirectUri} → Add. Then check again.`,
        { detail, action: 'open_app_console' },
      );
    case 'app_disabled':
      return failure(
        'app_disabled',
        'This app is disabled in the App Console, so nobody can sign in to it (its key and secret are not the problem).',
        ERROR_CATALOGUE.app_disabled.remedy,
        { detail, action: 'open_app_console' },
      );
    case 'team_limit':
      return failure(
        'app_user_limit',
        'Dropbox will not link another team to this app: an app in development may be linked by only a few teams.',
        'App Console → your app → Settings: press "Enable additional teams", or apply for production; then check again.',
        { detail, action: 'open_app_console' },
      );
    case 'user_limit':
      return failure(
        'app_user_limit',
        'Dropbox will not link another account to this app: it has reached the limit for an app in development.',
        'App Console → your app → Settings: apply for production (user apps) or press "Enable additional teams" (team apps), or unlink an account you no longer need; then check again.',
        { detail, action: 'open_app_console' },
      );
    case 'no_scope_grantable':
      if (requested.length === 0) break;
      return failure(
        'scope_not_enabled_on_app',
        `None of the permissions this connector needs is ticked on the app: Dropbox says "No scope requested can be granted for this app."`,
        tickScopes(requested),
        { detail, action: 'open_app_console' },
      );
    case 'scope_required':
      return failure(
        'scope_not_enabled_on_app',
        `Dropbox needs the permission ${said.named ?? 'named below'} ticked together with the ones this connector asks for.`,
        tickScopes(said.named ? [said.named] : requested),
        { detail, action: 'open_app_console' },
      );
    case 'work_account':
      return failure(
        'wrong_account_type',
        'Dropbox asks for a work account: this connector reads team data, so a personal Dropbox account cannot authorize it.',
        'Sign in with the work (Dropbox team) account of a team admin: sign out of Dropbox in the browser (or use a private window), then sign in again.',
        { detail, action: 'authorize_again' },
      );
    default:
      break;
  }
  const looksLikeError = ERROR_PAGE.test(text) || reply.status >= 400;
  // A scope problem whose wording is not known (e.g. a partly enabled list): the page names the
  // requested scopes the app lacks.
  const named = looksLikeError ? scopesNamed(text, requested) : [];
  if (named.length > 0) {
    return failure(
      'scope_not_enabled_on_app',
      `Dropbox refuses the sign-in because the app does not have ${named.join(', ')} ticked.`,
      tickScopes(named),
      { detail: quote(ERROR_PAGE), action: 'open_app_console' },
    );
  }
  // PKCE on an app that disallows public clients gets an Error (400) page (cyberduck#13836) whose
  // text is UNCONFIRMED, so it is never matched: any error page the classifier did not name, for
  // a request with code_challenge, is read as "no PKCE here". Callers then pre-flight without PKCE,
  // where any other problem shows under its own name.
  if (looksLikeError && url.searchParams.has('code_challenge')) {
    return failure(
      'public_clients_disallowed',
      'This app does not allow public clients, so Dropbox refuses a sign-in with PKCE.',
      'Nothing to change: the wizard signs in to this app without PKCE (it holds the app secret, so it does not need it).',
      {
        detail: PUBLIC_CLIENTS.test(text) ? quote(PUBLIC_CLIENTS) : quote(ERROR_PAGE),
        action: 'open_app_console',
      },
    );
  }
  if (looksLikeError) {
    return failure(
      'unexpected_reply',
      'Dropbox answered the sign-in request with an error page the wizard does not recognise.',
      'Read the details below; they quote Dropbox. Fix what it names in App Console, then check again.',
      { detail, action: 'retry' },
    );
  }
  return null;
}

/** A redirect away from Dropbox (a captive portal sends every request to its own login page). */
function redirectsAway(reply: HttpReply, url: URL): boolean {
  const location = reply.headers.get('location');
  if (!location) return false;
  try {
    const to = new URL(location, url);
    return to.origin !== url.origin && !/(^|\.)dropbox\.com$/i.test(to.hostname);
  } catch {
    return true;
  }
}

/**
 * Resolves when Dropbox shows its normal sign-in or consent page (or redirects to it); throws a
 * WizardFailure naming the App Console fix otherwise.
 */
export async function preflightAuthorize(ctx: DropboxContext, authorizeUrl: string): Promise<void> {
  const url = new URL(authorizeUrl);
  const reply = await send(
    ctx,
    {
      method: 'GET',
      url: authorizeUrl,
      operation: OPERATION,
      // English wording is what we match; a redirect to the login page is itself the answer.
      headers: { Accept: 'text/html,application/xhtml+xml', 'Accept-Language': 'en-US,en;q=0.8' },
      redirect: 'manual',
    },
    { idempotent: true },
  );
  if (reply.status >= 300 && reply.status < 400) {
    if (redirectsAway(reply, url)) throw notDropboxFailure(OPERATION, reply, []);
    return; // on to the sign-in page
  }
  const text = pageText(reply.text);
  // A 200 or 401 page that is not Dropbox's is not "redirect URI registered" (nor anything else).
  if (reply.status < 500 && isForeignPage(text)) throw notDropboxFailure(OPERATION, reply, []);
  if (reply.status === 200 || (reply.status >= 400 && reply.status < 500 && reply.status !== 404)) {
    const problem = pageFailure(reply, text, url);
    if (problem) throw problem;
    if (reply.status === 200) return;
  }
  throw failure(
    'unexpected_reply',
    `Dropbox's sign-in page answered with HTTP ${reply.status}.`,
    'Press Try again. If it repeats and DROPBOX_WEB_ORIGIN is set, check that it points at Dropbox.',
    { detail: describeReply(OPERATION, reply.status, reply.requestId), action: 'retry' },
  );
}

/**
 * The pre-flight with the product's required `scope=` list: Dropbox names a scope that is not
 * ticked on the app before anyone signs in. Only scope answers count here (and "sign in with a
 * work account"): anything else was already answered by the plain pre-flight, and where the page
 * cannot tell (a partly enabled list Dropbox may grant in part), Verify still catches it. Legacy
 * (unscoped) apps refuse any `scope=`; that is not a scope to tick, so it is ignored too.
 */
export async function preflightScopes(
  ctx: DropboxContext,
  authorizeUrl: string,
  scopes: readonly string[],
): Promise<void> {
  if (scopes.length === 0) return;
  const url = new URL(authorizeUrl);
  url.searchParams.set('scope', scopes.join(' '));
  try {
    await preflightAuthorize(ctx, url.toString());
  } catch (error) {
    if (
      error instanceof WizardFailure &&
      (error.error.code === 'scope_not_enabled_on_app' || error.error.code === 'wrong_account_type')
    )
      throw error;
  }
}

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
import { failure, type WizardFailure } from '../failure';
import { describeReply, type HttpReply } from './http';
import { send } from './retry';

const OPERATION = 'GET oauth2/authorize';

/** Visible text of an HTML page: no scripts, styles, comments or tags; entities decoded. */
export function pageText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const INVALID_CLIENT_ID = /invalid client_id/i;
const INVALID_REDIRECT_URI = /invalid redirect_uri/i;
const APP_DISABLED = /(app|application) is (currently )?disabled|currently disabled/i;
// Not plain "development mode": a consent page for a development app may well mention it.
const USER_LIMIT =
  /reached its user limit|can(?:'|’|no)?t accept more users|cannot accept more users|unable to link additional users|frozen pending review/i;
const PUBLIC_CLIENTS = /public client|pkce|code_challenge|code challenge/i;
const ERROR_PAGE = /error \(4\d\d\)|submitted a bad request|more details for developers/i;

function excerptAround(text: string, pattern: RegExp, max = 300): string {
  const match = pattern.exec(text);
  const start = match ? match.index : 0;
  const piece = text.slice(start, start + max);
  return piece.length < text.length - start ? `${piece}…` : piece;
}

function pageFailure(reply: HttpReply, text: string, url: URL): WizardFailure | null {
  const appKey = url.searchParams.get('client_id') ?? '';
  const redirectUri = url.searchParams.get('redirect_uri');
  const detailFor = (pattern: RegExp): string =>
    `${describeReply(OPERATION, reply.status, reply.requestId)}: "${excerptAround(text, pattern)}"`;

  if (INVALID_CLIENT_ID.test(text)) {
    return failure(
      'invalid_client_id',
      `Dropbox does not know the app key "${appKey}".`,
      'Copy it from App Console → your app → Settings → App key, paste it into the wizard again and press Continue.',
      { detail: detailFor(INVALID_CLIENT_ID), action: 'edit_credentials' },
    );
  }
  if (INVALID_REDIRECT_URI.test(text) && redirectUri) {
    return failure(
      'redirect_uri_not_registered',
      `Dropbox does not accept the redirect URI ${redirectUri}: it is not registered for this app, and it must match exactly (scheme, host, port and path).`,
      `App Console → Settings → OAuth 2 → Redirect URIs → paste ${redirectUri} → Add. Then check again.`,
      { detail: detailFor(INVALID_REDIRECT_URI), action: 'open_app_console' },
    );
  }
  if (APP_DISABLED.test(text)) {
    return failure(
      'app_disabled',
      'Dropbox says this app is currently disabled, so nobody can sign in to it.',
      'Open App Console → your app to see why it was disabled, or create a new app and enter its key and secret.',
      { detail: detailFor(APP_DISABLED), action: 'open_app_console' },
    );
  }
  if (USER_LIMIT.test(text)) {
    return failure(
      'app_user_limit',
      'Dropbox will not link another account to this app: it has reached the limit for an app in development.',
      'App Console → your app → Settings: apply for production (user apps) or press "Enable additional teams" (team apps), or unlink an account you no longer need; then check again.',
      { detail: detailFor(USER_LIMIT), action: 'open_app_console' },
    );
  }
  const looksLikeError = ERROR_PAGE.test(text) || reply.status >= 400;
  if (looksLikeError && url.searchParams.has('code_challenge') && PUBLIC_CLIENTS.test(text)) {
    return failure(
      'public_clients_disallowed',
      'This app does not allow public clients, so Dropbox refuses a sign-in with PKCE.',
      'Nothing to change: the wizard signs in to this app without PKCE (it holds the app secret, so it does not need it).',
      { detail: detailFor(PUBLIC_CLIENTS), action: 'open_app_console' },
    );
  }
  if (looksLikeError) {
    return failure(
      'unexpected_reply',
      'Dropbox answered the sign-in request with an error page the wizard does not recognise.',
      'Read the details below; they quote Dropbox. Fix what it names in App Console, then check again.',
      { detail: detailFor(ERROR_PAGE), action: 'retry' },
    );
  }
  return null;
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
  if (reply.status >= 300 && reply.status < 400) return; // on to the sign-in page
  if (reply.status === 200 || (reply.status >= 400 && reply.status < 500 && reply.status !== 404)) {
    const problem = pageFailure(reply, pageText(reply.text), url);
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

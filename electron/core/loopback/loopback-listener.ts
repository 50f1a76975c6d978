/**
 * The loopback redirect listener for the system-browser sign-in (RFC 8252 §7.3/§8.3, reference
 * security-and-tooling §3.3). It exists for one authorization attempt:
 *
 * - binds 127.0.0.1 only (never 0.0.0.0 or "localhost", which may resolve to other interfaces);
 * - answers GET on the one registered path; everything else is 404/405 and does not end the attempt;
 * - refuses requests whose Host is not a loopback name (DNS-rebinding pages cannot reach it);
 * - a request on the path with a wrong, missing or repeated `state` is answered 400 and changes
 *   nothing: it may be an old tab or a forged link, and letting it end the attempt would let any
 *   local page cancel the admin's sign-in (issue 10);
 * - ends after the first request whose state matches (code, denial or error), on close() (cancel)
 *   or on timeout, and then stops listening;
 * - with `complete`, holds that request's response until the wizard has exchanged the code, so the
 *   page in the browser tells the real outcome instead of a hopeful "connected";
 * - serves fixed pages that never echo a query value, pull no third-party resource, and never
 *   redirect, with no-store / no-referrer / strict CSP headers, so the code cannot leak through
 *   history snapshots, Referer or the page itself.
 *
 * The result carries the full redirect URL; parsing the code and exchanging it belongs to the
 * OAuth module. Failures (start-up and result) are WizardFailures carrying a stable WizardError.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WizardError } from '../../shared/result';
import { WizardFailure } from '../dropbox/failure';
import { constantTimeEqual } from '../net/constant-time';
import { isLoopbackHostHeader } from '../net/loopback-names';
import { REDIRECT_PATH, nextRedirectPort } from '../targets/redirect-ports';

export const LOOPBACK_HOST = '127.0.0.1';
export const DEFAULT_AUTHORIZATION_TIMEOUT_MS = 5 * 60_000;
/** A `complete` that never settles must not leave the browser tab spinning forever. */
export const DEFAULT_COMPLETE_TIMEOUT_MS = 2 * 60_000;
export const PRODUCT_NAME = 'Dropbox Connector Wizard';

/**
 * What the browser tab shows once the wizard has used the code. Texts are shown HTML-escaped; they
 * must be written for people and carry no secret (codes, tokens, the app secret).
 */
export type LoopbackOutcome =
  | { readonly ok: true; readonly title?: string; readonly message?: string }
  | { readonly ok: false; readonly message: string; readonly remedy: string };

export interface LoopbackListenerOptions {
  /** The registered port; 0 picks an ephemeral one (tests only: Dropbox would not accept it). */
  readonly port: number;
  /** The `state` sent in this attempt's authorize URL. */
  readonly expectedState: string;
  readonly timeoutMs?: number;
  readonly path?: string;
  /** The registered ports, used to name the next one to try when `port` is busy. */
  readonly alternatePorts?: readonly number[];
  /**
   * Called once with the redirect URL when the request with the right state and a code arrives;
   * the browser's response is held until it settles and then reports its outcome. A rejection
   * shows a generic failure page. Without it, the success page is served at once (as before).
   */
  readonly complete?: (redirectUrl: string) => Promise<LoopbackOutcome>;
  /** Cap on how long `complete` may hold the browser's response. */
  readonly completeTimeoutMs?: number;
}

export interface LoopbackResult {
  /**
   * The redirect URL as Dropbox sent it: the registered URI plus the query (code, state…).
   * With `complete`, resolves only after `complete` has settled.
   */
  readonly redirectUrl: string;
}

export interface LoopbackListener {
  readonly redirectUri: string;
  readonly port: number;
  readonly result: Promise<LoopbackResult>;
  /** Cancels the attempt if still open (result rejects with authorization_cancelled) and stops listening. */
  close(): Promise<void>;
}

type Outcome =
  | { readonly ok: true; readonly redirectUrl: string }
  | { readonly ok: false; readonly error: WizardError };

export async function startLoopbackListener(
  options: LoopbackListenerOptions,
): Promise<LoopbackListener> {
  const { port, expectedState } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_AUTHORIZATION_TIMEOUT_MS;
  const path = options.path ?? REDIRECT_PATH;
  const alternatePorts = options.alternatePorts ?? [];
  const completeTimeoutMs = options.completeTimeoutMs ?? DEFAULT_COMPLETE_TIMEOUT_MS;

  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new WizardFailure({
      code: 'invalid_input',
      message: `${String(port)} is not a valid port number for the sign-in listener.`,
      remedy: 'Pick one of the registered redirect ports and authorize again.',
    });
  }
  if (expectedState.length === 0) {
    // Without a state the listener could not tell Dropbox's answer from a forged one.
    throw new WizardFailure({
      code: 'internal',
      message: 'The sign-in attempt has no state value, so its answer could not be checked.',
      remedy: 'Click Authorize again.',
    });
  }
  if (!path.startsWith('/')) {
    throw new WizardFailure({
      code: 'internal',
      message: 'The sign-in listener was given an invalid path.',
      remedy: 'Restart the wizard; if it repeats, report it with the wizard version.',
    });
  }

  let settled = false;
  let resolveResult!: (value: LoopbackResult) => void;
  let rejectResult!: (reason: WizardFailure) => void;
  const result = new Promise<LoopbackResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // A caller that only calls close() must not trigger an unhandled rejection; callers awaiting
  // `result` still see the rejection.
  result.catch(() => undefined);

  let redirectUri = '';
  // Set once listening; a holder because finish() may in principle run before it exists.
  const deadline: { timer?: NodeJS.Timeout } = {};
  let closing: Promise<void> | null = null;
  /** While `complete` runs, its held response must survive a shutdown until it is written. */
  let completing: Promise<void> | null = null;

  const server: Server = createServer((req, res) => handle(req, res));
  // Dropbox's redirect is a tiny GET; anything slow is not it.
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;

  const shutdown = (): Promise<void> => {
    if (closing) return closing;
    closing = new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // A response still being written gets a moment; then every socket goes.
      const forceLater = (): void => {
        const force = setTimeout(() => server.closeAllConnections(), 1_000);
        force.unref();
      };
      if (completing) void completing.then(forceLater);
      else forceLater();
    });
    return closing;
  };

  /** Decides the attempt once; with `res`, stops listening only after that page is delivered. */
  const finish = (outcome: Outcome, res?: ServerResponse): void => {
    if (settled) return;
    settled = true;
    if (deadline.timer) clearTimeout(deadline.timer);
    if (outcome.ok) resolveResult({ redirectUrl: outcome.redirectUrl });
    else rejectResult(new WizardFailure(outcome.error));
    if (res && !res.writableFinished) res.once('close', () => void shutdown());
    else void shutdown();
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (!isLoopbackHostHeader(req.headers.host)) {
      sendPage(res, 400, PAGES.badHost);
      return;
    }
    const target = req.url ?? '';
    // Only origin-form targets ("/path?query"); an absolute URL in the request line is a proxy
    // request, not a browser following a redirect.
    if (!target.startsWith('/')) {
      sendPage(res, 400, PAGES.notFound);
      return;
    }
    let url: URL;
    try {
      url = new URL(target, `http://${LOOPBACK_HOST}`);
    } catch {
      sendPage(res, 400, PAGES.notFound);
      return;
    }
    if (url.pathname !== path) {
      sendPage(res, 404, PAGES.notFound);
      return;
    }
    if (req.method !== 'GET') {
      sendPage(res, 405, PAGES.notFound, { Allow: 'GET' });
      return;
    }
    if (settled) {
      // Two requests raced before the socket closed: the first one decided the attempt.
      sendPage(res, 410, PAGES.finished);
      return;
    }

    const query = url.searchParams;
    const states = query.getAll('state');
    if (states.length !== 1 || !constantTimeEqual(expectedState, states[0])) {
      // Not this attempt's answer: say so, and keep waiting for the real one.
      sendPage(res, 400, PAGES.stateMismatch);
      return;
    }
    const error = query.get('error');
    if (error !== null) {
      if (error === 'access_denied') {
        sendPage(res, 200, PAGES.cancelled);
        finish({ ok: false, error: accessDeniedError() }, res);
      } else {
        sendPage(res, 400, PAGES.failed);
        finish({ ok: false, error: dropboxRedirectError(error) }, res);
      }
      return;
    }
    const codes = query.getAll('code');
    if (codes.length !== 1 || codes[0] === '') {
      sendPage(res, 400, PAGES.failed);
      finish({ ok: false, error: missingCodeError() }, res);
      return;
    }
    const redirectUrl = `${redirectUri}${url.search}`;
    const complete = options.complete;
    if (!complete) {
      sendPage(res, 200, successPage({}));
      finish({ ok: true, redirectUrl }, res);
      return;
    }
    // Decided: no timeout, cancel or second request may change it while the code is exchanged.
    settled = true;
    if (deadline.timer) clearTimeout(deadline.timer);
    completing = runComplete(complete, redirectUrl, completeTimeoutMs).then(({ status, page }) => {
      resolveResult({ redirectUrl });
      if (res.destroyed) {
        void shutdown();
        return;
      }
      sendPage(res, status, page);
      if (!res.writableFinished) res.once('close', () => void shutdown());
      else void shutdown();
    });
  };

  try {
    await listen(server, port);
  } catch (error) {
    throw new WizardFailure(listenError(error, port, path, alternatePorts));
  }
  // Errors after start-up (rare: the socket is already bound) end the attempt instead of
  // crashing the process.
  server.on('error', (error: NodeJS.ErrnoException) => {
    finish({
      ok: false,
      error: {
        code: 'internal',
        message: 'The sign-in listener stopped unexpectedly.',
        remedy: 'Click Authorize again, or paste the code instead.',
        detail: error.code ?? error.name,
      },
    });
  });

  const boundPort = (server.address() as AddressInfo).port;
  redirectUri = `http://${LOOPBACK_HOST}:${boundPort}${path}`;
  deadline.timer = setTimeout(
    () => finish({ ok: false, error: timeoutError(timeoutMs, redirectUri) }),
    timeoutMs,
  );

  return {
    redirectUri,
    port: boundPort,
    result,
    close: () => {
      finish({ ok: false, error: cancelledError() });
      return shutdown();
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host: LOOPBACK_HOST, port, exclusive: true });
  });
}

/** Runs `complete` under its cap and turns any outcome (or failure) into the page to serve. */
async function runComplete(
  complete: (redirectUrl: string) => Promise<LoopbackOutcome>,
  redirectUrl: string,
  capMs: number,
): Promise<{ status: number; page: Page }> {
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('complete timed out')), capMs);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([complete(redirectUrl), cap]);
    return outcome.ok
      ? { status: 200, page: successPage(outcome) }
      : { status: 200, page: failurePage(outcome) };
  } catch {
    // Whatever was thrown may carry details (or secrets); the wizard window has the specifics.
    return { status: 500, page: PAGES.completeFailed };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

function listenError(
  error: unknown,
  port: number,
  path: string,
  alternatePorts: readonly number[],
): WizardError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const next = nextRedirectPort(port, alternatePorts);
    const message =
      code === 'EADDRINUSE'
        ? `Port ${port} on ${LOOPBACK_HOST} is already in use by another program, so the wizard cannot receive Dropbox's answer there.`
        : `The system does not allow the wizard to listen on port ${port} (on Windows the port may be in a reserved range).`;
    const remedy =
      next !== null
        ? `Use port ${next} instead: check that http://${LOOPBACK_HOST}:${next}${path} is listed under OAuth 2 → Redirect URIs on the app's Settings tab in the App Console, then authorize again.`
        : `Close the program using port ${port}, or set WIZARD_REDIRECT_PORTS to a free port and register its redirect URI on the app's Settings tab, then authorize again. You can also paste the code instead.`;
    return next !== null
      ? { code: 'port_busy', message, remedy, detail: code, action: 'next_port' }
      : { code: 'port_busy', message, remedy, detail: code, action: 'retry' };
  }
  return {
    code: 'internal',
    message: `The wizard could not listen on ${LOOPBACK_HOST}:${port} for Dropbox's answer.`,
    remedy: 'Try another registered port, or paste the code instead.',
    detail: code ?? (error instanceof Error ? error.name : 'unknown error'),
  };
}

function accessDeniedError(): WizardError {
  return {
    code: 'access_denied',
    message: 'The sign-in was cancelled on Dropbox, so no access was granted.',
    remedy: 'Click Authorize again and choose Allow on the Dropbox page.',
    action: 'authorize_again',
  };
}

function dropboxRedirectError(error: string): WizardError {
  // The error name is Dropbox's (state matched), but only a plain token is kept for support.
  const safe = /^[a-z_]{1,64}$/.test(error) ? error : 'unrecognised';
  return {
    code: 'unexpected_reply',
    message: 'Dropbox returned an error instead of a sign-in code.',
    remedy:
      "Click Authorize again. If it repeats, check the app's Permissions and Settings tabs in the App Console.",
    detail: `redirect error: ${safe}`,
    action: 'authorize_again',
  };
}

function missingCodeError(): WizardError {
  return {
    code: 'unexpected_reply',
    message: "Dropbox's answer arrived without a sign-in code.",
    remedy: 'Click Authorize again.',
    action: 'authorize_again',
  };
}

function timeoutError(timeoutMs: number, redirectUri: string): WizardError {
  const span =
    timeoutMs >= 60_000 && timeoutMs % 60_000 === 0
      ? `${timeoutMs / 60_000} minute${timeoutMs === 60_000 ? '' : 's'}`
      : `${Math.max(1, Math.round(timeoutMs / 1000))} seconds`;
  return {
    code: 'authorization_timeout',
    message: `No answer from Dropbox arrived within ${span}.`,
    remedy:
      `Click Authorize again. If Dropbox showed an "Invalid redirect_uri" page, add ${redirectUri} ` +
      "under OAuth 2 → Redirect URIs on the app's Settings tab first. You can also paste the code instead.",
    action: 'authorize_again',
  };
}

function cancelledError(): WizardError {
  return {
    code: 'authorization_cancelled',
    message: 'The sign-in attempt was cancelled.',
    remedy: 'Click Authorize to start again.',
    action: 'authorize_again',
  };
}

// ---- Pages: fixed text, or `complete`'s texts escaped. Nothing from the request is ever shown. ----

type Tone = 'ok' | 'bad' | 'neutral';

interface Page {
  readonly title: string;
  readonly heading: string;
  /** Paragraphs, plain text (escaped when rendered). */
  readonly text: readonly string[];
  readonly tone: Tone;
}

const RETURN_TO_WIZARD = `Return to ${PRODUCT_NAME} to continue. You can close this tab.`;

const PAGES = {
  cancelled: {
    title: 'Sign-in cancelled',
    heading: 'You cancelled the Dropbox sign-in',
    text: [
      'No access was granted.',
      `Return to ${PRODUCT_NAME} and click Authorize again when you are ready. You can close this tab.`,
    ],
    tone: 'neutral',
  },
  stateMismatch: {
    title: 'Not this sign-in',
    heading: 'This answer does not belong to the current sign-in',
    text: [
      'It may come from an older tab or another link. It was ignored and changes nothing: the sign-in you started is still waiting for Dropbox.',
      `Close this tab and finish the sign-in in the tab ${PRODUCT_NAME} opened most recently.`,
    ],
    tone: 'bad',
  },
  failed: {
    title: 'Sign-in failed',
    heading: 'Dropbox did not complete the sign-in',
    text: [`Return to ${PRODUCT_NAME} for what to do next. You can close this tab.`],
    tone: 'bad',
  },
  completeFailed: {
    title: 'Sign-in not finished',
    heading: 'Dropbox answered, but the wizard could not finish the sign-in',
    text: [
      `Return to ${PRODUCT_NAME}: it shows what went wrong and what to do. You can close this tab.`,
    ],
    tone: 'bad',
  },
  finished: {
    title: 'Sign-in already finished',
    heading: 'This sign-in has already finished',
    text: [RETURN_TO_WIZARD],
    tone: 'neutral',
  },
  notFound: {
    title: 'Not found',
    heading: 'Nothing here',
    text: [`This address only receives the Dropbox sign-in answer for ${PRODUCT_NAME}.`],
    tone: 'neutral',
  },
  badHost: {
    title: 'Bad request',
    heading: 'Request refused',
    text: [`Open this address as 127.0.0.1 or localhost on the machine running ${PRODUCT_NAME}.`],
    tone: 'bad',
  },
} as const satisfies Record<string, Page>;

function successPage(outcome: { readonly title?: string; readonly message?: string }): Page {
  const heading = outcome.title ?? 'Dropbox is connected';
  return {
    title: heading,
    heading,
    text: [...(outcome.message ? [outcome.message] : []), RETURN_TO_WIZARD],
    tone: 'ok',
  };
}

function failurePage(outcome: { readonly message: string; readonly remedy: string }): Page {
  return {
    title: 'Sign-in not finished',
    heading: 'Dropbox is not connected yet',
    text: [
      outcome.message,
      `What to do: ${outcome.remedy}`,
      `Return to ${PRODUCT_NAME} to continue.`,
    ],
    tone: 'bad',
  };
}

/**
 * One stylesheet for every page, allowed by its hash in the CSP: no 'unsafe-inline', so even if a
 * text ever carried markup, no other style (and no script, image or font) could run or load.
 */
const PAGE_STYLE =
  ':root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1e1919;--muted:#5b5f66;' +
  '--line:#d9dce1;--ok:#0b7a3b;--bad:#b42318;--neutral:#0061fe}' +
  '@media (prefers-color-scheme:dark){:root{--bg:#15171a;--card:#1f2227;--fg:#eceef1;' +
  '--muted:#a4a9b1;--line:#33373e;--ok:#4ade80;--bad:#f87171;--neutral:#7aa7ff}}' +
  '*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);' +
  'font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  'main{max-width:34rem;margin:12vh auto;padding:2rem 2.25rem;background:var(--card);' +
  'border:1px solid var(--line);border-top:4px solid var(--neutral);border-radius:12px}' +
  'main.ok{border-top-color:var(--ok)}main.bad{border-top-color:var(--bad)}' +
  '.brand{margin:0 0 1.25rem;font-size:.8rem;font-weight:600;letter-spacing:.04em;' +
  'text-transform:uppercase;color:var(--muted)}' +
  'h1{margin:0 0 .75rem;font-size:1.4rem;line-height:1.3}p{margin:.5rem 0}';

const STYLE_HASH = createHash('sha256').update(PAGE_STYLE, 'utf8').digest('base64');

export const LOOPBACK_PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'none'; base-uri 'none'; ` +
  "form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': LOOPBACK_PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // One request per connection: the listener can stop right after answering.
  Connection: 'close',
};

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function renderPage(page: Page): string {
  const paragraphs = page.text.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="color-scheme" content="light dark">' +
    `<title>${escapeHtml(page.title)} · ${PRODUCT_NAME}</title>` +
    `<style>${PAGE_STYLE}</style></head>` +
    `<body><main class="${page.tone}"><p class="brand">${PRODUCT_NAME}</p>` +
    `<h1>${escapeHtml(page.heading)}</h1>${paragraphs}</main></body></html>`
  );
}

function sendPage(
  res: ServerResponse,
  status: number,
  page: Page,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  const body = renderPage(page);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extraHeaders,
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

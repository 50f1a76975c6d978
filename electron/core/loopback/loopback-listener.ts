/**
 * The loopback redirect listener for the system-browser sign-in (RFC 8252 §7.3/§8.3, reference
 * security-and-tooling §3.3). It exists for one authorization attempt:
 *
 * - binds 127.0.0.1 only (never 0.0.0.0 or "localhost", which may resolve to other interfaces);
 * - answers GET on the one registered path; everything else is 404/405 and does not end the attempt;
 * - refuses requests whose Host is not a loopback name (DNS-rebinding pages cannot reach it);
 * - ends after the first response on the path whose state matches (code, denial or error), after
 *   a response with the wrong state, on close() (cancel) or on timeout, and then stops listening;
 * - serves fixed pages that never echo a query value, pull no third-party resource, and never
 *   redirect, with no-store / no-referrer / strict CSP headers, so the code cannot leak through
 *   history snapshots, Referer or the page itself.
 *
 * The result carries the full redirect URL; parsing the code and exchanging it belongs to the
 * OAuth module. Failures (start-up and result) are WizardFailures carrying a stable WizardError.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WizardError } from '../../shared/result';
import { WizardFailure } from '../dropbox/failure';
import { REDIRECT_PATH, nextRedirectPort } from '../targets/redirect-ports';

export const LOOPBACK_HOST = '127.0.0.1';
export const DEFAULT_AUTHORIZATION_TIMEOUT_MS = 5 * 60_000;

/** Host header names that mean "this machine"; any port, so SSH port forwarding still works. */
const LOOPBACK_HOST_NAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface LoopbackListenerOptions {
  /** The registered port; 0 picks an ephemeral one (tests only: Dropbox would not accept it). */
  readonly port: number;
  /** The `state` sent in this attempt's authorize URL. */
  readonly expectedState: string;
  readonly timeoutMs?: number;
  readonly path?: string;
  /** The registered ports, used to name the next one to try when `port` is busy. */
  readonly alternatePorts?: readonly number[];
}

export interface LoopbackResult {
  /** The redirect URL as Dropbox sent it: the registered URI plus the query (code, state…). */
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
      const force = setTimeout(() => server.closeAllConnections(), 1_000);
      force.unref();
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
    if (!isLoopbackHost(req.headers.host)) {
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
    if (states.length !== 1 || !sameSecret(states[0] ?? '', expectedState)) {
      sendPage(res, 400, PAGES.stateMismatch);
      finish({ ok: false, error: stateMismatchError() }, res);
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
    sendPage(res, 200, PAGES.success);
    finish({ ok: true, redirectUrl: `${redirectUri}${url.search}` }, res);
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

function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::\d{1,5})?$/.exec(host.trim());
  const name = match?.[1]?.toLowerCase();
  return name !== undefined && LOOPBACK_HOST_NAMES.has(name);
}

/** Constant-time comparison, so the state cannot be guessed byte by byte from timings. */
function sameSecret(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
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

function stateMismatchError(): WizardError {
  return {
    code: 'state_mismatch',
    message: 'This sign-in response does not belong to the current attempt.',
    remedy:
      'Close older Dropbox sign-in tabs, click Authorize again and finish the sign-in in the tab that opens.',
    action: 'authorize_again',
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

// ---- Pages: fixed text only. Nothing from the request is ever written into a response. ----

interface Page {
  readonly title: string;
  readonly heading: string;
  readonly text: string;
}

const PAGES = {
  success: {
    title: 'Dropbox is connected',
    heading: 'Dropbox is connected',
    text: 'You can close this tab and return to the wizard.',
  },
  cancelled: {
    title: 'Sign-in cancelled',
    heading: 'You cancelled the Dropbox sign-in',
    text: 'No access was granted. Return to the wizard and click Authorize again when you are ready.',
  },
  stateMismatch: {
    title: 'Sign-in not accepted',
    heading: 'This sign-in response does not belong to the current attempt',
    text: 'It may come from an older tab. Close this tab, return to the wizard and click Authorize again.',
  },
  failed: {
    title: 'Sign-in failed',
    heading: 'Dropbox did not complete the sign-in',
    text: 'Return to the wizard for what to do next.',
  },
  finished: {
    title: 'Sign-in already finished',
    heading: 'This sign-in attempt has already finished',
    text: 'You can close this tab and return to the wizard.',
  },
  notFound: {
    title: 'Not found',
    heading: 'Nothing here',
    text: 'This address only receives the Dropbox sign-in answer for the wizard.',
  },
  badHost: {
    title: 'Bad request',
    heading: 'Request refused',
    text: 'Open this address as 127.0.0.1 or localhost on the machine running the wizard.',
  },
} as const satisfies Record<string, Page>;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // One request per connection: the listener can stop right after answering.
  Connection: 'close',
};

function renderPage(page: Page): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${page.title}</title>` +
    '<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;' +
    'color:#1e1919;line-height:1.5}h1{font-size:1.4rem}</style></head>' +
    `<body><h1>${page.heading}</h1><p>${page.text}</p></body></html>`
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

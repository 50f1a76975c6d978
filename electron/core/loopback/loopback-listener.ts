/**
 * The loopback redirect listener for the system-browser sign-in (RFC 8252 §7.3/§8.3). It exists for one authorization attempt:
 *
 * - binds 127.0.0.1 only (never 0.0.0.0 or "localhost", which may resolve to other interfaces);
 * - answers GET on the one registered path; everything else is 404/405 and does not end the attempt;
 * - refuses requests whose Host is not a loopback name (DNS-rebinding pages cannot reach it);
 * - a request on the path with a wrong, missing or repeated `state` is answered 400 and changes
 *   nothing: it may be an old tab or a forged link, and letting it end the attempt would let any
 *   local page cancel the admin's sign-in;
 * - ends after the first request whose state matches (code, denial or error), on close() (cancel)
 *   or on timeout, and then stops listening;
 * - with `complete`, holds that request's response until the wizard has exchanged the code, so the
 *   page in the browser tells the real outcome instead of a hopeful "connected";
 * - serves fixed pages that never echo a query value, pull no third-party resource, and never
 *   redirect, with no-store / no-referrer / strict CSP headers (`loopback-pages.ts`), so the code
 *   cannot leak through history snapshots, Referer or the page itself.
 *
 * The result carries the full redirect URL; parsing the code and exchanging it belongs to the
 * OAuth module. Failures (start-up and result) are WizardFailures carrying a stable WizardError.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WizardError } from '../../shared/result';
import { WizardFailure } from '../failure';
import { constantTimeEqual } from '../net/constant-time';
import { isLoopbackHostHeader } from '../net/loopback-names';
import { REDIRECT_PATH } from '../targets/redirect-ports';
import {
  accessDeniedError,
  cancelledError,
  dropboxRedirectError,
  listenError,
  missingCodeError,
  timeoutError,
} from './loopback-errors';
import { PAGES, failurePage, sendPage, successPage, type Page } from './loopback-pages';

export const LOOPBACK_HOST = '127.0.0.1';
export const DEFAULT_AUTHORIZATION_TIMEOUT_MS = 5 * 60_000;
/** A `complete` that never settles must not leave the browser tab spinning forever. */
export const DEFAULT_COMPLETE_TIMEOUT_MS = 2 * 60_000;

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
      remedy: 'Pick one of the registered redirect ports and sign in again.',
    });
  }
  if (expectedState.length === 0) {
    // Without a state the listener could not tell Dropbox's answer from a forged one.
    throw new WizardFailure({
      code: 'internal',
      message: 'The sign-in attempt has no state value, so its answer could not be checked.',
      remedy: 'Sign in again.',
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
    throw new WizardFailure(listenError(error, LOOPBACK_HOST, port, path, alternatePorts));
  }
  // Errors after start-up (rare: the socket is already bound) end the attempt instead of
  // crashing the process.
  server.on('error', (error: NodeJS.ErrnoException) => {
    finish({
      ok: false,
      error: {
        code: 'internal',
        message: 'The sign-in listener stopped unexpectedly.',
        remedy: 'Sign in again, or paste the code instead.',
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

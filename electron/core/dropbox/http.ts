/**
 * One HTTP exchange with Dropbox: a timeout, the whole body read inside that timeout (a connection
 * dropped mid-body is a network failure like any other), and network errors turned into the two
 * things an admin can act on: "you are offline" (we never reached Dropbox) and "Dropbox is not
 * answering properly" (we reached it, but the connection timed out or was dropped).
 *
 * Nothing here logs or echoes request headers, bodies or full URLs; failure details name the
 * operation (a route such as `team/get_info`) and the host only.
 */
import { DEFAULT_TIMEOUT_MS, type DropboxContext } from './context';
import { failure, type WizardFailure } from '../failure';

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** What we were doing, for messages: a route (`team/get_info`) or `oauth2/token`. Never a secret. */
  readonly operation: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | URLSearchParams;
  /** Dropbox answers the authorize page with redirects we want to see, not follow. */
  readonly redirect?: 'manual' | 'follow';
}

export interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly requestId: string | null;
}

export type NetworkProblemKind = 'offline' | 'dropbox_unavailable';

/** A network-level failure, classified. Internal: `send` turns it into a WizardFailure. */
export class NetworkProblem extends Error {
  override readonly name = 'NetworkProblem';

  constructor(
    readonly kind: NetworkProblemKind,
    /** Plain words, e.g. "the connection was refused"; no URL, no secret. */
    readonly what: string,
    readonly host: string,
    readonly errorCode: string | null,
  ) {
    super(what);
  }
}

const OFFLINE_CODES: Record<string, string> = {
  ENOTFOUND: 'the host name could not be looked up (DNS)',
  EAI_AGAIN: 'the host name lookup failed temporarily (DNS)',
  ECONNREFUSED: 'the connection was refused',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  EHOSTUNREACH: 'the host is unreachable',
  EHOSTDOWN: 'the host is down',
  ETIMEDOUT: 'the connection attempt timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection attempt timed out',
};

const DROPPED_CODES: Record<string, string> = {
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  UND_ERR_SOCKET: 'the connection was dropped',
  UND_ERR_CLOSED: 'the connection was closed',
  UND_ERR_HEADERS_TIMEOUT: 'no reply headers arrived in time',
  UND_ERR_BODY_TIMEOUT: 'the reply stopped arriving',
  ECONNABORTED: 'the connection was aborted',
};

/** Walks `cause` chains (undici wraps the socket error in `TypeError: fetch failed`). */
function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && /socket hang up/i.test(message)) codes.push('ECONNRESET');
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

export function classifyNetworkError(
  err: unknown,
  host: string,
  timeoutMs: number,
): NetworkProblem {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError') {
    return new NetworkProblem(
      'dropbox_unavailable',
      `no answer within ${Math.round(timeoutMs / 1000)} s`,
      host,
      'TIMEOUT',
    );
  }
  if (name === 'AbortError')
    return new NetworkProblem('dropbox_unavailable', 'the request was aborted', host, 'ABORT');
  const codes = errorCodes(err);
  for (const code of codes) {
    const offline = OFFLINE_CODES[code];
    if (offline) return new NetworkProblem('offline', offline, host, code);
    const dropped = DROPPED_CODES[code];
    if (dropped) return new NetworkProblem('dropbox_unavailable', dropped, host, code);
    if (/CERT|SSL|TLS|UNABLE_TO_VERIFY|SELF_SIGNED/.test(code)) {
      // Usually a TLS-inspecting proxy or antivirus: the admin's network, not Dropbox.
      return new NetworkProblem(
        'offline',
        'the secure connection could not be verified',
        host,
        code,
      );
    }
  }
  return new NetworkProblem('offline', 'a network error occurred', host, codes[0] ?? null);
}

/** `HTTP 503 from team/get_info (request id 1a2b…)`: the detail prefix every failure shares. */
export function describeReply(operation: string, status: number, requestId: string | null): string {
  return `HTTP ${status} from ${operation}${requestId ? ` (X-Dropbox-Request-Id ${requestId})` : ''}`;
}

export function networkFailure(
  problem: NetworkProblem,
  operation: string,
  attempts: number,
): WizardFailure {
  const tried = attempts > 1 ? ` (tried ${attempts} times)` : '';
  const detail = `${operation} to ${problem.host}: ${problem.what}${problem.errorCode ? ` [${problem.errorCode}]` : ''}${tried}`;
  if (problem.kind === 'offline') {
    return failure(
      'offline',
      `The wizard could not reach Dropbox (${problem.host}): ${problem.what}.`,
      'Check that this computer is online and that no proxy or firewall blocks Dropbox, then press Try again. Nothing you entered is lost.',
      { detail, action: 'retry' },
    );
  }
  return failure(
    'dropbox_unavailable',
    `Dropbox did not answer properly (${problem.what}).`,
    'Dropbox may be having a temporary problem. Wait a minute and press Try again; if it keeps happening, check status.dropbox.com.',
    { detail, action: 'retry' },
  );
}

/** One attempt. Throws NetworkProblem for network-level failures; any HTTP status is a reply. */
export async function sendOnce(ctx: DropboxContext, req: HttpRequest): Promise<HttpReply> {
  const timeoutMs = ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const host = safeHost(req.url);
  const doFetch = ctx.fetch ?? fetch;
  try {
    const response = await doFetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: req.redirect ?? 'manual',
      // No cookies ever: the pre-flight must see what a fresh browser would see.
      credentials: 'omit',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      requestId: response.headers.get('x-dropbox-request-id'),
    };
  } catch (err) {
    throw classifyNetworkError(err, host, timeoutMs);
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'Dropbox';
  }
}

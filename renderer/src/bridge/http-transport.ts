/**
 * Browser mode's transport: the contract over HTTP on loopback, with the per-launch token from
 * the address's `#token=` fragment, an event stream read with fetch (EventSource cannot carry the
 * token header), and Reconnect to a restarted service's new address without a reload.
 */
import {
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_TOKEN_HEADER,
  type BridgeEvent,
} from '../../../electron/shared/contract';
import { getConnectionState, markConnected, markLost } from './connection';
import { createSseParser } from './sse-parser';
import { isResult, OFFLINE_ERROR, type Transport, unexpectedReply } from './transport';

/** The only key the wizard ever writes to web storage: the per-launch token, never progress. */
export const SESSION_TOKEN_KEY = 'wizard.token';

/** The `token` in a `#token=…` fragment (with or without the leading #), or null. */
function tokenFromFragment(fragment: string): string | null {
  const hash = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  return new URLSearchParams(hash).get('token') || null;
}

/**
 * Keeps a token for reloads (sessionStorage is per tab and dies with it) and strips it from the
 * address bar so it is not shared by a screenshot or a copied URL.
 */
function rememberToken(token: string): void {
  try {
    window.sessionStorage.setItem(SESSION_TOKEN_KEY, token);
  } catch {
    // Storage disabled: the token still works for this page load.
  }
}

function stripFragment(): void {
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** Reads `#token=` once at start-up, else the token kept from an earlier load of this tab. */
function takeSessionToken(): string | null {
  const fromHash = tokenFromFragment(window.location.hash);
  if (fromHash) {
    rememberToken(fromHash);
    stripFragment();
    return fromHash;
  }
  try {
    return window.sessionStorage.getItem(SESSION_TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Consecutive failed event-stream connections before the page says the service is gone. */
const STREAM_FAILURES_BEFORE_LOST = 2;

const EVENT_RETRY_MIN_MS = 1_000;
const EVENT_RETRY_MAX_MS = 15_000;

export function httpTransport(): Transport {
  // Mutable: a restarted service prints a new address, and the page switches to its token without
  // a reload (a reload would lose whatever the admin typed and had not saved yet).
  let token = takeSessionToken() ?? '';
  const listeners = new Set<(event: BridgeEvent) => void>();
  let stream: AbortController | null = null;

  const emit = (event: BridgeEvent): void => {
    for (const listener of listeners) listener(event);
  };

  // One long-lived reader for all listeners; reconnects with capped exponential backoff because
  // the server may restart (browser mode on a jump host) and events are only hints anyway.
  const openStream = (): void => {
    const controller = new AbortController();
    stream = controller;
    let delay = EVENT_RETRY_MIN_MS;
    let failures = 0;
    const loop = async (): Promise<void> => {
      while (!controller.signal.aborted) {
        try {
          const response = await fetch(HTTP_EVENTS_PATH, {
            headers: { [HTTP_TOKEN_HEADER]: token, accept: 'text/event-stream' },
            signal: controller.signal,
            cache: 'no-store',
          });
          if (response.status === 401) {
            failures += 1;
            markLost('unauthorized');
          } else if (!response.ok || !response.body) {
            failures += 1;
          }
          if (response.ok && response.body) {
            delay = EVENT_RETRY_MIN_MS;
            failures = 0;
            markConnected();
            const parser = createSseParser((data) => {
              try {
                emit(JSON.parse(data) as BridgeEvent);
              } catch {
                // A malformed event is dropped: events only drive banners, never state.
              }
            });
            const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              parser.push(value);
            }
          }
        } catch {
          // Network error or abort; the loop condition decides.
          if (!controller.signal.aborted) failures += 1;
        }
        if (controller.signal.aborted) return;
        // One drop is a blip; a stream that does not come back means the service stopped.
        if (failures >= STREAM_FAILURES_BEFORE_LOST && getConnectionState().status === 'connected')
          markLost('unreachable');
        await new Promise((resolve) => window.setTimeout(resolve, delay));
        delay = Math.min(delay * 2, EVENT_RETRY_MAX_MS);
      }
    };
    void loop();
  };

  /** Drops the current stream (if any listener wants one) and opens a new one at once. */
  const restartStream = (): void => {
    if (!stream) return;
    stream.abort();
    openStream();
  };

  const post = (method: string, args: unknown, withToken: string): Promise<Response> =>
    fetch(HTTP_API_PREFIX + method, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: withToken },
      body: JSON.stringify(args ?? {}),
      cache: 'no-store',
    });

  /** Asks the service whether `candidate` is its token, without changing any wizard state. */
  const probe = async (candidate: string): Promise<'ok' | 'unauthorized' | 'unreachable'> => {
    try {
      const response = await post('getSession', {}, candidate);
      if (response.status === 401) return 'unauthorized';
      return response.ok ? 'ok' : 'unreachable';
    } catch {
      return 'unreachable';
    }
  };

  const adopt = (candidate: string): void => {
    token = candidate;
    rememberToken(candidate);
    markConnected();
    restartStream();
  };

  // Pasting the new address into the address bar of this tab changes only the fragment: no
  // reload, so the page notices it here and switches at once.
  if (typeof window.addEventListener === 'function') {
    window.addEventListener('hashchange', () => {
      const fresh = tokenFromFragment(window.location.hash);
      if (!fresh) return;
      stripFragment();
      token = fresh;
      rememberToken(fresh);
      restartStream();
      void probe(fresh).then((answer) => {
        if (fresh !== token) return;
        if (answer === 'ok') markConnected();
        else markLost(answer);
      });
    });
  }

  return {
    mode: 'browser',
    async call(method, args) {
      let response: Response;
      try {
        response = await post(method, args, token);
      } catch {
        markLost('unreachable');
        return { ok: false, error: OFFLINE_ERROR };
      }
      if (response.status === 401) markLost('unauthorized');
      else if (response.status < 500) markConnected();
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        // A proxy error page or a server that died mid-reply.
        return response.status >= 500 || response.status === 0
          ? { ok: false, error: OFFLINE_ERROR }
          : {
              ok: false,
              error: unexpectedReply(`HTTP ${response.status} from ${method} without a JSON body`),
            };
      }
      return isResult(body)
        ? body
        : { ok: false, error: unexpectedReply(`HTTP ${response.status} from ${method}`) };
    },
    async reconnect(address) {
      const text = address.trim();
      let candidate = token;
      let pastedHost: string | null = null;
      if (text !== '') {
        let url: URL;
        try {
          url = new URL(text, window.location.href);
        } catch {
          return {
            ok: false,
            message:
              'That is not an address. Paste the whole line the wizard printed, starting with http://',
          };
        }
        const fromPaste = tokenFromFragment(url.hash);
        if (!fromPaste) {
          return {
            ok: false,
            message:
              'That address has no #token=… part. Paste the whole address the wizard printed, including the part after #.',
          };
        }
        candidate = fromPaste;
        pastedHost = url.host;
      }
      const answer = await probe(candidate);
      if (answer === 'ok') {
        adopt(candidate);
        return { ok: true };
      }
      if (answer === 'unauthorized') {
        markLost('unauthorized');
        return {
          ok: false,
          message:
            text === ''
              ? 'The wizard is running again but printed a new address. Paste that address here.'
              : 'The wizard answered, but that address is not its newest one. Paste the last address it printed.',
        };
      }
      markLost('unreachable');
      // Only the token is taken from a pasted address: this tab keeps talking to its own host, which
      // may be an SSH forward. A service that came back on another port is not reachable from here.
      const here = window.location.host;
      const elsewhere =
        pastedHost !== null && pastedHost !== here && portOf(pastedHost) !== portOf(here);
      return {
        ok: false,
        message: elsewhere
          ? `Nothing answers at ${here}, and the new address uses another port (${pastedHost}). Restart the wizard with --port ${portOf(here)} so this tab can reach it, or forward the new port to ${here}.`
          : `Nothing answers at ${here} yet. Start the wizard again with npm run start:browser, then paste the address it prints.`,
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!stream) openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
  };
}

function portOf(host: string): string {
  const match = /:(\d+)$/.exec(host);
  return match?.[1] ?? '80';
}

/**
 * The renderer's only reader of the transport. Everything else imports `bridge` and
 * `onBridgeEvent` from here and never learns whether it runs in Electron (preload IPC) or in a
 * plain browser tab talking to the loopback server over HTTP.
 *
 * Promise: no call ever rejects into React. Transport failures become `offline` / `unexpected_reply`
 * Results, so every screen handles one shape.
 */
import {
  BRIDGE_METHODS,
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_TOKEN_HEADER,
  type BridgeApi,
  type BridgeEvent,
  type BridgeMethod,
  type TransportMode,
} from '../../../electron/shared/contract';
import type { WizardBridgeGlobal } from '../../../electron/shared/preload-api';
import type { Result, WizardError } from '../../../electron/shared/result';
import { createSseParser } from './sse-parser';

declare global {
  interface Window {
    readonly wizardBridge?: WizardBridgeGlobal;
  }
}

/** The only key the wizard ever writes to web storage: the per-launch token, never progress. */
export const SESSION_TOKEN_KEY = 'wizard.token';

interface Transport {
  readonly mode: TransportMode;
  call(method: BridgeMethod, args: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: BridgeEvent) => void): () => void;
}

const OFFLINE_ERROR: WizardError = {
  code: 'offline',
  message: 'The wizard lost contact with its local service.',
  remedy:
    'Check that the wizard is still running (the terminal that started it, or the app window), then press Continue again. What you entered is kept.',
};

function unexpectedReply(detail: string): WizardError {
  return {
    code: 'unexpected_reply',
    message: "The wizard's local service answered in a way the page did not understand.",
    remedy: 'Reload the page. If it happens again, restart the wizard; your progress is kept.',
    detail,
  };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in value;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

// ---------------------------------------------------------------------------------------------
// Electron: the preload already returns Results; only guard against a rejected promise (e.g. the
// main process went away while a call was in flight).

function electronTransport(global: WizardBridgeGlobal): Transport {
  return {
    mode: 'electron',
    async call(method, args) {
      try {
        const fn = global[method] as (a: unknown) => Promise<unknown>;
        const reply = await fn(args);
        return isResult(reply)
          ? reply
          : { ok: false, error: unexpectedReply(`IPC reply to ${method} was not a Result`) };
      } catch {
        return { ok: false, error: OFFLINE_ERROR };
      }
    },
    subscribe(listener) {
      return global.onEvent(listener);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Browser mode: HTTP on loopback with the per-launch token.

/**
 * Reads `#token=` once, keeps it for reloads (sessionStorage is per tab and dies with it), and
 * strips it from the address bar so it is not shared by a screenshot or a copied URL.
 */
function takeSessionToken(): string | null {
  const hash = window.location.hash.startsWith('#')
    ? window.location.hash.slice(1)
    : window.location.hash;
  const fromHash = new URLSearchParams(hash).get('token');
  if (fromHash) {
    try {
      window.sessionStorage.setItem(SESSION_TOKEN_KEY, fromHash);
    } catch {
      // Storage disabled: the token still works for this page load.
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  try {
    return window.sessionStorage.getItem(SESSION_TOKEN_KEY);
  } catch {
    return null;
  }
}

const EVENT_RETRY_MIN_MS = 1_000;
const EVENT_RETRY_MAX_MS = 15_000;

function httpTransport(): Transport {
  const token = takeSessionToken() ?? '';
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
    const loop = async (): Promise<void> => {
      while (!controller.signal.aborted) {
        try {
          const response = await fetch(HTTP_EVENTS_PATH, {
            headers: { [HTTP_TOKEN_HEADER]: token, accept: 'text/event-stream' },
            signal: controller.signal,
            cache: 'no-store',
          });
          if (response.ok && response.body) {
            delay = EVENT_RETRY_MIN_MS;
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
        }
        if (controller.signal.aborted) return;
        await new Promise((resolve) => window.setTimeout(resolve, delay));
        delay = Math.min(delay * 2, EVENT_RETRY_MAX_MS);
      }
    };
    void loop();
  };

  return {
    mode: 'browser',
    async call(method, args) {
      let response: Response;
      try {
        response = await fetch(HTTP_API_PREFIX + method, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token },
          body: JSON.stringify(args ?? {}),
          cache: 'no-store',
        });
      } catch {
        return { ok: false, error: OFFLINE_ERROR };
      }
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

// ---------------------------------------------------------------------------------------------

let transport: Transport | null = null;

/** Picked lazily so the token is read after the page (and its hash) exists. */
function currentTransport(): Transport {
  transport ??= window.wizardBridge ? electronTransport(window.wizardBridge) : httpTransport();
  return transport;
}

/** The contract as an object: `bridge.selectTarget({ targetId })`. */
export const bridge: BridgeApi = Object.fromEntries(
  BRIDGE_METHODS.map((method) => [
    method,
    (args: unknown) => currentTransport().call(method, args),
  ]),
) as unknown as BridgeApi;

export function onBridgeEvent(listener: (event: BridgeEvent) => void): () => void {
  return currentTransport().subscribe(listener);
}

/**
 * What every transport of the bridge contract is (preload IPC in Electron, HTTP on loopback in
 * browser mode), the two errors a transport itself can produce, and the Electron transport.
 */
import type { BridgeEvent, BridgeMethod, TransportMode } from '../../../electron/shared/contract';
import type { WizardBridgeGlobal } from '../../../electron/shared/preload-api';
import type { Result, WizardError } from '../../../electron/shared/result';

/** What pressing Reconnect achieved; `message` says what to do next, in words for the admin. */
export type ReconnectOutcome =
  { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface Transport {
  readonly mode: TransportMode;
  call(method: BridgeMethod, args: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: BridgeEvent) => void): () => void;
  /** Browser mode: adopt the token of a newly printed address (or retry the current one). */
  reconnect(address: string): Promise<ReconnectOutcome>;
}

export const OFFLINE_ERROR: WizardError = {
  code: 'offline',
  message: 'The wizard lost contact with its local service.',
  remedy:
    'Check that the wizard is still running (the terminal that started it, or the app window), then press Continue again. What you entered is kept.',
};

export function unexpectedReply(detail: string): WizardError {
  return {
    code: 'unexpected_reply',
    message: "The wizard's local service answered in a way the page did not understand.",
    remedy: 'Reload the page. If it happens again, restart the wizard; your progress is kept.',
    detail,
  };
}

export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in value;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

// ---------------------------------------------------------------------------------------------
// Electron: the preload already returns Results; only guard against a rejected promise (e.g. the
// main process went away while a call was in flight).

export function electronTransport(global: WizardBridgeGlobal): Transport {
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
    // The Electron shell has no address to paste: main and the page live and die together.
    reconnect: async () => ({ ok: true }),
  };
}

/**
 * Everything the Dropbox client needs from its caller, injected so tests can run it against a stub
 * server or a fake fetch with a fake clock, and so the service can forward "waiting" events to the
 * renderer's countdown.
 */
import type { BridgeEvent } from '../../shared/contract';
import type { DropboxEndpoints } from './endpoints';

/** A retry is scheduled: the same facts as the bridge's `waiting` event, minus its `type`. */
export type WaitInfo = Omit<Extract<BridgeEvent, { type: 'waiting' }>, 'type'>;

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  readonly maxAttempts: number;
  /** Backoff for 5xx and network errors: base, 2×base, 4×base… */
  readonly baseDelayMs: number;
  readonly maxBackoffMs: number;
  /** Cap on a server-requested wait (Retry-After), so the admin never stares at a 10-minute countdown. */
  readonly maxRetryAfterMs: number;
}

export interface DropboxContext {
  readonly endpoints: DropboxEndpoints;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Called before every wait between attempts, so the UI can show a countdown. */
  readonly onWait?: (wait: WaitInfo) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds; defaults to Date.now. */
  readonly now?: () => number;
  /** Per-request timeout, default 15 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxBackoffMs: 4_000,
  maxRetryAfterMs: 30_000,
};

export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Whether the page can still reach the wizard's local service (browser mode). Kept apart from the
 * wizard store on purpose: it describes the transport, not the wizard, and the store must not
 * change when the service comes back (nothing the admin typed may be lost).
 */

export type ConnectionState =
  | { readonly status: 'connected' }
  | {
      readonly status: 'lost';
      /**
       * 'unreachable': nothing answers (the service stopped).
       * 'unauthorized': something answers but refuses this page's token (it was restarted and
       * printed a new address).
       */
      readonly reason: 'unreachable' | 'unauthorized';
    };

const CONNECTED: ConnectionState = { status: 'connected' };

let state: ConnectionState = CONNECTED;
const listeners = new Set<() => void>();

export function getConnectionState(): ConnectionState {
  return state;
}

/** For `useSyncExternalStore`: returns the unsubscribe function. */
export function onConnectionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function markConnected(): void {
  if (state.status === 'connected') return;
  state = CONNECTED;
  for (const listener of listeners) listener();
}

export function markLost(reason: 'unreachable' | 'unauthorized'): void {
  if (state.status === 'lost' && state.reason === reason) return;
  state = { status: 'lost', reason };
  for (const listener of listeners) listener();
}

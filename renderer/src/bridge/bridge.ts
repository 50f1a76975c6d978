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
  type BridgeApi,
  type BridgeEvent,
  type BridgeMethod,
} from '../../../electron/shared/contract';
import type { WizardBridgeGlobal } from '../../../electron/shared/preload-api';
import type { Result } from '../../../electron/shared/result';
import { httpTransport } from './http-transport';
import { electronTransport, type ReconnectOutcome, type Transport } from './transport';

declare global {
  interface Window {
    readonly wizardBridge?: WizardBridgeGlobal;
  }
}

let transport: Transport | null = null;

/** Picked lazily so the token is read after the page (and its hash) exists. */
function currentTransport(): Transport {
  transport ??= window.wizardBridge ? electronTransport(window.wizardBridge) : httpTransport();
  return transport;
}

/**
 * Read-only calls the page may start before React and the store have loaded (`main.tsx`), so
 * their round trips overlap the download and parse of the rest of the renderer. Nothing that
 * changes wizard state is ever started early.
 */
const PREFETCHABLE: ReadonlySet<BridgeMethod> = new Set<BridgeMethod>([
  'getSession',
  'listTargets',
  'listScopes',
  'listConnectors',
]);

/** A prefetched answer older than this is dropped and the call made again. */
const PREFETCH_TTL_MS = 10_000;

const prefetched = new Map<
  BridgeMethod,
  { readonly reply: Promise<Result<unknown>>; readonly at: number }
>();

/**
 * Starts these argument-less read-only calls now, over the same transport and token as any call.
 * The next `bridge.<method>({})` takes the answer (once); later calls go to the service again.
 */
export function prefetchBridgeCalls(methods: readonly BridgeMethod[]): void {
  for (const method of methods) {
    if (!PREFETCHABLE.has(method) || prefetched.has(method)) continue;
    prefetched.set(method, { reply: currentTransport().call(method, {}), at: Date.now() });
  }
}

function takePrefetched(method: BridgeMethod, args: unknown): Promise<Result<unknown>> | null {
  const entry = prefetched.get(method);
  if (!entry) return null;
  prefetched.delete(method);
  const empty = typeof args === 'object' && args !== null && Object.keys(args).length === 0;
  return empty && Date.now() - entry.at < PREFETCH_TTL_MS ? entry.reply : null;
}

/** The contract as an object: `bridge.selectTarget({ targetId })`. */
export const bridge: BridgeApi = Object.fromEntries(
  BRIDGE_METHODS.map((method) => [
    method,
    (args: unknown) => takePrefetched(method, args) ?? currentTransport().call(method, args),
  ]),
) as unknown as BridgeApi;

export function onBridgeEvent(listener: (event: BridgeEvent) => void): () => void {
  return currentTransport().subscribe(listener);
}

/**
 * Browser mode: switch to the token in `address` (the line `npm run start:browser` printed after a
 * restart) once the service confirms it, or retry the current token when `address` is empty.
 * Nothing in the wizard store changes, so the page keeps everything typed into it.
 */
export function reconnectWithAddress(address: string): Promise<ReconnectOutcome> {
  return currentTransport().reconnect(address);
}

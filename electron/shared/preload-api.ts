/**
 * The shape of `window.wizardBridge`, which the preload exposes in Electron. Types only: the
 * renderer imports this (shared may import only shared) and never the preload itself.
 */
import type { BridgeApi, BridgeEvent, BridgeMethod } from './contract';

/** The global name the preload uses with contextBridge.exposeInMainWorld. */
export const WIZARD_BRIDGE_GLOBAL = 'wizardBridge';

export type WizardBridgeGlobal = { readonly [M in BridgeMethod]: BridgeApi[M] } & {
  /** Subscribes to bridge events; returns the unsubscribe function. */
  onEvent(listener: (event: BridgeEvent) => void): () => void;
};

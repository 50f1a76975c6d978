/**
 * The preload: exposes `window.wizardBridge`, one named function per bridge method plus
 * `onEvent`, and nothing else (Electron security checklist #20: "Do not expose Electron APIs to untrusted web
 * content"). `ipcRenderer` itself, `invoke`, `send` and the IpcRendererEvent never cross the
 * context bridge: a page that could call `ipcRenderer.invoke` could name any channel.
 *
 * Runs sandboxed (CJS bundle, out/preload/index.cjs), so it imports only `electron` and the
 * shared contract, which esbuild inlines.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_METHODS,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_PREFIX,
  type BridgeEvent,
} from '../shared/contract';
import { WIZARD_BRIDGE_GLOBAL, type WizardBridgeGlobal } from '../shared/preload-api';

function buildBridge(): WizardBridgeGlobal {
  const api: Record<string, unknown> = {};
  for (const method of BRIDGE_METHODS) {
    // The channel is fixed here per method; the page chooses only the arguments, which main
    // validates (sender check, then zod) before core sees them.
    api[method] = (args: unknown) => ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${method}`, args);
  }
  api['onEvent'] = (listener: (event: BridgeEvent) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    // The wrapper drops the IpcRendererEvent (it carries `sender`, i.e. ipcRenderer).
    const wrapped = (_event: IpcRendererEvent, value: BridgeEvent): void => listener(value);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    };
  };
  return Object.freeze(api) as WizardBridgeGlobal;
}

export const wizardBridge: WizardBridgeGlobal = buildBridge();

contextBridge.exposeInMainWorld(WIZARD_BRIDGE_GLOBAL, wizardBridge);

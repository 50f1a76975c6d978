/**
 * The bridge's IPC transport in main, and the ONLY module that imports `ipcMain` (lint rule).
 *
 * One `ipcMain.handle('bridge:<method>')` per method in BRIDGE_METHODS, each of which first
 * validates the sender (Electron security checklist #17), then hands the raw arguments to core's
 * `dispatchBridgeCall`, which validates them with zod and never throws. Rejections are logged by
 * method and sender origin only: arguments can hold an app secret or an authorization code.
 */
import { ipcMain } from 'electron';
import { dispatchBridgeCall } from '../../core/bridge/dispatch';
import { BRIDGE_METHODS, IPC_INVOKE_PREFIX, type BridgeApi } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import { describeSender, validateSender, type InvokeEventLike } from './sender-validation';

export interface HandleBridgeOptions {
  /** True when the sending webContents is the wizard window's (see validateSender). */
  readonly isTrustedContents?: (sender: unknown) => boolean;
  readonly log?: (line: string) => void;
}

export function unauthorizedResult(): Result<never> {
  return fail({
    code: 'unauthorized',
    message: 'This request did not come from the wizard window, so it was refused.',
    remedy: 'Use the wizard window. If you see this inside it, restart the wizard.',
  });
}

/** The handler for one method; exported so tests can call it with a fake event. */
export function createBridgeHandler(
  service: BridgeApi,
  method: string,
  options: HandleBridgeOptions = {},
) {
  const log = options.log ?? (() => {});
  return async (event: InvokeEventLike, args: unknown): Promise<Result<unknown>> => {
    const verdict = validateSender(event, options.isTrustedContents);
    if (!verdict.ok) {
      log(`[ipc] refused ${method} from ${describeSender(event)}: ${verdict.reason}`);
      return unauthorizedResult();
    }
    return dispatchBridgeCall(service, method, args);
  };
}

/** Registers every bridge method. Returns a function that removes the handlers again. */
export function handleBridge(service: BridgeApi, options: HandleBridgeOptions = {}): () => void {
  for (const method of BRIDGE_METHODS) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${method}`, createBridgeHandler(service, method, options));
  }
  return () => {
    for (const method of BRIDGE_METHODS) ipcMain.removeHandler(`${IPC_INVOKE_PREFIX}${method}`);
  };
}

/**
 * EventSink for Electron: pushes bridge events to the wizard window. The ONLY caller of
 * `webContents.send` (lint rule), so events can reach no window but the wizard's.
 */
import type { BrowserWindow } from 'electron';
import type { EventSink } from '../../core/platform';
import { IPC_EVENT_CHANNEL, type BridgeEvent } from '../../shared/contract';

export function createEventSink(getWizardWindow: () => BrowserWindow | null): EventSink {
  return {
    emit(event: BridgeEvent): void {
      const win = getWizardWindow();
      // A destroyed window or webContents throws on send; events for a closed window are moot.
      if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
      win.webContents.send(IPC_EVENT_CHANNEL, event);
    },
  };
}

/**
 * HostShell for Electron: everything core may ask of the desktop, each behind its own rule.
 */
import { clipboard, dialog, shell, type BrowserWindow } from 'electron';
import type { HostShell, SignInWindowHandle, SignInWindowOptions } from '../../core/platform';
import { normalizeExternalUrl } from '../security/open-external';
import { externalExtraOrigins, signInAllowedOrigins } from '../security/origins';
import { originForLog } from '../security/web-contents-guards';
import { openSignInWindow } from '../windows/sign-in-window';
import { createClipboardWriter, type ClipboardWriter } from './clipboard-writer';

export interface ElectronShellDeps {
  readonly env: Record<string, string | undefined>;
  readonly getWizardWindow: () => BrowserWindow | null;
  readonly log?: (line: string) => void;
}

export interface ElectronShell extends HostShell {
  /** Clears secrets we put on the clipboard; call on quit. */
  flushClipboard(): Promise<void>;
}

/**
 * The one place `shell.openExternal` is called (Electron security checklist #15): every URL goes through the
 * allowlist gate and only the normalised, checked URL is handed to the OS.
 */
export async function openExternalSafely(
  url: string,
  extraOrigins: readonly string[],
  log: (line: string) => void,
): Promise<boolean> {
  const checked = normalizeExternalUrl(url, extraOrigins);
  if (checked === null) {
    log(`[shell] refused to open ${originForLog(url)} in the browser`);
    return false;
  }
  try {
    await shell.openExternal(checked);
    return true;
  } catch {
    log('[shell] the system browser could not be opened');
    return false;
  }
}

export function createElectronShell(deps: ElectronShellDeps): ElectronShell {
  const log = deps.log ?? (() => {});
  const extraOrigins = externalExtraOrigins(deps.env);
  const allowedOrigins = signInAllowedOrigins(deps.env);
  const clipboardWriter: ClipboardWriter = createClipboardWriter(clipboard);

  return {
    mode: 'electron',

    openExternal(url: string): Promise<boolean> {
      return openExternalSafely(url, extraOrigins, log);
    },

    openSignInWindow(options: SignInWindowOptions): SignInWindowHandle {
      return openSignInWindow(options, { allowedOrigins, parent: deps.getWizardWindow(), log });
    },

    /**
     * The App Console opens in an internal window under the sign-in window's rules (Dropbox
     * origins only, no preload, popups kept inside, downloads and permissions denied), with one
     * in-memory session for this run. Admins whose company signs in through a third-party SSO
     * page can use the "or go to <url>" link the step shows, which opens the system browser.
     */
    async openAppConsole(url: string): Promise<boolean> {
      try {
        openSignInWindow(
          { url, redirectUri: null, onRedirect: () => undefined, onClosed: () => undefined },
          { allowedOrigins, parent: deps.getWizardWindow(), log, purpose: 'app-console' },
        );
        return true;
      } catch {
        return openExternalSafely(url, extraOrigins, log);
      }
    },

    writeClipboard(value: string, clearAfterSeconds: number): void {
      clipboardWriter
        .write(value, clearAfterSeconds)
        .catch(() => log('[shell] could not write the clipboard'));
    },

    async chooseExportPath(defaultPath: string): Promise<string | null> {
      const parent = deps.getWizardWindow();
      const options = {
        title: 'Export connector settings',
        defaultPath,
        buttonLabel: 'Export',
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
          'createDirectory' | 'showOverwriteConfirmation'
        >,
      };
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },

    flushClipboard(): Promise<void> {
      return clipboardWriter.flush();
    },
  };
}

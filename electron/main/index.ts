/**
 * Electron main: app lifecycle only. Everything with a rule of its own lives in a module named
 * after it (windows/, security/, protocol/, ipc/, persistence/, secrets/, shell/).
 *
 * Order matters and follows Electron's rules: the data dir, the sandbox switch and the privileged
 * scheme must be set before `ready`; the global webContents guards before the first window; the
 * protocol handler, session hardening and IPC handlers before the wizard page loads.
 */
import { app, dialog, safeStorage, session, type BrowserWindow } from 'electron';
import { createCore } from '../core/compose';
import { acquireDataLock } from '../core/data-lock';
import { preloadPath, rendererDir, resolveDataDirOverride, WIZARD_URL } from './app-paths';
import { handleBridge } from './ipc/ipc-main';
import { createEventSink } from './ipc/send-event';
import { installApplicationMenu } from './menu';
import {
  ElectronCiphertextStore,
  ElectronProgressStore,
  openStateStore,
} from './persistence/progress-store';
import { handleAppProtocol, registerAppScheme } from './protocol/app-protocol';
import { SafeStorageVault } from './secrets/safe-storage-vault';
import { appConsoleUrl, externalExtraOrigins } from './security/origins';
import { hardenSession, installWebContentsGuards } from './security/web-contents-guards';
import { createElectronShell, openExternalSafely } from './shell/electron-shell';
import { createWizardWindow } from './windows/wizard-window';

// Log lines are fixed texts, method names and origins only: never arguments or URLs with a query
// (architecture non-negotiable: no secret in any log).
const log = (line: string): void => {
  console.log(`${new Date().toISOString()} ${line}`);
};

// --data-dir DIR / WIZARD_DATA_DIR: set before ready so Chromium's profile, the single-instance
// lock and electron-store all use it (two data dirs = two independent instances, as tests need).
const dataDirOverride = resolveDataDirOverride(process.argv, process.env, process.cwd());
if (dataDirOverride !== null) app.setPath('userData', dataDirOverride);

// Electron security checklist item 4: sandbox every renderer, whatever a window's options say.
app.enableSandbox();
// Electron security checklist item 18: the renderer comes from app://, registered as privileged
// before ready.
registerAppScheme();

let wizardWindow: BrowserWindow | null = null;
const getWizardWindow = (): BrowserWindow | null =>
  wizardWindow !== null && !wizardWindow.isDestroyed() ? wizardWindow : null;

const electronShell = createElectronShell({ env: process.env, getWizardWindow, log });

// Electron security checklist items 5, 11–14: default-deny guards on every webContents created
// from now on.
const extraOrigins = externalExtraOrigins(process.env);
installWebContentsGuards({
  openInBrowser: (url) => void openExternalSafely(url, extraOrigins, log),
  extraOrigins,
  log,
});

function openWizardWindow(): void {
  wizardWindow = createWizardWindow({
    preloadPath: preloadPath(app.getAppPath()),
    url: WIZARD_URL,
    log,
  });
  wizardWindow.on('closed', () => {
    wizardWindow = null;
  });
}

function focusWizardWindow(): void {
  const win = getWizardWindow();
  if (win === null) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function start(): void {
  hardenSession(session.defaultSession, log);
  handleAppProtocol(rendererDir(app.getAppPath()), log);

  const dataDir = app.getPath('userData');
  // Electron's single-instance lock covers desktop apps only; a browser-mode wizard on the same
  // folder is refused by the data-folder lock (and this app by its lock).
  const lock = acquireDataLock(dataDir, { address: 'the desktop app' });
  if (!lock.ok) {
    dialog.showErrorBox(
      'Dropbox Connector Wizard cannot start',
      `${lock.error.message}\n\n${lock.error.remedy}`,
    );
    app.quit();
    return;
  }
  process.on('exit', () => lock.value.release());
  const store = openStateStore(dataDir, log);
  // After ready: safeStorage reports the Linux backend as 'unknown' before it (Electron docs, safe-storage.md).
  const vault = new SafeStorageVault({
    safeStorage,
    store: new ElectronCiphertextStore(store),
    platform: process.platform,
    log,
  });
  const service = createCore({ env: process.env, log }).createWizard({
    shell: electronShell,
    progress: new ElectronProgressStore(store),
    vault,
    events: createEventSink(getWizardWindow),
    dataDir,
  });
  // Electron security checklist item 17: only the wizard window's main frame on app://wizard may
  // call the bridge.
  handleBridge(service, {
    isTrustedContents: (sender) => {
      const win = getWizardWindow();
      return win !== null && sender === win.webContents;
    },
    log,
  });

  installApplicationMenu({
    appName: app.getName(),
    platform: process.platform,
    isPackaged: app.isPackaged,
    openAppConsole: () => void electronShell.openAppConsole?.(appConsoleUrl(process.env)),
  });

  openWizardWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another wizard already runs on this data dir; it gets focused by its second-instance event.
  app.quit();
} else {
  app.on('second-instance', focusWizardWindow);

  app.on('window-all-closed', () => {
    // macOS convention: apps stay running without windows until Cmd+Q.
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && getWizardWindow() === null) openWizardWindow();
  });

  // A secret copied a moment ago must not outlive the app on the clipboard. The clipboard API is
  // promise-based, so quitting waits (at most a second) for the clear, then resumes.
  let clipboardFlushed = false;
  app.on('before-quit', (event) => {
    if (clipboardFlushed) return;
    clipboardFlushed = true;
    event.preventDefault();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1000));
    void Promise.race([electronShell.flushClipboard(), timeout]).finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log(`[main] start-up failed: ${error instanceof Error ? error.name : 'unknown error'}`);
      // Start-up errors are configuration errors (DROPBOX_*_ORIGIN, WIZARD_REDIRECT_PORTS) whose
      // text names the variable and the rule; no secret exists yet at this point.
      dialog.showErrorBox(
        'Dropbox Connector Wizard cannot start',
        error instanceof Error ? error.message : 'An unexpected error stopped the wizard.',
      );
      app.exit(1);
    });
}

/**
 * The wizard window: the app's only trusted page, served from app://wizard.
 *
 * The hardened flags come from hardened-web-preferences.ts (Electron security checklist #2–4, 6, 8–11); this
 * window adds only its preload, which exposes named bridge functions only (20). Navigation, new windows and permissions are denied by the global guards
 * (security/web-contents-guards.ts); this window adds its own will-navigate denial as a second
 * lock, since it is the one that holds the bridge.
 */
import { BrowserWindow } from 'electron';
import { hardenedWebPreferences } from './hardened-web-preferences';

export interface WizardWindowOptions {
  readonly preloadPath: string;
  readonly url: string;
  readonly log?: (line: string) => void;
}

export const WIZARD_WINDOW_TITLE = 'Dropbox Connector Wizard';

export function createWizardWindow(options: WizardWindowOptions): BrowserWindow {
  const log = options.log ?? (() => {});
  const win = new BrowserWindow({
    width: 1000,
    height: 760,
    minWidth: 800,
    minHeight: 600,
    title: WIZARD_WINDOW_TITLE,
    show: false,
    backgroundColor: '#f6f7f9',
    // Only what differs is added; the hardened flags come last so nothing can override them.
    webPreferences: {
      preload: options.preloadPath,
      ...hardenedWebPreferences(),
    },
  });

  // The product name stays the title whatever the page's <title> says.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  // Electron security checklist item 13, second lock: the wizard page never navigates (the global
  // guard also denies).
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('render-process-gone', (_event, details) => {
    log(`[window] renderer gone: ${details.reason}`);
  });

  win.loadURL(options.url).catch(() => log('[window] could not load the wizard page'));
  return win;
}

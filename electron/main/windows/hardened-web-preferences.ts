/**
 * The one hardened `webPreferences` base for every window (the wizard and sign-in windows once
 * each carried a copy). Each flag is an Electron security checklist item
 * (electronjs.org/docs/latest/tutorial/security): Node off (2),
 * context isolation (3), sandbox (4), web security on (6), no insecure content (8), no
 * experimental or extra Blink features (9, 10), no <webview> (11), Auxclick disabled so a middle
 * click cannot open a window (Electronegativity AUXCLICK). Windows add only what differs
 * (the wizard's preload, the sign-in window's session); they never override these.
 */
import type { WebPreferences } from 'electron';

export function hardenedWebPreferences(): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
  };
}

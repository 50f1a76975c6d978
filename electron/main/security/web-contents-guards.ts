/**
 * Default-deny guards for every webContents and session the app creates.
 *
 * A global `web-contents-created` handler means no window can forget them: navigation denied
 * (Electron security checklist #13), new windows denied (#14; allow-listed https links go to the system
 * browser through item 15's gate), `<webview>` refused (items 11–12), permissions denied on every
 * session (item 5), downloads denied. The sign-in window is the one exception to the navigation
 * rule, and only because sign-in-window.ts registers its webContents in `signInContents` and
 * installs its own stricter rule.
 */
import { app, type Session, type WebContents } from 'electron';
import { normalizeExternalUrl } from './open-external';

type Log = (line: string) => void;

const signInContents = new WeakSet<WebContents>();
const hardenedSessions = new WeakSet<Session>();

/** Called by sign-in-window.ts only: exempts that window from the default navigation denial. */
export function markSignInContents(contents: WebContents): void {
  signInContents.add(contents);
}

export function isSignInContents(contents: WebContents): boolean {
  return signInContents.has(contents);
}

/** Origin only: a URL's query may carry an OAuth code or state, which never goes to a log. */
export function originForLog(raw: string): string {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Denies every permission request and check, and every download, on `ses` (Electron security checklist #5:
 * "By default, Electron will automatically approve all permission requests"). Idempotent.
 */
export function hardenSession(ses: Session, log: Log = () => {}): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`[guards] denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  // Nothing in the wizard downloads; a page offering a file is either a bug or an attack.
  ses.on('will-download', (event) => {
    event.preventDefault();
    log('[guards] denied a download');
  });
}

export interface GuardOptions {
  /**
   * Hands a URL to the system browser. It has already passed normalizeExternalUrl here, and the
   * callee (shell/electron-shell.ts openExternalSafely) checks it again before the OS sees it.
   */
  readonly openInBrowser: (url: string) => void;
  /** Extra origins for the external gate (validated DROPBOX_WEB_ORIGIN override). */
  readonly extraOrigins: readonly string[];
  readonly log?: Log;
}

/** Installs the guards on one webContents (exported for unit tests). */
export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  const log = options.log ?? (() => {});
  hardenSession(contents.session, log);

  // Item 13: deny navigation by default. The sign-in check happens at event time, because the
  // webContents exists (and this handler runs) before sign-in-window.ts can mark it.
  contents.on('will-navigate', (event) => {
    if (isSignInContents(contents)) return;
    event.preventDefault();
    log(`[guards] blocked navigation to ${originForLog(event.url)}`);
  });

  // Item 14: no new windows. An allow-listed https link goes to the system browser (item 15).
  // The sign-in window replaces this handler with its own (same-window) rule.
  contents.setWindowOpenHandler(({ url }) => {
    const allowed = normalizeExternalUrl(url, options.extraOrigins);
    if (allowed !== null) {
      options.openInBrowser(allowed);
    } else {
      log(`[guards] blocked a new window for ${originForLog(url)}`);
    }
    return { action: 'deny' };
  });

  // Items 11–12: the app uses no <webview>; refuse any attempt to attach one.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[guards] blocked a <webview>');
  });
}

/** Registers the global handler. Call once, before any window is created. */
export function installWebContentsGuards(options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}

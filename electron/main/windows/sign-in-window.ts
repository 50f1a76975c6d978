/**
 * The internal sign-in window: `HostShell.openSignInWindow` for Electron.
 *
 * RFC 8252 §8.12 discourages embedded sign-in; the system browser with the loopback redirect is
 * the wizard's default and this window is the optional third path. Because it shows a remote
 * site, it takes every precaution the Electron security checklist gives for remote content (numbers
 * below are its items, electronjs.org/docs/latest/tutorial/security):
 * - no preload, sandbox + context isolation on, Node off (items 2–4, 20);
 * - a fresh in-memory session per attempt: partition `signin-<uuid>` without `persist:`,
 *   cleared when the window closes, so no Dropbox cookie outlives the attempt;
 * - navigation only to the allowed Dropbox origins by its own explicit rule (item 13), popups
 *   kept in the same window (item 14), downloads and permissions denied (item 5);
 * - the redirect URI intercepted in `will-redirect` and `will-navigate` and never loaded;
 * - the address always shown in the title bar, so the admin can see where they type a password;
 * - no executeJavaScript or injection into the page.
 */
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Session } from 'electron';
import type { SignInWindowHandle, SignInWindowOptions } from '../../core/platform';
import { hardenSession, markSignInContents, originForLog } from '../security/web-contents-guards';
import {
  decideSignInNavigation,
  displayAddress,
  type SignInNavigationRules,
} from './sign-in-navigation';
import { hardenedWebPreferences } from './hardened-web-preferences';

type Log = (line: string) => void;

export interface SignInWindowDeps {
  /** Exact origins the window may show (validated; see security/origins.ts). */
  readonly allowedOrigins: readonly string[];
  readonly parent?: BrowserWindow | null;
  readonly log?: Log;
  /**
   * 'app-console': the same rules for the App Console (Create app step), with one in-memory
   * partition for the whole run so the admin stays signed in between "Open App Console" clicks
   * (never persisted: it ends when the app quits).
   */
  readonly purpose?: 'sign-in' | 'app-console';
}

/** One per run, for the App Console window only. */
const APP_CONSOLE_PARTITION = `app-console-${randomUUID()}`;

/** Partition names start with this; tests and the session hardening rely on it. */
export const SIGN_IN_PARTITION_PREFIX = 'signin-';

const TITLE_PREFIX = 'Sign in to Dropbox';

function clearSession(ses: Session, log: Log): void {
  // In-memory partitions live until the app quits; wipe cookies, storage and caches now so a
  // second attempt (or another admin at the same desk) starts signed out.
  Promise.all([ses.clearStorageData(), ses.clearCache(), ses.clearAuthCache()]).catch(() => {
    log('[sign-in] could not clear the sign-in session');
  });
}

export function openSignInWindow(
  options: SignInWindowOptions,
  deps: SignInWindowDeps,
): SignInWindowHandle {
  const log = deps.log ?? (() => {});
  const rules: SignInNavigationRules = {
    allowedOrigins: deps.allowedOrigins,
    redirectUri: options.redirectUri,
  };
  if (decideSignInNavigation(options.url, rules) !== 'allow') {
    // The authorize URL is built by core; refusing here means a misconfigured origin, never a
    // reason to show an arbitrary page.
    throw new Error('The sign-in URL is not on an allowed Dropbox origin.');
  }

  const appConsole = deps.purpose === 'app-console';
  const titlePrefix = appConsole ? 'Dropbox App Console' : TITLE_PREFIX;
  const partition = appConsole
    ? APP_CONSOLE_PARTITION
    : `${SIGN_IN_PARTITION_PREFIX}${randomUUID()}`;
  const ses = session.fromPartition(partition, { cache: false });
  hardenSession(ses, log);

  const win = new BrowserWindow({
    width: appConsole ? 1100 : 520,
    height: appConsole ? 820 : 720,
    minWidth: 400,
    minHeight: 520,
    title: titlePrefix,
    parent: deps.parent ?? undefined,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    // Only what differs is added; the hardened flags come last so nothing can override them.
    webPreferences: {
      // No preload: the remote page gets no bridge at all (item 20).
      session: ses,
      ...hardenedWebPreferences(),
    },
  });
  const contents = win.webContents;
  markSignInContents(contents);

  // Set once the redirect was delivered or core closed the window: no onClosed after that.
  let settled = false;

  const showAddress = (url: string, note = ''): void => {
    if (win.isDestroyed()) return;
    const address = displayAddress(url);
    win.setTitle(`${titlePrefix} — ${address}${note}`);
  };

  const closeWindow = (): void => {
    if (!win.isDestroyed()) win.close();
  };

  const intercept = (url: string): void => {
    if (settled) return;
    settled = true;
    log('[sign-in] redirect intercepted');
    try {
      options.onRedirect(url);
    } finally {
      closeWindow();
    }
  };

  const blocked = (url: string): void => {
    log(`[sign-in] blocked navigation to ${originForLog(url)}`);
    // Tell the admin why nothing happened, in the one place they are looking.
    showAddress(contents.getURL(), ` (blocked a page outside Dropbox: ${originForLog(url)})`);
  };

  /** Cancels anything but an allowed navigation, then intercepts or reports it. */
  const guard = (event: { preventDefault(): void }, url: string): void => {
    const decision = decideSignInNavigation(url, rules);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'intercept') intercept(url);
    else blocked(url);
  };

  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => {
    // Subframe redirects (Dropbox's captcha frames) are the page's business; the redirect URI is
    // caught in any frame, so a code can never load anywhere.
    if (!event.isMainFrame && decideSignInNavigation(event.url, rules) !== 'intercept') return;
    guard(event, event.url);
  });

  // Popups stay in this window (item 14): deny the new window, then load the URL here if the
  // same rule allows it (or intercept it if it is the redirect).
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideSignInNavigation(url, rules);
    if (decision === 'allow') void contents.loadURL(url).catch(() => undefined);
    else if (decision === 'intercept') intercept(url);
    else blocked(url);
    return { action: 'deny' };
  });

  // Keep the address in the title: a page's own <title> must not hide where the admin is.
  win.on('page-title-updated', (event) => event.preventDefault());
  contents.on('did-navigate', (_event, url) => showAddress(url));
  contents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
    if (isMainFrame) showAddress(url);
  });
  // A crashed page cannot finish the sign-in: close, which reports onClosed so core can offer
  // the other paths instead of waiting for its timeout.
  contents.on('render-process-gone', () => closeWindow());

  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (!appConsole) clearSession(ses, log);
    if (!settled) {
      settled = true;
      options.onClosed();
    }
  });

  showAddress(options.url);
  contents.loadURL(options.url).catch(() => {
    // Offline or DNS failure: Chromium shows its own error page; the wizard's other paths
    // (system browser, manual code) stay available. Only the origin is logged.
    log(`[sign-in] could not load ${originForLog(options.url)}`);
  });

  return {
    close(): void {
      // Core cancelled the attempt (or another path won): not the admin closing it.
      settled = true;
      closeWindow();
    },
  };
}

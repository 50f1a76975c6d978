import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronMock));

import { installWebContentsGuards } from '../../../electron/main/security/web-contents-guards';
import { signInAllowedOrigins } from '../../../electron/main/security/origins';
import {
  openSignInWindow,
  SIGN_IN_PARTITION_PREFIX,
} from '../../../electron/main/windows/sign-in-window';
import { FakeBrowserWindow, electronMock, fakeEvent, fakes, resetFakes } from './fake-electron';

const AUTHORIZE =
  'https://www.dropbox.com/oauth2/authorize?client_id=key&state=st4te&response_type=code';
const REDIRECT = 'http://127.0.0.1:53917/oauth/callback';

function open(overrides: { redirectUri?: string | null; allowedOrigins?: readonly string[] } = {}) {
  const onRedirect = vi.fn();
  const onClosed = vi.fn();
  const lines: string[] = [];
  const handle = openSignInWindow(
    {
      url: AUTHORIZE,
      redirectUri: overrides.redirectUri === undefined ? REDIRECT : overrides.redirectUri,
      onRedirect,
      onClosed,
    },
    {
      allowedOrigins: overrides.allowedOrigins ?? signInAllowedOrigins({}),
      log: (line) => lines.push(line),
    },
  );
  const win = FakeBrowserWindow.instances.at(-1)!;
  return { handle, win, contents: win.webContents, onRedirect, onClosed, lines };
}

describe('the sign-in window (embedded sign-in, hardened)', () => {
  beforeEach(() => {
    resetFakes();
    // The global guards are installed in the real app too; the sign-in window must win over them.
    installWebContentsGuards({ openInBrowser: vi.fn(), extraOrigins: [] });
  });

  it('has no preload and the secure flags, in a fresh in-memory partition per attempt', () => {
    const first = open();
    const second = open();
    const prefs = first.win.options.webPreferences!;
    expect(prefs.preload).toBeUndefined();
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    const partitions = electronMock.session.fromPartition.mock.calls.map(
      (call) => call[0] as string,
    );
    expect(partitions).toHaveLength(2);
    expect(new Set(partitions).size).toBe(2);
    for (const partition of partitions) {
      expect(partition.startsWith(SIGN_IN_PARTITION_PREFIX)).toBe(true);
      expect(partition).not.toMatch(/^persist:/);
    }
    expect(first.contents.session).not.toBe(second.contents.session);
    expect(first.contents.session).not.toBe(fakes.defaultSession);
  });

  it('loads the authorize URL and shows its address (origin and path) in the title', () => {
    const { contents, win } = open();
    expect(contents.loadURL).toHaveBeenCalledWith(AUTHORIZE);
    expect(win.getTitle()).toContain('https://www.dropbox.com/oauth2/authorize');
    expect(win.getTitle()).not.toContain('st4te');
    contents.emit('did-navigate', fakeEvent(), 'https://www.dropbox.com/login?cont=x');
    expect(win.getTitle()).toContain('https://www.dropbox.com/login');
    const titleEvent = fakeEvent();
    win.emit('page-title-updated', titleEvent, 'Dropbox - Sign in');
    expect(titleEvent.defaultPrevented).toBe(true);
  });

  it('refuses to open anything but an allowed origin', () => {
    const onRedirect = vi.fn();
    expect(() =>
      openSignInWindow(
        {
          url: 'https://evil.test/oauth2/authorize',
          redirectUri: REDIRECT,
          onRedirect,
          onClosed: vi.fn(),
        },
        { allowedOrigins: signInAllowedOrigins({}) },
      ),
    ).toThrow();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('allows navigation within Dropbox and blocks everything else', () => {
    const { contents, win, lines } = open();
    const inside = fakeEvent('https://www.dropbox.com/login');
    contents.emit('will-navigate', inside);
    expect(inside.defaultPrevented).toBe(false);
    for (const url of [
      'https://www.dropbox.com.evil.test/',
      'https://accounts.google.com/',
      'file:///etc/passwd',
    ]) {
      const outside = fakeEvent(url);
      contents.emit('will-navigate', outside);
      expect(outside.defaultPrevented).toBe(true);
    }
    expect(win.getTitle()).toContain('blocked');
    expect(lines.join('\n')).not.toContain('/etc/passwd');
  });

  it('blocks a main-frame server redirect off Dropbox but leaves subframe redirects alone', () => {
    const { contents } = open();
    const main = fakeEvent('https://evil.test/phish', true);
    contents.emit('will-redirect', main);
    expect(main.defaultPrevented).toBe(true);
    const sub = fakeEvent('https://captcha.example/frame', false);
    contents.emit('will-redirect', sub);
    expect(sub.defaultPrevented).toBe(false);
  });

  it.each(['will-redirect', 'will-navigate'])(
    'intercepts the redirect URI in %s, hands it over once, and closes',
    (name) => {
      const { contents, win, onRedirect, onClosed, lines } = open();
      const url = `${REDIRECT}?code=CODE-SECRET-123&state=st4te`;
      const event = fakeEvent(url);
      contents.emit(name, event);
      expect(event.defaultPrevented).toBe(true);
      expect(onRedirect).toHaveBeenCalledTimes(1);
      expect(onRedirect).toHaveBeenCalledWith(url);
      expect(win.isDestroyed()).toBe(true);
      expect(onClosed).not.toHaveBeenCalled();
      expect(lines.join('\n')).not.toContain('CODE-SECRET-123');
      // The session is wiped when the window goes.
      expect(contents.session.clearStorageData).toHaveBeenCalled();
    },
  );

  it('intercepts the redirect URI even from a subframe redirect', () => {
    const { contents, onRedirect } = open();
    const event = fakeEvent(`${REDIRECT}?code=abc&state=st4te`, false);
    contents.emit('will-redirect', event);
    expect(event.defaultPrevented).toBe(true);
    expect(onRedirect).toHaveBeenCalledTimes(1);
  });

  it('calls onClosed when the admin closes the window first, and clears the session', () => {
    const { win, onClosed, onRedirect, contents } = open();
    win.close();
    expect(onClosed).toHaveBeenCalledTimes(1);
    expect(onRedirect).not.toHaveBeenCalled();
    expect(contents.session.clearStorageData).toHaveBeenCalled();
    expect(contents.session.clearCache).toHaveBeenCalled();
  });

  it('reports onClosed when the page crashes', () => {
    const { contents, win, onClosed } = open();
    contents.emit('render-process-gone', fakeEvent(), { reason: 'crashed' });
    expect(win.isDestroyed()).toBe(true);
    expect(onClosed).toHaveBeenCalledTimes(1);
  });

  it('does not call onClosed when core closes it through the handle', () => {
    const { handle, win, onClosed } = open();
    handle.close();
    expect(win.isDestroyed()).toBe(true);
    expect(onClosed).not.toHaveBeenCalled();
  });

  it('keeps popups in the same window when allowed, and never opens a new one', () => {
    const { contents, onRedirect } = open();
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://www.dropbox.com/help' })).toEqual({ action: 'deny' });
    expect(contents.loadURL).toHaveBeenLastCalledWith('https://www.dropbox.com/help');
    contents.loadURL.mockClear();
    expect(handler({ url: 'https://evil.test/' })).toEqual({ action: 'deny' });
    expect(contents.loadURL).not.toHaveBeenCalled();
    expect(handler({ url: `${REDIRECT}?code=x&state=st4te` })).toEqual({ action: 'deny' });
    expect(onRedirect).toHaveBeenCalledTimes(1);
    expect(electronMock.shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies permissions and downloads in its partition', () => {
    const { contents } = open();
    const ses = contents.session;
    const callback = vi.fn();
    ses.permissionRequestHandler!(contents, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(ses.permissionCheckHandler!(contents, 'clipboard-read')).toBe(false);
    const download = fakeEvent();
    ses.emit('will-download', download, {}, contents);
    expect(download.defaultPrevented).toBe(true);
  });

  it('refuses <webview> like every other window', () => {
    const { contents } = open();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('allows the loopback emulator origin when configured', () => {
    const { contents } = open({
      allowedOrigins: signInAllowedOrigins({ DROPBOX_WEB_ORIGIN: 'http://127.0.0.1:4010' }),
    });
    const event = fakeEvent('http://127.0.0.1:4010/oauth2/authorize');
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(false);
  });
});

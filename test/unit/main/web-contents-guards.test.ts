import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronMock));

import {
  hardenSession,
  installWebContentsGuards,
  markSignInContents,
  originForLog,
} from '../../../electron/main/security/web-contents-guards';
import { FakeBrowserWindow, FakeSession, fakeEvent, fakes, resetFakes } from './fake-electron';

describe('the global webContents guards (Electron security checklist #5, 11–15)', () => {
  let openExternal: ReturnType<typeof vi.fn<(url: string) => void>>;
  let lines: string[];

  beforeEach(() => {
    resetFakes();
    openExternal = vi.fn<(url: string) => void>();
    lines = [];
    installWebContentsGuards({
      openInBrowser: openExternal,
      extraOrigins: [],
      log: (line) => lines.push(line),
    });
  });

  it('denies every navigation of an ordinary window, logging the origin only', () => {
    const { webContents } = new FakeBrowserWindow({});
    const event = fakeEvent('https://www.dropbox.com/oauth2/authorize?code=SECRETCODE');
    webContents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(lines.join('\n')).toContain('https://www.dropbox.com');
    expect(lines.join('\n')).not.toContain('SECRETCODE');
  });

  it('lets a window registered as the sign-in window decide for itself', () => {
    const { webContents } = new FakeBrowserWindow({});
    markSignInContents(webContents as never);
    const event = fakeEvent('https://www.dropbox.com/login');
    webContents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(false);
  });

  it('denies new windows; allow-listed https links go to the system browser', () => {
    const { webContents } = new FakeBrowserWindow({});
    const handler = webContents.windowOpenHandler!;
    expect(handler({ url: 'https://www.dropbox.com/developers/apps' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://www.dropbox.com/developers/apps');
    openExternal.mockClear();
    for (const url of [
      'https://www.dropbox.com.evil.test/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'app://wizard/x',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses <webview>', () => {
    const { webContents } = new FakeBrowserWindow({});
    const event = fakeEvent();
    webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('hardens the session of every new webContents: permissions and downloads denied', () => {
    new FakeBrowserWindow({});
    const ses = fakes.defaultSession;
    const callback = vi.fn();
    ses.permissionRequestHandler!({}, 'geolocation', callback);
    expect(callback).toHaveBeenCalledWith(false);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(ses.permissionCheckHandler!({}, permission)).toBe(false);
    }
    const download = fakeEvent();
    ses.emit('will-download', download, {}, {});
    expect(download.defaultPrevented).toBe(true);
  });

  it('hardenSession is idempotent (one download listener per session)', () => {
    const ses = new FakeSession('x');
    hardenSession(ses as never);
    hardenSession(ses as never);
    expect(ses.listenerCount('will-download')).toBe(1);
  });

  it('originForLog keeps queries out of logs', () => {
    expect(originForLog('http://127.0.0.1:53917/oauth/callback?code=abc')).toBe(
      'http://127.0.0.1:53917',
    );
    expect(originForLog('javascript:alert(document.cookie)')).toBe('javascript:');
    expect(originForLog('%%%')).toBe('(unparsable URL)');
  });
});

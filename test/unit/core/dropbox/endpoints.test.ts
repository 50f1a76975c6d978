import { describe, expect, it } from 'vitest';
import { resolveEndpoints } from '../../../../electron/core/dropbox/endpoints';
import { isLoopbackHostname as isLoopbackHost } from '../../../../electron/core/net/loopback-names';

describe('resolveEndpoints', () => {
  it('uses the real Dropbox hosts by default', () => {
    expect(resolveEndpoints({})).toEqual({
      webOrigin: 'https://www.dropbox.com',
      apiOrigin: 'https://api.dropboxapi.com',
      authorizeUrl: 'https://www.dropbox.com/oauth2/authorize',
      tokenUrl: 'https://api.dropboxapi.com/oauth2/token',
      apiBase: 'https://api.dropboxapi.com/2/',
      appConsoleUrl: 'https://www.dropbox.com/developers/apps',
    });
  });

  it('treats empty variables as unset', () => {
    expect(resolveEndpoints({ DROPBOX_WEB_ORIGIN: ' ', DROPBOX_API_ORIGIN: '' }).webOrigin).toBe(
      'https://www.dropbox.com',
    );
  });

  it.each([
    'http://127.0.0.1:8080',
    'http://127.4.5.6:1',
    'http://localhost:3000',
    'http://[::1]:9000',
    'http://127.0.0.1:8080/',
  ])('allows plain http to the loopback origin %s', (origin) => {
    const e = resolveEndpoints({ DROPBOX_WEB_ORIGIN: origin, DROPBOX_API_ORIGIN: origin });
    expect(e.webOrigin).toBe(origin.replace(/\/$/, ''));
    expect(e.apiBase).toBe(`${origin.replace(/\/$/, '')}/2/`);
    expect(e.tokenUrl).toBe(`${origin.replace(/\/$/, '')}/oauth2/token`);
  });

  it('allows https anywhere', () => {
    expect(
      resolveEndpoints({ DROPBOX_API_ORIGIN: 'https://dropbox.example.test:8443' }).apiBase,
    ).toBe('https://dropbox.example.test:8443/2/');
  });

  it.each([
    ['DROPBOX_WEB_ORIGIN', 'http://example.com'],
    ['DROPBOX_API_ORIGIN', 'http://10.0.0.5:8080'],
    ['DROPBOX_API_ORIGIN', 'http://128.0.0.1'],
    ['DROPBOX_WEB_ORIGIN', 'https://www.dropbox.com/oauth2'],
    ['DROPBOX_WEB_ORIGIN', 'https://www.dropbox.com/?x=1'],
    ['DROPBOX_WEB_ORIGIN', 'https://www.dropbox.com/#frag'],
    ['DROPBOX_API_ORIGIN', 'ftp://127.0.0.1'],
    ['DROPBOX_API_ORIGIN', 'not a url'],
  ])('refuses %s=%s with a message naming the variable and the rule', (variable, value) => {
    expect(() => resolveEndpoints({ [variable]: value })).toThrow(
      new RegExp(`${variable}.*loopback`),
    );
  });

  it('refuses user info without echoing it', () => {
    let message = '';
    try {
      resolveEndpoints({ DROPBOX_API_ORIGIN: 'https://user:hunter2secret@api.example.test' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/DROPBOX_API_ORIGIN/);
    expect(message).toMatch(/user info/);
    expect(message).not.toContain('hunter2secret');
  });

  it('knows the loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.255.255.254')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
  });
});

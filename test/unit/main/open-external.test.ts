import { describe, expect, it } from 'vitest';
import {
  isAllowedExternalUrl,
  normalizeExternalUrl,
} from '../../../electron/main/security/open-external';
import { externalExtraOrigins, parseOriginOverride } from '../../../electron/main/security/origins';

describe('the openExternal allowlist (Electron security checklist #15)', () => {
  it.each([
    'https://www.dropbox.com/developers/apps',
    'https://dropbox.com/oauth2/authorize?client_id=abc&state=xyz',
    'https://www.dropbox.com/',
  ])('allows the Dropbox web URL %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it('normalises case and returns the parsed form', () => {
    expect(normalizeExternalUrl('HTTPS://WWW.DROPBOX.COM/')).toBe('https://www.dropbox.com/');
  });

  it.each([
    ['a look-alike host', 'https://www.dropbox.com.evil.test'],
    ['a look-alike host with a path', 'https://www.dropbox.com.evil.test/developers/apps'],
    ['Dropbox in the query of another host', 'https://evil.test/?https://www.dropbox.com'],
    ['Dropbox in the fragment of another host', 'https://evil.test/#https://www.dropbox.com'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with a Dropbox comment', 'javascript://www.dropbox.com/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['smb:', 'smb://host/share'],
    ['userinfo with credentials', 'https://user:pass@www.dropbox.com/'],
    ['userinfo only', 'https://user@www.dropbox.com/'],
    ['Dropbox as userinfo of another host', 'https://www.dropbox.com@evil.test/'],
    ['plain http', 'http://www.dropbox.com/'],
    ['a non-default port', 'https://www.dropbox.com:8443/'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['about:', 'about:blank'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['a subdomain not on the list', 'https://evil.dropbox.com/'],
    ['the API host', 'https://api.dropboxapi.com/2/check/app'],
    ['a leading space', ' https://www.dropbox.com/'],
    ['an embedded newline', 'https://www.dropbox.com/\n'],
    ['a relative URL', '/developers/apps'],
    ['an empty string', ''],
    ['a UNC-like path', '\\\\evil.test\\share'],
    ['the app scheme', 'app://wizard/index.html'],
    ['a trailing-dot host', 'https://www.dropbox.com./'],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false);
    expect(isAllowedExternalUrl({ toString: () => 'https://www.dropbox.com/' })).toBe(false);
  });

  describe('with the DROPBOX_WEB_ORIGIN override (emulator)', () => {
    const extra = externalExtraOrigins({ DROPBOX_WEB_ORIGIN: 'http://127.0.0.1:4010' });

    it('allows the loopback emulator origin over http', () => {
      expect(isAllowedExternalUrl('http://127.0.0.1:4010/developers/apps', extra)).toBe(true);
    });

    it('refuses the same host on another port or scheme', () => {
      expect(isAllowedExternalUrl('http://127.0.0.1:4011/', extra)).toBe(false);
      expect(isAllowedExternalUrl('https://127.0.0.1:4010/', extra)).toBe(false);
    });

    it('ignores an http override for a non-loopback host', () => {
      expect(parseOriginOverride('http://dropbox.evil.test')).toBeNull();
      expect(externalExtraOrigins({ DROPBOX_WEB_ORIGIN: 'http://dropbox.evil.test' })).toEqual([]);
      expect(isAllowedExternalUrl('http://dropbox.evil.test/', ['http://dropbox.evil.test'])).toBe(
        false,
      );
    });

    it('refuses an override carrying a path, query or userinfo', () => {
      expect(parseOriginOverride('https://emulator.test/path')).toBeNull();
      expect(parseOriginOverride('https://emulator.test/?x=1')).toBeNull();
      expect(parseOriginOverride('https://u:p@emulator.test')).toBeNull();
      expect(parseOriginOverride('javascript:alert(1)')).toBeNull();
    });

    it('accepts an https override and the three loopback names', () => {
      expect(parseOriginOverride('https://dropbox-staging.test')).toBe(
        'https://dropbox-staging.test',
      );
      expect(parseOriginOverride('http://localhost:8080')).toBe('http://localhost:8080');
      expect(parseOriginOverride('http://[::1]:8080/')).toBe('http://[::1]:8080');
    });
  });
});

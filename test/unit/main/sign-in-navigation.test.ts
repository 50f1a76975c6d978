import { describe, expect, it } from 'vitest';
import { signInAllowedOrigins } from '../../../electron/main/security/origins';
import {
  decideSignInNavigation,
  displayAddress,
} from '../../../electron/main/windows/sign-in-navigation';

const rules = {
  allowedOrigins: signInAllowedOrigins({}),
  redirectUri: 'http://127.0.0.1:53917/oauth/callback',
};

describe('the sign-in window navigation rule', () => {
  it.each([
    'https://www.dropbox.com/oauth2/authorize?client_id=k&state=s&response_type=code',
    'https://www.dropbox.com/login?cont=https%3A%2F%2Fevil.test',
    'https://dropbox.com/oauth2/authorize',
    'HTTPS://WWW.DROPBOX.COM/login',
  ])('allows the Dropbox page %s', (url) => {
    expect(decideSignInNavigation(url, rules)).toBe('allow');
  });

  it.each([
    'http://127.0.0.1:53917/oauth/callback?code=abc&state=s',
    'http://127.0.0.1:53917/oauth/callback?error=access_denied&state=s',
    'http://127.0.0.1:53917/oauth/callback',
    'http://127.0.0.1:53917/oauth/callback#fragment',
  ])('intercepts the redirect URI %s', (url) => {
    expect(decideSignInNavigation(url, rules)).toBe('intercept');
  });

  it.each([
    ['a look-alike host', 'https://www.dropbox.com.evil.test/oauth2/authorize'],
    ['Dropbox in the query', 'https://evil.test/?u=https://www.dropbox.com'],
    ['Dropbox as userinfo', 'https://www.dropbox.com@evil.test/'],
    ['userinfo on Dropbox', 'https://user:pass@www.dropbox.com/'],
    ['plain http Dropbox', 'http://www.dropbox.com/login'],
    ['another port on Dropbox', 'https://www.dropbox.com:444/'],
    ['a Dropbox subdomain', 'https://help.dropbox.com/'],
    ['an identity provider', 'https://accounts.google.com/o/oauth2/auth'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,hi'],
    ['about:', 'about:blank'],
    ['the wizard page', 'app://wizard/index.html'],
    ['the redirect host on another path', 'http://127.0.0.1:53917/other'],
    ['the redirect path on another port', 'http://127.0.0.1:53918/oauth/callback'],
    [
      'the redirect path on localhost (a different string)',
      'http://localhost:53917/oauth/callback',
    ],
    ['the redirect path over https', 'https://127.0.0.1:53917/oauth/callback'],
    ['a redirect look-alike host', 'http://127.0.0.1.evil.test:53917/oauth/callback'],
    ['a longer path', 'http://127.0.0.1:53917/oauth/callback/more'],
    ['garbage', 'not a url'],
  ])('blocks %s', (_label, url) => {
    expect(decideSignInNavigation(url, rules)).toBe('block');
  });

  it('intercepts nothing when there is no redirect URI (code shown by Dropbox)', () => {
    const noRedirect = { ...rules, redirectUri: null };
    expect(decideSignInNavigation('http://127.0.0.1:53917/oauth/callback?code=x', noRedirect)).toBe(
      'block',
    );
    expect(decideSignInNavigation('https://www.dropbox.com/oauth2/authorize', noRedirect)).toBe(
      'allow',
    );
  });

  it('allows the loopback emulator origin only when DROPBOX_WEB_ORIGIN names it', () => {
    const emulator = {
      allowedOrigins: signInAllowedOrigins({ DROPBOX_WEB_ORIGIN: 'http://127.0.0.1:4010' }),
      redirectUri: rules.redirectUri,
    };
    expect(decideSignInNavigation('http://127.0.0.1:4010/oauth2/authorize', emulator)).toBe(
      'allow',
    );
    expect(decideSignInNavigation('http://127.0.0.1:4010/oauth2/authorize', rules)).toBe('block');
    expect(decideSignInNavigation('http://127.0.0.1:4011/oauth2/authorize', emulator)).toBe(
      'block',
    );
  });

  it('never allows a non-loopback http origin even if listed', () => {
    const bad = { allowedOrigins: ['http://evil.test'], redirectUri: null };
    expect(decideSignInNavigation('http://evil.test/', bad)).toBe('block');
  });

  it('shows the address as origin and path, without the query', () => {
    expect(displayAddress('https://www.dropbox.com/oauth2/authorize?client_id=k&state=s')).toBe(
      'https://www.dropbox.com/oauth2/authorize',
    );
  });
});

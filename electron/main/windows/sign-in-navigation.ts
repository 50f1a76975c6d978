/**
 * The sign-in window's own navigation rule, kept pure so hostile URLs can be unit-tested.
 *
 * The sign-in window is the one window allowed to navigate (RFC 8252 §8.12 advises
 * against embedded sign-in; this window follows the rules below instead). It may show only the allowed Dropbox origins, and it must
 * never *load* the redirect URI: the redirect is intercepted before it leaves the window, so the
 * authorization code is handed to core directly and never reaches a page or history.
 */
import { isLoopbackHostname } from '../../core/net/loopback-names';

export type SignInDecision = 'allow' | 'intercept' | 'block';

export interface SignInNavigationRules {
  /**
   * Exact origins (`https://www.dropbox.com`); compared with URL.origin equality (Electron security
   * checklist item 13).
   */
  readonly allowedOrigins: readonly string[];
  /** The registered redirect URI, or null for the "Dropbox shows the code" flow. */
  readonly redirectUri: string | null;
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True when `url` targets the redirect URI: same scheme, host, port and path (query ignored). */
export function isRedirectTarget(url: URL, redirectUri: string | null): boolean {
  if (redirectUri === null) return false;
  const target = parse(redirectUri);
  if (target === null) return false;
  return (
    url.protocol === target.protocol && url.host === target.host && url.pathname === target.pathname
  );
}

/** An origin from the list is usable only if it is https, or http on a loopback host. */
function isAcceptableOrigin(url: URL): boolean {
  return (
    url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHostname(url.hostname))
  );
}

/**
 * Decides a main-frame navigation (or redirect, or popup) in the sign-in window.
 *
 * - `intercept`: the redirect URI (origin + pathname equal) → cancel it and hand the URL to core.
 * - `allow`: an allowed origin, by exact `URL.origin` equality (Electron security checklist
 *   item 13, never startsWith), no userinfo, https (http only for a loopback emulator origin).
 * - `block`: everything else, including unparsable URLs and non-web schemes.
 */
export function decideSignInNavigation(raw: string, rules: SignInNavigationRules): SignInDecision {
  const url = parse(raw);
  if (url === null) return 'block';
  // Interception comes first: the redirect URI is http on loopback and is never an allowed origin.
  if (isRedirectTarget(url, rules.redirectUri)) return 'intercept';
  if (url.username !== '' || url.password !== '') return 'block';
  if (!isAcceptableOrigin(url)) return 'block';
  return rules.allowedOrigins.includes(url.origin) ? 'allow' : 'block';
}

/**
 * What the sign-in window shows as its address: origin + path, without query or fragment (the
 * query carries client_id and state; short and non-secret, but noise for the admin).
 */
export function displayAddress(raw: string): string {
  const url = parse(raw);
  if (url === null) return '';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return url.protocol;
  return `${url.origin}${url.pathname}`;
}

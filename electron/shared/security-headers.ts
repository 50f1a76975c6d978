/**
 * The one Content-Security-Policy and set of security headers for every page the app serves:
 * the desktop app's `app://` protocol (electron/main/protocol), browser mode's server
 * (electron/server) and, as a meta tag, renderer/index.html (a test keeps that copy equal to
 * META_CONTENT_SECURITY_POLICY). Nothing but the app's own files may load; the page reaches the
 * Node side only through the bridge. Written as one literal so Electronegativity's CSP evaluator
 * reads the real policy (scripts/security-scan.mjs).
 */
export const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

export const CONTENT_SECURITY_POLICY: string = SECURITY_HEADERS['Content-Security-Policy'];

/** The meta-tag form: `frame-ancestors` is ignored in a <meta> policy (CSP 3), so it is left out. */
export const META_CONTENT_SECURITY_POLICY: string = CONTENT_SECURITY_POLICY.replace(
  "; frame-ancestors 'none'",
  '',
);

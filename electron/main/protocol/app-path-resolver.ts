/**
 * Pure request-to-file resolution for the app:// protocol (Electron security checklist #18: serve the
 * renderer from a custom protocol, not file://, with path traversal rejected). No electron import, so it is unit-tested
 * directly with hostile URLs.
 */
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../shared/security-headers';

export type AppPathResolution =
  | { readonly kind: 'file'; readonly filePath: string }
  | { readonly kind: 'not-found'; readonly reason: string };

const notFound = (reason: string): AppPathResolution => ({ kind: 'not-found', reason });

/**
 * Maps `app://<host>/<path>` to a file under `rootDir`, or refuses.
 *
 * Refused: another scheme or host, userinfo or a port, a malformed percent-escape, a NUL, a
 * backslash or a colon anywhere in the decoded path (Windows separators and drive letters), any
 * `.` or `..` segment after decoding (`%2e%2e` included: Chromium normalises the literal form
 * first, so an encoded one can only be an attack), and anything that resolves outside `rootDir`
 * (the final containment check, in case the rules above ever miss a case). `/` serves index.html.
 */
export function resolveAppRequestPath(
  rawUrl: string,
  rootDir: string,
  expectedHost: string,
): AppPathResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return notFound('unparsable URL');
  }
  if (url.protocol !== 'app:') return notFound('wrong scheme');
  // Chromium lower-cases the host of a standard scheme; Node's parser does not for app:.
  if (url.host.toLowerCase() !== expectedHost || url.username !== '' || url.password !== '') {
    return notFound('wrong host');
  }
  // The WHATWG parser silently resolves `..` and `%2e%2e` segments, which would turn an attack
  // into an ordinary (contained) path. Refuse them on the raw text instead: no file the renderer
  // build produces has a dot segment, so one can only be a probe.
  if (hasRawDotSegment(rawUrl)) return notFound('dot segment');

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return notFound('malformed escape');
  }
  if (/[\0\\:]/.test(decoded)) return notFound('forbidden character');

  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..'))
    return notFound('dot segment');
  if (segments.length === 0) segments.push('index.html');

  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...segments);
  if (!filePath.startsWith(root + path.sep)) return notFound('outside root');
  return { kind: 'file', filePath };
}

/** True if the path part of the raw URL has a `.` or `..` segment, literal or percent-encoded. */
function hasRawDotSegment(rawUrl: string): boolean {
  const afterAuthority = rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i, '');
  const rawPath = afterAuthority.split(/[?#]/, 1)[0] ?? '';
  const unescaped = rawPath.replace(/%2e/gi, '.').replace(/%2f/gi, '/').replace(/%5c/gi, '\\');
  return unescaped.split(/[/\\]/).some((segment) => segment === '.' || segment === '..');
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Unknown types are served as opaque bytes; with nosniff they can never run as script. */
export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for one response; the CSP goes on every HTML document (shared/security-headers). */
export function responseHeaders(filePath: string): Record<string, string> {
  const contentType = mimeTypeFor(filePath);
  const { 'Content-Security-Policy': csp, ...always } = SECURITY_HEADERS;
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    ...always,
    'Cache-Control': 'no-cache',
  };
  // A strict CSP as a response header (unlike a meta tag it also covers what
  // comes before <head> is parsed).
  if (contentType.startsWith('text/html')) headers['Content-Security-Policy'] = csp;
  return headers;
}

/** The policy every HTML response carries (one copy, in shared/security-headers). */
export { CONTENT_SECURITY_POLICY };

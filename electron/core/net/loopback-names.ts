/**
 * The one definition of "this machine" for every network check in the app (the copies in
 * the browser-mode server, the loopback listener, the endpoint parser and the Electron shell had
 * drifted apart). Two questions, deliberately different:
 *
 * - `isLoopbackHostHeader`: is a request's Host header one of the three names a browser on this
 *   machine uses (127.0.0.1, localhost, [::1]), on any port so SSH port forwarding keeps working?
 *   Anything else is a DNS-rebinding page whose own name happens to resolve to 127.0.0.1.
 * - `isLoopbackHostname`: is a parsed URL's hostname loopback, so that plain http to it never
 *   leaves the machine (RFC 8252 §8.3)? This one also takes all of 127.0.0.0/8, because an
 *   emulator may listen on 127.0.0.2 and the URL parser has already normalised forms like `127.1`.
 */

/** Host header names (lower case) that mean "this machine". */
export const LOOPBACK_HOST_HEADER_NAMES: ReadonlySet<string> = new Set([
  '127.0.0.1',
  'localhost',
  '[::1]',
]);

/** "name", "name:port" or "[v6]:port", where name is a loopback name and port is 1–65535. */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (host === undefined) return false;
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  if (!match) return false;
  const [, name, port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  return LOOPBACK_HOST_HEADER_NAMES.has(name ?? '');
}

/** A `URL.hostname` on 127.0.0.0/8, localhost or [::1]. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const parts = host.split('.');
  if (parts.length !== 4 || parts[0] !== '127') return false;
  return parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/**
 * An `Origin` header from a page served on this machine over http: exactly an origin (no path),
 * on a loopback Host-header name. A missing Origin is accepted by the caller's choice, not here.
 */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && url.origin === origin && isLoopbackHostHeader(url.host);
}

/**
 * Browser mode's defences, as pure functions so tests can hit every branch:
 * - Host must be a loopback name (DNS rebinding: a hostile page whose name resolves to 127.0.0.1
 *   still sends its own Host).
 * - Origin, when sent, must be http on a loopback name (CSRF from other sites).
 * - Every API call carries the per-launch token (another local user's browser has no token).
 * Any port is accepted on the loopback names, so SSH port forwarding keeps working.
 */
import { timingSafeEqual } from 'node:crypto';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Splits "name:port" (or "[::1]:port") and checks the name is loopback. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  if (!match) return false;
  const [, name, port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  return LOOPBACK_NAMES.has(name ?? '');
}

export function isAllowedOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true; // Same-origin GETs and non-browser clients send none.
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && url.origin === origin && isLoopbackHost(url.host);
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

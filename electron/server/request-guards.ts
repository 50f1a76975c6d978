/**
 * Browser mode's request policy, built on the one copy of each check in core/net:
 * - Host must be a loopback name (DNS rebinding: a hostile page whose name resolves to 127.0.0.1
 *   still sends its own Host).
 * - Origin, when sent, must be http on a loopback name (CSRF from other sites).
 * - Every API call carries the per-launch token (another local user's browser has no token).
 * Any port is accepted on the loopback names, so SSH port forwarding keeps working.
 */
import { isLoopbackOrigin } from '../core/net/loopback-names';

export function isAllowedOrigin(origin: string | undefined): boolean {
  // Same-origin GETs and non-browser clients send none; the token still guards the API.
  return origin === undefined || isLoopbackOrigin(origin);
}

/**
 * The one constant-time comparison for secrets arriving over the network (the browser-mode token,
 * the OAuth `state`), so a secret cannot be guessed byte by byte from response timings.
 */
import { timingSafeEqual } from 'node:crypto';

/** True when `given` equals `expected`; undefined or empty `given` never matches. */
export function constantTimeEqual(expected: string, given: string | undefined): boolean {
  if (given === undefined || given.length === 0 || expected.length === 0) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  // Only the length leaks, which the attacker already knows from the format of the secret.
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The one validating gate in front of `shell.openExternal` (Electron security checklist #15: "Do not use
 * shell.openExternal with untrusted content").
 *
 * This module is pure (no electron import) so it can be unit-tested with hostile URLs; the
 * Electron call itself lives in shell/electron-shell.ts and always goes through
 * `normalizeExternalUrl` first.
 */
import { isLoopbackHostname } from '../../core/net/loopback-names';
import { EXTERNAL_HOSTS, parseOriginOverride } from './origins';

// Whitespace or control characters are where URL parsers disagree with each other (and with the
// OS handler that finally opens the link), so such strings are refused outright.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0020\u007f-\u009f]/;

/**
 * Returns the parser-normalised URL when it may be opened in the system browser, else null.
 *
 * Rules (#15, plus #13's "compare origins, never startsWith"):
 * - `https:` only, and the hostname must equal one of EXTERNAL_HOSTS exactly, default port;
 * - or the origin equals one of `extraOrigins` exactly (the validated DROPBOX_WEB_ORIGIN
 *   override; http is accepted there only for loopback hosts);
 * - never userinfo (`https://www.dropbox.com@evil.test/` is a URL whose host is evil.test, and
 *   `https://user:pass@www.dropbox.com/` would hand credentials to the OS handler).
 * The normalised `href` is what gets opened, so the OS sees exactly what was checked.
 */
export function normalizeExternalUrl(
  raw: unknown,
  extraOrigins: readonly string[] = [],
): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return null;
  if (UNSAFE_CHARS.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;

  if (url.protocol === 'https:' && url.port === '' && EXTERNAL_HOSTS.includes(url.hostname)) {
    return url.href;
  }
  for (const extra of extraOrigins) {
    // Re-validate: callers pass env-derived strings; an invalid one must not widen the list.
    const origin = parseOriginOverride(extra);
    if (origin === null || origin !== url.origin) continue;
    if (url.protocol === 'https:') return url.href;
    if (url.protocol === 'http:' && isLoopbackHostname(url.hostname)) return url.href;
  }
  return null;
}

export function isAllowedExternalUrl(raw: unknown, extraOrigins: readonly string[] = []): boolean {
  return normalizeExternalUrl(raw, extraOrigins) !== null;
}

/**
 * Which web origins the Electron shell trusts, in one place.
 *
 * Checklist items 13–15 (security-and-tooling.md §1): navigation and `shell.openExternal` are
 * decided by exact origin/host equality from a URL parser, never by string prefixes
 * (`https://www.dropbox.com.evil.test` starts with `https://www.dropbox.com`).
 */
import { isLoopbackHost } from '../../core/dropbox/endpoints';

/** Dropbox's web origins: the authorize page and the App Console live here. */
export const DROPBOX_WEB_ORIGINS: readonly string[] = [
  'https://www.dropbox.com',
  'https://dropbox.com',
];

/**
 * Hosts the system browser may be sent to (https only). Kept to the two web hosts: nothing in
 * the wizard needs a browser on the API host (api.dropboxapi.com answers JSON, not pages).
 */
export const EXTERNAL_HOSTS: readonly string[] = ['www.dropbox.com', 'dropbox.com'];

/**
 * Loopback hosts, where plain http is acceptable (architecture; RFC 8252 §8.3). Core's definition
 * (127.0.0.0/8, localhost, [::1]) is reused so core and the shell never disagree about an
 * emulator origin that core accepted.
 */
export function isLoopbackHostname(hostname: string): boolean {
  return isLoopbackHost(hostname);
}

/**
 * Parses the `DROPBOX_WEB_ORIGIN` override (tests, the demo, the emulator).
 *
 * Returns the canonical origin, or null when unset or unacceptable: the override must be a bare
 * origin (no userinfo, path, query or fragment), https, or http only for a loopback host
 * (architecture: "http allowed only for loopback hosts"). A rejected override is ignored rather
 * than widened, so a typo can never open the shell to an arbitrary host.
 */
export function parseOriginOverride(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;
  if (url.search !== '' || url.hash !== '') return null;
  if (url.pathname !== '/' && url.pathname !== '') return null;
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && isLoopbackHostname(url.hostname)) return url.origin;
  return null;
}

/** The origins the sign-in window may show: Dropbox, plus the validated override when set. */
export function signInAllowedOrigins(env: Record<string, string | undefined>): readonly string[] {
  const override = parseOriginOverride(env['DROPBOX_WEB_ORIGIN']);
  return override && !DROPBOX_WEB_ORIGINS.includes(override)
    ? [...DROPBOX_WEB_ORIGINS, override]
    : DROPBOX_WEB_ORIGINS;
}

/** Extra origins `shell.openExternal` accepts beyond EXTERNAL_HOSTS (the emulator case). */
export function externalExtraOrigins(env: Record<string, string | undefined>): readonly string[] {
  const override = parseOriginOverride(env['DROPBOX_WEB_ORIGIN']);
  return override ? [override] : [];
}

/** The App Console URL under the effective web origin. */
export function appConsoleUrl(env: Record<string, string | undefined>): string {
  const origin = parseOriginOverride(env['DROPBOX_WEB_ORIGIN']) ?? 'https://www.dropbox.com';
  return `${origin}/developers/apps`;
}

/**
 * Which web origins the Electron shell trusts, in one place.
 *
 * Electron security checklist #13–15 (electronjs.org/docs/latest/tutorial/security): navigation and `shell.openExternal` are
 * decided by exact origin/host equality from a URL parser, never by string prefixes
 * (`https://www.dropbox.com.evil.test` starts with `https://www.dropbox.com`).
 */
import {
  appConsoleUrlFor,
  DEFAULT_WEB_ORIGIN,
  parseOriginOverride as parseCoreOriginOverride,
} from '../../core/dropbox/endpoints';

/** Dropbox's web origins: the authorize page and the App Console live here. */
export const DROPBOX_WEB_ORIGINS: readonly string[] = [DEFAULT_WEB_ORIGIN, 'https://dropbox.com'];

/**
 * Hosts the system browser may be sent to (https only). Kept to the two web hosts: nothing in
 * the wizard needs a browser on the API host (api.dropboxapi.com answers JSON, not pages).
 */
export const EXTERNAL_HOSTS: readonly string[] = ['www.dropbox.com', 'dropbox.com'];

/**
 * The `DROPBOX_WEB_ORIGIN` override (tests, the demo, the emulator) as core's one parser reads it,
 * or null when unset or unacceptable. Core refuses to start on an unacceptable value and the app
 * shows that sentence in a dialog; this module is read earlier (the global guards are installed at
 * load), so here a rejected override is ignored rather than widened: a typo can never open the
 * shell to an arbitrary host, and the rules cannot drift from core's.
 */
export function parseOriginOverride(value: string | undefined): string | null {
  try {
    return parseCoreOriginOverride('DROPBOX_WEB_ORIGIN', value);
  } catch {
    return null;
  }
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

/** The App Console URL under the effective web origin (derived by core's endpoints). */
export function appConsoleUrl(env: Record<string, string | undefined>): string {
  return appConsoleUrlFor(parseOriginOverride(env['DROPBOX_WEB_ORIGIN']) ?? DEFAULT_WEB_ORIGIN);
}

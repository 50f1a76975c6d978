/**
 * Where "Dropbox" lives. Production uses the real hosts; tests and the demo point both origins at
 * the local emulator through DROPBOX_WEB_ORIGIN / DROPBOX_API_ORIGIN. Because these origins receive
 * the app secret and tokens, a bad override is a configuration error that stops start-up rather
 * than something we quietly repair: plain http is only acceptable when the traffic never leaves
 * the machine (RFC 8252 §8.3 reasoning), i.e. loopback hosts.
 */
import { isLoopbackHostname } from '../net/loopback-names';

export interface DropboxEndpoints {
  /** `https://www.dropbox.com`: authorize page and App Console. */
  readonly webOrigin: string;
  /** `https://api.dropboxapi.com`: token endpoint and RPC routes. */
  readonly apiOrigin: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  /** `${apiOrigin}/2/`: RPC routes are appended to this. */
  readonly apiBase: string;
  readonly appConsoleUrl: string;
}

export const DEFAULT_WEB_ORIGIN = 'https://www.dropbox.com';
export const DEFAULT_API_ORIGIN = 'https://api.dropboxapi.com';

/** Where the App Console lives under a web origin: derived here only, for core and the shell. */
export function appConsoleUrlFor(webOrigin: string): string {
  return `${webOrigin}/developers/apps`;
}

/**
 * The one parser for the DROPBOX_*_ORIGIN overrides: the canonical origin, null when unset, and a
 * configuration error naming the variable and the rule when the value is unacceptable. Core stops
 * start-up on that error; the Electron shell, which reads the same variable before the wizard can
 * show its dialog, treats it as "no override" (see main/security/origins.ts).
 */
export function parseOriginOverride(variable: string, raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  const rule =
    'It must be a bare origin such as https://host[:port] (no path, query or user name); ' +
    'http:// is allowed only for loopback hosts (127.0.0.0/8, localhost, [::1]).';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Configuration error: ${variable}="${value}" is not a valid URL. ${rule}`);
  }
  const problems: string[] = [];
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    problems.push(`scheme ${url.protocol}`);
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    problems.push(`plain http to the non-loopback host ${url.hostname}`);
  }
  if (url.username || url.password) problems.push('user info');
  if (url.pathname !== '/' && url.pathname !== '') problems.push(`path ${url.pathname}`);
  // `new URL('https://h/?')` leaves search empty, so also look at the raw text.
  if (url.search || value.includes('?')) problems.push('query');
  if (url.hash || value.includes('#')) problems.push('fragment');
  if (problems.length > 0) {
    // Never echo user info: it could be a credential.
    const shown = url.username || url.password ? `${url.protocol}//…@${url.host}` : value;
    throw new Error(
      `Configuration error: ${variable}="${shown}" is not allowed (${problems.join(', ')}). ${rule}`,
    );
  }
  return url.origin;
}

export function resolveEndpoints(env: Record<string, string | undefined>): DropboxEndpoints {
  const webOrigin =
    parseOriginOverride('DROPBOX_WEB_ORIGIN', env.DROPBOX_WEB_ORIGIN) ?? DEFAULT_WEB_ORIGIN;
  const apiOrigin =
    parseOriginOverride('DROPBOX_API_ORIGIN', env.DROPBOX_API_ORIGIN) ?? DEFAULT_API_ORIGIN;
  return {
    webOrigin,
    apiOrigin,
    authorizeUrl: `${webOrigin}/oauth2/authorize`,
    tokenUrl: `${apiOrigin}/oauth2/token`,
    apiBase: `${apiOrigin}/2/`,
    appConsoleUrl: appConsoleUrlFor(webOrigin),
  };
}

/**
 * The loopback redirect URIs the admin registers in the App Console. Dropbox matches redirect
 * URIs exactly, port included (dropbox-sdk-python#203, rclone#3815), so the wizard cannot pick a free port at random:
 * it uses one fixed default and two documented alternates, all of which the admin registers.
 */

/**
 * 47210 is the fixed default; the other two are the alternates offered when it is busy.
 * 53682 is rclone's `rclone authorize` port and is never used, so the two tools never collide.
 */
export const DEFAULT_REDIRECT_PORTS: readonly number[] = [47210, 47211, 47212];

export const REDIRECT_PATH = '/oauth/callback';

export const REDIRECT_PORTS_ENV = 'WIZARD_REDIRECT_PORTS';

/** rclone's loopback port: registering it for the wizard would make the two tools fight over it. */
export const RCLONE_PORT = 53682;

/** Thrown at start-up when the override is unusable: configuration errors must be loud. */
export class RedirectPortsConfigError extends Error {
  override readonly name = 'RedirectPortsConfigError';
}

/**
 * Ports from `WIZARD_REDIRECT_PORTS` (comma list, first = default), or the built-in defaults
 * when the variable is unset or blank. Duplicates are dropped, order kept. Ports below 1024 are
 * refused because binding them needs elevated rights on Linux and macOS.
 */
export function redirectPortsFromEnv(env: Readonly<Record<string, string | undefined>>): number[] {
  const raw = env[REDIRECT_PORTS_ENV];
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_REDIRECT_PORTS];
  const ports: number[] = [];
  for (const entry of raw.split(',')) {
    const text = entry.trim();
    if (!/^\d{1,5}$/.test(text)) {
      throw new RedirectPortsConfigError(
        `${REDIRECT_PORTS_ENV} must be a comma-separated list of port numbers (e.g. "47210,47211"); ` +
          `"${text}" is not a port number.`,
      );
    }
    const port = Number(text);
    if (port < 1024 || port > 65535) {
      throw new RedirectPortsConfigError(
        `${REDIRECT_PORTS_ENV}: port ${port} is outside 1024–65535 (lower ports need administrator rights).`,
      );
    }
    if (port === RCLONE_PORT) {
      throw new RedirectPortsConfigError(
        `${REDIRECT_PORTS_ENV}: port ${RCLONE_PORT} is rclone's authorization port; choose another so the two tools do not collide.`,
      );
    }
    if (!ports.includes(port)) ports.push(port);
  }
  return ports;
}

/** The exact string to register: 127.0.0.1, not localhost (Dropbox treats them as different). */
export function redirectUriForPort(port: number): string {
  return `http://127.0.0.1:${port}${REDIRECT_PATH}`;
}

/**
 * The port to suggest after `port` failed: the next registered one in order, wrapping around,
 * or null when there is no other.
 */
export function nextRedirectPort(port: number, ports: readonly number[]): number | null {
  const others = ports.filter((candidate) => candidate !== port);
  if (others.length === 0) return null;
  const index = ports.indexOf(port);
  if (index === -1) return others[0] ?? null;
  for (let step = 1; step < ports.length; step += 1) {
    const candidate = ports[(index + step) % ports.length];
    if (candidate !== undefined && candidate !== port) return candidate;
  }
  return null;
}

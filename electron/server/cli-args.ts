/** Browser-mode command line: `[--port N] [--no-open] [--data-dir DIR]`. */
import os from 'node:os';
import path from 'node:path';

export interface BrowserModeArgs {
  readonly port: number;
  readonly open: boolean;
  readonly dataDir: string;
}

/** Default browser-mode port: fixed so an SSH forward (`ssh -L 47200:127.0.0.1:47200`) can be set up once. */
export const DEFAULT_BROWSER_PORT = 47200;

export function defaultDataDir(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'dropbox-connector-wizard');
}

export function parseBrowserModeArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BrowserModeArgs {
  let port = DEFAULT_BROWSER_PORT;
  let open = true;
  let dataDir = env.WIZARD_DATA_DIR || '';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[(i += 1)];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--port') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new Error('--port takes a number from 0 to 65535 (0 = any free port).');
      port = n;
    } else if (flag === '--no-open') {
      open = false;
    } else if (flag === '--data-dir') {
      dataDir = value();
    } else {
      throw new Error(
        `Unknown option ${arg}. Usage: npm run start:browser -- [--port N] [--no-open] [--data-dir DIR]`,
      );
    }
  }
  return { port, open, dataDir: path.resolve(dataDir || defaultDataDir(env)) };
}

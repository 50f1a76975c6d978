/** Browser-mode command line: `[--port N] [--no-open] [--data-dir DIR]`. */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

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

const USAGE = 'Usage: npm run start:browser -- [--port N] [--no-open] [--data-dir DIR]';

/** Read with Node's own `util.parseArgs` (strict: unknown options and stray words are errors). */
export function parseBrowserModeArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BrowserModeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        'data-dir': { type: 'string' },
      },
    }));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /'(--[a-z-]+)/.exec((err as Error).message)?.[1] ?? 'That option';
      throw new Error(`${option} needs a value. ${USAGE}`, { cause: err });
    }
    const given = /'([^']*)'/.exec((err as Error).message)?.[1] ?? argv.join(' ');
    throw new Error(`Unknown option ${given.slice(0, 60)}. ${USAGE}`, { cause: err });
  }
  let port = DEFAULT_BROWSER_PORT;
  if (values.port !== undefined) {
    const n = values.port.trim() === '' ? Number.NaN : Number(values.port);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error('--port takes a number from 0 to 65535 (0 = any free port).');
    port = n;
  }
  if (values['data-dir'] === '') throw new Error(`--data-dir needs a value. ${USAGE}`);
  const dataDir = values['data-dir'] ?? (env.WIZARD_DATA_DIR || '');
  return {
    port,
    open: !values['no-open'],
    dataDir: path.resolve(dataDir || defaultDataDir(env)),
  };
}

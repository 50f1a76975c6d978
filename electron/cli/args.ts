/** Command-line arguments of `dropbox-connector-wizard`. Pure: tests call it without a process. */

export const DEFAULT_CONCURRENCY = 8;
const MAX_CONCURRENCY = 64;

export type CliCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'verify';
      readonly paths: readonly string[];
      readonly json: boolean;
      readonly concurrency: number;
    };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: dropbox-connector-wizard verify <file or folder>... [--json] [--concurrency N]

Checks exported Dropbox credentials the way the connector uses them: refreshes each refresh
token with its app key and secret, then runs the wizard's Verify checks for the file's target.

  verify <path>...   Export files (dropbox-connector/v1 *.json, *.env, rclone *.conf) or
                     folders (every export file in them; *.redacted.* support copies are skipped)
  --json             Print one JSON object: {"passed", "results": [{"file", "target",
                     "passed", "checks": [{"id", "status", "detail"}]}]}
  --concurrency N    Files checked at the same time (default ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY})
  -h, --help         This text

Exit status: 0 every file passed; 1 a check failed; 2 a file could not be read or parsed, or
the command line is wrong. Secrets are never printed.

Environment: DROPBOX_WEB_ORIGIN, DROPBOX_API_ORIGIN point at another Dropbox (an emulator).`;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  if (argv.length === 0) throw new UsageError('no command given');
  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { kind: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'verify') {
    // The command word is ours to echo; it is not a value from any file.
    throw new UsageError(`unknown command "${String(command).slice(0, 40)}"`);
  }
  const paths: string[] = [];
  let json = false;
  let concurrency = DEFAULT_CONCURRENCY;
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] as string;
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
    } else if (arg === '--') {
      onlyPaths = true;
    } else if (arg === '--json') {
      json = true;
    } else if (arg === '--concurrency' || arg.startsWith('--concurrency=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[(i += 1)];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
        throw new UsageError(`--concurrency needs a whole number from 1 to ${MAX_CONCURRENCY}`);
      }
      concurrency = n;
    } else {
      throw new UsageError(`unknown option "${arg.slice(0, 40)}"`);
    }
  }
  if (paths.length === 0) throw new UsageError('verify needs at least one file or folder');
  return { kind: 'verify', paths, json, concurrency };
}

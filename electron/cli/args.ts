/**
 * Command-line arguments of `dropbox-connector-wizard`, read with Node's own `util.parseArgs`
 * (strict: an unknown option is an error, `--` ends the options). Pure: tests call it without a
 * process.
 */
import { parseArgs } from 'node:util';

export const DEFAULT_CONCURRENCY = 8;
const MAX_CONCURRENCY = 64;

export const OUTPUT_FORMATS = ['text', 'json', 'junit', 'prometheus'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type CliCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'verify';
      readonly paths: readonly string[];
      readonly format: OutputFormat;
      readonly concurrency: number;
      /**
       * `--textfile PATH` (prometheus): write the node_exporter textfile there, atomically,
       * carrying each connector's last-success time over from the file's previous version.
       */
      readonly textfile: string | null;
    };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: dropbox-connector-wizard verify <file or folder>... [--format F] [--concurrency N]

Checks exported Dropbox credentials the way the connector uses them: refreshes each refresh
token with its app key and secret, then runs the wizard's Verify checks for the file's target.

  verify <path>...   Export files (dropbox-connector/v1 *.json, *.env, rclone *.conf) or
                     folders (every *.json, *.env, *.conf in them; *.redacted.* support copies
                     are skipped; any other file with those endings is reported as unreadable)
  --format F         text (default): one line per check, then a summary
                     json: one object {"passed", "results": [{"file", "target", "passed",
                       "checks": [{"id", "status", "detail"}]}]}
                     junit: JUnit XML, one test case per file and check
                     prometheus: a node_exporter textfile (check status gauges and the
                       last-success time per connector)
  --json             The same as --format json
  --textfile PATH    With --format prometheus: write the textfile to PATH (atomically) instead
                     of standard output, keeping each connector's last success from its
                     previous version
  --concurrency N    Files checked at the same time (default ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY})
  -h, --help         This text

Exit status: 0 every file passed; 1 a check failed; 2 a file could not be read or parsed, or
the command line is wrong. Secrets are never printed.

Environment: DROPBOX_WEB_ORIGIN, DROPBOX_API_ORIGIN point at another Dropbox (an emulator).`;

/** parseArgs' own messages quote the option; cut to a line so a pasted secret is not echoed whole. */
function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  if (argv.length === 0) throw new UsageError('no command given');
  if (argv[0] === 'help') return { kind: 'help' };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        format: { type: 'string' },
        textfile: { type: 'string' },
        concurrency: { type: 'string' },
      },
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']*)'/.exec((err as Error).message)?.[1] ?? 'option';
      throw new UsageError(`unknown option "${short(option)}"`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(
        short((err as Error).message.split('\n')[0] ?? 'an option needs a value'),
      );
    }
    throw err;
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...paths] = positionals;
  if (command !== 'verify') {
    // The command word is ours to echo; it is not a value from any file.
    throw new UsageError(
      command === undefined ? 'no command given' : `unknown command "${short(command)}"`,
    );
  }

  let format: OutputFormat = 'text';
  if (values.format !== undefined) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(values.format)) {
      throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}`);
    }
    format = values.format as OutputFormat;
  }
  if (values.json) {
    if (values.format !== undefined && format !== 'json') {
      throw new UsageError('--json means --format json; give only one of them');
    }
    format = 'json';
  }
  if (values.textfile !== undefined && format !== 'prometheus') {
    throw new UsageError('--textfile goes with --format prometheus');
  }

  let concurrency = DEFAULT_CONCURRENCY;
  if (values.concurrency !== undefined) {
    const n = Number(values.concurrency);
    if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
      throw new UsageError(`--concurrency needs a whole number from 1 to ${MAX_CONCURRENCY}`);
    }
    concurrency = n;
  }
  if (paths.length === 0) throw new UsageError('verify needs at least one file or folder');
  return { kind: 'verify', paths, format, concurrency, textfile: values.textfile ?? null };
}

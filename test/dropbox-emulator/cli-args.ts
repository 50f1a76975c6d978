/** Command-line parsing for cli.ts (kept apart so tests can import it without starting a server). */
import type { StartEmulatorOptions } from './index';

export const DEFAULT_CLI_PORT = 47300;

export const USAGE = `Usage: npm run emulator -- [--port N] [--seed FILE] [--latency MS] [--code-lifetime SECONDS]
  --port N              port on 127.0.0.1 (default ${DEFAULT_CLI_PORT}; 0 = any free port)
  --seed FILE           seed JSON (default test/dropbox-emulator/seeds/default.json)
  --latency MS          latency added to every non-control request (default 0)
  --code-lifetime S     authorization code lifetime in seconds (default 600)
`;

export function parseCliArgs(argv: readonly string[]): StartEmulatorOptions | 'help' {
  const options: StartEmulatorOptions = { port: DEFAULT_CLI_PORT };
  const int = (flag: string, value: string | undefined, max: number): number => {
    if (value === undefined || !/^\d+$/.test(value) || Number(value) > max)
      throw new Error(`${flag} needs a whole number up to ${max}`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = int('--port', value(), 65535);
        break;
      case '--seed': {
        const v = value();
        if (v === undefined || v === '') throw new Error('--seed needs a file path');
        options.seed = v;
        break;
      }
      case '--latency':
        options.latencyMs = int('--latency', value(), 120_000);
        break;
      case '--code-lifetime':
        options.codeLifetimeSeconds = int('--code-lifetime', value(), 86_400);
        if (options.codeLifetimeSeconds === 0)
          throw new Error('--code-lifetime must be at least 1');
        break;
      case '--help':
      case '-h':
        return 'help';
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  return options;
}

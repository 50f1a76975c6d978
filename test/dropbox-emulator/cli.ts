/**
 * npm run emulator -- [--port N] [--seed FILE] [--latency MS] [--code-lifetime SECONDS]
 *
 * Prints exactly one line, `Dropbox emulator listening on http://127.0.0.1:PORT`, and runs until
 * SIGINT/SIGTERM. Errors go to stderr with exit code 1 (2 for bad arguments).
 */
import { parseCliArgs, USAGE } from './cli-args';
import { startEmulator, type StartEmulatorOptions } from './index';

async function main(): Promise<void> {
  let options: StartEmulatorOptions | 'help';
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  try {
    const emulator = await startEmulator(options);
    process.stdout.write(`Dropbox emulator listening on ${emulator.origin}\n`);
    const stop = (): void => {
      void emulator.close().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    process.stderr.write(`Dropbox emulator failed to start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

await main();

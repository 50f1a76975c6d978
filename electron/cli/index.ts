#!/usr/bin/env node
/**
 * `dropbox-connector-wizard` command line (`npm run cli -- verify …`, or the built bin). Built for
 * unattended use: plain lines for a cron mail, `--json` for a monitoring system, an exit status
 * that says which of the two kinds of trouble it found. Wired through `createCore` like every
 * other host, so DROPBOX_WEB_ORIGIN / DROPBOX_API_ORIGIN work here too.
 */
import { runCli } from './run-cli';

async function main(): Promise<void> {
  const code = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  // Exit once the output is flushed; a check abandoned at its deadline may still hold a socket.
  process.stdout.write('', () => process.exit(code));
}

void main();

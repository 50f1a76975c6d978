/**
 * The command line's logic as a function of its inputs, so tests can run it in-process; the
 * entry point (`index.ts`) only wires it to the real process.
 */
import { createCore, type Core } from '../core/compose';
import { parseCliArgs, USAGE, UsageError } from './args';
import { collectFiles } from './collect';
import { EXIT, exitCodeFor, renderJson, renderText, scrub } from './output';
import { verifyFiles, type FileResult } from './verify';

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch?: typeof fetch;
}

/** Runs one command and returns the exit status; never throws, never calls process.exit. */
export async function runCli(io: CliIo): Promise<number> {
  let command;
  try {
    command = parseCliArgs(io.argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`dropbox-connector-wizard: ${err.message}\n\n${USAGE}\n`);
    return EXIT.unreadable;
  }
  if (command.kind === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT.passed;
  }

  let core: Core;
  try {
    core = createCore({ env: io.env, ...(io.fetch ? { fetch: io.fetch } : {}) });
  } catch (err) {
    // createCore's messages name the bad variable and never contain a secret.
    io.stderr(
      `dropbox-connector-wizard: ${err instanceof Error ? err.message : 'bad environment'}\n`,
    );
    return EXIT.unreadable;
  }

  const collected = await collectFiles(command.paths);
  for (const note of collected.notes) io.stderr(`note: ${note}\n`);
  const run = await verifyFiles(core, collected.files, { concurrency: command.concurrency });
  const unreadable: FileResult[] = collected.unreadable.map(([file, reason]) => ({
    file,
    target: null,
    passed: false,
    checks: [],
    error: reason,
  }));
  const results = [...unreadable, ...run.results];
  if (results.length === 0) {
    io.stderr('dropbox-connector-wizard: no export files to check\n');
    return EXIT.unreadable;
  }
  const text = command.json ? renderJson(results) : renderText(results, run.rateLimitWaits);
  io.stdout(scrub(text, run.redactor));
  for (const result of results) {
    if (result.error !== undefined) io.stderr(`${result.file}: ${result.error}\n`);
  }
  return exitCodeFor(results);
}

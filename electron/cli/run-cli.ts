/**
 * The command line's logic as a function of its inputs, so tests can run it in-process; the
 * entry point (`index.ts`) only wires it to the real process.
 */
import { createCore, type Core } from '../core/compose';
import { parseCliArgs, USAGE, UsageError } from './args';
import { collectFiles } from './collect';
import { writeSecretFileAtomic } from '../core/export/atomic-write';
import { terminalText } from '../shared/text-safety';
import type { OutputFormat } from './args';
import { EXIT, exitCodeFor, renderJson, renderText, scrub } from './output';
import { previousLastSuccess, renderJunit, renderPrometheus } from './output-formats';
import { readExportText, verifyFiles, type FileResult } from './verify';

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch?: typeof fetch;
  /** The run's clock (JUnit timestamps, Prometheus times); tests fix it. */
  readonly now?: () => Date;
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
  for (const note of collected.notes) io.stderr(`note: ${terminalText(note)}\n`);
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
  const now = (io.now ?? (() => new Date()))();
  const previous =
    command.format === 'prometheus' && command.textfile !== null
      ? await readExportText(command.textfile)
      : null;
  const text = scrub(
    render(command.format, results, run.rateLimitWaits, now, previous?.ok ? previous.text : ''),
    run.redactor,
  );
  for (const result of results) {
    if (result.error !== undefined) {
      io.stderr(`${terminalText(result.file)}: ${terminalText(result.error)}\n`);
    }
  }
  if (command.format === 'prometheus' && command.textfile !== null) {
    try {
      // node_exporter runs as its own user: the textfile (no secret in it) is readable by all.
      await writeSecretFileAtomic(command.textfile, text, { mode: 0o644 });
    } catch (err) {
      const message = err instanceof Error ? err.message : 'cannot be written';
      io.stderr(`dropbox-connector-wizard: ${terminalText(message)}\n`);
      return EXIT.unreadable;
    }
  } else {
    io.stdout(text);
  }
  return exitCodeFor(results);
}

function render(
  format: OutputFormat,
  results: readonly FileResult[],
  rateLimitWaits: number,
  now: Date,
  previousTextfile: string,
): string {
  switch (format) {
    case 'json':
      return renderJson(results);
    case 'junit':
      return renderJunit(results, now);
    case 'prometheus':
      return renderPrometheus(results, now, previousLastSuccess(previousTextfile));
    case 'text':
      return renderText(results, rateLimitWaits);
  }
}

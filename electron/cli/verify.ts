/**
 * `verify`: read each export file, then check every credential set in it with the connectors'
 * health check, many files at a time. Every file ends with a result: an unreadable file, a parse
 * error, Dropbox refusing, rate limits outlasting the retries, even a check that hangs past the
 * per-file deadline. Secrets read from the files are collected so the output can be scrubbed.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Core } from '../core/compose';
import { checkCredentials, resolveCheckTarget, type HealthCheck } from '../core/connectors/health';
import type { DropboxContext, RetryPolicy } from '../core/dropbox/context';
import { parseExportFile } from '../core/export/import/index';
import type { ImportedCredentials } from '../core/export/import/types';
import { createRedactor, type Redactor } from '../core/log/redact';
import { fsReason, notRegularReason } from './collect';
import { mapPool } from './pool';

export interface FileResult {
  readonly file: string;
  /** The rclone remote, when the file holds remotes. */
  readonly remote?: string;
  readonly target: string | null;
  readonly passed: boolean;
  readonly checks: readonly HealthCheck[];
  /** Set when the file could not be read or parsed: one line, never a value from the file. */
  readonly error?: string;
}

export interface VerifyRun {
  readonly results: FileResult[];
  /** Every secret read from the files, for scrubbing whatever gets printed. */
  readonly redactor: Redactor;
  /** How many times Dropbox asked us to wait (429) and we did. */
  readonly rateLimitWaits: number;
}

/**
 * A nightly job can afford to wait where the wizard's admin should not: more attempts and the
 * full Retry-After up to a minute, so a busy night still ends in verdicts rather than 429s.
 */
export const NIGHTLY_RETRY: Partial<RetryPolicy> = {
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxBackoffMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** No export is anywhere near this; a bigger file is the wrong file (and not worth reading). */
const MAX_FILE_BYTES = 1_000_000;
const DEFAULT_FILE_DEADLINE_MS = 10 * 60_000;

export interface VerifyOptions {
  readonly concurrency: number;
  readonly fileDeadlineMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

export async function verifyFiles(
  core: Core,
  files: readonly string[],
  options: VerifyOptions,
): Promise<VerifyRun> {
  const redactor = createRedactor();
  let rateLimitWaits = 0;
  const ctx: DropboxContext = {
    ...core.dropboxContext((wait) => {
      if (wait.reason === 'rate_limited') rateLimitWaits += 1;
    }),
    retry: { ...NIGHTLY_RETRY, ...options.retry },
  };
  const deadline = options.fileDeadlineMs ?? DEFAULT_FILE_DEADLINE_MS;

  const perFile = await mapPool(
    files,
    options.concurrency,
    (file) => verifyOneFile(core, ctx, file, redactor, deadline),
    // verifyOneFile turns failures into results; this is the guard for a bug in it.
    (_error, file) => [unreadable(file, 'the check stopped unexpectedly')],
  );
  return { results: perFile.flat(), redactor, rateLimitWaits };
}

function unreadable(file: string, reason: string, remote?: string): FileResult {
  return {
    file,
    ...(remote !== undefined ? { remote } : {}),
    target: null,
    passed: false,
    checks: [],
    error: reason,
  };
}

async function verifyOneFile(
  core: Core,
  ctx: DropboxContext,
  file: string,
  redactor: Redactor,
  deadlineMs: number,
): Promise<FileResult[]> {
  const read = await readExportText(file);
  if (!read.ok) return [unreadable(file, read.reason)];
  const text = read.text;

  const parsed = parseExportFile(file, text);
  for (const entry of parsed) {
    if (!entry.ok) continue;
    redactor.add(entry.credentials.appSecret);
    redactor.add(entry.credentials.refreshToken);
  }
  return Promise.all(
    parsed.map((entry) =>
      entry.ok
        ? checkOne(core, ctx, file, entry.credentials, deadlineMs)
        : unreadable(file, entry.problem.reason, entry.problem.remote),
    ),
  );
}

/**
 * Reads at most MAX_FILE_BYTES + 1 bytes, whatever `stat` says (a sparse file, /dev/zero or a
 * file still growing cannot make it read more). Opened non-blocking so a FIFO that appeared
 * since collect's `stat` cannot hang the job, then refused by `fstat` unless it is a regular file.
 */
export async function readExportText(
  file: string,
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { ok: false, reason: fsReason(err) };
  }
  try {
    const why = notRegularReason(await handle.stat());
    if (why !== null) return { ok: false, reason: why };
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_FILE_BYTES) {
      return { ok: false, reason: 'too large to be an export file (over 1 MB)' };
    }
    if (length === 0) return { ok: false, reason: 'empty file' };
    try {
      return {
        ok: true,
        text: new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length)),
      };
    } catch {
      return { ok: false, reason: 'not UTF-8 text' };
    }
  } catch (err) {
    return { ok: false, reason: fsReason(err) };
  } finally {
    await handle.close();
  }
}

async function checkOne(
  core: Core,
  ctx: DropboxContext,
  file: string,
  creds: ImportedCredentials,
  deadlineMs: number,
): Promise<FileResult> {
  const { target, note } = resolveCheckTarget(creds.target, core.getTarget);
  const remote = creds.remote !== undefined ? { remote: creds.remote } : {};
  const noteCheck: HealthCheck[] = note
    ? [{ id: 'target', label: 'Target', status: 'info', detail: note }]
    : [];

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deadlineMs);
  });
  try {
    const report = await Promise.race([
      checkCredentials(ctx, {
        target,
        appKey: creds.appKey,
        appSecret: creds.appSecret,
        refreshToken: creds.refreshToken,
        // Custom's scopes are whatever the admin chose: the export records what was granted.
        ...(creds.scopes ? { customScopes: creds.scopes, grantedScopes: creds.scopes } : {}),
        ...(creds.tokenKind ? { tokenKind: creds.tokenKind } : {}),
      }),
      timedOut,
    ]);
    if (report === null) {
      return {
        file,
        ...remote,
        target: creds.target,
        passed: false,
        checks: [
          ...noteCheck,
          {
            id: 'refresh',
            label: 'Refresh token works',
            status: 'fail',
            detail: `no answer from Dropbox within ${Math.round(deadlineMs / 1000)} s — nothing is known about these credentials; run again later`,
          },
        ],
      };
    }
    return {
      file,
      ...remote,
      target: creds.target,
      passed: report.passed,
      checks: [...noteCheck, ...report.checks],
    };
  } finally {
    clearTimeout(timer);
  }
}

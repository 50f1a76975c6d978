/**
 * What `verify` prints. Text: one aligned line per check, then a summary an admin can act on from
 * a cron mail; every field passes through `terminalText`, so a team or display name from Dropbox
 * (or a file name) cannot send ESC/BEL sequences or reverse the line with U+202E. JSON: exactly
 * one object. JUnit and Prometheus: output-formats.ts. All pass through the redactor last, so even
 * a detail that somehow carried a secret from a file is printed as "[redacted]".
 */
import type { HealthStatus } from '../core/connectors/health';
import type { Redactor } from '../core/log/redact';
import { terminalText } from '../shared/text-safety';
import type { FileResult } from './verify';

export const EXIT = { passed: 0, failed: 1, unreadable: 2 } as const;

const STATUS_WORD: Readonly<Record<HealthStatus, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  info: 'INFO',
  skipped: 'SKIP',
};

export function exitCodeFor(results: readonly FileResult[]): number {
  if (results.length === 0 || results.some((r) => r.error !== undefined)) return EXIT.unreadable;
  return results.every((r) => r.passed) ? EXIT.passed : EXIT.failed;
}

export function fileLabel(result: FileResult): string {
  return result.remote !== undefined ? `${result.file} [${result.remote}]` : result.file;
}

export function renderText(results: readonly FileResult[], rateLimitWaits: number): string {
  const rows: [string, string, string, string][] = [];
  for (const result of results) {
    const file = oneLine(fileLabel(result));
    const target = oneLine(result.target ?? '-');
    if (result.error !== undefined) {
      rows.push([file, target, 'ERROR', `cannot check this file: ${oneLine(result.error)}`]);
      continue;
    }
    // Checks skipped after a failed refresh share one line: the FAIL line above says it all.
    const skipped = result.checks.filter((c) => c.status === 'skipped');
    for (const check of result.checks) {
      if (check.status === 'skipped') continue;
      rows.push([file, target, STATUS_WORD[check.status], `${check.id}: ${oneLine(check.detail)}`]);
    }
    if (skipped.length > 0) {
      rows.push([
        file,
        target,
        STATUS_WORD.skipped,
        `${skipped.map((c) => c.id).join(', ')}: ${oneLine(skipped[0]!.detail.replace(/^skipped: /, 'not run: '))}`,
      ]);
    }
  }
  const widths = [0, 1, 2].map((col) => Math.max(0, ...rows.map((row) => row[col]!.length)));
  const lines = rows.map((row) =>
    [row[0].padEnd(widths[0]!), row[1].padEnd(widths[1]!), row[2].padEnd(widths[2]!), row[3]].join(
      '  ',
    ),
  );

  const failed = results.filter((r) => r.error === undefined && !r.passed);
  const broken = results.filter((r) => r.error !== undefined);
  const passed = results.length - failed.length - broken.length;
  const summary = [
    `${results.length} checked: ${passed} passed, ${failed.length} failed, ${broken.length} could not be read.`,
  ];
  if (failed.length > 0) {
    summary.push(
      `Failed: ${failed
        .map((r) => {
          const first = r.checks.find((c) => c.status === 'fail');
          const label = oneLine(fileLabel(r));
          return first ? `${label} (${oneLine(first.id)})` : label;
        })
        .join(', ')}`,
    );
  }
  if (broken.length > 0) {
    summary.push(`Unreadable: ${broken.map((r) => oneLine(fileLabel(r))).join(', ')}`);
  }
  if (rateLimitWaits > 0) {
    summary.push(
      `Dropbox asked to slow down ${rateLimitWaits} time${rateLimitWaits === 1 ? '' : 's'}; each wait was honoured.`,
    );
  }
  return `${[...lines, ...(lines.length ? [''] : []), ...summary].join('\n')}\n`;
}

export function renderJson(results: readonly FileResult[]): string {
  const doc = {
    passed: results.length > 0 && results.every((r) => r.passed),
    results: results.map((r) => ({
      file: r.file,
      ...(r.remote !== undefined ? { remote: r.remote } : {}),
      target: r.target,
      passed: r.passed,
      ...(r.error !== undefined ? { error: r.error } : {}),
      checks: r.checks.map((c) => ({ id: c.id, status: c.status, detail: c.detail })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function scrub(text: string, redactor: Redactor): string {
  return redactor.redact(text);
}

/** One line for a terminal: no control, separator or bidi character (shared/text-safety). */
export function oneLine(text: string): string {
  return terminalText(text).replace(/\s+/g, ' ').trim();
}

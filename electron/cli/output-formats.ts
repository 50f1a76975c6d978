/**
 * `verify --format junit` and `--format prometheus`: the two shapes monitoring stacks read.
 *
 * JUnit (CI dashboards, Jenkins, GitLab): one <testsuite> per file (per rclone remote), one
 * <testcase> per check; fail → <failure>, skipped → <skipped>, a file that cannot be read or
 * parsed → one "read" test case with <error>. warn and info pass, with the detail in
 * <system-out>.
 *
 * Prometheus (node_exporter's textfile collector): per connector (file, remote, target)
 *   dropbox_connector_up                              1 all checks passed, 0 otherwise
 *   dropbox_connector_check_status{check,status}      1 for the status the check has, 0 for the others
 *   dropbox_connector_file_readable                   0 when the file could not be read or parsed
 *   dropbox_connector_last_success_timestamp_seconds  the last run in which all checks passed
 *   dropbox_connector_verify_timestamp_seconds        when this run finished (one series)
 * The last success is carried over from the previous textfile: with `--textfile PATH` the CLI
 * reads PATH before replacing it, so a failing connector keeps the time it last passed (a
 * connector that never passed has no such series). Without `--textfile` only this run is known.
 */
import type { HealthStatus } from '../core/connectors/health';
import { escapeXml, terminalText } from '../shared/text-safety';
import { fileLabel } from './output';
import type { FileResult } from './verify';

const STATUSES: readonly HealthStatus[] = ['pass', 'fail', 'warn', 'info', 'skipped'];

function iso(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function attr(value: string): string {
  return escapeXml(terminalText(value));
}

export function renderJunit(results: readonly FileResult[], now: Date): string {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const result of results) {
    const classname = `dropbox-connector.${result.target ?? 'unknown'}`;
    const cases: string[] = [];
    const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    if (result.error !== undefined) {
      counts.tests += 1;
      counts.errors += 1;
      cases.push(
        `    <testcase classname="${attr(classname)}" name="read" file="${attr(result.file)}">`,
        `      <error type="unreadable" message="${attr(result.error)}">${attr(result.error)}</error>`,
        '    </testcase>',
      );
    }
    for (const check of result.checks) {
      counts.tests += 1;
      const open = `    <testcase classname="${attr(classname)}" name="${attr(check.id)}" file="${attr(result.file)}">`;
      const detail = attr(check.detail);
      if (check.status === 'fail') {
        counts.failures += 1;
        cases.push(
          open,
          `      <failure type="fail" message="${detail}">${detail}</failure>`,
          '    </testcase>',
        );
      } else if (check.status === 'skipped') {
        counts.skipped += 1;
        cases.push(open, `      <skipped message="${detail}"/>`, '    </testcase>');
      } else {
        cases.push(
          open,
          `      <system-out>${check.status.toUpperCase()}: ${detail}</system-out>`,
          '    </testcase>',
        );
      }
    }
    tests += counts.tests;
    failures += counts.failures;
    errors += counts.errors;
    skipped += counts.skipped;
    suites.push(
      `  <testsuite name="${attr(fileLabel(result))}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" timestamp="${iso(now)}">`,
      ...cases,
      '  </testsuite>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dropbox-connector-wizard verify" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" timestamp="${iso(now)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/** Prometheus text format label value: backslash, double quote and newline escaped. */
function label(value: string): string {
  return terminalText(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function connectorLabels(result: FileResult): string {
  return `file="${label(result.file)}",remote="${label(result.remote ?? '')}",target="${label(result.target ?? '')}"`;
}

/** The key a connector's last success is carried over by: its file and remote. */
function carryKey(labels: string): string | null {
  const file = /(?:^|,)file="((?:[^"\\]|\\.)*)"/.exec(labels)?.[1];
  const remote = /(?:^|,)remote="((?:[^"\\]|\\.)*)"/.exec(labels)?.[1];
  return file === undefined ? null : `${file}\u0000${remote ?? ''}`;
}

const LAST_SUCCESS = 'dropbox_connector_last_success_timestamp_seconds';

/** Last-success times from a previous textfile, by file and remote. Unknown lines are ignored. */
export function previousLastSuccess(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const line = new RegExp(`^${LAST_SUCCESS}\\{(.*)\\}\\s+(\\d+(?:\\.\\d+)?)\\s*$`);
  for (const raw of text.split('\n')) {
    const match = line.exec(raw);
    if (!match) continue;
    const key = carryKey(match[1] ?? '');
    const value = Number(match[2]);
    if (key !== null && Number.isFinite(value)) out.set(key, value);
  }
  return out;
}

export function renderPrometheus(
  results: readonly FileResult[],
  now: Date,
  previous: ReadonlyMap<string, number> = new Map(),
): string {
  const seconds = Math.floor(now.getTime() / 1000);
  const up: string[] = [];
  const status: string[] = [];
  const readable: string[] = [];
  const last: string[] = [];
  for (const result of results) {
    const labels = connectorLabels(result);
    up.push(`dropbox_connector_up{${labels}} ${result.passed ? 1 : 0}`);
    readable.push(
      `dropbox_connector_file_readable{${labels}} ${result.error === undefined ? 1 : 0}`,
    );
    for (const check of result.checks) {
      for (const s of STATUSES) {
        status.push(
          `dropbox_connector_check_status{${labels},check="${label(check.id)}",status="${s}"} ${check.status === s ? 1 : 0}`,
        );
      }
    }
    const key = carryKey(labels);
    const when = result.passed ? seconds : key !== null ? previous.get(key) : undefined;
    if (when !== undefined) last.push(`${LAST_SUCCESS}{${labels}} ${when}`);
  }
  const family = (name: string, help: string, lines: string[]): string[] => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    ...lines,
  ];
  return [
    ...family('dropbox_connector_up', '1 when every check of the exported connector passed.', up),
    ...family(
      'dropbox_connector_check_status',
      'Result of one check: 1 for the status it has, 0 for the others.',
      status,
    ),
    ...family(
      'dropbox_connector_file_readable',
      '0 when the export file could not be read or parsed.',
      readable,
    ),
    ...family(LAST_SUCCESS, 'Unix time of the last run in which every check passed.', last),
    ...family('dropbox_connector_verify_timestamp_seconds', 'Unix time this verify run finished.', [
      `dropbox_connector_verify_timestamp_seconds ${seconds}`,
    ]),
    '',
  ].join('\n');
}

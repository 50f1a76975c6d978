/**
 * `verify --format text|json|junit|prometheus` against golden files (test/unit/cli/golden), made
 * from one fixed run: a passing Snow Atlas export, a revoked rclone remote, and a truncated file.
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/unit/cli` and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../electron/cli/args';
import { renderJson, renderText } from '../../../electron/cli/output';
import {
  previousLastSuccess,
  renderJunit,
  renderPrometheus,
} from '../../../electron/cli/output-formats';
import type { FileResult } from '../../../electron/cli/verify';

const GOLDEN = resolve(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const NOW = new Date('2026-12-04T02:30:00Z');
const EARLIER = 1764729000; // 2025-12-03T02:30:00Z, from the previous textfile

const RESULTS: FileResult[] = [
  {
    file: '/srv/dropbox-exports/snow-atlas.json',
    target: 'snow-atlas',
    passed: true,
    checks: [
      {
        id: 'refresh',
        label: 'Refresh token works',
        status: 'pass',
        detail: 'a new access token was issued',
      },
      {
        id: 'identity',
        label: 'Who authorized the app',
        status: 'pass',
        detail:
          'Team token for Example Ltd, authorized by Ada Admin <ada@example.test>, a team admin.',
      },
      {
        id: 'scopes',
        label: 'Scopes',
        status: 'warn',
        detail: 'granted: 1 more than needed (files.content.read)',
      },
    ],
  },
  {
    file: '/srv/dropbox-exports/rclone.conf',
    remote: 'work "nas"',
    target: 'rclone',
    passed: false,
    checks: [
      {
        id: 'refresh',
        label: 'Refresh token works',
        status: 'fail',
        detail: 'Dropbox refused the refresh token (invalid_grant) — reconnect in the wizard',
      },
      {
        id: 'identity',
        label: 'Who authorized the app',
        status: 'skipped',
        detail: 'skipped: no access token, because the refresh failed',
      },
    ],
  },
  {
    file: '/srv/dropbox-exports/broken.json',
    target: null,
    passed: false,
    checks: [],
    error: 'not valid JSON',
  },
];

function golden(name: string, actual: string): void {
  const file = resolve(GOLDEN, name);
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('verify output formats (golden)', () => {
  it('text', () => golden('verify.txt', renderText(RESULTS, 0)));
  it('json', () => golden('verify.json', renderJson(RESULTS)));
  it('junit: one test case per file and check', () => {
    const xml = renderJunit(RESULTS, NOW);
    golden('verify.junit.xml', xml);
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    expect(xml).toMatch(/<testsuites [^>]*tests="6" failures="1" errors="1" skipped="1"/);
  });
  it('prometheus: a node_exporter textfile; last success carried over for the failing remote', () => {
    const previous = previousLastSuccess(
      `dropbox_connector_last_success_timestamp_seconds{file="/srv/dropbox-exports/rclone.conf",remote="work \\"nas\\"",target="rclone"} ${EARLIER}\n`,
    );
    const prom = renderPrometheus(RESULTS, NOW, previous);
    golden('verify.prom', prom);
    expect(prom).toContain(
      `dropbox_connector_last_success_timestamp_seconds{file="/srv/dropbox-exports/rclone.conf",remote="work \\"nas\\"",target="rclone"} ${EARLIER}`,
    );
    expect(prom).toContain(
      `dropbox_connector_last_success_timestamp_seconds{file="/srv/dropbox-exports/snow-atlas.json",remote="",target="snow-atlas"} ${NOW.getTime() / 1000}`,
    );
    // Every sample line is "name{labels} number" or "name number".
    for (const line of prom.split('\n').filter((l) => l && !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-z_]+(\{.*\})? -?\d+(\.\d+)?$/);
    }
  });
  it('prometheus: a connector that never passed has no last-success series', () => {
    expect(renderPrometheus(RESULTS, NOW)).not.toContain(
      'last_success_timestamp_seconds{file="/srv/dropbox-exports/rclone.conf"',
    );
  });
});

describe('--format on the command line (util.parseArgs)', () => {
  it.each([
    [['verify', 'x'], 'text'],
    [['verify', 'x', '--json'], 'json'],
    [['verify', '--format', 'junit', 'x'], 'junit'],
    [['verify', '--format=prometheus', 'x'], 'prometheus'],
  ])('%j → %s', (argv, format) => {
    expect(parseCliArgs(argv)).toMatchObject({ kind: 'verify', format, paths: ['x'] });
  });
  it('refuses an unknown format, --json with another format, and --textfile without prometheus', () => {
    expect(() => parseCliArgs(['verify', '--format', 'xml', 'x'])).toThrow(
      /--format must be one of/,
    );
    expect(() => parseCliArgs(['verify', '--format', 'junit', '--json', 'x'])).toThrow(
      /--json means/,
    );
    expect(() => parseCliArgs(['verify', '--textfile', 'a.prom', 'x'])).toThrow(
      /--textfile goes with/,
    );
    expect(() => parseCliArgs(['verify', '--bogus', 'x'])).toThrow(/unknown option "--bogus"/);
    expect(parseCliArgs(['verify', '--', '--odd-name.json'])).toMatchObject({
      paths: ['--odd-name.json'],
    });
  });
});

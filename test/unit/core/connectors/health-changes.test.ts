/**
 * Every health change, as a table: what the previous check said, what this one says, the change
 * (or none) an admin sees, and the status word. Includes the two that had no test: a 429 or an
 * offline network is not a change of the connector, and the CLI's exit code where an unreadable
 * file (2) wins over a failing one (1).
 */
import { describe, expect, it } from 'vitest';
import { coverageLine, coverageOf } from '../../../../electron/core/connectors/health-coverage';
import { diffHealth } from '../../../../electron/core/connectors/health-diff';
import { verdictOf } from '../../../../electron/core/connectors/health-verdict';
import { CERTERO } from '../../../../electron/core/targets/profiles/certero';
import { RCLONE } from '../../../../electron/core/targets/profiles/rclone';
import { exitCodeFor, EXIT } from '../../../../electron/cli/output';
import type { FileResult } from '../../../../electron/cli/verify';
import type { CheckResult, HealthRecord } from '../../../../electron/shared/contract';

const REQUIRED = RCLONE.scopes.required;

function check(id: string, status: CheckResult['status'], code?: string): CheckResult {
  return code
    ? {
        id,
        label: id,
        status,
        detail: `${id} ${status}`,
        error: { code: code as never, message: `${id} failed`, remedy: `fix ${id}` },
      }
    : { id, label: id, status, detail: `${id} ${status}` };
}

/** A full rclone check: refresh, identity, every probe passing unless overridden. */
function record(overrides: Record<string, CheckResult> = {}): HealthRecord {
  const base = [
    check('refresh', 'pass'),
    check('identity', 'pass'),
    check('token_valid', 'pass'),
    ...REQUIRED.map((scope) => check(`probe:${scope}`, 'pass')),
  ];
  const checks = base.map((c) => overrides[c.id] ?? c);
  for (const [id, c] of Object.entries(overrides))
    if (!base.some((b) => b.id === id)) checks.push(c);
  return {
    checkedAt: '2026-12-01T00:00:00.000Z',
    passed: checks.every((c) => c.status !== 'fail'),
    checks,
  };
}

const healthy = record();

describe('every health change', () => {
  it.each([
    {
      name: 'nothing changed',
      before: healthy,
      after: healthy,
      changes: [],
      status: 'healthy',
    },
    {
      name: 'refresh token revoked → Reconnect',
      before: healthy,
      after: record({ refresh: check('refresh', 'fail', 'refresh_failed') }),
      changes: [{ id: 'refresh', kind: 'broke', action: 'reconnect' }],
      status: 'failing',
    },
    {
      name: 'app disabled → App Console',
      before: healthy,
      after: record({ refresh: check('refresh', 'fail', 'app_disabled') }),
      changes: [{ id: 'refresh', kind: 'broke', action: 'open_app_console' }],
      status: 'failing',
    },
    {
      name: 'secret reset → App Console',
      before: healthy,
      after: record({ refresh: check('refresh', 'fail', 'bad_app_credentials') }),
      changes: [{ id: 'refresh', kind: 'broke', action: 'open_app_console' }],
      status: 'failing',
    },
    {
      name: 'admin demoted → Reconnect as an admin',
      before: healthy,
      after: record({ identity: check('identity', 'fail', 'not_team_admin') }),
      changes: [{ id: 'identity', kind: 'broke', action: 'reconnect' }],
      status: 'failing',
    },
    {
      name: 'a write scope unticked on the app → App Console',
      before: healthy,
      after: record({
        'probe:sharing.write': check('probe:sharing.write', 'fail', 'scope_not_enabled_on_app'),
      }),
      changes: [{ id: 'probe:sharing.write', kind: 'broke', action: 'open_app_console' }],
      status: 'failing',
    },
    {
      name: 'the token lacks a scope → Reconnect',
      before: healthy,
      after: record({
        'probe:files.content.write': check('probe:files.content.write', 'fail', 'missing_scope'),
      }),
      changes: [{ id: 'probe:files.content.write', kind: 'broke', action: 'reconnect' }],
      status: 'failing',
    },
    {
      name: 'a 429 is not a change (and not a verdict)',
      before: healthy,
      after: record({ refresh: check('refresh', 'fail', 'rate_limited') }),
      changes: [],
      status: 'unknown',
    },
    {
      name: 'offline is not a change (and not a verdict)',
      before: healthy,
      after: record({ refresh: check('refresh', 'fail', 'offline') }),
      changes: [],
      status: 'unknown',
    },
    {
      name: 'the good check after a 429 is no recovery either',
      before: record({ refresh: check('refresh', 'fail', 'rate_limited') }),
      after: healthy,
      changes: [],
      status: 'healthy',
    },
    {
      name: 'a revoke found by the check after a 429 is still a change',
      before: record({ refresh: check('refresh', 'fail', 'rate_limited') }),
      after: record({ refresh: check('refresh', 'fail', 'refresh_failed') }),
      changes: [{ id: 'refresh', kind: 'broke', action: 'reconnect' }],
      status: 'failing',
    },
    {
      name: 'a failing check that works again → recovered',
      before: record({ refresh: check('refresh', 'fail', 'refresh_failed') }),
      after: healthy,
      changes: [{ id: 'refresh', kind: 'recovered', action: null }],
      status: 'healthy',
    },
    {
      name: 'still failing the same way → no change',
      before: record({ refresh: check('refresh', 'fail', 'refresh_failed') }),
      after: record({ refresh: check('refresh', 'fail', 'refresh_failed') }),
      changes: [],
      status: 'failing',
    },
    {
      name: 'secret not held (browser-mode restart) → neutral, no change',
      before: healthy,
      after: {
        checkedAt: '2026-12-02T00:00:00.000Z',
        passed: false,
        checks: [check('secrets', 'info')],
      },
      changes: [],
      status: 'secret_not_held',
    },
    {
      name: 'a scope with no harmless probe → Degraded, not a change',
      before: healthy,
      after: record({ 'probe:sharing.write': check('probe:sharing.write', 'info') }),
      changes: [],
      status: 'degraded',
    },
  ])('$name', ({ before, after, changes, status }) => {
    const diff = diffHealth(before, after);
    expect(diff.map(({ id, kind, action }) => ({ id, kind, action }))).toEqual(changes);
    expect(verdictOf(after, RCLONE, REQUIRED).status).toBe(status);
  });

  it('the refresh failing comes first among several changes', () => {
    const after = record({
      identity: check('identity', 'fail', 'not_team_admin'),
      refresh: check('refresh', 'fail', 'refresh_failed'),
    });
    expect(diffHealth(healthy, after).map((c) => c.id)).toEqual(['refresh', 'identity']);
    expect(verdictOf(after, RCLONE, REQUIRED).cause?.action).toBe('reconnect');
  });

  it('a failing row names its first cause and the scope; a first check has no change', () => {
    const after = record({
      'probe:sharing.write': check('probe:sharing.write', 'fail', 'scope_not_enabled_on_app'),
    });
    const verdict = verdictOf(after, RCLONE, REQUIRED);
    expect(verdict.cause?.what).toContain('sharing.write');
    expect(verdict.line).toBe('6 of 7 scopes verified by a call · 1 refused');
    expect(diffHealth(null, after)).toEqual([]);
  });

  it('an app-only product says what its check covers, never Healthy', () => {
    const keyOnly: HealthRecord = {
      checkedAt: '2026-12-01T00:00:00.000Z',
      passed: true,
      checks: [check('app_credentials', 'pass')],
    };
    const verdict = verdictOf(keyOnly, CERTERO, CERTERO.scopes.required);
    expect(verdict.status).toBe('key_only');
    expect(verdict.line).toBe(
      'App key and secret valid · the product’s own token is not visible to the wizard',
    );
    expect(verdict.cause?.action).toBe('test_authorization');
  });
});

describe('coverage line', () => {
  it('counts verified, refused, not checkable and skipped scopes from the checks', () => {
    const checks = [
      check('probe:a', 'pass'),
      check('probe:b', 'pass'),
      check('probe:c', 'info'),
      check('probe:d', 'fail', 'missing_scope'),
    ];
    expect(coverageLine(coverageOf(checks, ['a', 'b', 'c', 'd', 'e']))).toBe(
      '2 of 5 scopes verified by a call · 1 refused · 1 granted at setup, not checkable · 1 not checked',
    );
    expect(coverageLine(coverageOf([], []))).toBe('The connector needs no particular scope.');
  });

  it('a probe that never ran because the refresh failed is "not checked", not "not checkable"', () => {
    const skipped = {
      id: 'probe:a',
      status: 'info' as const,
      detail: 'skipped: no access token, because the refresh failed',
    };
    expect(coverageLine(coverageOf([skipped], ['a']))).toBe(
      '0 of 1 scope verified by a call · 1 not checked',
    );
  });
});

describe('verify exit code', () => {
  const file = (over: Partial<FileResult>): FileResult => ({
    file: 'x',
    target: 'custom',
    passed: true,
    checks: [],
    ...over,
  });
  it.each([
    { name: 'all pass → 0', results: [file({})], code: EXIT.passed },
    { name: 'one fails → 1', results: [file({}), file({ passed: false })], code: EXIT.failed },
    {
      name: '2 wins over 1: an unreadable file beside a failing one → 2',
      results: [file({ passed: false }), file({ passed: false, error: 'not valid JSON' })],
      code: EXIT.unreadable,
    },
    { name: 'no file at all → 2', results: [], code: EXIT.unreadable },
  ])('$name', ({ results, code }) => {
    expect(exitCodeFor(results)).toBe(code);
  });
});

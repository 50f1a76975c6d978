/**
 * The verification report against golden files an admin can read
 * (test/unit/core/connectors/golden). Regenerate with `UPDATE_GOLDEN=1 npx vitest run
 * test/unit/core/connectors/report.test.ts`, then read every changed file before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderVerificationReport } from '../../../../electron/core/connectors/report';
import {
  NO_SECRET_FOOTER,
  requestIdOf,
  scrubTokens,
  type ReportFormat,
  type ReportInput,
} from '../../../../electron/core/connectors/report-model';
import { describeReply } from '../../../../electron/core/dropbox/http';
import { RCLONE } from '../../../../electron/core/targets/profiles/rclone';
import { SNOW_ATLAS } from '../../../../electron/core/targets/profiles/snow-atlas';
import type { CheckResult } from '../../../../electron/shared/contract';

const GOLDEN_DIR = resolve(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const REQUEST_ID = '20bc6a64f49a46f585bf0738eb31d2a2';
const FAKE_ACCESS_TOKEN = 'sl.u.AF8LfakeAccessTokenForTheReportTest0123456789abcdefghij';
const FAKE_REFRESH_TOKEN = 'lXcsWwWZ5AEAAAAAAAAAAWMD0qrhX1hkzUx6248fzi0LV0iUnQmZXlkbZXpZLjw-';

const GENERATED = new Date('2026-12-04T10:15:00.000Z');
const CHECKED = new Date('2026-12-04T10:14:12.345Z');
const SETUP = new Date('2026-06-01T09:00:00.000Z');

const SNOW_SCOPES = ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'];

function teamPassing(): ReportInput {
  const probe = (scope: string, meaning: string, route: string): CheckResult => ({
    id: `probe:${scope}`,
    label: `${scope}: ${meaning}`,
    status: 'pass',
    detail: `Dropbox answered ${route}: the token can use ${scope}.`,
  });
  return {
    connectorName: 'Snow Atlas – Acme Corp',
    target: SNOW_ATLAS,
    appKey: 'k7x2m9q4w1e8r5t',
    identity: {
      tokenKind: 'team',
      accountId: 'dbid:AACxzyFl3qbXBJc3tx7WmwJ1u4s4XXSz5CQ',
      email: 'it-admin@acme.example',
      emailVerified: true,
      displayName: 'Dana Admin',
      teamId: 'dbtid:AABUnTcBrTfkdFw_cgbfBGQ5-kYcXw0rAIM',
      teamName: 'Acme Corp',
      isTeamAdmin: true,
    },
    requiredScopes: SNOW_SCOPES,
    grantedScopes: SNOW_SCOPES,
    checks: [
      {
        id: 'identity',
        label: 'Who authorized the app',
        status: 'pass',
        detail:
          'Team token for Acme Corp, authorized by Dana Admin (it-admin@acme.example), a team admin.',
      },
      {
        id: 'scopes',
        label: 'Permissions granted',
        status: 'pass',
        detail: 'All 4 permissions the connector needs are granted.',
      },
      {
        id: 'token_valid',
        label: 'Access token accepted',
        status: 'pass',
        detail: 'Dropbox accepted the access token (team/get_info).',
      },
      probe(
        'account_info.read',
        'View basic information about your Dropbox account such as your username, email, and country',
        'team/token/get_authenticated_admin',
      ),
      probe('members.read', 'View your team membership', 'team/members/list_v2'),
      {
        id: 'probe:sessions.list',
        label: 'sessions.list: View your team’s sessions',
        status: 'info',
        detail: 'Granted; not probed (no harmless read call proves it).',
      },
      probe('team_info.read', 'View basic information about your team', 'team/get_info'),
      {
        id: 'refresh',
        label: 'Refresh token works',
        status: 'pass',
        detail:
          'Dropbox issued a new access token from the refresh token with the app key and secret (valid for 4 hours), exactly as the connector will.',
      },
    ],
    checkedAt: CHECKED,
    generatedAt: GENERATED,
    wizardVersion: '0.1.0',
    recordedAt: SETUP,
  };
}

function userFailing(): ReportInput {
  const required = [
    'account_info.read',
    'files.content.read',
    'files.content.write',
    'files.metadata.read',
    'files.metadata.write',
    'sharing.read',
    'sharing.write',
  ];
  const granted = [
    'account_info.read',
    'files.content.read',
    'files.metadata.read',
    'files.metadata.write',
    'sharing.read',
    'sharing.write',
    'file_requests.read',
  ];
  return {
    connectorName: 'rclone on backup-01',
    target: RCLONE,
    appKey: 'p3n8v1c6z0a2s9d',
    identity: {
      tokenKind: 'user',
      accountId: 'dbid:AAD4f9Wq2TzLk1vY7nPp0sX3bRm8cJh5uE0',
      email: 'backup@example.org',
      emailVerified: true,
      displayName: 'Backup Robot',
      teamId: null,
      teamName: null,
      isTeamAdmin: null,
    },
    requiredScopes: required,
    grantedScopes: granted,
    checks: [
      {
        id: 'identity',
        label: 'Who authorized the app',
        status: 'info',
        detail: 'skipped: no access token, because the refresh failed',
      },
      {
        id: 'scopes',
        label: 'Permissions granted',
        status: 'fail',
        detail: 'The token lacks the permission files.content.write.',
        error: {
          code: 'missing_scope',
          message: 'The token lacks the permission files.content.write.',
          remedy:
            'App Console → Permissions → tick files.content.write → Submit → Authorize again.',
          action: 'authorize_again',
          detail: 'missing: files.content.write',
        },
      },
      {
        id: 'token_valid',
        label: 'Access token accepted',
        status: 'pass',
        detail: 'Dropbox accepted the access token (check/user).',
      },
      {
        id: 'probe:files.metadata.read',
        label: 'files.metadata.read: View information about your Dropbox files and folders',
        status: 'fail',
        detail: 'Dropbox refused the access token.',
        error: {
          code: 'token_invalid',
          message: 'Dropbox refused the access token.',
          remedy: 'Choose Authorize again so Dropbox issues a new token.',
          action: 'authorize_again',
          // A token that slipped into an error detail must not reach the report.
          detail: `${describeReply('files/list_folder', 401, REQUEST_ID)}: invalid_access_token (Bearer ${FAKE_ACCESS_TOKEN})`,
        },
      },
      {
        id: 'refresh',
        label: 'Refresh token works',
        status: 'fail',
        detail: 'Dropbox refused the refresh token.',
        error: {
          code: 'refresh_failed',
          message: 'Dropbox refused the refresh token.',
          remedy: 'Choose Authorize again to get a new refresh token.',
          action: 'authorize_again',
          detail: `${describeReply('oauth2/token', 400, 'a1b2c3d4e5f60718293a4b5c6d7e8f90')}: invalid_grant "refresh token is invalid or revoked" refresh_token=${FAKE_REFRESH_TOKEN}`,
        },
      },
    ],
    checkedAt: CHECKED,
    generatedAt: GENERATED,
    wizardVersion: '0.1.0',
    recordedAt: SETUP,
  };
}

const CASES: readonly { name: string; input: () => ReportInput }[] = [
  { name: 'team-passing', input: teamPassing },
  { name: 'user-failing', input: userFailing },
];
const FORMATS: readonly { format: ReportFormat; extension: string }[] = [
  { format: 'markdown', extension: 'md' },
  { format: 'html', extension: 'html' },
];

describe('golden reports', () => {
  for (const c of CASES) {
    for (const { format, extension } of FORMATS) {
      it(`${c.name}.${extension}`, () => {
        const rendered = renderVerificationReport(c.input(), format);
        const file = join(GOLDEN_DIR, `${c.name}.${extension}`);
        if (UPDATE || !existsSync(file)) {
          mkdirSync(GOLDEN_DIR, { recursive: true });
          writeFileSync(file, rendered);
        }
        expect(rendered).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});

describe('content', () => {
  it('passing team connector: title, UTC times, target, key, team, admin, every check', () => {
    const md = renderVerificationReport(teamPassing(), 'markdown');
    expect(md).toMatch(/^# Dropbox connector verification report: Snow Atlas – Acme Corp\n/);
    expect(md).toContain(
      '**Generated:** 2026-12-04 10:15:00 UTC by Dropbox Connector Wizard 0.1.0',
    );
    expect(md).toContain('**Checked:** 2026-12-04 10:14:12 UTC');
    expect(md).toContain('Passed: all 8 checks passed');
    expect(md).toContain('| Target | Snow Atlas (snow-atlas) |');
    expect(md).toContain('| App key | k7x2m9q4w1e8r5t |');
    // Proved by this check's identity call: marked verified now.
    expect(md).toContain(
      '| Team | Acme Corp (dbtid:AABUnTcBrTfkdFw_cgbfBGQ5-kYcXw0rAIM) — verified now (2026-12-04 10:14:12 UTC) |',
    );
    expect(md).toContain(
      '| Admin (signed in) | Dana Admin, `it-admin@acme.example` (dbid:AACxzyFl3qbXBJc3tx7WmwJ1u4s4XXSz5CQ) — verified now (2026-12-04 10:14:12 UTC) |',
    );
    expect(md).toContain(
      'Granted scopes recorded at setup 2026-06-01 09:00:00 UTC; 3 of 4 required scopes verified by a call',
    );
    expect(md).toContain('| `members.read` | yes | yes | ✓ |');
    expect(md).not.toContain('## What to fix');
    expect(md.trimEnd().endsWith(`_${NO_SECRET_FOOTER}_`)).toBe(true);
  });

  it('failing user connector: missing and extra scopes, failures with fixes and request ids', () => {
    const md = renderVerificationReport(userFailing(), 'markdown');
    expect(md).toContain('Failed: 3 of 5 checks failed');
    // The refresh failed: nothing about the account was proved now, so nothing claims it was.
    expect(md).toContain('| Team admin | Not known — recorded at setup 2026-06-01 09:00:00 UTC |');
    expect(md).not.toContain('verified now');
    expect(md).toContain('7 required, 7 granted, 1 missing, 1 extra.');
    expect(md).toContain('| `files.content.write` | yes | no | missing |');
    expect(md).toContain('| `file_requests.read` | no | yes | extra |');
    expect(md).toContain('| Signed-in account | Backup Robot, `backup@example.org`');
    expect(md).toContain(
      '| Team | None (personal account) — recorded at setup 2026-06-01 09:00:00 UTC |',
    );
    expect(md).toContain(`\`${REQUEST_ID}\``);
    expect(md).toContain('`a1b2c3d4e5f60718293a4b5c6d7e8f90`');
    expect(md).toContain('## What to fix');
    expect(md).toContain('Choose Authorize again to get a new refresh token.');
  });

  it('a connector never checked says so', () => {
    const input = { ...teamPassing(), checks: [], checkedAt: null, identity: null };
    const md = renderVerificationReport(input, 'markdown');
    expect(md).toContain('**Result:** Not checked yet');
    expect(md).toContain('**Checked:** Never');
    expect(md).toContain('The connector has not been checked yet.');
    expect(md).toContain('| Signed-in account | Not known |');
  });
});

describe('request ids', () => {
  it('reads the id describeReply writes, from the error detail first', () => {
    const check: CheckResult = {
      id: 'refresh',
      label: 'Refresh token works',
      status: 'fail',
      detail: 'Dropbox refused the refresh token.',
      error: {
        code: 'refresh_failed',
        message: 'x',
        remedy: 'y',
        detail: `${describeReply('oauth2/token', 400, REQUEST_ID)}: invalid_grant`,
      },
    };
    expect(requestIdOf(check)).toBe(REQUEST_ID);
    expect(requestIdOf({ ...check, error: undefined })).toBeNull();
    expect(
      requestIdOf({ ...check, error: undefined, detail: `failed (request id ${REQUEST_ID})` }),
    ).toBe(REQUEST_ID);
    expect(
      requestIdOf({ ...check, error: { ...check.error!, detail: describeReply('x', 500, null) } }),
    ).toBeNull();
  });
});

describe('no secret in the report', () => {
  it('a detail with a fake sl. token, a refresh token and a code comes out scrubbed', () => {
    const code = '4EYjTs0eOrkAAAAAAAAATl3muv7xfGx4hxnis814Dpc';
    const input = userFailing();
    const leaky: ReportInput = {
      ...input,
      checks: [
        {
          id: 'token_valid',
          label: 'Access token accepted',
          status: 'fail',
          detail: `Dropbox refused sl.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 and code ${code}`,
          error: {
            code: 'token_invalid',
            message: 'Dropbox refused the access token.',
            remedy: `Authorize again (old token ${FAKE_ACCESS_TOKEN})`,
            detail: `HTTP 401 from check/user: Bearer ${FAKE_ACCESS_TOKEN} refresh=${FAKE_REFRESH_TOKEN}`,
          },
        },
      ],
    };
    for (const format of ['markdown', 'html'] as const) {
      const out = renderVerificationReport(leaky, format);
      expect(out).not.toContain('sl.AbCdEf');
      expect(out).not.toContain('AF8Lfake');
      expect(out).not.toContain(FAKE_REFRESH_TOKEN.slice(0, 20));
      expect(out).not.toContain(code);
      expect(out).toContain('(token removed)');
    }
    for (const c of CASES) {
      for (const { format } of FORMATS) {
        const out = renderVerificationReport(c.input(), format);
        expect(out).not.toContain('AF8Lfake');
        expect(out).not.toContain(FAKE_REFRESH_TOKEN.slice(0, 20));
        expect(out).toContain('No secret is included in this report');
      }
    }
  });

  it('scrubTokens leaves ids, scopes and request ids alone', () => {
    const text = `dbid:AACxzyFl3qbXBJc3tx7WmwJ1u4s4XXSz5CQ dbtid:AABUnTcBrTfkdFw_cgbfBGQ5-kYcXw0rAIM ${REQUEST_ID} files.content.write slack.example`;
    expect(scrubTokens(text)).toBe(text);
  });
});

describe('escaping', () => {
  const hostile = (): ReportInput => {
    const input = teamPassing();
    return {
      ...input,
      connectorName: 'Acme <img src=x onerror=alert(1)>',
      identity: {
        ...input.identity!,
        displayName: '<script>alert("owned")</script> | [click](https://evil.example) `x`',
        teamName: 'Team & "Friends" \'quoted\'',
      },
      checks: [
        {
          id: 'identity',
          label: 'Who <b>authorized</b>',
          status: 'warn',
          detail: 'line one\nline two | <iframe src="https://evil.example">',
        },
      ],
    };
  };

  it('HTML: every value escaped, no external resource, a CSP that blocks everything external', () => {
    const html = renderVerificationReport(hostile(), 'html');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<iframe');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;');
    expect(html).toContain('Team &amp; &quot;Friends&quot; &#39;quoted&#39;');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;;`,
    );
    // Nothing loads from anywhere: no src, no href, no url(), no @import.
    expect(html).not.toMatch(/<[^>]*\s(?:src|href)=|url\(|@import/i);
  });

  it('Markdown: no raw HTML, no link, no broken table row', () => {
    const md = renderVerificationReport(hostile(), 'markdown');
    // Every < is backslash-escaped, so no HTML tag can open.
    expect(md).not.toMatch(/(?<!\\)</);
    expect(md).toContain('\\<script\\>');
    // A bare URL is a code span: GFM's autolink extension never links inside one.
    expect(md).toContain('\\[click\\](`https://evil.example`)');
    expect(md).toContain('line one line two \\| \\<iframe');
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      // Unescaped pipes only at cell borders: each row of a table has its header's cell count.
      const cells = line.replace(/\\\|/g, '').split('|').length;
      expect([4, 6]).toContain(cells);
    }
  });
});

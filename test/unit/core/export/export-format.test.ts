import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import type { CheckResult, Identity } from '../../../../electron/shared/contract';
import { WizardFailure } from '../../../../electron/core/failure';
import {
  EXPORT_FORMAT,
  buildExportDocument,
  formatCreatedAt,
  serializeExportDocument,
  type ExportInput,
} from '../../../../electron/core/export/export-format';
import { getTarget } from '../../../../electron/core/targets/registry';

const schema = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../docs/export-format.schema.json'), 'utf8'),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const APP_SECRET = 'k2j4h5g6f7d8s9a';
const REFRESH = 'AbCdEfGhIjKAAAAAAAAAAUvWxYz0123456789-_abcdefghijklmnopqrstuvwxy';
const TEAM_IDENTITY: Identity = {
  tokenKind: 'team',
  accountId: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc',
  email: 'admin@example.com',
  emailVerified: true,
  displayName: 'Alex Admin',
  teamId: 'dbtid:AAFdgehTzw7WlXhZJsbGCLePe8RvQGYDr-I',
  teamName: 'Example Ltd',
  isTeamAdmin: true,
};
const USER_IDENTITY: Identity = {
  ...TEAM_IDENTITY,
  tokenKind: 'user',
  isTeamAdmin: null,
};
const CHECKS: CheckResult[] = [
  {
    id: 'app_credentials',
    label: 'App key and secret',
    status: 'pass',
    detail: 'Dropbox accepted the App key and App secret.',
  },
  { id: 'probe:members.read', label: 'members.read', status: 'pass', detail: 'Listed 1 member.' },
  {
    id: 'scopes',
    label: 'Scopes',
    status: 'warn',
    detail: 'Extra scope files.metadata.read granted.',
    error: { code: 'missing_scope', message: 'm', remedy: 'r' },
  },
];

function input(overrides: Partial<ExportInput> = {}): ExportInput {
  const target = getTarget('snow-atlas');
  if (!target) throw new Error('no snow-atlas');
  return {
    target,
    appKey: 'mvhz183vwqibe7q',
    appSecret: APP_SECRET,
    refreshToken: REFRESH,
    scopes: [
      'team_info.read',
      'sessions.list',
      'account_info.read',
      'members.read',
      'members.read',
    ],
    identity: TEAM_IDENTITY,
    checks: CHECKS,
    now: new Date('2026-11-23T10:00:00.123Z'),
    ...overrides,
  };
}

describe('buildExportDocument', () => {
  it('builds exactly the documented object', () => {
    expect(buildExportDocument(input())).toStrictEqual({
      format: 'dropbox-connector/v1',
      target: 'snow-atlas',
      created_at: '2026-11-23T10:00:00Z',
      app_key: 'mvhz183vwqibe7q',
      app_secret: APP_SECRET,
      refresh_token: REFRESH,
      scopes: ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'],
      token_kind: 'team',
      team: { id: 'dbtid:AAFdgehTzw7WlXhZJsbGCLePe8RvQGYDr-I', name: 'Example Ltd' },
      account: {
        id: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc',
        email: 'admin@example.com',
        display_name: 'Alex Admin',
      },
      checks: [
        {
          id: 'app_credentials',
          status: 'pass',
          detail: 'Dropbox accepted the App key and App secret.',
        },
        { id: 'probe:members.read', status: 'pass', detail: 'Listed 1 member.' },
        { id: 'scopes', status: 'warn', detail: 'Extra scope files.metadata.read granted.' },
      ],
    });
  });

  it('keeps the documented key order in the serialized file', () => {
    const text = serializeExportDocument(buildExportDocument(input()));
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'format',
      'target',
      'created_at',
      'app_key',
      'app_secret',
      'refresh_token',
      'scopes',
      'token_kind',
      'team',
      'account',
      'checks',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes created_at in UTC without milliseconds', () => {
    expect(formatCreatedAt(new Date('2026-01-02T03:04:05.999Z'))).toBe('2026-01-02T03:04:05Z');
  });

  it('sets team to null for user tokens', () => {
    const doc = buildExportDocument(input({ identity: USER_IDENTITY }));
    expect(doc.token_kind).toBe('user');
    expect(doc.team).toBeNull();
    expect(validate(doc)).toBe(true);
  });

  it('refuses to build without a refresh token or a known account', () => {
    expect(() => buildExportDocument(input({ refreshToken: '' }))).toThrow(WizardFailure);
    try {
      buildExportDocument(input({ identity: { ...TEAM_IDENTITY, email: null } }));
      expect.unreachable();
    } catch (error) {
      expect((error as WizardFailure).error.code).toBe('export_failed');
    }
    expect(() =>
      buildExportDocument(input({ identity: { ...TEAM_IDENTITY, teamId: null } })),
    ).toThrow(/team is not known/);
  });
});

describe('export-format.schema.json', () => {
  it('accepts the built document and its redacted copy', () => {
    const doc = buildExportDocument(input());
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    // The support copy carries the placeholder where the secrets were (registry.ts redactInput).
    const copy = buildExportDocument(
      input({ appSecret: '[redacted]', refreshToken: '[redacted]' }),
    );
    expect(validate(copy), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.format).toBe(EXPORT_FORMAT);
  });

  it.each([
    ['a missing refresh_token', (d: Record<string, unknown>) => delete d.refresh_token],
    ['an extra property', (d: Record<string, unknown>) => (d.access_token = 'sl.x')],
    ['another format', (d: Record<string, unknown>) => (d.format = 'dropbox-connector/v2')],
    ['a bad token_kind', (d: Record<string, unknown>) => (d.token_kind = 'admin')],
    ['a team on a user token', (d: Record<string, unknown>) => (d.token_kind = 'user')],
    ['a null team on a team token', (d: Record<string, unknown>) => (d.team = null)],
    [
      'a team id without dbtid:',
      (d: Record<string, unknown>) => (d.team = { id: 'AAF', name: 'X' }),
    ],
    [
      'an account id without dbid:',
      (d: Record<string, unknown>) => ((d.account as Record<string, unknown>).id = 'dbmid:1'),
    ],
    [
      'milliseconds in created_at',
      (d: Record<string, unknown>) => (d.created_at = '2026-11-23T10:00:00.123Z'),
    ],
    [
      'an extra check field',
      (d: Record<string, unknown>) => ((d.checks as Record<string, unknown>[])[0]!.label = 'x'),
    ],
  ])('rejects %s', (_name, mutate) => {
    const doc = JSON.parse(JSON.stringify(buildExportDocument(input()))) as Record<string, unknown>;
    mutate(doc);
    expect(validate(doc)).toBe(false);
  });
});

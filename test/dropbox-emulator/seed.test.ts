/**
 * Seed format: the JSON Schema file, the zod schema it is generated from, and the default seed
 * (ID formats as in dropbox-api-spec and public threads).
 */
import { readFile } from 'node:fs/promises';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEED_PATH,
  loadSeed,
  parseSeed,
  SEED_SCHEMA_PATH,
  SeedError,
  seedJsonSchema,
} from './seed';

const readJson = async (path: string): Promise<unknown> =>
  JSON.parse(await readFile(path, 'utf8')) as unknown;

describe('seed schema', () => {
  it('seed.schema.json is exactly what seed.ts generates (run write-seed-schema.ts after changing seed.ts)', async () => {
    expect(await readJson(SEED_SCHEMA_PATH)).toEqual(seedJsonSchema());
  });

  it('the default seed validates against seed.schema.json with an independent validator (ajv)', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile((await readJson(SEED_SCHEMA_PATH)) as object);
    const ok = validate(await readJson(DEFAULT_SEED_PATH));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the default seed uses real ID formats (dbid:+35 = 40, dbtid:+35 = 41, dbmid:+35 = 41)', async () => {
    const seed = await loadSeed(DEFAULT_SEED_PATH);
    for (const a of seed.accounts) {
      expect(a.accountId).toMatch(/^dbid:[A-Za-z0-9_-]{35}$/);
      expect(a.accountId).toHaveLength(40);
      if (a.teamMemberId !== null) expect(a.teamMemberId).toMatch(/^dbmid:[A-Za-z0-9_-]{35}$/);
    }
    for (const t of seed.teams) expect(t.id).toHaveLength(41);
    for (const app of seed.apps) {
      expect(app.key).toMatch(/^[a-z0-9]{15}$/);
      expect(app.secret).toMatch(/^[a-z0-9]{15}$/);
    }
  });

  it('the default seed has the accounts and apps the README documents', async () => {
    const seed = await loadSeed(DEFAULT_SEED_PATH);
    const admin = seed.accounts.find((a) => a.email === 'admin@example.test');
    expect(admin).toMatchObject({
      name: 'Ada Admin',
      role: 'team_admin',
      password: 'demo-password',
    });
    expect(seed.accounts.find((a) => a.email === 'member@example.test')).toMatchObject({
      role: 'member',
      teamId: admin?.teamId,
    });
    expect(seed.accounts.find((a) => a.email === 'personal@example.test')).toMatchObject({
      teamId: null,
      teamMemberId: null,
    });
    expect(seed.teams[0]).toMatchObject({ name: 'Example Ltd' });
    expect(seed.teams[0]?.groups.length).toBeGreaterThan(0);
    expect(seed.teams[0]?.devices.length).toBeGreaterThan(0);
    expect(seed.teams[0]?.events.length).toBeGreaterThan(0);
    expect(seed.apps.find((a) => a.key === 'snowatlasdemo01')).toEqual({
      key: 'snowatlasdemo01',
      secret: expect.stringMatching(/^[a-z0-9]{15}$/) as unknown as string,
      name: 'Snow Atlas connector',
      access: 'full_dropbox',
      scopes: ['account_info.read', 'team_info.read', 'members.read', 'sessions.list'],
      redirectUris: [
        'http://127.0.0.1:47210/oauth/callback',
        'http://127.0.0.1:47211/oauth/callback',
        'http://127.0.0.1:47212/oauth/callback',
      ],
      allowPublicClients: true,
      status: 'development',
      legacy: false,
      userLimitReached: false,
      frozen: false,
      teamLimitReached: false,
    });
    expect(seed.apps.find((a) => a.key === 'certerodemo0001')).toEqual({
      key: 'certerodemo0001',
      secret: '4umm6ec1ssbh54d',
      name: 'Certero connector',
      access: 'full_dropbox',
      scopes: [
        'account_info.read',
        'team_info.read',
        'team_data.member',
        'members.read',
        'groups.read',
        'events.read',
      ],
      redirectUris: [
        'https://cc.certero.com/cmp/AuthorizeDropboxConnector',
        'http://127.0.0.1:47210/oauth/callback',
        'http://127.0.0.1:47211/oauth/callback',
        'http://127.0.0.1:47212/oauth/callback',
      ],
      allowPublicClients: false,
      status: 'development',
      legacy: false,
      userLimitReached: false,
      frozen: false,
      teamLimitReached: false,
    });
    expect(seed.apps.find((a) => a.key === 'customnoredir01')).toMatchObject({
      scopes: ['account_info.read', 'files.metadata.read'],
      redirectUris: [],
    });
  });

  it('defaults fill in optional fields and options', () => {
    const seed = parseSeed({ apps: [{ key: 'k', secret: 's', name: 'n', access: 'app_folder' }] });
    expect(seed.apps[0]).toMatchObject({
      scopes: [],
      redirectUris: [],
      allowPublicClients: false,
      status: 'development',
      legacy: false,
    });
    expect(seed.options).toMatchObject({
      checkAppBadCredentials: '400_invalid_client',
      partlyEnabledScopes: 'refuse',
      refreshWithRedirectUri: 'refuse',
      teamLimitText: 'reached',
      codeLifetimeSeconds: 600,
      accessTokenLifetimeSeconds: 14400,
      teamTokenRevoke: 'refuse',
      skipConsentForReturningUser: false,
    });
  });

  it('rejects bad seeds with every problem listed', () => {
    const bad = {
      apps: [{ key: 'k', secret: 's', name: 'n', access: 'everything', surprise: 1 }],
      accounts: [
        {
          accountId: 'dbid:short',
          email: 'a@b',
          password: 'p',
          name: 'A',
          teamId: 'dbtid:AAI8TNStE1otps5WG2mihZmazj4X_PKzj1r',
          teamMemberId: 'dbmid:x',
        },
      ],
    };
    let error: unknown;
    try {
      parseSeed(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SeedError);
    const issues = (error as SeedError).issues.join('\n');
    expect(issues).toMatch(/apps\.0\.access/);
    expect(issues).toMatch(/apps\.0: Unrecognized key: "surprise"/);
    expect(issues).toMatch(/accounts\.0\.accountId: expected dbid: followed by 35 characters/);
  });

  it('rejects dangling references (unknown team, non-member in a group)', () => {
    const teamId = 'dbtid:AAI8TNStE1otps5WG2mihZmazj4X_PKzj1r';
    expect(() =>
      parseSeed({
        accounts: [
          {
            accountId: 'dbid:AAutw7xnxczgpqHsggVo1dnx8HaXfn4GJLj',
            email: 'a@b.c',
            password: 'p',
            name: 'A',
            teamId,
            teamMemberId: 'dbmid:x',
            role: 'team_admin',
          },
        ],
      }),
    ).toThrow(/unknown team/);
    expect(() =>
      parseSeed({
        teams: [
          {
            id: teamId,
            name: 'T',
            groups: [{ id: 'g:00', name: 'G', memberIds: ['dbmid:nobody'] }],
          },
        ],
      }),
    ).toThrow(/is not a member/);
  });
});

describe('ID generators for writing seeds (ids.ts)', () => {
  it('produce the observed formats and lengths', async () => {
    const ids = await import('./ids');
    expect(ids.newAccountId()).toMatch(/^dbid:[A-Za-z0-9_-]{35}$/);
    expect(ids.newTeamId()).toMatch(/^dbtid:[A-Za-z0-9_-]{35}$/);
    expect(ids.newTeamMemberId()).toMatch(/^dbmid:[A-Za-z0-9_-]{35}$/);
    expect(ids.newGroupId()).toMatch(/^g:[0-9a-f]{32}$/);
    expect(ids.newAppSecret()).toMatch(/^[a-z0-9]{15}$/);
    expect(ids.newAuthorizationCode()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ids.newRefreshToken()).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(ids.newAccessToken(false)).toMatch(/^sl\.(?!u\.)[A-Za-z0-9_-]+$/);
    expect(ids.newAccessToken(true)).toMatch(/^sl\.u\.[A-Za-z0-9_-]{1000,}$/);
    expect(ids.newRequestId()).toMatch(/^[0-9a-f]{32}$/);
  });
});

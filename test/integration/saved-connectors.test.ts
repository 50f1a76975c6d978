/**
 * Saved connectors through the bridge dispatcher against one emulator: two teams' Snow
 * Atlas runs on the home screen, health checks months later (revoked grant, unticked scope,
 * demoted admin, disabled app), reconnect as a different account, delete with an honest revoke,
 * import of each export format, the error decoder with a connector, the verification report, and
 * secrets kept per connector (first-release vault names migrate).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSeedWithRclone } from './support/seeds';
import { MemorySecretVault } from '../../electron/server/memory-secret-vault';
import type {
  AppCheckReport,
  ConnectorHealth,
  ConnectorSummary,
  DecodedError,
  ExportResult,
  SessionSnapshot,
  VerifyReport,
} from '../../electron/shared/contract';
import {
  authorizeOverHttp,
  startEmulator,
  type RunningEmulator,
  type Seed,
} from '../dropbox-emulator/index';
import {
  ADMIN,
  chooseTarget,
  createHarness,
  MEMBER,
  NO_REDIRECT,
  PERSONAL,
  signInThroughBrowser,
  SNOW,
  type Harness,
} from './support/wizard-harness';

const PORTS = [47550, 47551, 47552];
const REDIRECTS = PORTS.map((p) => `http://127.0.0.1:${p}/oauth/callback`);

// A second team with its own admin (the default seed has one team), and an app with rclone's scopes.
const NORTHWIND = {
  teamId: `dbtid:${'AANorthwindTradingTeam'.padEnd(35, '0')}`,
  name: 'Northwind Trading',
};
const ADMIN2 = {
  email: 'admin@northwind.test',
  password: 'demo-password',
  accountId: `dbid:${'AANorthwindAdminAccount'.padEnd(35, '0')}`,
};
const RCLONE_APP = { key: 'rclonedemo00001', secret: 'k3xq9vw2rclone7' };
const RCLONE_SCOPES = [
  'account_info.read',
  'files.content.read',
  'files.content.write',
  'files.metadata.read',
  'files.metadata.write',
  'sharing.read',
  'sharing.write',
];
const SNOW_SCOPES = ['account_info.read', 'team_info.read', 'members.read', 'sessions.list'];

async function buildSeed(): Promise<Seed> {
  const base = await defaultSeedWithRclone({
    description: 'Default seed plus a second team (Northwind Trading) and an rclone app.',
    redirects: REDIRECTS,
    rcloneApp: RCLONE_APP,
    rcloneScopes: RCLONE_SCOPES,
  });
  return {
    ...base,
    accounts: [
      ...(base.accounts ?? []),
      {
        accountId: ADMIN2.accountId,
        email: ADMIN2.email,
        password: ADMIN2.password,
        name: 'Nina Northwind',
        teamId: NORTHWIND.teamId,
        role: 'team_admin',
        teamMemberId: 'dbmid:AANorthwindAdminMember0000000000',
      },
    ],
    teams: [...(base.teams ?? []), { id: NORTHWIND.teamId, name: NORTHWIND.name }],
  };
}

let emu: RunningEmulator;
let h: Harness;
let adminAccountId: string;

beforeAll(async () => {
  emu = await startEmulator({ seed: await buildSeed() });
  const state = await emu.state();
  const admin = state.accounts.find((a) => a.email === ADMIN.email);
  adminAccountId = admin!.accountId;
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
  await emu.clearFaults();
  h = await createHarness(emu, { ports: PORTS });
});
afterEach(async () => {
  await h.dispose();
});

const must = <T>(method: Parameters<Harness['must']>[0], args: object = {}) =>
  h.must<T>(method, args);
const list = () => must<ConnectorSummary[]>('listConnectors');
const row = async (id: string) => (await list()).find((c) => c.id === id);
const activeId = async () => (await must<SessionSnapshot>('getSession')).connectorId;
const reveal = async (field: string) =>
  (await must<{ value: string }>('revealSecret', { field })).value;

/** Finishes the current draft (or a new connector) as Snow Atlas for `account`'s team. */
async function snowAtlasRun(account: { email: string; password: string }): Promise<string> {
  const session = await must<SessionSnapshot>('getSession');
  if (session.progress.targetId !== null) await must('newConnector');
  await chooseTarget(h, 'snow-atlas');
  const app = await must<AppCheckReport>('checkAppCredentials', {
    appKey: SNOW.key,
    appSecret: SNOW.secret,
  });
  expect(app.passed).toBe(true);
  await signInThroughBrowser(h, account);
  const verify = await must<VerifyReport>('runVerify');
  expect(verify.passed).toBe(true);
  return activeId();
}

/** A Custom connector for a personal account, on the app with no redirect URI (code shown). */
async function customRun(account = PERSONAL): Promise<string> {
  const session = await must<SessionSnapshot>('getSession');
  if (session.progress.targetId !== null) await must('newConnector');
  await chooseTarget(h, 'custom');
  await must('setCustomScopes', { scopes: ['account_info.read', 'files.metadata.read'] });
  const app = await must<AppCheckReport>('checkAppCredentials', {
    appKey: NO_REDIRECT.key,
    appSecret: NO_REDIRECT.secret,
    redirectMode: 'manual',
  });
  expect(app.passed).toBe(true);
  await signInWithCode(account);
  const verify = await must<VerifyReport>('runVerify');
  expect(verify.passed).toBe(true);
  return activeId();
}

/** Shown-code sign-in: the result of submitting the code Dropbox showed to `account`. */
async function signInWithCode(account: { email: string; password: string }) {
  const start = await must<{ authorizeUrl: string }>('startAuthorization', { method: 'manual' });
  const shown = await authorizeOverHttp(start.authorizeUrl, account);
  expect(shown.outcome).toBe('code_page');
  return h.call('submitAuthorizationCode', { code: shown.code! });
}

async function rcloneRun(): Promise<string> {
  const session = await must<SessionSnapshot>('getSession');
  if (session.progress.targetId !== null) await must('newConnector');
  await must('selectTarget', { targetId: 'rclone' });
  await must('setInputs', { inputs: { remote_name: 'wizard dropbox' } });
  await must('goToStep', { step: 'create-app' });
  const app = await must<AppCheckReport>('checkAppCredentials', {
    appKey: RCLONE_APP.key,
    appSecret: RCLONE_APP.secret,
  });
  expect(app.passed).toBe(true);
  await signInThroughBrowser(h, PERSONAL);
  const verify = await must<VerifyReport>('runVerify');
  expect(verify.passed).toBe(true);
  return activeId();
}

const check = (connectorId: string) => must<ConnectorHealth>('checkConnector', { connectorId });
const failed = (health: ConnectorHealth) =>
  health.checks.filter((c) => c.status === 'fail').map((c) => c.id);

/** A refresh at the emulator the way a connector does it (Basic key:secret). */
async function refreshAtEmulator(app: { key: string; secret: string }, refreshToken: string) {
  const res = await fetch(`${emu.origin}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${app.key}:${app.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('two teams on the home screen', () => {
  it('two Snow Atlas runs give two passing connectors with target, account and team; the latest is active', async () => {
    const first = await snowAtlasRun(ADMIN);
    const second = await snowAtlasRun(ADMIN2);
    expect(first).not.toBe(second);
    const rows = await list();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === first)).toMatchObject({
      targetId: 'snow-atlas',
      targetName: 'Snow Atlas',
      account: ADMIN.email,
      team: 'Example Ltd',
      // A team token cannot call account_info.read's routes without acting as a member: that
      // scope is not checkable, so the status says so instead of Healthy.
      status: 'degraded',
      statusWord: 'Degraded',
      statusLine: '3 of 4 scopes verified by a call · 1 granted at setup, not checkable',
      active: false,
    });
    expect(rows.find((r) => r.id === second)).toMatchObject({
      targetId: 'snow-atlas',
      account: ADMIN2.email,
      team: NORTHWIND.name,
      status: 'degraded',
      active: true,
    });
    // Each keeps its own grant: both refresh tokens still work after the second run.
    const health = await must<Record<string, ConnectorHealth>>('checkAllConnectors');
    expect(Object.keys(health).sort()).toEqual([first, second].sort());
    expect(health[first]?.passed).toBe(true);
    expect(health[second]?.passed).toBe(true);
  });
});

describe('health checks months later', () => {
  let first: string;
  let second: string;
  beforeEach(async () => {
    first = await snowAtlasRun(ADMIN);
    second = await snowAtlasRun(ADMIN2);
  });

  it('a revoked grant turns that connector failing with the reconnect fix; the other stays healthy', async () => {
    expect(await emu.revokeTokens({ appKey: SNOW.key, teamId: NORTHWIND.teamId })).toBeGreaterThan(
      0,
    );
    const broken = await check(second);
    expect(broken.passed).toBe(false);
    expect(failed(broken)).toEqual(['refresh']);
    expect(broken.changes[0]).toMatchObject({ id: 'refresh', kind: 'broke', action: 'reconnect' });
    expect(broken.changes[0]?.what).toMatch(/revoked/);
    expect((await row(second))?.status).toBe('failing');

    const fine = await check(first);
    expect(fine.passed).toBe(true);
    expect(fine.changes).toEqual([]);
    expect((await row(first))?.status).toBe('degraded');

    const all = await must<Record<string, ConnectorHealth>>('checkAllConnectors');
    expect(all[first]?.passed).toBe(true);
    expect(all[second]?.passed).toBe(false);
    // Nothing changed since the last check of either.
    expect(all[second]?.changes).toEqual([]);
  });

  it('a scope unticked on the App Console shows as drift with the App Console fix', async () => {
    await emu.patchApp(SNOW.key, { scopes: SNOW_SCOPES.filter((s) => s !== 'sessions.list') });
    const health = await check(first);
    expect(health.passed).toBe(false);
    expect(failed(health)).toContain('probe:sessions.list');
    const change = health.changes.find((c) => c.id === 'probe:sessions.list');
    expect(change).toMatchObject({ kind: 'broke', action: 'open_app_console' });
    expect(change?.what).toMatch(/sessions\.list is no longer ticked/);
    expect(change?.fix).toMatch(/App Console → your app → Permissions: tick sessions\.list/);
  });

  it('a demoted admin is an identity change; a disabled app says so', async () => {
    await emu.patchAccount(adminAccountId, { role: 'member' });
    const demoted = await check(first);
    expect(demoted.passed).toBe(false);
    const identity = demoted.changes.find((c) => c.id === 'identity');
    expect(identity?.what).toMatch(/no longer a team admin/);
    expect(identity?.action).toBe('reconnect');
    // The other team's admin is still an admin.
    expect((await check(second)).passed).toBe(true);

    await emu.patchApp(SNOW.key, { status: 'disabled' });
    const disabled = await check(second);
    expect(disabled.passed).toBe(false);
    const change = disabled.changes.find((c) => c.id === 'refresh');
    expect(change?.what).toBe('The Dropbox app is disabled.');
    expect(change?.action).toBe('open_app_console');
  });
});

describe('reconnect as a different account', () => {
  it('holds the sign-in until the admin decides; keep revokes the new grant, replace revokes the old', async () => {
    const id = await customRun(PERSONAL);
    const personal = (await emu.state()).accounts.find((a) => a.email === PERSONAL.email)!;
    const member = (await emu.state()).accounts.find((a) => a.email === MEMBER.email)!;
    const oldRefresh = await reveal('refresh_token');

    // Keep the old account (after a first sign-in as the other account was superseded by a second).
    await must('reconnectConnector', { connectorId: id });
    const superseded = await signInWithCode(MEMBER);
    expect(!superseded.ok && superseded.error.code).toBe('wrong_account');
    const caught = await signInWithCode(MEMBER);
    expect(caught.ok).toBe(false);
    if (caught.ok) return;
    expect(caught.error.code).toBe('wrong_account');
    expect(caught.error.action).toBe('confirm_account_change');
    expect(caught.error.message).toContain(PERSONAL.email);
    // Both accounts are named: the connector's, and the one that just signed in by its name and
    // email (read with the new token), its Dropbox id beside them; no token in the text.
    expect(caught.error.message).toContain(`this sign-in is ${member.name} <${MEMBER.email}>`);
    expect(caught.error.message).toContain(member.accountId);
    expect(JSON.stringify(caught.error)).not.toMatch(/\bsl\.[A-Za-z0-9_-]{10,}/);
    await must('resolveAccountChange', { replace: false });
    expect(await reveal('refresh_token')).toBe(oldRefresh);
    expect((await row(id))?.account).toBe(PERSONAL.email);
    const memberTokens = async () =>
      (await emu.state()).tokens.filter(
        (t) => t.appKey === NO_REDIRECT.key && t.accountId === member.accountId,
      );
    // Both sign-ins as the other account (the superseded one and the declined one) are revoked.
    await expect.poll(async () => (await memberTokens()).every((t) => t.revoked)).toBe(true);
    expect((await memberTokens()).filter((t) => t.kind === 'refresh')).toHaveLength(2);
    let tokens = (await emu.state()).tokens.filter((t) => t.appKey === NO_REDIRECT.key);
    expect(tokens.some((t) => t.accountId === personal.accountId && !t.revoked)).toBe(true);
    expect((await check(id)).passed).toBe(true);
    // Nothing waits any more.
    expect((await h.call('resolveAccountChange', { replace: true })).ok).toBe(false);

    // Replace it.
    await must('reconnectConnector', { connectorId: id });
    const again = await signInWithCode(MEMBER);
    expect(!again.ok && again.error.code).toBe('wrong_account');
    await must('resolveAccountChange', { replace: true });
    expect(await reveal('refresh_token')).not.toBe(oldRefresh);
    const verify = await must<VerifyReport>('runVerify');
    expect(verify.passed).toBe(true);
    expect((await row(id))?.account).toBe(MEMBER.email);
    await expect
      .poll(async () => (await refreshAtEmulator(NO_REDIRECT, oldRefresh)).body.error)
      .toBe('invalid_grant');
    tokens = (await emu.state()).tokens.filter((t) => t.appKey === NO_REDIRECT.key);
    expect(tokens.filter((t) => t.accountId === personal.accountId).every((t) => t.revoked)).toBe(
      true,
    );
    expect(tokens.some((t) => t.accountId === member.accountId && !t.revoked)).toBe(true);
  });

  it('the same account signing in again is no account change', async () => {
    const id = await customRun(PERSONAL);
    await must('reconnectConnector', { connectorId: id });
    const same = await signInWithCode(PERSONAL);
    expect(same.ok).toBe(true);
  });
});

describe('delete with revoke', () => {
  it('revokes a user grant at Dropbox, then forgets the connector', async () => {
    const custom = await customRun(PERSONAL);
    const refreshToken = await reveal('refresh_token');
    const kept = await snowAtlasRun(ADMIN);
    await must('deleteConnector', { connectorId: custom, revoke: true });
    expect((await list()).map((r) => r.id)).toEqual([kept]);
    expect((await refreshAtEmulator(NO_REDIRECT, refreshToken)).body.error).toBe('invalid_grant');
    // The connector left standing still holds its own refresh token.
    expect((await check(kept)).passed).toBe(true);
  });

  it('a token the wizard no longer holds (memory vault, restarted) is not claimed revoked', async () => {
    const id = await customRun(PERSONAL);
    h.restart();
    const refused = await h.call('deleteConnector', { connectorId: id, revoke: true });
    expect(!refused.ok && refused.error.code).toBe('no_credentials');
    expect((await list()).map((r) => r.id)).toEqual([id]);
    await must('deleteConnector', { connectorId: id, revoke: false });
    expect((await list()).map((r) => r.status)).toEqual(['setup']);
  });

  it('a Snow Atlas team token Dropbox will not revoke: revoke_refused, and the connector is kept', async () => {
    const id = await snowAtlasRun(ADMIN);
    const refused = await h.call('deleteConnector', { connectorId: id, revoke: true });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('revoke_refused');
    expect(refused.error.remedy).toMatch(/Admin Console/);
    expect((await list()).map((r) => r.id)).toEqual([id]);
    expect((await check(id)).passed).toBe(true);
  });
});

describe('import', () => {
  async function exportText(format: string, name: string): Promise<string> {
    const file = path.join(h.dataDir, 'out', name);
    const written = await must<ExportResult>('exportConfig', { format, path: file });
    return readFile(written.path, 'utf8');
  }

  it('generic JSON, .env and rclone.conf exports of saved connectors offer to update them, never a copy', async () => {
    const custom = await customRun(PERSONAL);
    const json = await exportText('generic-json', 'custom.json');
    const env = await exportText('env', 'custom.env');
    const rclone = await rcloneRun();
    const conf = await exportText('rclone-conf', 'rclone.conf');

    const before = (await list()).length;
    for (const [fileName, text, id] of [
      ['custom.json', json, custom],
      ['custom.env', env, custom],
      ['rclone.conf', conf, rclone],
    ] as const) {
      const offered = await must<{ imported: ConnectorSummary[]; existing: ConnectorSummary[] }>(
        'importConnector',
        { fileName, text },
      );
      expect(offered.imported, fileName).toEqual([]);
      expect(
        offered.existing.map((r) => r.id),
        fileName,
      ).toEqual([id]);
      const { imported } = await must<{ imported: ConnectorSummary[] }>('importConnector', {
        fileName,
        text,
        update: true,
      });
      expect(imported, fileName).toHaveLength(1);
      expect(imported[0], fileName).toMatchObject({
        id,
        account: PERSONAL.email,
        status: 'healthy',
      });
      expect((await check(id)).passed, fileName).toBe(true);
    }
    expect((await list()).length).toBe(before);
  });

  it('refuses the redacted support copy with its reason, and a corrupt file naming it, quoting nothing', async () => {
    await customRun(PERSONAL);
    const secret = await reveal('refresh_token');
    const support = await must<ExportResult>('exportConfig', {
      format: 'generic-json',
      path: path.join(h.dataDir, 'out', 'custom.json'),
      redacted: true,
    });
    const before = (await list()).length;
    const redacted = await h.call('importConnector', {
      fileName: 'custom.redacted.json',
      text: await readFile(support.path, 'utf8'),
    });
    expect(redacted.ok).toBe(false);
    if (!redacted.ok) expect(redacted.error.message).toMatch(/redacted support copy/);

    const corruptText = `{"format": "dropbox-connector/v1", "app_secret": "${NO_REDIRECT.secret}", "refresh_token": "${secret}"`;
    const corrupt = await h.call('importConnector', { fileName: 'broken.json', text: corruptText });
    expect(corrupt.ok).toBe(false);
    if (!corrupt.ok) {
      const said = `${corrupt.error.message} ${corrupt.error.remedy} ${corrupt.error.detail ?? ''}`;
      expect(corrupt.error.message).toContain('broken.json');
      expect(said).not.toContain(secret);
      expect(said).not.toContain(NO_REDIRECT.secret);
    }
    expect((await list()).length).toBe(before);
  });
});

describe('error decoder with a connector', () => {
  it('a pasted invalid_grant for a revoked connector: the match, and its check showing the failure', async () => {
    const id = await customRun(PERSONAL);
    const personal = (await emu.state()).accounts.find((a) => a.email === PERSONAL.email)!;
    await emu.revokeTokens({ appKey: NO_REDIRECT.key, accountId: personal.accountId });
    const decoded = await must<{ matches: DecodedError[]; health: ConnectorHealth | null }>(
      'decodeError',
      { text: 'invalid_grant: refresh token is invalid or revoked', connectorId: id },
    );
    expect(decoded.matches[0]).toMatchObject({ id: 'refresh_token_revoked', check: 'refresh' });
    expect(decoded.health?.passed).toBe(false);
    expect(decoded.health?.checks[0]).toMatchObject({ id: 'refresh', status: 'fail' });
    expect(decoded.health?.changes[0]).toMatchObject({ id: 'refresh', action: 'reconnect' });
    expect((await row(id))?.status).toBe('failing');
  });
});

describe('verification report', () => {
  it('Markdown and HTML: 0600 files with the facts and no secret of any kind', async () => {
    // An rclone connector: its export holds a real access token to grep for.
    await rcloneRun();
    const rcloneConf = await readFile(
      (
        await must<ExportResult>('exportConfig', {
          format: 'rclone-conf',
          path: path.join(h.dataDir, 'out', 'rclone.conf'),
        })
      ).path,
      'utf8',
    );
    const accessToken = /"access_token":"([^"]+)"/.exec(rcloneConf)?.[1];
    expect(accessToken).toBeTruthy();
    const rcloneRefresh = await reveal('refresh_token');

    const id = await snowAtlasRun(ADMIN);
    const refreshToken = await reveal('refresh_token');
    await check(id);
    const secrets = [SNOW.secret, refreshToken, rcloneRefresh, RCLONE_APP.secret, accessToken!];

    for (const format of ['markdown', 'html'] as const) {
      const file = path.join(h.dataDir, 'reports', `snow.${format === 'html' ? 'html' : 'md'}`);
      const written = await must<ExportResult>('exportReport', {
        connectorId: id,
        format,
        path: file,
      });
      expect((await stat(written.path)).mode & 0o777).toBe(0o600);
      const text = await readFile(written.path, 'utf8');
      for (const fact of ['Snow Atlas', SNOW.key, 'Example Ltd', ADMIN.email, ...SNOW_SCOPES]) {
        expect(text, `${format}: ${fact}`).toContain(fact);
      }
      expect(text).toMatch(/Refresh token works/);
      expect(text).toMatch(/no secret/i);
      for (const secret of secrets) expect(text, format).not.toContain(secret);
      expect(text).not.toMatch(/sl\.[A-Za-z0-9._-]{8,}/);
    }
  });
});

describe('secrets keyed per connector', () => {
  it("two connectors' secrets never mix: reveal and copy give the active connector's own", async () => {
    const snow = await snowAtlasRun(ADMIN);
    const snowRefresh = await reveal('refresh_token');
    const custom = await customRun(PERSONAL);
    const customRefresh = await reveal('refresh_token');
    expect(customRefresh).not.toBe(snowRefresh);
    expect(await reveal('app_secret')).toBe(NO_REDIRECT.secret);
    const copied = await must<{ value: string }>('copySecret', { field: 'refresh_token' });
    expect(copied.value).toBe(customRefresh);

    await must('openConnector', { connectorId: snow });
    expect(await reveal('app_secret')).toBe(SNOW.secret);
    expect(await reveal('refresh_token')).toBe(snowRefresh);
    expect((await must<{ value: string }>('copySecret', { field: 'app_secret' })).value).toBe(
      SNOW.secret,
    );
    await must('openConnector', { connectorId: custom });
    expect(await reveal('refresh_token')).toBe(customRefresh);
    // Opening others left both grants intact.
    const all = await must<Record<string, ConnectorHealth>>('checkAllConnectors');
    expect(all[snow]?.passed).toBe(true);
    expect(all[custom]?.passed).toBe(true);
  });

  it('a first-release vault (bare names) migrates to connector-1', async () => {
    await h.dispose();
    const minted = await emu.mintToken({
      appKey: SNOW.key,
      accountId: adminAccountId,
      scopes: SNOW_SCOPES,
    });
    const vault = new MemorySecretVault({ notice: 'memory only' });
    vault.set('appSecret', SNOW.secret);
    vault.set('refreshToken', String(minted.refresh_token));
    const firstRelease = {
      targetId: 'snow-atlas',
      step: 'export',
      completed: ['target', 'create-app', 'permissions', 'authorize', 'verify'],
      appKey: SNOW.key,
      customScopes: [],
      appChecks: [],
      identity: null,
      tokenKind: 'team',
      grantedScopes: SNOW_SCOPES,
      verifyChecks: [],
      exportedPath: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    h = await createHarness(emu, { ports: PORTS, vault, saved: firstRelease });
    expect(vault.names().sort()).toEqual(['connector-1.appSecret', 'connector-1.refreshToken']);
    expect(await activeId()).toBe('connector-1');
    expect(await reveal('refresh_token')).toBe(minted.refresh_token);
    const health = await check('connector-1');
    expect(health.passed).toBe(true);
    expect((await row('connector-1'))?.team).toBe(null); // identity comes with the next Verify
  });
});

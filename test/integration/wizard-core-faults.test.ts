/**
 * Faults an admin can meet, as they meet them, against the emulator: an expired access token, a team
 * token Dropbox will not revoke, key and secret swapped, unreadable replies from check/app, and a
 * Custom connector with a team scope.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  AppCheckReport,
  ConnectorPlan,
  SessionSnapshot,
  VerifyReport,
} from '../../electron/shared/contract';
import { authorizeOverHttp, startEmulator, type RunningEmulator } from '../dropbox-emulator/index';
import {
  ADMIN,
  chooseTarget,
  createHarness,
  MEMBER,
  NO_REDIRECT,
  signInThroughBrowser,
  SNOW,
  type Harness,
} from './support/wizard-harness';

const PORTS = [47520, 47521, 47522];
const REDIRECTS = PORTS.map((p) => `http://127.0.0.1:${p}/oauth/callback`);

let emu: RunningEmulator;
let h: Harness;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
  await emu.clearFaults();
  await emu.patchApp(SNOW.key, { redirectUris: REDIRECTS });
  h = await createHarness(emu, { ports: PORTS, store: 'disk' });
});
afterEach(async () => {
  await h.dispose();
});

async function snowAtlasVerified(): Promise<void> {
  await chooseTarget(h, 'snow-atlas');
  const app = await h.must<AppCheckReport>('checkAppCredentials', {
    appKey: SNOW.key,
    appSecret: SNOW.secret,
  });
  expect(app.passed).toBe(true);
  await signInThroughBrowser(h);
  const verify = await h.must<VerifyReport>('runVerify');
  expect(verify.passed).toBe(true);
}

describe('a disabled app (dbxcli#184)', () => {
  it('Verify says the app is disabled in the App Console, never "wrong secret"', async () => {
    await snowAtlasVerified();
    await emu.patchApp(SNOW.key, { status: 'disabled' });
    const report = await h.must<VerifyReport>('runVerify');
    expect(report.passed).toBe(false);
    const errors = report.checks.map((c) => c.error).filter((e) => e !== undefined);
    expect(errors.map((e) => e.code)).toContain('app_disabled');
    expect(errors.map((e) => e.code)).not.toContain('bad_app_credentials');
    expect(errors.find((e) => e.code === 'app_disabled')?.message).toContain(
      'This app is disabled in the App Console',
    );
  });
});

describe('expired access token', () => {
  it('Run checks again after Dropbox says the token expired: refreshed, and every check passes', async () => {
    await snowAtlasVerified();
    // Dropbox's clock moves on 4 hours; ours does not (the wizard must not trust its own).
    await emu.advanceClock(14401);
    await emu.clearRequests();
    const again = await h.must<VerifyReport>('runVerify');
    expect(again.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(again.passed).toBe(true);
    expect(again.identity?.email).toBe(ADMIN.email);
    // It refreshed exactly because Dropbox said so: one 401, then a refresh grant.
    const log = await emu.requests();
    expect(log.some((r) => r.status === 401)).toBe(true);
    expect(log.filter((r) => r.tokenRequest?.grantType === 'refresh_token').length).toBeGreaterThan(
      0,
    );
  });
});

describe('revoking a Snow Atlas (team) token', () => {
  it('Dropbox refuses (no team_data.member): revoke_refused naming the Admin Console, never "untick"', async () => {
    await snowAtlasVerified();
    await emu.clearRequests();
    const result = await h.call('revokeToken');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('revoke_refused');
    expect(result.error.remedy).toMatch(/Admin Console/);
    expect(`${result.error.message} ${result.error.remedy}`).not.toMatch(/untick/i);
    // The wizard first tried acting as the linking admin through Select-User (token/revoke has no
    // select_admin_mode, so never Select-Admin), as Dropbox allows for tokens with
    // team_data.member, before the plain call.
    const revokes = (await emu.requests()).filter((r) => r.path === '/2/auth/token/revoke');
    expect(revokes.map((r) => r.headerNames.includes('dropbox-api-select-user'))).toEqual([
      true,
      false,
    ]);
    expect(revokes.some((r) => r.headerNames.includes('dropbox-api-select-admin'))).toBe(false);
    // Honest: the grant is still live at Dropbox, and the wizard still holds it.
    expect((await emu.state()).tokens.some((t) => t.kind === 'refresh' && !t.revoked)).toBe(true);
    const session = await h.must<SessionSnapshot>('getSession');
    expect(session.secrets.refreshToken).not.toBe('none');
  });

  it('where Dropbox allows team-token revoke, the grant is revoked and the wizard forgets it', async () => {
    const seed = await emu.state();
    await emu.reset({ ...seed, options: { ...seed.options, teamTokenRevoke: 'allow' } });
    await snowAtlasVerified();
    await h.must('revokeToken');
    expect((await emu.state()).tokens.every((t) => t.revoked)).toBe(true);
    const session = await h.must<SessionSnapshot>('getSession');
    expect(session.secrets.refreshToken).toBe('none');
    expect(session.progress.completed).not.toContain('authorize');
  });
});

describe('key and secret swapped', () => {
  it('names the swap on the App key field, and nothing secret reaches disk', async () => {
    await chooseTarget(h, 'snow-atlas');
    // A key typed (and not yet checked) is kept in memory only.
    await h.must('saveAppKey', { appKey: SNOW.key });
    expect(await h.dataDirText()).not.toContain(SNOW.key);

    const result = await h.call('checkAppCredentials', {
      appKey: SNOW.secret,
      appSecret: SNOW.key,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'swapped_credentials', field: 'app_key' });
      expect(result.error.message).toMatch(/wrong way round/);
    }
    const onDisk = await h.dataDirText();
    expect(onDisk).not.toContain(SNOW.secret);
    expect(onDisk).not.toContain(SNOW.key);
    expect(h.savedProgress()?.appKey).not.toBe(SNOW.secret);
    expect(h.logs.join('\n')).not.toContain(SNOW.secret);
    // Nor is the secret shown back as the key.
    const session = await h.must<SessionSnapshot>('getSession');
    expect(session.progress.appKey).not.toBe(SNOW.secret);
    expect(session.secrets.appSecret).toBe('none');
  });
});

describe('unreadable replies from check/app', () => {
  it.each([200, 401] as const)(
    'a captive portal or proxy page with %i → "something other than Dropbox answered", not bad credentials',
    async (status) => {
      await chooseTarget(h, 'snow-atlas');
      await emu.addFault({ route: '/2/check/app', status, body: 'html' });
      const report = await h.must<AppCheckReport>('checkAppCredentials', {
        appKey: SNOW.key,
        appSecret: SNOW.secret,
      });
      expect(report.passed).toBe(false);
      const check = report.checks.find((c) => c.id === 'app_credentials');
      expect(check?.error?.code).toBe('not_dropbox');
      expect(check?.error?.message).toContain(
        `Something other than Dropbox answered (HTTP ${status})`,
      );
      // A short excerpt of the portal's page, so the admin recognises it.
      expect(check?.error?.message).toContain('Welcome to Guest Wi-Fi');
      expect(check?.error?.message).not.toContain(SNOW.secret);
      expect(check?.error?.remedy).toMatch(/captive portal/);
      expect(await h.dataDirText()).not.toContain(SNOW.secret);
      expect(h.savedProgress()?.appKey).toBe('');
    },
  );

  it.each([
    ['a truncated JSON body', 'truncated'],
    ['an empty body with 200', 'empty'],
  ] as const)('%s → unexpected_reply with the request id, not bad credentials', async (_, body) => {
    await chooseTarget(h, 'snow-atlas');
    await emu.addFault({ route: '/2/check/app', status: 200, body });
    const report = await h.must<AppCheckReport>('checkAppCredentials', {
      appKey: SNOW.key,
      appSecret: SNOW.secret,
    });
    expect(report.passed).toBe(false);
    const check = report.checks.find((c) => c.id === 'app_credentials');
    expect(check?.error?.code).toBe('unexpected_reply');
    expect(check?.error?.message).toMatch(/^Dropbox answered something unexpected/);
    const requestId = (await emu.requests()).find((r) => r.path === '/2/check/app');
    expect(requestId).toBeDefined();
    expect(check?.error?.detail).toMatch(/X-Dropbox-Request-Id \S+/);
    // Nothing was accepted, so nothing is saved.
    expect(await h.dataDirText()).not.toContain(SNOW.secret);
    expect(h.savedProgress()?.appKey).toBe('');
  });
});

describe('Custom with a team scope', () => {
  it('needs a team admin: the plan says so, a member is told, an admin passes', async () => {
    await chooseTarget(h, 'custom');
    const scoped = await h.must<SessionSnapshot>('setCustomScopes', {
      scopes: ['account_info.read', 'members.read'],
    });
    expect((scoped.plan as ConnectorPlan).accountType).toBe('team_admin');

    // A member signs in to an app without the team scope ticked (Dropbox would refuse a member
    // on an app with it): a user token, which Verify must not accept.
    const app = await h.must<AppCheckReport>('checkAppCredentials', {
      appKey: NO_REDIRECT.key,
      appSecret: NO_REDIRECT.secret,
      redirectMode: 'manual',
    });
    expect(app.passed).toBe(true);
    // Dropbox as observed refuses the required list when members.read is not ticked: the
    // pre-flight names it before anyone signs in.
    const refused = await h.call('startAuthorization', { method: 'manual' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.remedy).toContain('tick members.read');
    // Where Dropbox would grant the ticked part (UNCONFIRMED option), Verify is the net.
    const seed = await emu.state();
    await emu.reset({
      ...seed,
      options: { ...seed.options, partlyEnabledScopes: 'grant_enabled' },
    });
    const start = await h.must<{ authorizeUrl: string }>('startAuthorization', {
      method: 'manual',
    });
    const shown = await authorizeOverHttp(start.authorizeUrl, MEMBER);
    expect(shown.outcome).toBe('code_page');
    await h.must('submitAuthorizationCode', { code: shown.code! });
    const asMember = await h.must<VerifyReport>('runVerify');
    expect(asMember.passed).toBe(false);
    const identity = asMember.checks.find((c) => c.id === 'identity');
    expect(identity?.status).toBe('fail');
    expect(identity?.error?.code).toBe('wrong_account_type');
    expect(identity?.detail).toMatch(/team admin/);
    expect(identity?.detail).toContain(MEMBER.email);

    // The admin, on an app with members.read ticked: a team token, Verify passes.
    const admin = await h.must<AppCheckReport>('checkAppCredentials', {
      appKey: SNOW.key,
      appSecret: SNOW.secret,
      redirectMode: 'loopback',
    });
    expect(admin.passed).toBe(true);
    await signInThroughBrowser(h, ADMIN);
    const asAdmin = await h.must<VerifyReport>('runVerify');
    expect(asAdmin.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(asAdmin.passed).toBe(true);
    expect(asAdmin.identity).toMatchObject({ email: ADMIN.email, isTeamAdmin: true });
  });
});

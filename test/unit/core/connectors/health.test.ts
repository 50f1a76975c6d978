/**
 * The health check against the project's Dropbox emulator over real HTTP. Waits are recorded, not
 * slept, so Retry-After costs no wall time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkCredentials, resolveCheckTarget } from '../../../../electron/core/connectors/health';
import type { DropboxContext } from '../../../../electron/core/dropbox/context';
import { resolveEndpoints } from '../../../../electron/core/dropbox/endpoints';
import { getTarget } from '../../../../electron/core/targets/registry';
import { CUSTOM } from '../../../../electron/core/targets/profiles/custom';
import { SNOW_ATLAS } from '../../../../electron/core/targets/profiles/snow-atlas';
import { startEmulator, type RunningEmulator } from '../../../dropbox-emulator/index';
import { SEED } from '../../../dropbox-emulator/test-helpers';

let emu: RunningEmulator;
let sleeps: number[];

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await emu.clearFaults();
  await emu.reset();
});

function ctx(): DropboxContext {
  sleeps = [];
  return {
    endpoints: resolveEndpoints({ DROPBOX_WEB_ORIGIN: emu.origin, DROPBOX_API_ORIGIN: emu.origin }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

async function snowRefreshToken(): Promise<string> {
  const tokens = await emu.mintToken({ appKey: SEED.snow.key, accountId: SEED.admin.accountId });
  return tokens.refresh_token as string;
}

describe('checkCredentials', () => {
  it('passes a good Snow Atlas export: refresh, team admin identity, every required scope', async () => {
    const report = await checkCredentials(ctx(), {
      target: SNOW_ATLAS,
      appKey: SEED.snow.key,
      appSecret: SEED.snow.secret,
      refreshToken: await snowRefreshToken(),
    });
    expect(report.passed).toBe(true);
    const byId = new Map(report.checks.map((c) => [c.id, c]));
    expect(byId.get('refresh')?.status).toBe('pass');
    expect(byId.get('identity')?.detail).toMatch(/Team token for "Example Ltd".*Ada Admin/);
    // account_info.read is a user route: a team token has it "granted, not probed".
    for (const scope of ['members.read', 'sessions.list', 'team_info.read']) {
      expect(byId.get(`probe:${scope}`)?.status).toBe('pass');
    }
  });

  it('names the refresh as the failed check when the token was revoked, and skips the rest', async () => {
    const refreshToken = await snowRefreshToken();
    await emu.revokeTokens({ refreshToken });
    const report = await checkCredentials(ctx(), {
      target: SNOW_ATLAS,
      appKey: SEED.snow.key,
      appSecret: SEED.snow.secret,
      refreshToken,
    });
    expect(report.passed).toBe(false);
    expect(report.checks[0]).toMatchObject({ id: 'refresh', status: 'fail' });
    expect(report.checks[0]?.detail).toMatch(/refused the refresh token \(invalid_grant.*revoked/);
    expect(report.checks[0]?.detail).toMatch(/reconnect in the wizard/);
    const rest = report.checks.slice(1);
    expect(rest.map((c) => c.id)).toEqual([
      'identity',
      'scopes',
      'token_valid',
      ...SEED.snow.scopes.map((s) => `probe:${s}`),
    ]);
    expect(rest.every((c) => c.status === 'skipped')).toBe(true);
  });

  it('says invalid_client when the app secret is wrong', async () => {
    const report = await checkCredentials(ctx(), {
      target: SNOW_ATLAS,
      appKey: SEED.snow.key,
      appSecret: 'wrongsecret0000',
      refreshToken: await snowRefreshToken(),
    });
    expect(report.checks[0]).toMatchObject({ id: 'refresh', status: 'fail' });
    expect(report.checks[0]?.detail).toMatch(/rejected the app key and secret \(invalid_client\)/);
  });

  it('tells a disabled app from a wrong secret (both are invalid_client at the token endpoint)', async () => {
    const refreshToken = await snowRefreshToken();
    await emu.patchApp(SEED.snow.key, { status: 'disabled' });
    const report = await checkCredentials(ctx(), {
      target: SNOW_ATLAS,
      appKey: SEED.snow.key,
      appSecret: SEED.snow.secret,
      refreshToken,
    });
    expect(report.checks[0]).toMatchObject({ id: 'refresh', status: 'fail' });
    expect(report.checks[0]?.error?.code).toBe('app_disabled');
    expect(report.checks[0]?.detail).toMatch(/the Dropbox app is disabled/);
  });

  it('fails identity when a user token is checked against a team-admin target', async () => {
    const tokens = await emu.mintToken({
      appKey: SEED.noRedirect.key,
      accountId: SEED.personal.accountId,
    });
    const report = await checkCredentials(ctx(), {
      target: SNOW_ATLAS,
      appKey: SEED.noRedirect.key,
      appSecret: SEED.noRedirect.secret,
      refreshToken: tokens.refresh_token as string,
      tokenKind: 'user',
      grantedScopes: ['account_info.read', 'files.metadata.read'],
    });
    expect(report.passed).toBe(false);
    const identity = report.checks.find((c) => c.id === 'identity');
    expect(identity?.status).toBe('fail');
    expect(identity?.detail).toMatch(/personal \(user\) token/);
  });

  it('checks a Custom user token with the scopes the file records', async () => {
    const tokens = await emu.mintToken({
      appKey: SEED.noRedirect.key,
      accountId: SEED.personal.accountId,
    });
    const report = await checkCredentials(ctx(), {
      target: CUSTOM,
      appKey: SEED.noRedirect.key,
      appSecret: SEED.noRedirect.secret,
      refreshToken: tokens.refresh_token as string,
      customScopes: ['account_info.read', 'files.metadata.read'],
    });
    expect(report.passed).toBe(true);
    expect(report.requiredScopes).toEqual(['account_info.read', 'files.metadata.read']);
    expect(report.checks.find((c) => c.id === 'probe:files.metadata.read')?.status).toBe('pass');
  });

  it('waits out a 429 on the token route (Retry-After) and still reaches a verdict', async () => {
    await emu.addFault({ route: '/oauth2/token', status: 429, retryAfter: 2, count: 2 });
    const report = await checkCredentials(ctx(), {
      target: SNOW_ATLAS,
      appKey: SEED.snow.key,
      appSecret: SEED.snow.secret,
      refreshToken: await snowRefreshToken(),
    });
    expect(report.passed).toBe(true);
    expect(sleeps.filter((ms) => ms === 2000)).toHaveLength(2);
  });
});

describe('resolveCheckTarget', () => {
  it('checks files without a known target as Custom and says so', () => {
    expect(resolveCheckTarget('snow-atlas', getTarget)).toEqual({ target: SNOW_ATLAS, note: null });
    expect(resolveCheckTarget(null, getTarget).target.id).toBe('custom');
    expect(resolveCheckTarget('no-such-target', getTarget).note).toMatch(/not known/);
  });
});

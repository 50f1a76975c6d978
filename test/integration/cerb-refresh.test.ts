/**
 * Cerb's refresh, sent exactly as league/oauth2-client 2.7.0 sends it, against the emulator in both
 * of its modes for a refresh carrying redirect_uri (`refreshWithRedirectUri`: refuse, as observed
 * in react-native-app-auth#687; allow, a lenient Dropbox). What the admin reads follows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CERB_REFRESH_REMEDY,
  cerbRefreshBody,
  refreshLikeCerb,
} from '../../electron/core/dropbox/cerb-refresh';
import type { DropboxContext } from '../../electron/core/dropbox/context';
import { resolveEndpoints } from '../../electron/core/dropbox/endpoints';
import { startEmulator, type RunningEmulator } from '../dropbox-emulator/index';
import { getCode, SEED, token } from '../dropbox-emulator/test-helpers';

const CERB_REDIRECT = 'https://cerb.example.com/oauth/callback';
let emu: RunningEmulator;
let ctx: DropboxContext;

beforeAll(async () => {
  emu = await startEmulator();
  ctx = {
    endpoints: resolveEndpoints({ DROPBOX_WEB_ORIGIN: emu.origin, DROPBOX_API_ORIGIN: emu.origin }),
    sleep: async () => {},
  };
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
});

async function allowRedirectOnRefresh(): Promise<void> {
  const seed = await emu.state();
  await emu.reset({ ...seed, options: { ...seed.options, refreshWithRedirectUri: 'allow' } });
}

const input = { appKey: SEED.snow.key, appSecret: SEED.snow.secret, redirectUri: CERB_REDIRECT };

describe("refreshLikeCerb (league/oauth2-client 2.7.0's request)", () => {
  it('sends the form body in league’s order, client auth in the body, no Basic header', async () => {
    expect([...cerbRefreshBody(input).keys()]).toEqual([
      'client_id',
      'client_secret',
      'redirect_uri',
      'grant_type',
      'refresh_token',
    ]);
    await emu.clearRequests();
    await refreshLikeCerb(ctx, input);
    const [entry] = (await emu.requests()).filter((r) => r.path === '/oauth2/token');
    expect(entry?.tokenRequest).toMatchObject({
      grantType: 'refresh_token',
      clientId: SEED.snow.key,
      clientAuth: 'client_secret',
    });
    expect(entry?.headerNames).not.toContain('authorization');
    // Nothing secret in the URL.
    expect(entry?.url).toBe('/oauth2/token');
  });

  it('Dropbox as observed (default: refuse) → fail, naming the four hours and what the admin can do', async () => {
    const { verdict, check } = await refreshLikeCerb(ctx, input);
    expect(verdict).toBe('refused');
    expect(check.status).toBe('fail');
    expect(check.detail).toContain('unknown field "redirect_uri"');
    expect(check.detail).toContain('about four hours after Link to Dropbox');
    expect(check.error?.remedy).toBe(CERB_REFRESH_REMEDY);
    expect(check.error?.remedy).toContain('Link to Dropbox again');
    expect(JSON.stringify(check)).not.toContain(SEED.snow.secret);
  });

  it('a lenient Dropbox (allow) → the stand-in token gets as far as invalid_grant → pass', async () => {
    await allowRedirectOnRefresh();
    const { verdict, check } = await refreshLikeCerb(ctx, input);
    expect(verdict).toBe('shape_accepted');
    expect(check.status).toBe('pass');
  });

  async function realRefreshToken(): Promise<string> {
    const { code } = await getCode(emu.origin, {
      client_id: SEED.snow.key,
      redirect_uri: SEED.snow.redirect,
      token_access_type: 'offline',
      scope: 'account_info.read',
    });
    const tokens = (
      await token(
        emu.origin,
        { grant_type: 'authorization_code', code, redirect_uri: SEED.snow.redirect },
        { key: SEED.snow.key, secret: SEED.snow.secret },
      )
    ).json as { refresh_token: string };
    return tokens.refresh_token;
  }

  it('with a real refresh token, Dropbox as observed → refused', async () => {
    const refreshToken = await realRefreshToken();
    const outcome = await refreshLikeCerb(ctx, { ...input, refreshToken });
    expect(outcome.verdict).toBe('refused');
    expect(JSON.stringify(outcome)).not.toContain(refreshToken);
  });

  it('with a real refresh token, a lenient Dropbox → a new access token → pass', async () => {
    await allowRedirectOnRefresh();
    const refreshToken = await realRefreshToken();
    const accepted = await refreshLikeCerb(ctx, { ...input, refreshToken });
    expect(accepted.verdict).toBe('accepted');
    expect(accepted.check.status).toBe('pass');
    expect(JSON.stringify(accepted)).not.toContain(refreshToken);
  });

  it('a disabled app is named as disabled, not as a wrong secret', async () => {
    await allowRedirectOnRefresh();
    await emu.patchApp(SEED.snow.key, { status: 'disabled' });
    const { check } = await refreshLikeCerb(ctx, input);
    expect(check.status).toBe('fail');
    expect(check.error?.code).toBe('app_disabled');
  });
});

/**
 * Behaviours that public reports show Dropbox to have, where the emulator used to be kinder: the
 * authorize page's scope checks, the development-app team limit and a refresh that carries
 * `redirect_uri`. Each test names its public source; where only the trigger or the wording is
 * unconfirmed, the test asserts the status and never the guessed text.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorizeOverHttp } from './http-driver';
import { AUTHORIZE_ERRORS, startEmulator, type RunningEmulator } from './index';
import type { EmulatorOptions } from './seed';
import { authorizeUrl, getCode, SEED, token } from './test-helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
});

async function withOptions(options: Partial<EmulatorOptions>): Promise<void> {
  const snapshot = await emu.state();
  await emu.reset({ ...snapshot, options: { ...snapshot.options, ...options } });
}

const snow = { client_id: SEED.snow.key, response_type: 'code', redirect_uri: SEED.snow.redirect };

async function page(
  params: Record<string, string>,
): Promise<{ status: number; location: string | null; detail: string | null }> {
  const res = await fetch(authorizeUrl(emu.origin, params), { redirect: 'manual' });
  const html = await res.text();
  const m = /id="error-detail">([^<]*)</.exec(html);
  return {
    status: res.status,
    location: res.headers.get('location'),
    detail: m?.[1] === undefined ? null : m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'"),
  };
}

describe('authorize: scope checks (keeweb#1597, watermint/toolbox#896)', () => {
  it('an empty scope= → Error (400), not "all of the app\'s scopes" (community.dropbox.com 491406)', async () => {
    const p = await page({ ...snow, scope: '' });
    expect(p.status).toBe(400);
    expect(p.location).toBeNull();
    // Only the presence of a detail is checked: its wording is not confirmed by any source.
    expect(p.detail).not.toBeNull();
  });

  it('no requested scope ticked on the app → "No scope requested can be granted for this app." (keeweb#1597)', async () => {
    const p = await page({ ...snow, scope: 'files.content.write groups.read' });
    expect(p.status).toBe(400);
    expect(p.detail).toBe('No scope requested can be granted for this app.');
  });

  it('a team grant asking for member content without team_data.member → "`team_data.member` scope is required." (watermint/toolbox#896)', async () => {
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'files.metadata.read'] });
    const p = await page({ ...snow, scope: 'team_info.read files.metadata.read' });
    expect(p.status).toBe(400);
    expect(p.detail).toBe('`team_data.member` scope is required.');
    // With the dependency requested (and ticked), the page is the sign-in page.
    await emu.patchApp(SEED.snow.key, {
      scopes: [...SEED.snow.scopes, 'files.metadata.read', 'team_data.member'],
    });
    expect(
      (await page({ ...snow, scope: 'team_info.read files.metadata.read team_data.member' }))
        .status,
    ).toBe(200);
  });

  describe('a partly enabled list (UNCONFIRMED: options.partlyEnabledScopes)', () => {
    const partly = { ...snow, scope: 'team_info.read groups.read' }; // groups.read is not ticked

    it('refuse (default) → Error (400) before sign-in', async () => {
      const p = await page(partly);
      expect(p.status).toBe(400);
      expect(p.location).toBeNull();
    });

    it('grant_enabled → the sign-in goes ahead and the grant carries only the ticked scopes', async () => {
      await withOptions({ partlyEnabledScopes: 'grant_enabled' });
      expect((await page(partly)).status).toBe(200);
      const flow = await getCode(emu.origin, { ...partly, token_access_type: 'offline' });
      expect(flow.consentScopes).not.toContain('groups.read');
      const res = await token(
        emu.origin,
        { grant_type: 'authorization_code', code: flow.code, redirect_uri: SEED.snow.redirect },
        { key: SEED.snow.key, secret: SEED.snow.secret },
      );
      expect(res.status).toBe(200);
      expect((res.json as { scope: string }).scope.split(' ')).not.toContain('groups.read');
      expect((res.json as { scope: string }).scope.split(' ')).toContain('team_info.read');
    });
  });
});

describe('development-app team limit (app.teamLimitReached, options.teamLimitText)', () => {
  it('reached (default text, dbxcli#47): a team that never linked the app is refused after sign-in', async () => {
    await emu.patchApp(SEED.snow.key, { teamLimitReached: true });
    const result = await authorizeOverHttp(authorizeUrl(emu.origin, snow), {
      email: SEED.admin.email,
      password: SEED.password,
    });
    expect(result.outcome).toBe('error_page');
    expect(result.detail).toBe(AUTHORIZE_ERRORS.teamLimitReached);
    expect(result.detail).toMatch(/^This app has reached its team limit\./);
  });

  it('development wording (dbxcli#58)', async () => {
    await withOptions({ teamLimitText: 'development' });
    await emu.patchApp(SEED.snow.key, { teamLimitReached: true });
    const result = await authorizeOverHttp(authorizeUrl(emu.origin, snow), {
      email: SEED.admin.email,
      password: SEED.password,
    });
    expect(result.detail).toMatch(
      /^This app is in development mode and can't be authorized by more teams\./,
    );
  });

  it('a team that already linked the app may authorize again; user scopes are not a team', async () => {
    await getCode(emu.origin, snow); // Example Ltd links the app while below the limit
    await emu.patchApp(SEED.snow.key, { teamLimitReached: true });
    expect((await getCode(emu.origin, snow)).code).toMatch(/.{20,}/);
    const personal = await getCode(
      emu.origin,
      { ...snow, scope: 'account_info.read' },
      SEED.personal.email,
    );
    expect(personal.code).toMatch(/.{20,}/);
  });

  it('production apps have no team limit', async () => {
    await emu.patchApp(SEED.snow.key, { teamLimitReached: true, status: 'production' });
    expect((await getCode(emu.origin, snow)).code).toMatch(/.{20,}/);
  });
});

describe('refresh carrying redirect_uri (react-native-app-auth#687; options.refreshWithRedirectUri)', () => {
  async function certeroRefreshToken(): Promise<string> {
    const { code } = await getCode(emu.origin, {
      client_id: SEED.certero.key,
      redirect_uri: SEED.certero.redirect,
      token_access_type: 'offline',
    });
    const res = await token(
      emu.origin,
      { grant_type: 'authorization_code', code, redirect_uri: SEED.certero.redirect },
      { key: SEED.certero.key, secret: SEED.certero.secret },
    );
    return (res.json as { refresh_token: string }).refresh_token;
  }

  /** Exactly league/oauth2-client 2.7.0's refresh, as Cerb ≤ 10.4.10 sends it: all in the form body. */
  const cerbStyle = (refreshToken: string): Record<string, string> => ({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: SEED.certero.key,
    client_secret: SEED.certero.secret,
    redirect_uri: SEED.certero.productRedirect,
  });

  it('refuse (default) → 400 invalid_request unknown field "redirect_uri"; the token still works without it', async () => {
    const refresh = await certeroRefreshToken();
    const res = await token(emu.origin, cerbStyle(refresh));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: 'invalid_request',
      error_description: 'unknown field "redirect_uri"',
    });
    const { redirect_uri: _omitted, ...withoutRedirect } = cerbStyle(refresh);
    expect((await token(emu.origin, withoutRedirect)).status).toBe(200);
  });

  it('allow → a lenient Dropbox refreshes', async () => {
    await withOptions({ refreshWithRedirectUri: 'allow' });
    const res = await token(emu.origin, cerbStyle(await certeroRefreshToken()));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token_type: 'bearer', expires_in: 14400 });
  });

  it('a code exchange with redirect_uri is unaffected', async () => {
    expect(await certeroRefreshToken()).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });
});

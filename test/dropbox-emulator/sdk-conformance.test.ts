/**
 * The official `dropbox` JS SDK (dropbox-sdk-js) as an independent client; the wizard itself does
 * not use it, since it puts the secret in the token URL (last test). If the SDK accepts what the
 * emulator says, so should any client written against the real service.
 */
import { Dropbox, DropboxAuth, DropboxResponseError } from 'dropbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorizeOverHttp } from './http-driver';
import { startEmulator, type RunningEmulator } from './index';
import { SEED } from './test-helpers';

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

/** Rewrites every https://<host>/… URL the SDK builds onto the emulator. */
const localFetch = (url: string | URL | Request, init?: RequestInit): Promise<Response> =>
  fetch(String(url).replace(/^https:\/\/[^/]+/, emu.origin), init);
const toLocal = (url: string): string => url.replace(/^https:\/\/[^/]+/, emu.origin);

interface TokenResult {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
  uid: string;
  account_id?: string;
  team_id?: string;
}

async function sdkSignIn(
  auth: DropboxAuth,
  redirect: string | undefined,
  email: string,
  opts: { scopes?: string[]; pkce?: boolean } = {},
): Promise<TokenResult> {
  const url = (await auth.getAuthenticationUrl(
    redirect as string,
    'sdk-state',
    'code',
    'offline',
    opts.scopes,
    'none',
    opts.pkce ?? false,
  )) as string;
  expect(url.startsWith('https://dropbox.com/oauth2/authorize?response_type=code&client_id=')).toBe(
    true,
  );
  const result = await authorizeOverHttp(toLocal(url), { email, password: SEED.password });
  expect(result.state ?? 'sdk-state').toBe('sdk-state');
  const res = await auth.getAccessTokenFromCode(redirect as string, result.code as string);
  expect(res.status).toBe(200);
  const tokens = res.result as TokenResult;
  auth.setAccessToken(tokens.access_token);
  auth.setAccessTokenExpiresAt(new Date(Date.now() + tokens.expires_in * 1000));
  if (tokens.refresh_token !== undefined) auth.setRefreshToken(tokens.refresh_token);
  return tokens;
}

async function sdkError(promise: Promise<unknown>): Promise<DropboxResponseError<unknown>> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(DropboxResponseError);
    return err as DropboxResponseError<unknown>;
  }
  throw new Error('expected the SDK call to fail');
}

describe('SDK: confidential code flow, team admin', () => {
  it('authorize → getAccessTokenFromCode → team routes → refreshAccessToken → authTokenRevoke refused (default) → refresh still works', async () => {
    const auth = new DropboxAuth({
      clientId: SEED.snow.key,
      clientSecret: SEED.snow.secret,
      fetch: localFetch,
    });
    const tokens = await sdkSignIn(auth, SEED.snow.redirect, SEED.admin.email);
    expect(tokens.uid).toBe('');
    expect(tokens.team_id).toBe(SEED.team.id);
    const dbx = new Dropbox({ auth });

    const info = await dbx.teamGetInfo();
    expect(info.status).toBe(200);
    expect(info.result.name).toBe('Example Ltd');
    expect(info.result.team_id).toBe(SEED.team.id);
    expect(info.headers.get('x-dropbox-request-id')).toMatch(/^[0-9a-f]{32}$/);

    const admin = await dbx.teamTokenGetAuthenticatedAdmin();
    expect(admin.result.admin_profile.email).toBe(SEED.admin.email);

    const first = await dbx.teamMembersListV2({ limit: 2 });
    expect(first.result.members).toHaveLength(2);
    expect(first.result.has_more).toBe(true);
    const rest = await dbx.teamMembersListContinueV2({ cursor: first.result.cursor });
    expect(rest.result.members.map((m) => m.profile.email)).toEqual([
      SEED.grace.email,
      SEED.invited.email,
    ]);

    const byId = await dbx.teamMembersGetInfoV2({
      members: [{ '.tag': 'team_member_id', team_member_id: SEED.member.teamMemberId }],
    });
    expect(byId.result.members_info[0]?.['.tag']).toBe('member_info');

    const devices = await dbx.teamDevicesListMembersDevices({});
    expect(devices.result.devices.length).toBeGreaterThan(0);

    const oldToken = auth.getAccessToken();
    await auth.refreshAccessToken();
    expect(auth.getAccessToken()).not.toBe(oldToken);
    expect(auth.getAccessToken()).toMatch(/^sl\.u\./);
    expect((await dbx.teamGetInfo()).status).toBe(200);

    // watermint/toolbox#18: a team token without Select-User is refused (the default; option
    // teamTokenRevoke).
    const refused = await sdkError(dbx.authTokenRevoke());
    expect(refused.status).toBe(400);
    expect(refused.error).toMatch(
      /^Error in call to API function "auth\/token\/revoke": This API function operates on a single Dropbox account, but the OAuth 2 access token you provided is for an entire Dropbox Business team\./,
    );
    await auth.refreshAccessToken();
    expect((await dbx.teamGetInfo()).status).toBe(200);
  });

  it('authTokenRevoke: selectAdmin is refused (auth.stone: no select_admin_mode); selectUser revokes the whole team grant (GUESS)', async () => {
    const auth = new DropboxAuth({
      clientId: SEED.certero.key,
      clientSecret: SEED.certero.secret,
      fetch: localFetch,
    });
    const tokens = await sdkSignIn(auth, SEED.certero.productRedirect, SEED.admin.email);
    expect(tokens.scope.split(' ')).toEqual(SEED.certero.scopes);
    const asAdmin = new Dropbox({ auth, selectAdmin: SEED.admin.teamMemberId });
    expect((await sdkError(asAdmin.authTokenRevoke())).status).toBe(400);
    expect((await new Dropbox({ auth }).teamGetInfo()).status).toBe(200);
    const asUser = new Dropbox({ auth, selectUser: SEED.admin.teamMemberId });
    const revoked = await asUser.authTokenRevoke();
    expect(revoked.status).toBe(200);
    expect(revoked.result).toBeNull();

    const gone = await sdkError(new Dropbox({ auth }).teamGetInfo());
    expect(gone.status).toBe(401);
    const err = await sdkError(auth.refreshAccessToken());
    expect(err.status).toBe(400);
    expect(err.error).toEqual({
      error: 'invalid_grant',
      error_description: 'refresh token is invalid or revoked',
    });
  });

  it('Select-User through the SDK option (needs team_data.member)', async () => {
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'team_data.member'] });
    const auth = new DropboxAuth({
      clientId: SEED.snow.key,
      clientSecret: SEED.snow.secret,
      fetch: localFetch,
    });
    await sdkSignIn(auth, SEED.snow.redirect, SEED.admin.email);
    const asMember = new Dropbox({ auth, selectUser: SEED.member.teamMemberId });
    expect((await asMember.usersGetCurrentAccount()).result.email).toBe(SEED.member.email);
    expect((await asMember.checkUser({ query: 'hi' })).result.result).toBe('hi');
    const namespaces = await new Dropbox({ auth }).teamNamespacesList({ limit: 10 });
    expect(namespaces.result.namespaces.length).toBe(4);
  });

  it('groups and audit log once the app and token carry groups.read and events.read', async () => {
    await emu.patchApp(SEED.snow.key, {
      scopes: [...SEED.snow.scopes, 'groups.read', 'events.read'],
    });
    const auth = new DropboxAuth({
      clientId: SEED.snow.key,
      clientSecret: SEED.snow.secret,
      fetch: localFetch,
    });
    await sdkSignIn(auth, SEED.snow.redirect, SEED.admin.email);
    const dbx = new Dropbox({ auth });
    expect((await dbx.teamGroupsList({ limit: 10 })).result.groups).toHaveLength(3);
    const events = await dbx.teamLogGetEvents({ limit: 10, category: { '.tag': 'logins' } });
    expect(events.result.events.map((e) => e.event_type['.tag'])).toEqual([
      'login_success',
      'login_fail',
    ]);
  });
});

describe('SDK: PKCE code flow, personal account, App-folder app', () => {
  it('authorize with PKCE → token without secret → user routes → refresh with client_id only', async () => {
    const auth = new DropboxAuth({ clientId: SEED.notes.key, fetch: localFetch });
    const tokens = await sdkSignIn(auth, SEED.notes.redirect, SEED.personal.email, { pkce: true });
    expect(tokens.account_id).toBe(SEED.personal.accountId);
    expect(tokens.uid).toMatch(/^\d+$/);
    const dbx = new Dropbox({ auth });
    expect((await dbx.checkUser({ query: 'pkce' })).result).toEqual({ result: 'pkce' });
    const me = await dbx.usersGetCurrentAccount();
    expect(me.result.account_id).toBe(SEED.personal.accountId);
    expect(me.result.account_type['.tag']).toBe('basic');
    const space = await dbx.usersGetSpaceUsage();
    expect(space.result.allocation['.tag']).toBe('individual');
    const listing = await dbx.filesListFolder({ path: '' });
    expect(listing.result.entries.map((e) => e.name)).toEqual([
      'notes-2026-11-01.md',
      'notes-2026-11-15.md',
    ]);
    await auth.refreshAccessToken();
    expect((await dbx.checkUser({ query: 'after refresh' })).result.result).toBe('after refresh');
  });

  it("the SDK's no-redirect flow: code shown on the page", async () => {
    const auth = new DropboxAuth({
      clientId: SEED.noRedirect.key,
      clientSecret: SEED.noRedirect.secret,
      fetch: localFetch,
    });
    const tokens = await sdkSignIn(auth, undefined, SEED.personal.email);
    expect(tokens.scope).toBe('account_info.read files.metadata.read');
    const listing = await new Dropbox({ auth }).filesListFolder({ path: '/Taxes' });
    expect(listing.result.entries[0]?.['.tag']).toBe('file');
  });
});

describe('SDK: app auth and error decoding', () => {
  it('checkApp sends Basic key:secret and gets the echo', async () => {
    const dbx = new Dropbox({
      clientId: SEED.snow.key,
      clientSecret: SEED.snow.secret,
      fetch: localFetch,
    });
    expect((await dbx.checkApp({ query: 'app-nonce' })).result).toEqual({ result: 'app-nonce' });
  });

  it('checkApp with a wrong secret → 400 naming invalid_client (SEC101_021); a disabled app → "App has been disabled"', async () => {
    const dbx = new Dropbox({
      clientId: SEED.snow.key,
      clientSecret: 'wrongwrongwrong',
      fetch: localFetch,
    });
    const err = await sdkError(dbx.checkApp({ query: 'x' }));
    expect(err.status).toBe(400);
    expect(String(err.error)).toContain('invalid_client');
    const disabled = new Dropbox({
      clientId: SEED.disabled.key,
      clientSecret: SEED.disabled.secret,
      fetch: localFetch,
    });
    const off = await sdkError(disabled.checkApp({ query: 'x' }));
    expect(off.status).toBe(400);
    expect(String(off.error)).toContain('App has been disabled');
  });

  it('a disabled app\'s bearer call → 400 "This app is currently disabled." (dbxcli#184)', async () => {
    const minted = await emu.mintToken({
      appKey: SEED.snow.key,
      accountId: SEED.member.accountId,
      scopes: ['account_info.read'],
    });
    await emu.patchApp(SEED.snow.key, { status: 'disabled' });
    const dbx = new Dropbox({ accessToken: minted.access_token as string, fetch: localFetch });
    const err = await sdkError(dbx.usersGetCurrentAccount());
    expect(err.status).toBe(400);
    expect(err.error).toBe(
      'Error in call to API function "users/get_current_account": This app is currently disabled.',
    );
  });

  it('401 errors decode to AuthError objects; 400s to the plain text', async () => {
    const bad = new Dropbox({ accessToken: 'sl.not-a-token', fetch: localFetch });
    const err401 = await sdkError(bad.checkUser({ query: 'x' }));
    expect(err401.status).toBe(401);
    expect((err401.error as { error: { '.tag': string } }).error['.tag']).toBe(
      'invalid_access_token',
    );

    const minted = await emu.mintToken({
      appKey: SEED.snow.key,
      accountId: SEED.member.accountId,
      scopes: ['account_info.read'],
    });
    const user = new Dropbox({ accessToken: minted.access_token as string, fetch: localFetch });
    const err400 = await sdkError(user.teamGetInfo());
    expect(err400.status).toBe(400);
    expect(err400.error).toMatch(
      /^Error in call to API function "team\/get_info": This is a DfB team management function\./,
    );
  });

  it('429 with Retry-After surfaces through the SDK', async () => {
    await emu.addFault({ route: '/2/check/user', status: 429, retryAfter: 3, count: 1 });
    const minted = await emu.mintToken({
      appKey: SEED.snow.key,
      accountId: SEED.member.accountId,
      scopes: ['account_info.read'],
    });
    const err = await sdkError(
      new Dropbox({ accessToken: minted.access_token as string, fetch: localFetch }).checkUser({
        query: 'x',
      }),
    );
    expect(err.status).toBe(429);
    expect(err.headers.get('retry-after')).toBe('3');
  });

  it('a plain-text 429 and an empty 500 still reach the SDK as DropboxResponseError with the status', async () => {
    const dbx = new Dropbox({
      clientId: SEED.snow.key,
      clientSecret: SEED.snow.secret,
      fetch: localFetch,
    });
    await emu.addFault({
      route: '/2/check/app',
      status: 429,
      retryAfter: 3,
      body: 'text',
      count: 1,
    });
    const limited = await sdkError(dbx.checkApp({ query: 'x' }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.error).toBe('Too Many Requests');
    await emu.addFault({ route: '/2/check/app', status: 500, body: 'empty', count: 1 });
    const broken = await sdkError(dbx.checkApp({ query: 'x' }));
    expect(broken.status).toBe(500);
    expect(broken.error).toBe('');
    expect((await dbx.checkApp({ query: 'x' })).result).toEqual({ result: 'x' });
  });

  it('the JS SDK puts the secret and code in the token URL: the request log shows it (why the wizard avoids it)', async () => {
    await emu.clearRequests();
    const auth = new DropboxAuth({
      clientId: SEED.snow.key,
      clientSecret: SEED.snow.secret,
      fetch: localFetch,
    });
    await sdkSignIn(auth, SEED.snow.redirect, SEED.admin.email);
    const tokenCall = (await emu.requests()).find((r) => r.path === '/oauth2/token');
    expect(tokenCall?.url).toContain(`client_secret=${SEED.snow.secret}`);
  });
});

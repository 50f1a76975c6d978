/**
 * The wizard service through the bridge dispatcher, against the emulator over real HTTP: every
 * step's check, in the order an admin meets them. Built the one way hosts build it
 * (`createCore(...).createWizard(...)`); only the host shell is a fake (browser mode's).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../electron/shared/contract';
import { authorizeOverHttp, startEmulator, type RunningEmulator } from '../dropbox-emulator/index';
import type { MemoryProgressStore } from './support/wizard-harness';
import {
  chooseTarget,
  createHarness,
  NO_REDIRECT,
  PERSONAL,
  signInThroughBrowser,
  SNOW,
  ADMIN,
  type Harness,
} from './support/wizard-harness';

// Ports of our own so a running demo (47210-47212) or another test file cannot collide.
const PORTS = [47510, 47511, 47512];
const REDIRECTS = PORTS.map((p) => `http://127.0.0.1:${p}/oauth/callback`);

let emu: RunningEmulator;
let h: Harness;

const call = <T>(method: Parameters<Harness['call']>[0], args: object = {}) =>
  h.call<T>(method, args);
const must = <T>(method: Parameters<Harness['must']>[0], args: object = {}) =>
  h.must<T>(method, args);
const saved = () => (h.store as MemoryProgressStore).saved;

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
  h = await createHarness(emu, { ports: PORTS });
});
afterEach(async () => {
  await h.dispose();
});

describe('wizard service against the emulator', () => {
  it('takes Snow Atlas from nothing to an exported, working credential set', async () => {
    const targets = await must<{ id: string }[]>('listTargets');
    expect(targets.map((t) => t.id)).toEqual(expect.arrayContaining(['snow-atlas', 'custom']));
    await chooseTarget(h, 'snow-atlas');

    const app = await must<{ passed: boolean; checks: { id: string; status: string }[] }>(
      'checkAppCredentials',
      {
        appKey: ` ${SNOW.key}\n`,
        appSecret: SNOW.secret,
      },
    );
    expect(app.passed).toBe(true);
    expect(app.checks.map((c) => [c.id, c.status])).toEqual([
      ['app_credentials', 'pass'],
      ['redirect_uri', 'pass'],
    ]);

    await signInThroughBrowser(h);
    const verify = await must<{
      passed: boolean;
      identity: { email: string; isTeamAdmin: boolean; teamName: string };
    }>('runVerify');
    expect(verify.passed).toBe(true);
    expect(verify.identity).toMatchObject({
      email: ADMIN.email,
      isTeamAdmin: true,
      teamName: 'Example Ltd',
    });

    const exportPath = path.join(h.dataDir, 'out', 'snow.json');
    const written = await must<{ path: string; redacted: boolean }>('exportConfig', {
      path: exportPath,
    });
    expect(written).toMatchObject({ path: exportPath, redacted: false });
    expect((await stat(exportPath)).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(await readFile(exportPath, 'utf8')) as Record<string, unknown>;
    expect(doc).toMatchObject({
      format: 'dropbox-connector/v1',
      target: 'snow-atlas',
      app_key: SNOW.key,
      app_secret: SNOW.secret,
      token_kind: 'team',
      scopes: ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'],
    });
    // The exported refresh token works the way the connector will use it: Basic key:secret.
    const refresh = await fetch(`${emu.origin}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${SNOW.key}:${SNOW.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: String(doc.refresh_token),
      }),
    });
    expect(refresh.status).toBe(200);
    // The support copy is written alone, next to the chosen name, without any secret.
    const support = await must<{ path: string; redacted: boolean }>('exportConfig', {
      path: exportPath,
      redacted: true,
    });
    expect(support).toMatchObject({
      path: path.join(h.dataDir, 'out', 'snow.redacted.json'),
      redacted: true,
    });
    const redacted = await readFile(support.path, 'utf8');
    expect(redacted).not.toContain(SNOW.secret);
    expect(redacted).not.toContain(String(doc.refresh_token));

    // Nothing secret in persisted progress, in log lines, or in any URL the emulator saw.
    const secrets = [SNOW.secret, String(doc.refresh_token)];
    const persisted = JSON.stringify(saved());
    const urls = (await emu.requests()).map((r) => JSON.stringify(r));
    for (const secret of secrets) {
      expect(persisted).not.toContain(secret);
      expect(h.logs.join('\n')).not.toContain(secret);
      expect(urls.some((u) => u.includes(secret) && !u.includes('"headers"'))).toBe(false);
    }
  });

  it('keeps the app key and names the fix when the secret is wrong', async () => {
    await chooseTarget(h, 'snow-atlas');
    const report = await must<{
      passed: boolean;
      checks: { id: string; status: string; error?: { code: string } }[];
    }>('checkAppCredentials', { appKey: SNOW.key, appSecret: 'wrongsecret0000' });
    expect(report.passed).toBe(false);
    expect(report.checks[0]).toMatchObject({
      id: 'app_credentials',
      status: 'fail',
      error: { code: 'bad_app_credentials' },
    });
    const session = await must<{ progress: Progress; secrets: { appSecret: string } }>(
      'getSession',
    );
    // The typed key stays on screen for the admin to correct …
    expect(session.progress.appKey).toBe(SNOW.key);
    expect(session.progress.step).toBe('create-app');
    expect(session.progress.completed).toEqual(['target']);
    expect(session.secrets.appSecret).toBe('none');
    // … but Dropbox did not accept it, so it is not saved (it might have been a secret).
    expect(saved()?.connectors[saved()!.activeConnectorId]?.appKey).toBe('');
    expect(JSON.stringify(saved())).not.toContain(SNOW.key);
  });

  it("Create app's Continue is one call: a clean pass with advance opens Permissions and returns the draft", async () => {
    await chooseTarget(h, 'snow-atlas');
    const outcome = await must<{
      passed: boolean;
      session: { progress: { step: string }; navigation: { previous: string | null } };
    }>('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret, advance: true });
    expect(outcome.passed).toBe(true);
    expect(outcome.session.progress.step).toBe('permissions');
    expect(outcome.session.navigation.previous).toBe('create-app');
    // Without `advance` core records the pass and stays where it was.
    await must('goToStep', { step: 'create-app' });
    const stay = await must<{ session: { progress: { step: string } } }>('checkAppCredentials', {
      appKey: SNOW.key,
      appSecret: SNOW.secret,
    });
    expect(stay.session.progress.step).toBe('create-app');
  });

  it('catches an unregistered redirect URI on Create app, naming the exact URI', async () => {
    await emu.patchApp(SNOW.key, { redirectUris: [] });
    await chooseTarget(h, 'snow-atlas');
    const report = await must<{
      passed: boolean;
      checks: { id: string; status: string; detail: string }[];
    }>('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    expect(report.passed).toBe(false);
    const redirect = report.checks.find((c) => c.id === 'redirect_uri');
    expect(redirect?.status).toBe('fail');
    expect(JSON.stringify(redirect)).toContain(REDIRECTS[0]);
  });

  it('names a scope the app lacks before sign-in (the pre-flight sends the required scope= list)', async () => {
    await emu.patchApp(SNOW.key, {
      scopes: ['account_info.read', 'team_info.read', 'members.read'],
    });
    await chooseTarget(h, 'snow-atlas');
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    await emu.clearRequests();
    const refused = await h.call('startAuthorization', { method: 'browser' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('scope_not_enabled_on_app');
    expect(refused.error.remedy).toContain('tick sessions.list');
    expect(refused.error.remedy).not.toContain('members.read');
    // Nobody signed in: only pre-flights reached Dropbox, and no token was issued.
    const paths = (await emu.requests()).map((r) => r.path);
    expect(paths.every((p) => p === '/oauth2/authorize')).toBe(true);
    expect((await emu.state()).tokens).toHaveLength(0);

    await emu.patchApp(SNOW.key, {
      scopes: ['account_info.read', 'team_info.read', 'members.read', 'sessions.list'],
    });
    await signInThroughBrowser(h);
    expect((await must<{ passed: boolean }>('runVerify')).passed).toBe(true);
  });

  it('a team product asks Dropbox for a work account (require_role=work); the sign-in URL carries no scope', async () => {
    await chooseTarget(h, 'snow-atlas');
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    const start = await must<{ authorizeUrl: string }>('startAuthorization', { method: 'browser' });
    const params = new URL(start.authorizeUrl).searchParams;
    expect(params.get('require_role')).toBe('work');
    expect(params.has('scope')).toBe(false);
    await must('cancelAuthorization');
  });

  it('where Dropbox grants a partly enabled list in part (UNCONFIRMED option), Verify still names the scope', async () => {
    const seed = await emu.state();
    await emu.reset({
      ...seed,
      options: { ...seed.options, partlyEnabledScopes: 'grant_enabled' },
    });
    await emu.patchApp(SNOW.key, {
      scopes: ['account_info.read', 'team_info.read', 'members.read'],
    });
    await chooseTarget(h, 'snow-atlas');
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    await signInThroughBrowser(h);
    const first = await must<{
      passed: boolean;
      missingScopes: string[];
      checks: { id: string; status: string }[];
    }>('runVerify');
    expect(first.passed).toBe(false);
    expect(first.missingScopes).toEqual(['sessions.list']);
    expect(first.checks.find((c) => c.id === 'scopes')?.status).toBe('fail');

    await emu.patchApp(SNOW.key, {
      scopes: ['account_info.read', 'team_info.read', 'members.read', 'sessions.list'],
    });
    await signInThroughBrowser(h);
    const second = await must<{ passed: boolean }>('runVerify');
    expect(second.passed).toBe(true);
  });

  it('exchanges a code Dropbox showed (app with no redirect URI)', async () => {
    await chooseTarget(h, 'custom');
    await must('setCustomScopes', { scopes: ['account_info.read', 'files.metadata.read'] });
    const app = await must<{ passed: boolean; checks: { id: string; status: string }[] }>(
      'checkAppCredentials',
      {
        appKey: NO_REDIRECT.key,
        appSecret: NO_REDIRECT.secret,
        redirectMode: 'manual',
      },
    );
    expect(app.passed).toBe(true);
    const start = await must<{ authorizeUrl: string; redirectUri: string | null }>(
      'startAuthorization',
      {
        method: 'manual',
      },
    );
    expect(start.redirectUri).toBeNull();
    expect(new URL(start.authorizeUrl).searchParams.has('redirect_uri')).toBe(false);
    const shown = await authorizeOverHttp(start.authorizeUrl, PERSONAL);
    expect(shown.outcome).toBe('code_page');
    const summary = await must<{ tokenKind: string }>('submitAuthorizationCode', {
      code: `  ${shown.code}  `,
    });
    expect(summary.tokenKind).toBe('user');
    const verify = await must<{ passed: boolean; identity: { email: string } }>('runVerify');
    expect(verify.passed).toBe(true);
    expect(verify.identity.email).toBe(PERSONAL.email);
  });

  it('offers Authorize again when the code expired before the exchange', async () => {
    await chooseTarget(h, 'custom');
    await must('checkAppCredentials', {
      appKey: NO_REDIRECT.key,
      appSecret: NO_REDIRECT.secret,
      redirectMode: 'manual',
    });
    const start = await must<{ authorizeUrl: string }>('startAuthorization', { method: 'manual' });
    const shown = await authorizeOverHttp(start.authorizeUrl, PERSONAL);
    await emu.advanceClock(3600);
    const result = await call('submitAuthorizationCode', { code: shown.code! });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ code: 'code_expired', action: 'authorize_again' });
  });

  it('reports a busy loopback port with the next port to try', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer().listen(PORTS[0], '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      await chooseTarget(h, 'snow-atlas');
      await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
      const busy = await call('startAuthorization', { method: 'browser' });
      expect(busy.ok).toBe(false);
      if (!busy.ok) {
        expect(busy.error.code).toBe('port_busy');
        expect(`${busy.error.message} ${busy.error.remedy}`).toContain(String(PORTS[1]));
      }
      const next = await call('startAuthorization', { method: 'browser', port: PORTS[1] });
      expect(next.ok).toBe(true);
      await call('cancelAuthorization');
    } finally {
      blocker.close();
    }
  });

  it('waits out a 429 with a visible countdown event, then succeeds', async () => {
    await chooseTarget(h, 'snow-atlas');
    await emu.addFault({ route: '/2/check/app', status: 429, retryAfter: 1, count: 1 });
    const report = await must<{ passed: boolean }>('checkAppCredentials', {
      appKey: SNOW.key,
      appSecret: SNOW.secret,
    });
    expect(report.passed).toBe(true);
    const waiting = h.events.filter((e) => e.type === 'waiting');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ reason: 'rate_limited' });
  });

  it('resumes at the same step with the same answers after a restart', async () => {
    await chooseTarget(h, 'snow-atlas');
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    // A passed check does not move the step: the renderer asks (one owner of the current step).
    const after = await must<{ progress: Progress }>('getSession');
    expect(after.progress.step).toBe('create-app');
    await must('goToStep', { step: 'permissions' });
    h.restart(); // a new process: same progress store, fresh memory
    const session = await must<{ progress: Progress; secrets: { appSecret: string } }>(
      'getSession',
    );
    expect(session.progress).toMatchObject({
      targetId: 'snow-atlas',
      step: 'permissions',
      appKey: SNOW.key,
    });
    expect(session.progress.completed).toEqual(['target', 'create-app']);
    // Memory-only vault: the secret is gone and the UI must ask for it again.
    expect(session.secrets.appSecret).toBe('none');
  });
  it('never overwrites a file without being told to, and resolves relative and ~ paths safely', async () => {
    await chooseTarget(h, 'snow-atlas');
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    await signInThroughBrowser(h);
    await must('runVerify');
    const first = await must<{ path: string }>('exportConfig', { path: 'snow.json' });
    expect(first.path).toBe(path.join(h.dataDir, 'exports', 'snow.json'));
    const again = await call('exportConfig', { path: 'snow.json' });
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.error).toMatchObject({ code: 'file_exists', action: 'replace_file' });
    // The old one-call overwrite flag is not part of the contract any more.
    const flag = await call('exportConfig', { path: 'snow.json', overwrite: true });
    expect(flag.ok).toBe(false);
    if (!flag.ok) expect(flag.error.code).toBe('invalid_input');
    // Only the confirmation the Node side issued with `file_exists` replaces the file.
    const confirmation = !again.ok ? again.error.confirmation : undefined;
    expect(confirmation).toEqual(expect.any(String));
    const replaced = await call<{ path: string; format: string }>('exportConfig', {
      path: 'snow.json',
      replace: confirmation,
    });
    expect(replaced.ok).toBe(true);
    if (replaced.ok) expect(replaced.value.format).toBe('generic-json');
    // `~` is the home folder (HOME points at a scratch folder for the test).
    const realHome = process.env.HOME;
    process.env.HOME = path.join(h.dataDir, 'home');
    try {
      const home = await must<{ path: string }>('exportConfig', {
        path: '~/a/../x.json',
        redacted: true,
      });
      expect(home.path).toBe(path.join(h.dataDir, 'home', 'x.redacted.json'));
    } finally {
      process.env.HOME = realHome;
    }
  });

  it('refuses to save a token pasted as the app key, and drops the secret when the key changes', async () => {
    await chooseTarget(h, 'snow-atlas');
    const token = `sl.u.${'A'.repeat(120)}`;
    const pasted = await call('saveAppKey', { appKey: token });
    expect(pasted.ok).toBe(false);
    if (!pasted.ok) expect(pasted.error.code).toBe('wrong_field');
    expect(JSON.stringify(saved())).not.toContain(token);

    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    const changed = await must<{ secrets: { appSecret: string }; progress: Progress }>(
      'saveAppKey',
      {
        appKey: NO_REDIRECT.key,
      },
    );
    // Shown as a new, unchecked key: its secret is not held and Create app is not done …
    expect(changed.progress.appKey).toBe(NO_REDIRECT.key);
    expect(changed.secrets.appSecret).toBe('none');
    expect(changed.progress.appChecks).toEqual([]);
    expect(changed.progress.completed).toEqual(['target']);
    // … nothing is written until Dropbox accepts it: the saved key is still the accepted one.
    expect(h.savedProgress()?.appKey).toBe(SNOW.key);
    expect(JSON.stringify(saved())).not.toContain(NO_REDIRECT.key);
    // The old key's secret never goes with the new key.
    const noSecret = await call('checkAppCredentials', { appKey: NO_REDIRECT.key });
    expect(noSecret.ok).toBe(false);
    if (!noSecret.ok)
      expect(noSecret.error).toMatchObject({ code: 'no_credentials', field: 'app_secret' });
    // Typing the accepted key back shows the accepted state again (nothing was thrown away).
    const back = await must<{ secrets: { appSecret: string }; progress: Progress }>('saveAppKey', {
      appKey: SNOW.key,
    });
    expect(back.secrets.appSecret).toBe('memory');
    expect(back.progress.completed).toEqual(['target', 'create-app']);
  });

  it('recognises the app key pasted into the secret field', async () => {
    await chooseTarget(h, 'snow-atlas');
    const result = await call('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.key });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        code: 'wrong_field',
        message: expect.stringContaining('App key into App secret'),
      });
  });

  it('revokes the grant a new authorization replaces (where Dropbox allows it), and forgets it on a connector change', async () => {
    const seed = await emu.state();
    await emu.reset({ ...seed, options: { ...seed.options, teamTokenRevoke: 'allow' } });
    await chooseTarget(h, 'snow-atlas');
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    await signInThroughBrowser(h);
    await signInThroughBrowser(h);
    await expect
      .poll(
        async () =>
          (await emu.state()).tokens.filter((t) => t.kind === 'refresh' && !t.revoked).length,
      )
      .toBe(1);

    const session = await must<{ progress: Progress; secrets: { refreshToken: string } }>(
      'selectTarget',
      {
        targetId: 'custom',
      },
    );
    expect(session.progress.completed).toEqual(['target']);
    expect(session.progress.appChecks).toEqual([]);
    expect(session.secrets.refreshToken).toBe('none');
  });

  it('says honestly when Dropbox refuses to revoke the replaced team grant', async () => {
    // Default emulator: a team token without team_data.member cannot revoke itself.
    await chooseTarget(h, 'snow-atlas');
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    await signInThroughBrowser(h);
    await signInThroughBrowser(h);
    await expect
      .poll(() => h.logs.find((line) => line.includes('replaced authorization')))
      .toMatch(/could not revoke.*revoke_refused.*Admin Console/);
    const live = (await emu.state()).tokens.filter((t) => t.kind === 'refresh' && !t.revoked);
    expect(live).toHaveLength(2);
    expect(h.logs.join('\n')).not.toMatch(/untick/i);
  });

  it('reports a sign-in still waiting on the Node side, so a reloaded page can resume it', async () => {
    await chooseTarget(h, 'snow-atlas');
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    const start = await must<{ attemptId: string }>('startAuthorization', { method: 'browser' });
    const waiting = await must<{ pendingAuthorization: { attemptId: string } | null }>(
      'getSession',
    );
    expect(waiting.pendingAuthorization?.attemptId).toBe(start.attemptId);
    await must('cancelAuthorization');
    const after = await must<{ pendingAuthorization: unknown }>('getSession');
    expect(after.pendingAuthorization).toBeNull();
  });
});

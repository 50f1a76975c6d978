/**
 * The wizard service through the bridge dispatcher, against the emulator over real HTTP: every
 * step's check, in the order an admin meets them. Only the host shell is a fake (browser mode's).
 */
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeApi, BridgeEvent, Progress } from '../../electron/shared/contract';
import type { Result } from '../../electron/shared/result';
import { dispatchBridgeCall } from '../../electron/core/bridge/dispatch';
import type { HostShell, ProgressStore } from '../../electron/core/platform';
import { MemorySecretVault } from '../../electron/core/wizard/memory-secret-vault';
import { createWizardService } from '../../electron/core/wizard/wizard-service';
import { authorizeOverHttp, startEmulator, type RunningEmulator } from '../dropbox-emulator/index';

const SNOW = { key: 'snowatlasdemo01', secret: 'opuqihxlha7z2o0' };
const NO_REDIRECT = { key: 'customnoredir01', secret: 'bqrke3bwgoqd3ad' };
const ADMIN = { email: 'admin@example.test', password: 'demo-password' };
const PERSONAL = { email: 'personal@example.test', password: 'demo-password' };
// Ports of our own so a running demo (47210-47212) cannot collide with the test.
const PORTS = [47510, 47511, 47512];
const REDIRECTS = PORTS.map((p) => `http://127.0.0.1:${p}/oauth/callback`);

let emu: RunningEmulator;
let service: BridgeApi;
let saved: Progress | null;
let events: BridgeEvent[];
let logs: string[];
let dataDir: string;

class MemoryProgressStore implements ProgressStore {
  load(): unknown {
    return saved ? JSON.parse(JSON.stringify(saved)) : null;
  }
  save(progress: Progress): void {
    saved = JSON.parse(JSON.stringify(progress)) as Progress;
  }
  clear(): void {
    saved = null;
  }
}

const shell: HostShell = { mode: 'browser', openExternal: async () => false };

function makeService(): BridgeApi {
  return createWizardService({
    shell,
    progress: new MemoryProgressStore(),
    vault: new MemorySecretVault({ notice: 'memory only' }),
    events: { emit: (event) => events.push(event) },
    env: {
      DROPBOX_WEB_ORIGIN: emu.origin,
      DROPBOX_API_ORIGIN: emu.origin,
      WIZARD_REDIRECT_PORTS: PORTS.join(','),
    },
    dataDir,
    log: (line) => logs.push(line),
    longPollMs: 2_000,
  });
}

/** Calls through the dispatcher, exactly as both transports do, and unwraps a success. */
async function call<T>(method: keyof BridgeApi, args: object = {}): Promise<Result<T>> {
  return (await dispatchBridgeCall(service, method, args)) as Result<T>;
}
async function must<T>(method: keyof BridgeApi, args: object = {}): Promise<T> {
  const result = await call<T>(method, args);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function signInThroughBrowser(account = ADMIN): Promise<void> {
  const start = await must<{ attemptId: string; authorizeUrl: string; opened: boolean }>(
    'startAuthorization',
    {
      method: 'browser',
    },
  );
  expect(start.opened).toBe(false); // browser mode: the page opens the tab
  const outcome = await authorizeOverHttp(start.authorizeUrl, account);
  expect(outcome.outcome).toBe('redirect');
  // The browser follows Dropbox's redirect to the wizard's loopback listener.
  const landing = await fetch(outcome.location!);
  expect(await landing.text()).toMatch(/close this tab/i);
  const wait = await must<{ status: string }>('waitForAuthorization', {
    attemptId: start.attemptId,
  });
  expect(wait.status).toBe('authorized');
}

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
  saved = null;
  events = [];
  logs = [];
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wizard-service-'));
  service = makeService();
});

describe('wizard service against the emulator', () => {
  it('takes Snow Atlas from nothing to an exported, working credential set', async () => {
    const targets = await must<{ id: string }[]>('listTargets');
    expect(targets.map((t) => t.id)).toEqual(expect.arrayContaining(['snow-atlas', 'custom']));
    await must('selectTarget', { targetId: 'snow-atlas' });

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

    await signInThroughBrowser();
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

    const exportPath = path.join(dataDir, 'out', 'snow.json');
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
      path: path.join(dataDir, 'out', 'snow.redacted.json'),
      redacted: true,
    });
    const redacted = await readFile(support.path, 'utf8');
    expect(redacted).not.toContain(SNOW.secret);
    expect(redacted).not.toContain(String(doc.refresh_token));

    // Nothing secret in persisted progress, in log lines, or in any URL the emulator saw.
    const secrets = [SNOW.secret, String(doc.refresh_token)];
    const persisted = JSON.stringify(saved);
    const urls = (await emu.requests()).map((r) => JSON.stringify(r));
    for (const secret of secrets) {
      expect(persisted).not.toContain(secret);
      expect(logs.join('\n')).not.toContain(secret);
      expect(urls.some((u) => u.includes(secret) && !u.includes('"headers"'))).toBe(false);
    }
  });

  it('keeps the app key and names the fix when the secret is wrong', async () => {
    await must('selectTarget', { targetId: 'snow-atlas' });
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
    expect(session.progress.appKey).toBe(SNOW.key);
    expect(session.progress.step).toBe('create-app');
    expect(session.secrets.appSecret).toBe('none');
  });

  it('catches an unregistered redirect URI on Create app, naming the exact URI', async () => {
    await emu.patchApp(SNOW.key, { redirectUris: [] });
    await must('selectTarget', { targetId: 'snow-atlas' });
    const report = await must<{
      passed: boolean;
      checks: { id: string; status: string; detail: string }[];
    }>('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    expect(report.passed).toBe(false);
    const redirect = report.checks.find((c) => c.id === 'redirect_uri');
    expect(redirect?.status).toBe('fail');
    expect(JSON.stringify(redirect)).toContain(REDIRECTS[0]);
  });

  it('names a scope the app lacks in Verify, and passes after the App Console fix and a new authorization', async () => {
    await emu.patchApp(SNOW.key, {
      scopes: ['account_info.read', 'team_info.read', 'members.read'],
    });
    await must('selectTarget', { targetId: 'snow-atlas' });
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    await signInThroughBrowser();
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
    await signInThroughBrowser();
    const second = await must<{ passed: boolean }>('runVerify');
    expect(second.passed).toBe(true);
  });

  it('exchanges a code Dropbox showed (app with no redirect URI)', async () => {
    await must('selectTarget', { targetId: 'custom' });
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
    await must('selectTarget', { targetId: 'custom' });
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
      await must('selectTarget', { targetId: 'snow-atlas' });
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
    await must('selectTarget', { targetId: 'snow-atlas' });
    await emu.addFault({ route: '/2/check/app', status: 429, retryAfter: 1, count: 1 });
    const report = await must<{ passed: boolean }>('checkAppCredentials', {
      appKey: SNOW.key,
      appSecret: SNOW.secret,
    });
    expect(report.passed).toBe(true);
    const waiting = events.filter((e) => e.type === 'waiting');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ reason: 'rate_limited' });
  });

  it('resumes at the same step with the same answers after a restart', async () => {
    await must('selectTarget', { targetId: 'snow-atlas' });
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    service = makeService(); // a new process: same progress store, fresh memory
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
    await must('selectTarget', { targetId: 'snow-atlas' });
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    await signInThroughBrowser();
    await must('runVerify');
    const first = await must<{ path: string }>('exportConfig', { path: 'snow.json' });
    expect(first.path).toBe(path.join(dataDir, 'exports', 'snow.json'));
    const again = await call('exportConfig', { path: 'snow.json' });
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.error).toMatchObject({ code: 'file_exists', action: 'replace_file' });
    const replaced = await call('exportConfig', { path: 'snow.json', overwrite: true });
    expect(replaced.ok).toBe(true);
    // `~` is the home folder (HOME points at a scratch folder for the test).
    const realHome = process.env.HOME;
    process.env.HOME = path.join(dataDir, 'home');
    try {
      const home = await must<{ path: string }>('exportConfig', {
        path: '~/a/../x.json',
        redacted: true,
      });
      expect(home.path).toBe(path.join(dataDir, 'home', 'x.redacted.json'));
    } finally {
      process.env.HOME = realHome;
    }
  });

  it('refuses to save a token pasted as the app key, and drops the secret when the key changes', async () => {
    await must('selectTarget', { targetId: 'snow-atlas' });
    const token = `sl.u.${'A'.repeat(120)}`;
    const pasted = await call('saveAppKey', { appKey: token });
    expect(pasted.ok).toBe(false);
    if (!pasted.ok) expect(pasted.error.code).toBe('wrong_field');
    expect(JSON.stringify(saved)).not.toContain(token);

    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    const changed = await must<{ secrets: { appSecret: string }; progress: Progress }>(
      'saveAppKey',
      {
        appKey: NO_REDIRECT.key,
      },
    );
    expect(changed.secrets.appSecret).toBe('none');
    expect(changed.progress.appChecks).toEqual([]);
    expect(changed.progress.completed).toEqual(['target']);
  });

  it('recognises the app key pasted into the secret field', async () => {
    await must('selectTarget', { targetId: 'snow-atlas' });
    const result = await call('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.key });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        code: 'wrong_field',
        message: expect.stringContaining('App key into App secret'),
      });
  });

  it('revokes the grant a new authorization replaces, and forgets it on a connector change', async () => {
    await must('selectTarget', { targetId: 'snow-atlas' });
    await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
    await signInThroughBrowser();
    await signInThroughBrowser();
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

  it('reports a sign-in still waiting on the Node side, so a reloaded page can resume it', async () => {
    await must('selectTarget', { targetId: 'snow-atlas' });
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

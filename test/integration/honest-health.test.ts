/**
 * Saved connectors months later, never greener than what was checked, through the
 * bridge dispatcher against one emulator: write scopes proved by a call, app-only products,
 * browser-mode restarts, Check all against deletes, imports that round-trip, names that fit.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSeedWithRclone } from './support/seeds';
import { getTarget } from '../../electron/core/targets/registry';
import type { SavedState } from '../../electron/core/platform';
import type {
  AppCheckReport,
  BridgeEvent,
  ConnectorHealth,
  ConnectorSummary,
  ExportResult,
  Progress,
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
  CERTERO,
  CERTERO_REDIRECT,
  chooseTarget,
  createHarness,
  PERSONAL,
  signInThroughBrowser,
  SNOW,
  type Harness,
} from './support/wizard-harness';

const PORTS = [47580, 47581, 47582];
const REDIRECTS = PORTS.map((p) => `http://127.0.0.1:${p}/oauth/callback`);
const RCLONE_APP = { key: 'rclonehonest001', secret: 'h0nest5ecret7rc' };
const RCLONE_SCOPES = getTarget('rclone')!.scopes.required;

/** The formats that carry credentials, tested against every target that exports them. */
const IMPORTABLE_FORMATS = ['generic-json', 'rclone-conf', 'env'] as const;

function buildSeed(): Promise<Seed> {
  return defaultSeedWithRclone({
    description: 'Default seed plus an rclone app, redirect URIs on this file’s ports.',
    redirects: REDIRECTS,
    rcloneApp: RCLONE_APP,
    rcloneScopes: RCLONE_SCOPES,
    redirectUrisOf: { [CERTERO.key]: [CERTERO_REDIRECT, ...REDIRECTS] },
  });
}

let emu: RunningEmulator;
let h: Harness;
beforeAll(async () => {
  emu = await startEmulator({ seed: await buildSeed() });
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
const check = (connectorId: string) => must<ConnectorHealth>('checkConnector', { connectorId });
const record = (id: string): Progress | undefined =>
  (h.store.load() as SavedState | null)?.connectors[id];

async function fresh(): Promise<void> {
  const session = await must<SessionSnapshot>('getSession');
  if (session.progress.targetId !== null) await must('newConnector');
}

async function rcloneRun(remote = 'wizard dropbox'): Promise<string> {
  await fresh();
  await must('selectTarget', { targetId: 'rclone' });
  await must('setInputs', { inputs: { remote_name: remote } });
  await must('goToStep', { step: 'create-app' });
  await must('checkAppCredentials', { appKey: RCLONE_APP.key, appSecret: RCLONE_APP.secret });
  await signInThroughBrowser(h, PERSONAL);
  expect((await must<VerifyReport>('runVerify')).passed).toBe(true);
  return activeId();
}

async function snowRun(): Promise<string> {
  await fresh();
  await chooseTarget(h, 'snow-atlas');
  await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
  await signInThroughBrowser(h, ADMIN);
  expect((await must<VerifyReport>('runVerify')).passed).toBe(true);
  return activeId();
}

/** A Custom connector with a team scope: a team token from a team admin. */
async function customTeamRun(): Promise<string> {
  await fresh();
  await chooseTarget(h, 'custom');
  await must('setCustomScopes', {
    scopes: ['account_info.read', 'team_info.read', 'members.read'],
  });
  await must('checkAppCredentials', { appKey: SNOW.key, appSecret: SNOW.secret });
  await signInThroughBrowser(h, ADMIN);
  expect((await must<VerifyReport>('runVerify')).passed).toBe(true);
  return activeId();
}

async function certeroRun(): Promise<string> {
  await fresh();
  await chooseTarget(h, 'certero');
  expect(
    (
      await must<AppCheckReport>('checkAppCredentials', {
        appKey: CERTERO.key,
        appSecret: CERTERO.secret,
      })
    ).passed,
  ).toBe(true);
  await signInThroughBrowser(h, ADMIN);
  expect((await must<VerifyReport>('runVerify')).passed).toBe(true);
  return activeId();
}

async function exportText(format: string, name: string): Promise<string> {
  const file = path.join(h.dataDir, 'out', name);
  const written = await must<ExportResult>('exportConfig', { format, path: file });
  return readFile(written.path, 'utf8');
}

type ImportAnswer = {
  imported: ConnectorSummary[];
  existing: ConnectorSummary[];
  notes: string[];
};

describe('coverage, not a green word', () => {
  it('rclone: every write scope is proved by a call; unticking sharing.write makes it Failing, naming the scope', async () => {
    const id = await rcloneRun();
    // Verify at setup already proved the write scopes: Healthy before any later check.
    expect(await row(id)).toMatchObject({
      status: 'healthy',
      statusLine: '7 of 7 scopes verified by a call',
    });
    const first = await check(id);
    expect(first.passed).toBe(true);
    expect(await row(id)).toMatchObject({
      status: 'healthy',
      statusWord: 'Healthy',
      statusLine: '7 of 7 scopes verified by a call',
    });
    for (const scope of RCLONE_SCOPES) {
      expect(first.checks.find((c) => c.id === `probe:${scope}`)?.status, scope).toBe('pass');
    }
    // Setup-time facts are never shown as a current pass.
    expect(first.checks.find((c) => c.id === 'scopes')?.status).not.toBe('pass');

    await emu.patchApp(RCLONE_APP.key, {
      scopes: RCLONE_SCOPES.filter((s) => s !== 'sharing.write'),
    });
    const after = await check(id);
    expect(after.passed).toBe(false);
    expect(after.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([
      'probe:sharing.write',
    ]);
    expect(after.changes).toMatchObject([
      { id: 'probe:sharing.write', kind: 'broke', action: 'open_app_console' },
    ]);
    const failing = await row(id);
    expect(failing).toMatchObject({
      status: 'failing',
      statusLine: '6 of 7 scopes verified by a call · 1 refused',
      cause: { action: 'open_app_console' },
    });
    expect(failing?.cause?.what).toContain('sharing.write');
  });

  it('each check refreshes once (a second refresh would rotate nothing but cost a call)', async () => {
    const id = await rcloneRun();
    const before = (await emu.state()).tokens.filter(
      (t) => t.appKey === RCLONE_APP.key && t.kind === 'access',
    ).length;
    await check(id);
    const after = (await emu.state()).tokens.filter(
      (t) => t.appKey === RCLONE_APP.key && t.kind === 'access',
    ).length;
    expect(after - before).toBe(1);
  });
});

describe('app-only products', () => {
  it('Certero: the status says what it covers; a demoted admin is found by the test authorization', async () => {
    const id = await certeroRun();
    await check(id);
    expect(await row(id)).toMatchObject({
      status: 'key_only',
      statusLine: 'App key and secret valid · the product’s own token is not visible to the wizard',
      cause: { action: 'test_authorization' },
    });

    const admin = (await emu.state()).accounts.find((a) => a.email === ADMIN.email)!;
    await emu.patchAccount(admin.accountId, { role: 'member' });
    await check(id);
    // The key check alone cannot see it: still says only what it covers.
    expect((await row(id))?.status).toBe('key_only');

    // Run test authorization: the wizard's own test sign-in for this connector. Dropbox refuses
    // a team app's sign-in by someone who is not a team admin: that is where it shows.
    await must('reconnectConnector', { connectorId: id });
    expect((await must<SessionSnapshot>('getSession')).progress.step).toBe('authorize');
    const start = await must<{ authorizeUrl: string }>('startAuthorization', { method: 'browser' });
    const refused = await authorizeOverHttp(start.authorizeUrl, ADMIN);
    expect(refused.outcome).toBe('refused');

    // Demoted between sign-in and Verify: Verify's failure becomes the connector's cause.
    await emu.patchAccount(admin.accountId, { role: 'team_admin' });
    await must('cancelAuthorization');
    await signInThroughBrowser(h, ADMIN);
    await emu.patchAccount(admin.accountId, { role: 'member' });
    const verify = await must<VerifyReport>('runVerify');
    expect(verify.passed).toBe(false);
    const demoted = await row(id);
    expect(demoted?.status).toBe('failing');
    expect(demoted?.cause?.what).toMatch(/no longer a team admin/);
    expect(demoted?.cause?.action).toBe('reconnect');
  });
});

describe('browser-mode restart', () => {
  it('the secrets are gone: a neutral "Can’t check" with Import the exported file; the import restores Healthy', async () => {
    const id = await rcloneRun();
    const json = await exportText('generic-json', 'rclone.json');
    await check(id);
    h.restart();
    const health = await check(id);
    expect(health.changes).toEqual([]);
    expect(health.checks).toMatchObject([{ id: 'secrets', status: 'info' }]);
    const neutral = await row(id);
    expect(neutral).toMatchObject({
      status: 'secret_not_held',
      statusWord: 'Can’t check',
      statusLine: 'Can’t check: the secret is not held (browser mode keeps secrets in memory).',
      cause: { action: 'import_file' },
    });

    // Check all does not count it as failing either.
    const all = await must<Record<string, ConnectorHealth>>('checkAllConnectors');
    expect(all[id]?.changes).toEqual([]);
    expect((await row(id))?.status).toBe('secret_not_held');

    const offered = await must<ImportAnswer>('importConnector', {
      fileName: 'rclone.json',
      text: json,
    });
    expect(offered.imported).toEqual([]);
    expect(offered.existing.map((r) => r.id)).toEqual([id]);
    expect((await list()).length).toBe(1);
    const updated = await must<ImportAnswer>('importConnector', {
      fileName: 'rclone.json',
      text: json,
      update: true,
    });
    expect(updated.imported.map((r) => r.id)).toEqual([id]);
    expect((await list()).length).toBe(1);
    await check(id);
    expect((await row(id))?.status).toBe('healthy');
  });

  it('a draft can be deleted and says when it was started', async () => {
    await fresh();
    await must('selectTarget', { targetId: 'rclone' });
    const draft = await row(await activeId());
    expect(draft).toMatchObject({ status: 'setup', statusWord: 'Setup not finished' });
    expect(Date.parse(draft!.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    await must('deleteConnector', { connectorId: draft!.id, revoke: false });
    expect((await list()).some((r) => r.id === draft!.id && r.targetId === 'rclone')).toBe(false);
  });
});

describe('saved state under races and limits', () => {
  it('a connector deleted while Check all runs stays deleted; results land as events', async () => {
    const keep = await rcloneRun('keep');
    const gone = await snowRun();
    h.events.length = 0;
    const running = must<Record<string, ConnectorHealth>>('checkAllConnectors');
    await must('deleteConnector', { connectorId: gone, revoke: false });
    const results = await running;
    expect(results[gone]).toBeUndefined();
    expect((await list()).map((r) => r.id)).toEqual([keep]);
    expect(record(gone)).toBeUndefined();
    const landed = h.events.filter(
      (e): e is Extract<BridgeEvent, { type: 'connector_checked' }> =>
        e.type === 'connector_checked',
    );
    expect(landed.map((e) => e.connector.id)).toEqual([keep]);
    expect(landed[0]?.connector.lastChecked).toBe(landed[0]?.health.checkedAt);
  });

  it('the decoder’s check of a connector deleted meanwhile does not bring it back', async () => {
    const id = await rcloneRun();
    const decoding = h.call('decodeError', {
      text: 'invalid_grant: refresh token is invalid or revoked',
      connectorId: id,
    });
    await must('deleteConnector', { connectorId: id, revoke: false });
    await decoding;
    expect(record(id)?.targetId ?? null).toBeNull();
    expect((await list()).some((r) => r.targetId === 'rclone')).toBe(false);
  });

  it('an rclone remote name of 72+ characters imports with the name shortened and says so; it survives a reload', async () => {
    // The wizard's own export refuses such a name; a hand-edited rclone.conf has one.
    await rcloneRun('short');
    const long = `r${'x'.repeat(79)}`;
    const conf = (await exportText('rclone-conf', 'rclone.conf')).replace('[short]', `[${long}]`);
    expect(conf).toContain(long);
    const id = await activeId();
    await must('deleteConnector', { connectorId: id, revoke: false });
    const answer = await must<ImportAnswer>('importConnector', {
      fileName: 'rclone.conf',
      text: conf,
    });
    expect(answer.imported).toHaveLength(1);
    expect(answer.imported[0]?.name.length).toBeLessThanOrEqual(80);
    expect(answer.notes[0]).toMatch(/shortened to 80/);
    h.restart();
    expect((await list()).map((r) => r.id)).toContain(answer.imported[0]?.id);
  });
});

describe('the decoder on a connector page', () => {
  it('text it does not recognise is answered with what the connector’s last check found', async () => {
    const id = await rcloneRun();
    const personal = (await emu.state()).accounts.find((a) => a.email === PERSONAL.email)!;
    await emu.revokeTokens({ appKey: RCLONE_APP.key, accountId: personal.accountId });
    await check(id);
    const decoded = await must<{ matches: { id: string; cause: string; action: string | null }[] }>(
      'decodeError',
      { text: 'Backup job 17 stopped: upstream said no', connectorId: id },
    );
    expect(decoded.matches).toHaveLength(1);
    expect(decoded.matches[0]).toMatchObject({
      id: 'connector_last_check',
      action: 'authorize_again',
    });
    expect(decoded.matches[0]?.cause).toMatch(/revoked/);
    // Without the connector the same text stays unrecognised.
    const alone = await must<{ matches: unknown[] }>('decodeError', {
      text: 'Backup job 17 stopped: upstream said no',
    });
    expect(alone.matches).toEqual([]);
  });
});

describe('exports round-trip: every target × every importable format → import → check passes', () => {
  const TARGETS = [
    { name: 'Custom with a team scope', targetId: 'custom', run: customTeamRun },
    { name: 'rclone', targetId: 'rclone', run: () => rcloneRun() },
    { name: 'Snow Atlas', targetId: 'snow-atlas', run: snowRun },
  ];
  const rows = TARGETS.flatMap((target) =>
    IMPORTABLE_FORMATS.filter((format) => getTarget(target.targetId)!.formats.includes(format)).map(
      (format) => ({ ...target, format }),
    ),
  );

  it.each(rows)('$name × $format', async ({ run, format, targetId }) => {
    const id = await run();
    const original = record(id)!;
    const fileName =
      format === 'rclone-conf'
        ? 'rclone.conf'
        : format === 'env'
          ? `${targetId}.env`
          : `${targetId}.json`;
    const text = await exportText(format, fileName);

    // The same credentials again: offered as an update of that connector, never a copy.
    const again = await must<ImportAnswer>('importConnector', { fileName, text });
    expect(again.existing.map((r) => r.id)).toEqual([id]);
    expect(again.imported).toEqual([]);

    // Imported into a wizard that has forgotten it: the same target, token kind and scopes.
    await must('deleteConnector', { connectorId: id, revoke: false });
    const answer = await must<ImportAnswer>('importConnector', { fileName, text });
    expect(answer.imported).toHaveLength(1);
    const back = record(answer.imported[0]!.id)!;
    expect(back.targetId).toBe(original.targetId);
    expect(back.tokenKind).toBe(original.tokenKind);
    expect([...back.grantedScopes].sort()).toEqual([...original.grantedScopes].sort());
    const health = await check(answer.imported[0]!.id);
    expect(health.checks.filter((c) => c.status === 'fail')).toEqual([]);
    // Never the advice to remove a scope the target requires.
    expect(health.checks.map((c) => c.detail).join(' ')).not.toMatch(/untick/i);
  });
});

/**
 * `.env` round trip for every target that exports `.env` (Custom as a user and with a team scope,
 * Snow Atlas, rclone): finish the wizard against the emulator, export `.env`, import that file as
 * a connector, and check it. The import must land on the same target with the same token kind and
 * scopes (the header's `token_kind` / `scopes` lines), and its check must pass. The team-scope
 * Custom file also goes through the command line's `verify`, in process.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSeedWithRclone } from './support/seeds';
import { runCli } from '../../electron/cli/run-cli';
import type {
  AppCheckReport,
  ConnectorHealth,
  ConnectorSummary,
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
  NO_REDIRECT,
  PERSONAL,
  signInThroughBrowser,
  SNOW,
  type Harness,
} from './support/wizard-harness';

const PORTS = [47563, 47564, 47565];
const REDIRECTS = PORTS.map((p) => `http://127.0.0.1:${p}/oauth/callback`);
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

function buildSeed(): Promise<Seed> {
  return defaultSeedWithRclone({
    description: 'Default seed with this file redirect ports, plus an rclone app.',
    redirects: REDIRECTS,
    rcloneApp: RCLONE_APP,
    rcloneScopes: RCLONE_SCOPES,
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
  h = await createHarness(emu, { ports: PORTS });
});
afterEach(async () => {
  await h.dispose();
});

const must = <T>(method: Parameters<Harness['must']>[0], args: object = {}) =>
  h.must<T>(method, args);

async function start(targetId: string): Promise<void> {
  const session = await must<SessionSnapshot>('getSession');
  if (session.progress.targetId !== null) await must('newConnector');
  await chooseTarget(h, targetId);
}

async function verified(): Promise<void> {
  const verify = await must<VerifyReport>('runVerify');
  expect(verify.checks.filter((c) => c.status === 'fail')).toEqual([]);
  expect(verify.passed).toBe(true);
}

const RUNS: Record<string, () => Promise<void>> = {
  'custom (user)': async () => {
    await start('custom');
    await must('setCustomScopes', { scopes: ['account_info.read', 'files.metadata.read'] });
    const app = await must<AppCheckReport>('checkAppCredentials', {
      appKey: NO_REDIRECT.key,
      appSecret: NO_REDIRECT.secret,
      redirectMode: 'manual',
    });
    expect(app.passed).toBe(true);
    const begun = await must<{ authorizeUrl: string }>('startAuthorization', { method: 'manual' });
    const shown = await authorizeOverHttp(begun.authorizeUrl, PERSONAL);
    await must('submitAuthorizationCode', { code: shown.code! });
    await verified();
  },
  'custom (team scope)': async () => {
    await start('custom');
    await must('setCustomScopes', { scopes: ['account_info.read', 'members.read'] });
    const app = await must<AppCheckReport>('checkAppCredentials', {
      appKey: SNOW.key,
      appSecret: SNOW.secret,
      redirectMode: 'loopback',
    });
    expect(app.passed).toBe(true);
    await signInThroughBrowser(h, ADMIN);
    await verified();
  },
  'snow-atlas': async () => {
    await start('snow-atlas');
    const app = await must<AppCheckReport>('checkAppCredentials', {
      appKey: SNOW.key,
      appSecret: SNOW.secret,
    });
    expect(app.passed).toBe(true);
    await signInThroughBrowser(h, ADMIN);
    await verified();
  },
  rclone: async () => {
    await must('selectTarget', { targetId: 'rclone' });
    await must('setInputs', { inputs: { remote_name: 'wizard dropbox' } });
    await must('goToStep', { step: 'create-app' });
    const app = await must<AppCheckReport>('checkAppCredentials', {
      appKey: RCLONE_APP.key,
      appSecret: RCLONE_APP.secret,
    });
    expect(app.passed).toBe(true);
    await signInThroughBrowser(h, PERSONAL);
    await verified();
  },
};

describe('.env export → import → check, per target that exports .env', () => {
  it.each(Object.keys(RUNS))(
    '%s',
    async (name) => {
      await RUNS[name]!();
      const exported = await must<SessionSnapshot>('getSession');
      const targetId = exported.progress.targetId!;
      const granted = [...exported.progress.grantedScopes].sort();
      const tokenKind = exported.progress.tokenKind;
      const file = path.join(h.dataDir, 'out', `${targetId}.env`);
      const written = await must<ExportResult>('exportConfig', { format: 'env', path: file });
      const text = await readFile(written.path, 'utf8');
      // Bare values: no quote anywhere in an assignment.
      expect(text).toMatch(/^DROPBOX_APP_KEY=[A-Za-z0-9]+$/m);
      expect(text).not.toMatch(/^DROPBOX_[A-Z_]+=['"]/m);

      // While the connector is saved, the same file is offered as an update of it, not a copy.
      const again = await must<{ imported: ConnectorSummary[]; existing: ConnectorSummary[] }>(
        'importConnector',
        { fileName: `${targetId}.env`, text },
      );
      expect(again.imported).toEqual([]);
      expect(again.existing.map((c) => c.id)).toEqual([exported.connectorId]);

      // Into a wizard that has forgotten it: back with the same target, token kind and scopes.
      await must('deleteConnector', { connectorId: exported.connectorId, revoke: false });
      const { imported } = await must<{ imported: ConnectorSummary[] }>('importConnector', {
        fileName: `${targetId}.env`,
        text,
      });
      expect(imported).toHaveLength(1);
      expect(imported[0]).toMatchObject({ targetId, active: true });
      // Healthy, or Degraded where a scope has no harmless call (account_info.read on a team
      // token); never Failing.
      expect(['healthy', 'degraded']).toContain(imported[0]!.status);
      const session = await must<SessionSnapshot>('getSession');
      expect(session.connectorId).toBe(imported[0]!.id);
      expect([...session.progress.grantedScopes].sort()).toEqual(granted);
      expect(session.progress.tokenKind).toBe(tokenKind);
      const health = await must<ConnectorHealth>('checkConnector', {
        connectorId: imported[0]!.id,
      });
      expect(health.checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(health.passed).toBe(true);

      if (name === 'custom (team scope)') {
        expect(session.progress.tokenKind).toBe('team');
        let out = '';
        let err = '';
        const code = await runCli({
          argv: ['verify', written.path],
          env: { DROPBOX_WEB_ORIGIN: emu.origin, DROPBOX_API_ORIGIN: emu.origin },
          stdout: (t) => (out += t),
          stderr: (t) => (err += t),
        });
        expect({ code, out, err }).toMatchObject({ code: 0, err: '' });
        expect(out).not.toMatch(/FAIL|WARN/);
      }
    },
    30_000,
  );
});

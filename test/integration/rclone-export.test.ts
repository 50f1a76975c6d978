/**
 * The rclone.conf export read by real rclone (Debian's package; CI installs it): `config dump`
 * must parse the section and its token, and a real rclone command must refresh the exported
 * refresh token with the exported client id and secret. The refresh goes to the local emulator
 * through `token_url` (a test-only line; every rclone OAuth backend takes it); the Dropbox API
 * call after it fails offline, which is fine: the refresh is what is under test.
 */
import { execFile, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getExporter, renderExport } from '../../electron/core/export/registry';
import { getTarget } from '../../electron/core/targets/registry';
import type { ExportInput } from '../../electron/core/export/exporter';
import { startEmulator, type RunningEmulator } from '../dropbox-emulator/index';

const run = promisify(execFile);

const RCLONE = 'rclone';
const rcloneMissing = spawnSync(RCLONE, ['version'], { encoding: 'utf8' }).status !== 0;
if (rcloneMissing) {
  console.log(
    `skipped: rclone-export needs the "${RCLONE}" binary on PATH (apt-get install rclone)`,
  );
}

// Seeded in test/dropbox-emulator/seeds/default.json.
const APP_KEY = 'customnoredir01';
const APP_SECRET = 'bqrke3bwgoqd3ad';
const SCOPES = ['account_info.read', 'files.metadata.read'];
const REMOTE = 'wizard dropbox';

interface MintedToken {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

describe.skipIf(rcloneMissing)('rclone reads the exported rclone.conf', () => {
  let emu: RunningEmulator;
  let dir: string;
  let token: MintedToken;

  beforeAll(async () => {
    emu = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'rclone-export-'));
    const state = await emu.state();
    const account = state.accounts.find((a) => a.email === 'personal@example.test');
    if (!account) throw new Error('seed has no personal@example.test');
    token = (await emu.mintToken({
      appKey: APP_KEY,
      accountId: account.accountId,
      scopes: SCOPES,
      offline: true,
    })) as unknown as MintedToken;
  });

  afterAll(async () => {
    await emu?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function exportConf(accessToken: ExportInput['accessToken'], now: Date): string {
    const target = getTarget('rclone');
    if (!target) throw new Error('no rclone profile');
    const input: ExportInput = {
      target,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      refreshToken: token.refresh_token,
      accessToken,
      scopes: SCOPES,
      identity: null,
      checks: [],
      inputs: { remote_name: REMOTE },
      redirectUris: [],
      now,
    };
    return renderExport(getExporter('rclone-conf')!, input, { redacted: false });
  }

  async function rclone(config: string, ...args: string[]) {
    return run(RCLONE, ['--config', config, '--cache-dir', join(dir, 'cache'), ...args], {
      env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir },
      timeout: 30_000,
    });
  }

  async function dump(config: string): Promise<Record<string, Record<string, string>>> {
    const { stdout } = await rclone(config, 'config', 'dump');
    return JSON.parse(stdout) as Record<string, Record<string, string>>;
  }

  it('parses the section and its oauth2 token as written', async () => {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + token.expires_in * 1000);
    const config = join(dir, 'full.conf');
    writeFileSync(config, exportConf({ value: token.access_token, expiresAt }, now), {
      mode: 0o600,
    });

    const remote = (await dump(config))[REMOTE];
    expect(remote).toMatchObject({
      type: 'dropbox',
      client_id: APP_KEY,
      client_secret: APP_SECRET,
    });
    const parsed = JSON.parse(remote!.token!) as Record<string, string>;
    expect(parsed).toEqual({
      access_token: token.access_token,
      token_type: 'bearer',
      refresh_token: token.refresh_token,
      expiry: expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  });

  it('refreshes the exported token with the exported client id at first use', async () => {
    const config = join(dir, 'refresh.conf');
    // No access token: the exporter writes an expired one, so rclone must refresh first.
    writeFileSync(config, exportConf(null, new Date()), { mode: 0o600 });
    appendFileSync(config, `token_url = ${emu.origin}/oauth2/token\n`);
    await emu.clearRequests();

    const result = await rclone(
      config,
      'lsd',
      `${REMOTE}:`,
      '--retries',
      '1',
      '--low-level-retries',
      '1',
      '--contimeout',
      '2s',
      '--timeout',
      '5s',
    ).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
    // The listing itself goes to api.dropboxapi.com, which is not the emulator.
    expect(result.stderr).not.toMatch(/empty token found|couldn't read config/i);

    const grants = (await emu.requests())
      .filter((r) => r.path === '/oauth2/token')
      .map((r) => r.tokenRequest);
    expect(grants).toContainEqual({
      grantType: 'refresh_token',
      clientId: APP_KEY,
      clientAuth: expect.stringMatching(/^(basic|client_secret)$/) as unknown as string,
      error: null,
    });

    // rclone saved the access token it got back into the same section.
    const saved = JSON.parse((await dump(config))[REMOTE]!.token!) as Record<string, string>;
    expect(saved.refresh_token).toBe(token.refresh_token);
    expect(saved.access_token).not.toBe('');
    expect(readFileSync(config, 'utf8')).toContain(`[${REMOTE}]`);
  });
});

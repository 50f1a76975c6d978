/**
 * The real command line as a child process (the built bin, `out/cli/index.mjs`) against the
 * project's Dropbox emulator, pointed there by DROPBOX_WEB_ORIGIN / DROPBOX_API_ORIGIN exactly as
 * an admin would. Export files are written by hand in each format the importers read.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildExportDocument,
  serializeExportDocument,
} from '../../electron/core/export/export-format';
import { SNOW_ATLAS } from '../../electron/core/targets/profiles/snow-atlas';
import type { Identity, TargetProfile } from '../../electron/shared/contract';
import { startEmulator, type RunningEmulator } from '../dropbox-emulator/index';
import { SEED } from '../dropbox-emulator/test-helpers';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'out/cli/index.mjs');

let emu: RunningEmulator;
let dir: string;
/** Every value the CLI must never print: the app secrets and every refresh token minted here. */
const secrets = new Set<string>([SEED.snow.secret, SEED.noRedirect.secret]);
/** Everything the CLI printed in this file, checked for secrets at the end. */
const printed: string[] = [];

beforeAll(async () => {
  await run(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--quiet', 'cli'], {
    cwd: ROOT,
  });
  emu = await startEmulator();
  dir = await mkdtemp(path.join(tmpdir(), 'cli-verify-'));
}, 60_000);
afterAll(async () => {
  await emu?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(...args: string[]): Promise<CliRun> {
  const env = { ...process.env, DROPBOX_WEB_ORIGIN: emu.origin, DROPBOX_API_ORIGIN: emu.origin };
  const outcome = await run(process.execPath, [CLI, ...args], { cwd: dir, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({
      code: err.code,
      stdout: err.stdout,
      stderr: err.stderr,
    }),
  );
  printed.push(outcome.stdout, outcome.stderr);
  return outcome;
}

const ADMIN_IDENTITY: Identity = {
  tokenKind: 'team',
  accountId: SEED.admin.accountId,
  email: SEED.admin.email,
  emailVerified: true,
  displayName: SEED.admin.name,
  teamId: SEED.team.id,
  teamName: SEED.team.name,
  isTeamAdmin: true,
};
const PERSONAL_IDENTITY: Identity = {
  tokenKind: 'user',
  accountId: SEED.personal.accountId,
  email: SEED.personal.email,
  emailVerified: true,
  displayName: SEED.personal.name,
  teamId: null,
  teamName: null,
  isTeamAdmin: null,
};

async function mint(app: 'snow' | 'noRedirect'): Promise<string> {
  const accountId = app === 'snow' ? SEED.admin.accountId : SEED.personal.accountId;
  const tokens = await emu.mintToken({ appKey: SEED[app].key, accountId });
  const refresh = tokens.refresh_token as string;
  secrets.add(refresh);
  secrets.add(tokens.access_token as string);
  return refresh;
}

function exportJson(target: TargetProfile, refreshToken: string, redact = false): string {
  const snow = target.id === 'snow-atlas';
  const doc = buildExportDocument({
    target,
    appKey: snow ? SEED.snow.key : SEED.noRedirect.key,
    appSecret: snow ? SEED.snow.secret : SEED.noRedirect.secret,
    refreshToken,
    scopes: snow ? [...SEED.snow.scopes] : ['account_info.read', 'files.metadata.read'],
    identity: snow ? ADMIN_IDENTITY : PERSONAL_IDENTITY,
    checks: [],
    now: new Date(),
  });
  return serializeExportDocument(
    redact ? { ...doc, app_secret: '[redacted]', refresh_token: '[redacted]' } : doc,
  );
}

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, { mode: 0o600 });
  return name;
}

describe('dropbox-connector-wizard verify', () => {
  it('exits 0 for a good Snow Atlas export and prints one line per check', async () => {
    const file = await write('snow-atlas.json', exportJson(SNOW_ATLAS, await mint('snow')));
    const result = await cli('verify', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^snow-atlas\.json {2}snow-atlas {2}PASS {2}refresh: /m);
    expect(result.stdout).toMatch(/PASS {2}identity: Team token for "Example Ltd"/);
    expect(result.stdout).toContain('1 checked: 1 passed, 0 failed, 0 could not be read.');
  });

  it('exits 1 for a revoked token and names the refresh check and what to do', async () => {
    const refreshToken = await mint('snow');
    const file = await write('revoked/snow-atlas.json', exportJson(SNOW_ATLAS, refreshToken));
    await emu.revokeTokens({ refreshToken });
    const result = await cli('verify', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /revoked\/snow-atlas\.json {2}snow-atlas {2}FAIL {2}refresh: Dropbox refused the refresh token .*revoked.* — reconnect in the wizard/,
    );
    expect(result.stdout).toMatch(/SKIP {2}identity, scopes, token_valid, probe:[^\n]*: not run: /);
    expect(result.stdout).toContain('Failed: revoked/snow-atlas.json (refresh)');
  });

  it('exits 2 naming a corrupt file, and still checks the others', async () => {
    const good = await write('mixed/good.json', exportJson(SNOW_ATLAS, await mint('snow')));
    const bad = await write(
      'mixed/corrupt.json',
      `{"format":"dropbox-connector/v1", "app_secret": "${SEED.snow.secret}"`,
    );
    const result = await cli('verify', bad, good);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mixed/corrupt.json: not valid JSON');
    expect(result.stdout).toMatch(/mixed\/good\.json +snow-atlas +PASS +refresh:/);
  });

  it('checks every export in a folder (JSON, .env, rclone remotes) and skips the support copy', async () => {
    const snowToken = await mint('snow');
    // The rclone remotes below use this app: a health check now proves every scope rclone needs
    // by a call, so the app (and its token) must have rclone's scopes, as a real rclone app does.
    await emu.patchApp(SEED.noRedirect.key, {
      scopes: [
        'account_info.read',
        'files.content.read',
        'files.content.write',
        'files.metadata.read',
        'files.metadata.write',
        'sharing.read',
        'sharing.write',
      ],
    });
    const userToken = await mint('noRedirect');
    await write('folder/snow-atlas.json', exportJson(SNOW_ATLAS, snowToken));
    await write('folder/snow-atlas.redacted.json', exportJson(SNOW_ATLAS, snowToken, true));
    // Not an export name: ignored. (A *.json that is not an export is reported: cli-unattended.)
    await write('folder/README.md', 'exports live here\n');
    await write(
      'folder/custom.env',
      [
        `DROPBOX_APP_KEY=${SEED.noRedirect.key}`,
        `DROPBOX_APP_SECRET="${SEED.noRedirect.secret}"`,
        `DROPBOX_REFRESH_TOKEN=${userToken}`,
        '',
      ].join('\n'),
    );
    const token = JSON.stringify({
      access_token: 'x',
      token_type: 'bearer',
      refresh_token: userToken,
    });
    await write(
      'folder/rclone.conf',
      ['work', 'home']
        .map((remote) =>
          [
            `[${remote}]`,
            'type = dropbox',
            `client_id = ${SEED.noRedirect.key}`,
            `client_secret = ${SEED.noRedirect.secret}`,
            `token = ${token}`,
            '',
          ].join('\n'),
        )
        .join('\n'),
    );
    const result = await cli('verify', 'folder', '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/snow-atlas\.redacted\.json: skipped, the redacted support copy/);
    const doc = JSON.parse(result.stdout) as {
      passed: boolean;
      results: { file: string; remote?: string; target: string | null; passed: boolean }[];
    };
    expect(doc.passed).toBe(true);
    expect(doc.results.map((r) => [path.basename(r.file), r.remote ?? null, r.target])).toEqual([
      ['custom.env', null, null],
      ['rclone.conf', 'work', 'rclone'],
      ['rclone.conf', 'home', 'rclone'],
      ['snow-atlas.json', null, 'snow-atlas'],
    ]);
  });

  it('--json prints exactly one object of the documented shape, also when a check fails', async () => {
    const refreshToken = await mint('snow');
    const file = await write('json/revoked.json', exportJson(SNOW_ATLAS, refreshToken));
    await emu.revokeTokens({ refreshToken });
    const result = await cli('verify', '--json', file);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['passed', 'results']);
    expect(doc).toMatchObject({
      passed: false,
      results: [
        {
          file,
          target: 'snow-atlas',
          passed: false,
          checks: expect.arrayContaining([
            { id: 'refresh', status: 'fail', detail: expect.stringMatching(/revoked/) },
            { id: 'identity', status: 'skipped', detail: expect.any(String) },
          ]),
        },
      ],
    });
  });

  it('checks a .env without its header as Custom, and says so', async () => {
    const userToken = await mint('noRedirect');
    const file = await write(
      'plain.env',
      `DROPBOX_APP_KEY=${SEED.noRedirect.key}\nDROPBOX_APP_SECRET=${SEED.noRedirect.secret}\nDROPBOX_REFRESH_TOKEN=${userToken}\n`,
    );
    const result = await cli('verify', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /plain\.env +- +INFO +target: the file names no target; checked as Custom/,
    );
  });

  it('exits 2 with the usage for a bad command line, and 0 for --help', async () => {
    const bad = await cli('check', 'x.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /unknown command "check"[\s\S]*Usage: dropbox-connector-wizard verify/,
    );
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit status: 0 every file passed; 1 a check failed; 2/);
  });

  it('never printed a secret or a token in any run above', () => {
    expect(printed.join('').length).toBeGreaterThan(0);
    for (const secret of secrets) {
      for (const text of printed) expect(text).not.toContain(secret);
    }
  });
});

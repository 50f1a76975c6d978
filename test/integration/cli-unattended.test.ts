/**
 * `verify` for unattended use, through the built bin: a folder's unparseable exports are
 * reported (exit 2), non-regular files are never opened (a FIFO argument does not hang), reads
 * are capped by bytes read (a sparse 400 MB file and /dev/zero stay cheap), Dropbox-supplied names
 * reach the terminal without control characters, and the monitoring formats and `--textfile`.
 * No Dropbox is needed for the unreadable cases; the names case uses the emulator.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildExportDocument,
  serializeExportDocument,
} from '../../electron/core/export/export-format';
import { SNOW_ATLAS } from '../../electron/core/targets/profiles/snow-atlas';
import { startEmulator, type RunningEmulator } from '../dropbox-emulator/index';
import { SEED } from '../dropbox-emulator/test-helpers';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'out/cli/index.mjs');
const posix = process.platform !== 'win32';

let dir: string;
let emu: RunningEmulator;
beforeAll(async () => {
  await run(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--quiet', 'cli'], {
    cwd: ROOT,
  });
  dir = await mkdtemp(path.join(tmpdir(), 'cli-unattended-'));
  emu = await startEmulator();
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
  return run(process.execPath, [CLI, ...args], { cwd: dir, env, timeout: 20_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({
      code: err.code,
      stdout: err.stdout,
      stderr: err.stderr,
    }),
  );
}

describe('a folder for a nightly job', () => {
  it('every *.json, *.env, *.conf that is not a readable export is reported, exit 2', async () => {
    const folder = path.join(dir, 'broken');
    await mkdir(folder);
    await writeFile(path.join(folder, 'empty.json'), '');
    await writeFile(
      path.join(folder, 'truncated.json'),
      '{"format": "dropbox-connector/v1", "app_',
    );
    await writeFile(path.join(folder, 'package.json'), '{"name":"not-an-export"}\n');
    await writeFile(path.join(folder, 'half.env'), 'DROPBOX_APP_KEY=abc\n');
    await writeFile(path.join(folder, 'other.conf'), '[s3]\ntype = s3\n');
    await writeFile(path.join(folder, 'notes.txt'), 'ignored: not an export name\n');
    const result = await cli('verify', folder);
    expect(result.code).toBe(2);
    for (const name of ['empty.json', 'truncated.json', 'package.json', 'half.env', 'other.conf']) {
      expect(result.stderr, name).toContain(path.join(folder, name));
      expect(result.stdout, name).toMatch(new RegExp(`${name.replace('.', '\\.')}\\s+-\\s+ERROR`));
    }
    expect(result.stderr + result.stdout).not.toContain('notes.txt');
  });
});

describe('never opens what is not a regular file; reads at most 1 MB', () => {
  it.skipIf(!posix)('a FIFO argument is reported at once, not waited on', async () => {
    const fifo = path.join(dir, 'pipe.env');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const result = await cli('verify', fifo);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pipe\.env: is a pipe \(FIFO\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.skipIf(!posix)('/dev/zero is refused without reading it', async () => {
    const result = await cli('verify', '/dev/zero');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/dev\/zero: is a device/);
  });

  const timeBin = posix && !spawnSync('/usr/bin/time', ['-f', '%M', 'true']).error;
  if (!timeBin) console.warn('[cli-unattended] memory check skipped: no /usr/bin/time');
  it.skipIf(!timeBin)(
    'a sparse 400 MB *.json is refused as too large with well under 200 MB resident',
    async () => {
      const sparse = path.join(dir, 'sparse.json');
      await writeFile(sparse, '');
      await truncate(sparse, 400 * 1024 * 1024);
      expect((await stat(sparse)).size).toBe(400 * 1024 * 1024);
      const out = spawnSync(
        '/usr/bin/time',
        ['-f', 'maxrss=%M', process.execPath, CLI, 'verify', sparse],
        {
          encoding: 'utf8',
          timeout: 20_000,
        },
      );
      expect(out.status).toBe(2);
      expect(out.stderr).toMatch(/too large to be an export file/);
      const kb = Number(/maxrss=(\d+)/.exec(out.stderr)?.[1]);
      expect(kb).toBeGreaterThan(0);
      expect(kb).toBeLessThan(200 * 1024);
    },
  );
});

describe('Dropbox-supplied names in text output', () => {
  it('ESC, BEL and U+202E in the display name never reach the terminal', async () => {
    const hostile = 'Dana\u001b]0;pwned\u0007\u001b[2J \u202eAdmin';
    await emu.patchAccount(SEED.admin.accountId, { name: hostile });
    const tokens = await emu.mintToken({ appKey: SEED.snow.key, accountId: SEED.admin.accountId });
    const file = path.join(dir, 'team.json');
    await writeFile(file, exportJson(tokens.refresh_token as string));
    const result = await cli('verify', file);
    const printed = result.stdout + result.stderr;
    // The name did reach the output (so the check is real), without its controls.
    expect(printed).toContain('Dana ]0;pwned');
    expect(printed).not.toMatch(
      // eslint-disable-next-line no-control-regex -- control characters are what must not appear
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
    );
  });
});

function exportJson(refreshToken: string): string {
  return serializeExportDocument(
    buildExportDocument({
      target: SNOW_ATLAS,
      appKey: SEED.snow.key,
      appSecret: SEED.snow.secret,
      refreshToken,
      scopes: [...SEED.snow.scopes],
      identity: {
        tokenKind: 'team',
        accountId: SEED.admin.accountId,
        email: SEED.admin.email,
        emailVerified: true,
        displayName: SEED.admin.name,
        teamId: SEED.team.id,
        teamName: SEED.team.name,
        isTeamAdmin: true,
      },
      checks: [],
      now: new Date('2026-11-23T10:00:00Z'),
    }),
  );
}

describe('--textfile', () => {
  it('writes the Prometheus textfile readable by node_exporter (0644), atomically', async () => {
    const prom = path.join(dir, 'dropbox.prom');
    const result = await cli('verify', '/dev/zero', '--format', 'prometheus', '--textfile', prom);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const text = await readFile(prom, 'utf8');
    expect(text).toContain(
      'dropbox_connector_file_readable{file="/dev/zero",remote="",target=""} 0',
    );
    if (posix) expect((await stat(prom)).mode & 0o777).toBe(0o644);
  });
});

describe('--format junit through the bin', () => {
  it('an unreadable file is one test case with <error>, exit 2', async () => {
    const result = await cli('verify', '/dev/zero', '--format', 'junit');
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(result.stdout).toContain('errors="1"');
    expect(result.stdout).toMatch(/<testcase [^>]*name="read"[^>]*>\s*<error type="unreadable"/);
  });
});

describe('file names in notes and errors', () => {
  it.skipIf(!posix)('a file name with ESC/BEL reaches stderr without them', async () => {
    const folder = path.join(dir, 'names');
    await mkdir(folder);
    await writeFile(path.join(folder, 'a\u001b]0;x\u0007.redacted.json'), '{}');
    await writeFile(path.join(folder, 'b\u001b[2J.json'), '');
    const result = await cli('verify', folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('skipped, the redacted support copy');
    expect(result.stderr).toContain('[2J.json');
    // eslint-disable-next-line no-control-regex -- control characters are what must not appear
    expect(result.stdout + result.stderr).not.toMatch(/[\u001b\u0007]/);
  });
});

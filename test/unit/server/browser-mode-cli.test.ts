/**
 * Browser mode's command line: a misconfigured environment or bad arguments end in one sentence
 * naming the cause and the fix, not a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBrowserModeArgs } from '../../../electron/server/cli-args';

const root = path.resolve(import.meta.dirname, '../../..');

function runServer(
  args: string[],
  env: Record<string, string>,
): { status: number | null; stderr: string } {
  const run = spawnSync(
    path.join(root, 'node_modules/.bin/tsx'),
    ['electron/server/index.ts', '--no-open', '--port', '0', ...args],
    { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 },
  );
  return { status: run.status, stderr: run.stderr };
}

describe('browser mode command line', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wizard-cli-'));

  it('refuses plain http to a non-loopback Dropbox origin, naming the variable', () => {
    const run = runServer(['--data-dir', dataDir], {
      DROPBOX_API_ORIGIN: 'http://api.example.test',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('The wizard cannot start');
    expect(run.stderr).toContain('DROPBOX_API_ORIGIN');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an invalid WIZARD_REDIRECT_PORTS, naming the variable', () => {
    const run = runServer(['--data-dir', dataDir], { WIZARD_REDIRECT_PORTS: '47210,notaport' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('WIZARD_REDIRECT_PORTS');
  });

  it('parses --port, --no-open and --data-dir (also as --flag=value), and WIZARD_DATA_DIR', () => {
    expect(
      parseBrowserModeArgs(['--port', '5000', '--no-open', '--data-dir', '/tmp/w'], {}),
    ).toEqual({
      port: 5000,
      open: false,
      dataDir: '/tmp/w',
    });
    expect(parseBrowserModeArgs(['--port=0'], { WIZARD_DATA_DIR: '/tmp/env-dir' })).toMatchObject({
      port: 0,
      open: true,
      dataDir: '/tmp/env-dir',
    });
    expect(() => parseBrowserModeArgs(['--port', 'x'], {})).toThrow(/--port/);
    expect(() => parseBrowserModeArgs(['--verbose'], {})).toThrow(/Usage: npm run start:browser/);
  });
});

describe('browser-mode arguments through util.parseArgs', () => {
  it('refuses a stray word and a missing value with the usage', () => {
    expect(() => parseBrowserModeArgs(['5000'], {})).toThrow(/Usage: npm run start:browser/);
    expect(() => parseBrowserModeArgs(['--data-dir'], {})).toThrow(/--data-dir needs a value/);
    expect(() => parseBrowserModeArgs(['--no-open=yes'], {})).toThrow(/Usage/);
  });
  it('takes --data-dir=DIR and -- ends the options', () => {
    expect(parseBrowserModeArgs(['--data-dir=/tmp/x'], {})).toMatchObject({ dataDir: '/tmp/x' });
    expect(() => parseBrowserModeArgs(['--', '--port'], {})).toThrow(/Usage/);
  });
});

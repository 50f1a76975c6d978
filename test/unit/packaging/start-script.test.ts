/**
 * `npm start` without an Electron binary: one clear paragraph (why, how to get it, browser mode)
 * and a non-zero exit, instead of a download attempt or a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

describe('npm start without an Electron binary', () => {
  it('explains the missing binary and points at browser mode', () => {
    // An empty override folder makes the binary missing on every machine, with or without one.
    const empty = mkdtempSync(path.join(os.tmpdir(), 'no-electron-'));
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/start.mjs')], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the Electron binary is not installed');
    expect(run.stderr).toContain("network access to Electron's downloads");
    expect(run.stderr).toContain('npm run start:browser');
    expect(run.stderr).not.toMatch(/at .+\.m?js:\d+/); // no stack trace
  });
});

/**
 * The `.env` export as the readers admins use read it: Docker's `--env-file`, `sh` (`set -a; .`),
 * python-dotenv and Node's `util.parseEnv`. Each must see exactly the three values the wizard
 * holds, without quotes (a quoted value reaches a Docker container with its quotes and Dropbox
 * answers invalid_client).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { WizardFailure } from '../../../../electron/core/failure';
import { getExporter, renderExport } from '../../../../electron/core/export/registry';
import { parseEnvFile } from '../../../../electron/core/export/import/env-file';
import {
  APP_KEY,
  APP_SECRET,
  exportProfiles,
  fixtureInput,
  REFRESH_TOKEN,
} from './support/export-fixtures';

const GOLDEN = resolve(__dirname, 'golden', 'custom.env.env');
const EXPECTED = {
  DROPBOX_APP_KEY: APP_KEY,
  DROPBOX_APP_SECRET: APP_SECRET,
  DROPBOX_REFRESH_TOKEN: REFRESH_TOKEN,
};
const dir = mkdtempSync(join(tmpdir(), 'env-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Docker's documented `--env-file` rules (docs.docker.com, "Set environment variables"; the
 * parser is docker/cli opts/envfile.go): lines starting with `#` and blank lines are skipped,
 * each other line is `VAR=VAL` split at the first `=`, and no quote or escape processing is done.
 */
function dockerEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`docker would read ${line} from its own environment`);
    const key = line.slice(0, eq);
    if (/\s/.test(key)) throw new Error(`docker refuses the variable name "${key}"`);
    out[key] = line.slice(eq + 1);
  }
  return out;
}

/** Only the DROPBOX_ variables, so the readers' own environment does not matter. */
function dropboxOnly(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(([k]) => k.startsWith('DROPBOX_')) as [string, string][],
  );
}

function pythonDotenv(): { ok: true } | { ok: false; why: string } {
  const probe = spawnSync('python3', ['-c', 'import dotenv'], { encoding: 'utf8' });
  if (probe.error) return { ok: false, why: 'python3 is not installed' };
  if (probe.status !== 0) return { ok: false, why: 'python3 has no python-dotenv module' };
  return { ok: true };
}
const py = pythonDotenv();
if (!py.ok) console.warn(`[env-readers] python-dotenv reader skipped: ${py.why}`);

describe('the .env golden file, read by each reader', () => {
  const text = readFileSync(GOLDEN, 'utf8');
  const file = join(dir, 'golden.env');
  writeFileSync(file, text);

  it('Docker --env-file rules: the bare values, no quotes', () => {
    expect(dropboxOnly(dockerEnvFile(text))).toEqual(EXPECTED);
  });

  it('sh: set -a; . FILE; env', () => {
    const env = execFileSync('sh', ['-c', 'set -a; . "$1"; env', 'sh', file], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    expect(dropboxOnly(dockerEnvFile(env))).toEqual(EXPECTED);
  });

  it.skipIf(!py.ok)('python-dotenv (the real library, dotenv_values)', () => {
    const json = execFileSync(
      'python3',
      [
        '-c',
        'import json,sys; from dotenv import dotenv_values; print(json.dumps(dotenv_values(sys.argv[1])))',
        file,
      ],
      { encoding: 'utf8' },
    );
    expect(dropboxOnly(JSON.parse(json) as Record<string, string>)).toEqual(EXPECTED);
  });

  it("Node's util.parseEnv", () => {
    expect(dropboxOnly(parseEnv(text))).toEqual(EXPECTED);
  });

  it("the wizard's own importer, with target, token kind and scopes from the header", () => {
    const [result] = parseEnvFile(text);
    expect(result).toEqual({
      ok: true,
      credentials: {
        format: 'env',
        target: 'custom',
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        refreshToken: REFRESH_TOKEN,
        scopes: ['account_info.read'],
        tokenKind: 'user',
      },
    });
  });
});

describe('values that would need quoting are refused', () => {
  const env = getExporter('env')!;
  const target = exportProfiles().find((t) => t.id === 'snow-atlas')!;
  it.each([
    ['a space', 'has space'],
    ['a single quote', "it's"],
    ['a double quote', 'say"hi'],
    ['a dollar sign', 'ab$HOME'],
    ['a hash', 'ab#cd'],
    ['a backslash', 'a\\b'],
    ['a backtick', 'a`id`'],
    ['a line break', 'a\nDROPBOX_APP_KEY=evil'],
    ['a tilde', '~root'],
  ])('%s: the error names DROPBOX_APP_SECRET, never the value', (_what, secret) => {
    let failure: unknown;
    try {
      renderExport(env, fixtureInput(target, { appSecret: secret }), { redacted: false });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(WizardFailure);
    const { message } = (failure as WizardFailure).error;
    expect(message).toContain('DROPBOX_APP_SECRET');
    expect(message).not.toContain(secret);
  });
});

/**
 * Proves the Electronegativity gate bites: an insecure window fails the scan, an `eng-disable`
 * comment does not hide it, and only an exact check + file allowlist entry with a reason accepts
 * a finding. Runs the real scanner (about 10 s per scan, offline).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const script = path.join(root, 'scripts/security-scan.mjs');
const projects = mkdtempSync(path.join(tmpdir(), 'security-scan-'));
afterAll(() => rmSync(projects, { recursive: true, force: true }));

const INSECURE_MAIN = `import { BrowserWindow } from 'electron';
export function open(): BrowserWindow {
  // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK NODE_INTEGRATION_JS_CHECK
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
  return win;
}
`;

function project(name: string, allowlist: unknown[] | null): string {
  const dir = path.join(projects, name);
  mkdirSync(path.join(dir, 'electron', 'main'), { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, devDependencies: { electron: '45.4.1' } }),
  );
  writeFileSync(path.join(dir, 'electron', 'main', 'index.ts'), INSECURE_MAIN);
  if (allowlist)
    writeFileSync(path.join(dir, '.electronegativity-allowlist.json'), JSON.stringify(allowlist));
  return dir;
}

async function scan(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, '--root', dir], {
      timeout: 120_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

describe('scripts/security-scan.mjs', () => {
  it('fails on an insecure window despite eng-disable comments; allowlist matches check + file exactly', async () => {
    const reason =
      'Reviewed in this test: the entry must match one check in one exact file, nothing else.';
    const result = await scan(
      project('insecure', [
        { check: 'SANDBOX_JS_CHECK', file: 'electron/main/index.ts', reason },
        // Right check, wrong file: must not justify the finding in index.ts.
        { check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'electron/main/other.ts', reason },
      ]),
    );
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Electronegativity: \d+ findings, 1 justified, \d+ unjustified/);
    expect(result.output).toMatch(
      /UNJUSTIFIED electron\/main\/index\.ts:\d+ CONTEXT_ISOLATION_JS_CHECK/,
    );
    expect(result.output).not.toMatch(/UNJUSTIFIED .* SANDBOX_JS_CHECK/);
    expect(result.output).toMatch(
      /allowlist entry CONTEXT_ISOLATION_JS_CHECK electron\/main\/other\.ts matched nothing/,
    );
    // A project with no guards at all also fails the global checks, reported as N/A.
    expect(result.output).toMatch(/UNJUSTIFIED N\/A:\d+ LIMIT_NAVIGATION_GLOBAL_CHECK/);
  }, 150_000);

  it('refuses allowlist entries without a real reason or with wildcards', async () => {
    const short = await scan(
      project('short-reason', [
        { check: 'SANDBOX_JS_CHECK', file: 'electron/main/index.ts', reason: 'fine' },
      ]),
    );
    expect(short.code).toBe(1);
    expect(short.output).toContain('"reason" must explain');
    const wildcard = await scan(
      project('wildcard', [
        { check: 'SANDBOX_JS_CHECK', file: 'electron/**', reason: 'x'.repeat(60) },
      ]),
    );
    expect(wildcard.code).toBe(1);
    expect(wildcard.output).toContain('no wildcards');
  }, 30_000);
});

/**
 * One wizard per data folder: the lock file, a stale lock from a dead process, and two real
 * browser-mode servers started on one folder (the second is refused and names the first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataLock, LOCK_FILE_NAME } from '../../../electron/core/data-lock';

const dirs: string[] = [];
const children: ChildProcess[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wizard-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('acquireDataLock', () => {
  it('a second holder is refused with the first one’s pid and address; release frees the folder', () => {
    const dir = tempDir();
    const first = acquireDataLock(dir, {
      address: 'http://127.0.0.1:47200',
      pid: 1111,
      isAlive: () => true,
    });
    expect(first.ok).toBe(true);
    const second = acquireDataLock(dir, {
      address: 'http://127.0.0.1:47201',
      pid: 2222,
      isAlive: () => true,
    });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.message).toContain('process 1111');
    expect(second.error.message).toContain('http://127.0.0.1:47200');
    expect(second.error.message).toContain(dir);
    expect(second.error.remedy).toMatch(/another data folder/);
    if (first.ok) first.value.release();
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    expect(acquireDataLock(dir, { address: 'x', pid: 2222, isAlive: () => true }).ok).toBe(true);
  });

  it('a lock left by a process that is gone is taken over', () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: 999_999, address: 'http://127.0.0.1:1', startedAt: '2026-01-01' }),
    );
    const lock = acquireDataLock(dir, {
      address: 'http://127.0.0.1:2',
      pid: 4242,
      isAlive: () => false,
    });
    expect(lock.ok).toBe(true);
    const owner = JSON.parse(readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')) as {
      pid: number;
    };
    expect(owner.pid).toBe(4242);
  });

  it('setAddress records the address learned after listening (the origin, never a token)', () => {
    const dir = tempDir();
    const lock = acquireDataLock(dir, { address: 'starting', pid: 77, isAlive: () => true });
    if (!lock.ok) throw new Error('lock refused');
    lock.value.setAddress('http://127.0.0.1:47333');
    const refused = acquireDataLock(dir, { address: 'y', pid: 78, isAlive: () => true });
    expect(!refused.ok && refused.error.message).toContain('http://127.0.0.1:47333');
  });
});

function startServer(dataDir: string): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/server/index.ts',
      '--port',
      '0',
      '--no-open',
      '--data-dir',
      dataDir,
    ],
    { cwd: process.cwd(), env: { ...process.env, WIZARD_LOG_REQUESTS: '0' } },
  );
  children.push(child);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitFor(
  read: () => string,
  pattern: RegExp,
  ms = 20_000,
): Promise<RegExpMatchArray> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const match = read().match(pattern);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${pattern}: ${read()}`);
}

describe('two browser-mode wizards on one data folder', () => {
  it('the second is refused with a message naming the first one’s address; a new one starts after it stops', async () => {
    const dir = tempDir();
    const first = startServer(dir);
    const ready = await waitFor(first.output, /Wizard ready at (http:\/\/127\.0\.0\.1:\d+)/);
    const origin = new URL(ready[1] as string).origin;

    const second = startServer(dir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`at ${origin}`);
    expect(second.output()).toContain(`process ${first.child.pid}`);
    // The lock file never carries the session token.
    expect(readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')).not.toMatch(/token=/);

    first.child.kill('SIGTERM');
    await first.exited;
    const third = startServer(dir);
    await waitFor(third.output, /Wizard ready at/);
  }, 60_000);
});

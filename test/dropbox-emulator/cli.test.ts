/**
 * `npm run emulator -- [--port N] [--seed FILE] [--latency MS]`: one line on stdout, quick start,
 * clean exit on SIGTERM, clear errors for bad arguments or seeds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLI_PORT, parseCliArgs } from './cli-args';

const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }
});

/** Runs the real npm script in its own process group (so it can be stopped by its id). */
function runCli(args: string[]): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn('npm', ['run', '--silent', 'emulator', '--', ...args], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitForLine(stdout: () => string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = stdout().split('\n')[0] ?? '';
    if (stdout().includes('\n')) return line;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no line within ${timeoutMs} ms: ${JSON.stringify(stdout())}`);
}

describe('npm run emulator', () => {
  it('prints exactly one line with the origin, serves both hosts, stops on SIGTERM', async () => {
    const t0 = Date.now();
    const cli = runCli(['--port', '0', '--latency', '0']);
    const line = await waitForLine(cli.stdout, 10_000);
    const elapsed = Date.now() - t0;
    expect(line).toMatch(/^Dropbox emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    // The emulator README promises a start in well under 2 s; npm itself adds ~0.3 s. Allow
    // headroom for a loaded 2-core CI box.
    expect(elapsed).toBeLessThan(4_000);
    const origin = line.slice('Dropbox emulator listening on '.length);
    expect((await fetch(`${origin}/developers/apps`)).status).toBe(200);
    expect((await fetch(`${origin}/oauth2/token`, { method: 'POST' })).status).toBe(400);
    process.kill(-(cli.child.pid as number), 'SIGTERM');
    await cli.exited;
    expect(cli.stdout()).toBe(`${line}\n`);
    expect(cli.stderr().replace(/npm warn .*\n/g, '')).toBe('');
  });

  it('a bad seed file → exit 1 with the problem on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emu-seed-'));
    try {
      const file = join(dir, 'seed.json');
      await writeFile(file, JSON.stringify({ apps: [{ key: 'x' }] }));
      const cli = runCli(['--port', '0', '--seed', file]);
      expect(await cli.exited).toBe(1);
      expect(cli.stderr()).toContain('apps.0.secret');
      expect(cli.stdout()).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a custom seed file is served', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emu-seed-'));
    try {
      const file = join(dir, 'seed.json');
      await writeFile(
        file,
        JSON.stringify({
          apps: [
            { key: 'customseedapp01', secret: 's', name: 'From a file', access: 'full_dropbox' },
          ],
        }),
      );
      const cli = runCli(['--port=0', `--seed=${file}`]);
      const origin = (await waitForLine(cli.stdout, 10_000)).slice(
        'Dropbox emulator listening on '.length,
      );
      expect(await (await fetch(`${origin}/developers/apps`)).text()).toContain('From a file');
      process.kill(-(cli.child.pid as number), 'SIGTERM');
      await cli.exited;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parseCliArgs', () => {
  it('parses flags in both forms, with defaults', () => {
    expect(parseCliArgs([])).toEqual({ port: DEFAULT_CLI_PORT });
    expect(
      parseCliArgs(['--port', '0', '--seed', 'a.json', '--latency=25', '--code-lifetime', '30']),
    ).toEqual({ port: 0, seed: 'a.json', latencyMs: 25, codeLifetimeSeconds: 30 });
    expect(parseCliArgs(['--help'])).toBe('help');
  });

  it('rejects bad values and unknown flags', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--latency'])).toThrow(/--latency/);
    expect(() => parseCliArgs(['--seed'])).toThrow(/--seed/);
    expect(() => parseCliArgs(['--verbose'])).toThrow(/unknown argument/);
  });
});

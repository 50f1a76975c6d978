/**
 * `npx tsx scripts/bench-cli.ts`: what `dropbox-connector-wizard verify` costs, measured, never
 * asserted in tests. Builds the CLI, starts the emulator with 100 ms latency on every request and
 * runs the real bin as a child process:
 *
 * 1. verify of 1 export file vs 100 files in the same run (target: 100 files ≤ 10 × one file);
 * 2. verify of 100 files while the emulator answers 429 with Retry-After 1–2 s on the token and
 *    an RPC route: every file must still end with a result.
 *
 * Prints a Markdown table. `BENCH_CLI_FILES` changes the file count; `BENCH_CLI_SHOW=1` also
 * prints the CLI's output of the 429 run.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  buildExportDocument,
  serializeExportDocument,
} from '../electron/core/export/export-format';
import { SNOW_ATLAS } from '../electron/core/targets/profiles/snow-atlas';
import { startEmulator, type RunningEmulator } from '../test/dropbox-emulator/index';
import { SEED } from '../test/dropbox-emulator/test-helpers';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'out/cli/index.mjs');
const LATENCY_MS = 100;
const FILES = Number(process.env.BENCH_CLI_FILES ?? 100);

interface Outcome {
  readonly code: number;
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function verify(emu: RunningEmulator, args: string[]): Promise<Outcome> {
  const env = { ...process.env, DROPBOX_WEB_ORIGIN: emu.origin, DROPBOX_API_ORIGIN: emu.origin };
  const started = performance.now();
  const settled = await run(process.execPath, [CLI, 'verify', ...args], {
    env,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
  return {
    code: settled.code,
    ms: performance.now() - started,
    stdout: settled.stdout,
    stderr: settled.stderr,
  };
}

async function writeExports(emu: RunningEmulator, dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const tokens = await emu.mintToken({ appKey: SEED.snow.key, accountId: SEED.admin.accountId });
    const doc = buildExportDocument({
      target: SNOW_ATLAS,
      appKey: SEED.snow.key,
      appSecret: SEED.snow.secret,
      refreshToken: tokens.refresh_token as string,
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
      now: new Date(),
    });
    const name = `snow-atlas-${String(i + 1).padStart(3, '0')}.json`;
    await writeFile(path.join(dir, name), serializeExportDocument(doc), { mode: 0o600 });
  }
}

interface JsonReport {
  readonly passed: boolean;
  readonly results: readonly { readonly passed: boolean; readonly checks: readonly unknown[] }[];
}

function summarize(outcome: Outcome): { results: number; passed: number; withChecks: number } {
  const doc = JSON.parse(outcome.stdout) as JsonReport;
  return {
    results: doc.results.length,
    passed: doc.results.filter((r) => r.passed).length,
    withChecks: doc.results.filter((r) => r.checks.length > 0).length,
  };
}

async function main(): Promise<void> {
  await run(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--quiet', 'cli'], {
    cwd: ROOT,
  });
  const emu = await startEmulator({ latencyMs: LATENCY_MS });
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-cli-'));
  try {
    await writeExports(emu, path.join(dir, 'one'), 1);
    await writeExports(emu, path.join(dir, 'many'), FILES);

    // Warm the file cache and the emulator once, so neither run pays a first-time cost.
    await verify(emu, ['--json', path.join(dir, 'one')]);
    const one = await verify(emu, ['--json', path.join(dir, 'one')]);
    const many = await verify(emu, ['--json', path.join(dir, 'many')]);
    const many16 = await verify(emu, ['--json', '--concurrency', '16', path.join(dir, 'many')]);

    // Dropbox slowing us down: 429s with Retry-After on the token route and on a route every
    // team check calls. The CLI must wait them out and give every file a result.
    await emu.addFault({ route: '/oauth2/token', status: 429, retryAfter: 1, count: 20 });
    await emu.addFault({ route: '/2/team/get_info', status: 429, retryAfter: 2, count: 10 });
    const limitedJson = await verify(emu, ['--json', path.join(dir, 'many')]);
    await emu.clearFaults();
    await emu.addFault({ route: '/oauth2/token', status: 429, retryAfter: 1, count: 20 });
    await emu.addFault({ route: '/2/team/get_info', status: 429, retryAfter: 2, count: 10 });
    const limitedText = await verify(emu, [path.join(dir, 'many')]);
    await emu.clearFaults();
    const waits = /Dropbox asked to slow down (\d+) time/.exec(limitedText.stdout)?.[1] ?? '0';
    if (process.env.BENCH_CLI_SHOW === '1') process.stdout.write(limitedText.stdout);

    const s1 = summarize(one);
    const sN = summarize(many);
    const sN16 = summarize(many16);
    const sL = summarize(limitedJson);
    const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    const rows = [
      ['run', 'files', 'wall time', 'exit', 'results', 'passed', 'vs 1 file'],
      [
        '1 file',
        '1',
        secs(one.ms),
        String(one.code),
        String(s1.results),
        String(s1.passed),
        '1.0×',
      ],
      [
        `${FILES} files (pool 8)`,
        String(FILES),
        secs(many.ms),
        String(many.code),
        String(sN.results),
        String(sN.passed),
        `${(many.ms / one.ms).toFixed(1)}×`,
      ],
      [
        `${FILES} files (--concurrency 16)`,
        String(FILES),
        secs(many16.ms),
        String(many16.code),
        String(sN16.results),
        String(sN16.passed),
        `${(many16.ms / one.ms).toFixed(1)}×`,
      ],
      [
        `${FILES} files, 30 × 429 (Retry-After 1–2 s)`,
        String(FILES),
        secs(limitedJson.ms),
        String(limitedJson.code),
        `${sL.results} (${sL.withChecks} with checks)`,
        String(sL.passed),
        `${(limitedJson.ms / one.ms).toFixed(1)}×`,
      ],
    ];
    console.log(
      `\nCLI verify, emulator latency ${LATENCY_MS} ms per request (Node ${process.version})\n`,
    );
    console.log(`| ${rows[0]!.join(' | ')} |`);
    console.log(`|${rows[0]!.map(() => '---').join('|')}|`);
    for (const row of rows.slice(1)) console.log(`| ${row.join(' | ')} |`);
    console.log(
      `\nTarget ${FILES} files ≤ 10 × one file: ${many.ms / one.ms <= 10 ? 'met' : 'NOT met'}. ` +
        `429 run: the CLI honoured ${waits} Retry-After waits; ${sL.results} of ${FILES} files ended with a result.`,
    );
  } finally {
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();

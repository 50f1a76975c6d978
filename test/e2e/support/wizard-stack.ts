/**
 * One test's whole world: the Dropbox emulator in-process, and the browser-mode wizard server as
 * a child process pointed at it (real renderer, real core, real HTTP). Every line the server
 * prints is kept so tests can prove no secret ever reached a log.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startEmulator,
  type RunningEmulator,
  type StartEmulatorOptions,
} from '../../dropbox-emulator/index';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SERVER_ENTRY = path.join(ROOT, 'out/server/index.mjs');
const RENDERER_ENTRY = path.join(ROOT, 'out/renderer/index.html');

export const SNOW_APP = { key: 'snowatlasdemo01', secret: 'opuqihxlha7z2o0' };
export const NO_REDIRECT_APP = { key: 'customnoredir01', secret: 'bqrke3bwgoqd3ad' };
export const TEAM_ADMIN = { email: 'admin@example.test', password: 'demo-password' };
export const PERSONAL_USER = { email: 'personal@example.test', password: 'demo-password' };

/** Builds out/ once per worker when a test runs without `npm test` having built it. */
function ensureBuilt(): void {
  if (existsSync(SERVER_ENTRY) && existsSync(RENDERER_ENTRY)) return;
  const build = spawnSync(
    process.execPath,
    [path.join(ROOT, 'scripts/build.mjs'), 'server', 'renderer', '--quiet'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error('build failed');
}

/** One browser-mode wizard server as a child process (built out/, real renderer and core). */
export interface WizardServer {
  /** The address the server printed, including #token=…. */
  readonly url: string;
  /** Stops the server and waits for it to exit; the data dir stays. */
  stop(): Promise<void>;
}

/**
 * Starts `out/server/index.mjs` on a free port over `dataDir` and resolves with the address it
 * prints. `env` is added to this process's environment; `onOutput` sees everything it prints.
 */
export async function startWizardServer(options: {
  dataDir: string;
  env?: Record<string, string>;
  onOutput?: (text: string) => void;
}): Promise<WizardServer> {
  ensureBuilt();
  const proc: ChildProcess = spawn(
    process.execPath,
    [SERVER_ENTRY, '--port', '0', '--no-open', '--data-dir', options.dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A server that never got ready must not outlive the test that waited for it.
      proc.kill('SIGKILL');
      reject(new Error(`wizard server did not start:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      options.onOutput?.(text);
      const match = /Wizard ready at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wizard server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

export interface WizardStack {
  readonly emulator: RunningEmulator;
  /** The address the server printed, including #token=…. */
  readonly url: string;
  readonly dataDir: string;
  readonly ports: readonly number[];
  readonly redirectUris: readonly string[];
  /**
   * With `tapApi`: every exchange between the wizard server and the API origin (token endpoint
   * and RPC), bodies included, so a test can learn the tokens the wizard really received.
   * Empty without `tapApi`.
   */
  apiExchanges(): readonly ApiExchange[];
  /** Everything the wizard server printed so far (stdout and stderr). */
  output(): string;
  /** Stops the wizard server (keeps the data dir) and starts it again, as a restart would. */
  restartWizard(): Promise<void>;
  stop(): Promise<void>;
}

/** One request the wizard sent to the API origin and the emulator's answer, bodies as text. */
export interface ApiExchange {
  readonly method: string;
  readonly url: string;
  readonly requestBody: string;
  readonly status: number;
  readonly responseBody: string;
}

interface ApiTap {
  readonly origin: string;
  readonly exchanges: ApiExchange[];
  close(): Promise<void>;
}

/**
 * A recording pass-through in front of the emulator's API paths: the wizard's DROPBOX_API_ORIGIN
 * points here. It changes nothing (same status, headers and body), it only remembers.
 */
async function startApiTap(target: string): Promise<ApiTap> {
  const exchanges: ApiExchange[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = { ...req.headers, host: upstream.host };
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (reply) => {
          const replyChunks: Buffer[] = [];
          reply.on('data', (chunk: Buffer) => replyChunks.push(chunk));
          reply.on('end', () => {
            const replyBody = Buffer.concat(replyChunks);
            exchanges.push({
              method: req.method ?? '',
              url: req.url ?? '',
              requestBody: body.toString('utf8'),
              status: reply.statusCode ?? 0,
              responseBody: replyBody.toString('utf8'),
            });
            res.writeHead(reply.statusCode ?? 502, reply.headers);
            res.end(replyBody);
          });
        },
      );
      // A dropped emulator socket (fault injection) becomes a dropped socket here too.
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let nextPortBlock = 0;

export interface WizardStackOptions {
  readonly emulator?: StartEmulatorOptions;
  readonly env?: Record<string, string>;
  /** Put a recording pass-through between the wizard and the API origin (see apiExchanges). */
  readonly tapApi?: boolean;
}

export async function startWizardStack(options: WizardStackOptions = {}): Promise<WizardStack> {
  ensureBuilt();
  const emulator = await startEmulator(options.emulator);
  const tap = options.tapApi ? await startApiTap(emulator.origin) : null;
  // Redirect ports of our own per stack (not the demo's 47210-47212), registered on the demo app.
  const base = 47600 + (process.pid % 50) * 6 + (nextPortBlock++ % 2) * 3;
  const ports = [base, base + 1, base + 2];
  const redirectUris = ports.map((p) => `http://127.0.0.1:${p}/oauth/callback`);
  await emulator.patchApp(SNOW_APP.key, { redirectUris: [...redirectUris] });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-'));
  let output = '';
  let server: WizardServer | null = null;

  async function startServer(): Promise<string> {
    server = await startWizardServer({
      dataDir,
      env: {
        DROPBOX_WEB_ORIGIN: emulator.origin,
        DROPBOX_API_ORIGIN: tap?.origin ?? emulator.origin,
        WIZARD_REDIRECT_PORTS: ports.join(','),
        ...options.env,
      },
      // Kept across restarts: a test reads everything the wizard ever printed.
      onOutput: (text) => {
        output += text;
      },
    });
    return server.url;
  }

  const stack = {
    emulator,
    url: await startServer(),
    dataDir,
    ports,
    redirectUris,
    apiExchanges: () => [...(tap?.exchanges ?? [])],
    output: () => output,
    async restartWizard() {
      await server?.stop();
      stack.url = await startServer();
    },
    async stop() {
      await server?.stop();
      await tap?.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

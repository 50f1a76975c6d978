/**
 * The wizard as the hosts build it (`createCore(platform).createWizard(host)`), called through the
 * bridge dispatcher exactly as both transports do, against an in-process emulator. Only the host
 * shell is a fake (browser mode's). Every temp folder it creates is removed by `dispose()`.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { createCore } from '../../../electron/core/compose';
import { dispatchBridgeCall } from '../../../electron/core/bridge/dispatch';
import type {
  HostShell,
  ProgressStore,
  SavedState,
  SecretVault,
} from '../../../electron/core/platform';
import { JsonProgressStore } from '../../../electron/server/json-progress-store';
import { MemorySecretVault } from '../../../electron/server/memory-secret-vault';
import type {
  AuthorizationStart,
  BridgeApi,
  BridgeEvent,
  Progress,
} from '../../../electron/shared/contract';
import type { Result } from '../../../electron/shared/result';
import { authorizeOverHttp, type RunningEmulator } from '../../dropbox-emulator/index';

export const SNOW = { key: 'snowatlasdemo01', secret: 'opuqihxlha7z2o0' };
export const CERTERO = { key: 'certerodemo0001', secret: '4umm6ec1ssbh54d' };
export const NO_REDIRECT = { key: 'customnoredir01', secret: 'bqrke3bwgoqd3ad' };
export const ADMIN = { email: 'admin@example.test', password: 'demo-password' };
export const MEMBER = { email: 'member@example.test', password: 'demo-password' };
export const PERSONAL = { email: 'personal@example.test', password: 'demo-password' };
export const CERTERO_REDIRECT = 'https://cc.certero.com/cmp/AuthorizeDropboxConnector';

/** Keeps the saved state in memory (as JSON, like a store would); `saved` is what it holds. */
export class MemoryProgressStore implements ProgressStore {
  saved: SavedState | null = null;
  load(): unknown {
    return this.saved ? JSON.parse(JSON.stringify(this.saved)) : null;
  }
  save(state: SavedState): void {
    this.saved = JSON.parse(JSON.stringify(state)) as SavedState;
  }
  clear(): void {
    this.saved = null;
  }
}

export interface HarnessOptions {
  /** Loopback redirect ports of this test file's own, so parallel files never collide. */
  readonly ports: readonly number[];
  /** `disk`: browser mode's JSON file in the data dir (to prove what reaches disk). */
  readonly store?: 'memory' | 'disk';
  /** One vault for every build (a first-release vault to migrate); default: a fresh one each. */
  readonly vault?: SecretVault;
  /** Saved state the store starts with (memory store only), e.g. a first-release file. */
  readonly saved?: unknown;
}

export interface Harness {
  readonly emu: RunningEmulator;
  readonly dataDir: string;
  readonly redirects: readonly string[];
  readonly events: BridgeEvent[];
  readonly logs: string[];
  readonly store: ProgressStore & { load(): unknown };
  service: BridgeApi;
  /** A new process: same store and data dir, fresh memory (the memory vault forgets secrets). */
  restart(): void;
  call<T>(method: keyof BridgeApi, args?: object): Promise<Result<T>>;
  must<T>(method: keyof BridgeApi, args?: object): Promise<T>;
  /** The active connector's draft as the store holds it (what is on disk in `disk` mode). */
  savedProgress(): Progress | null;
  /** Every file under the data dir, as text, for "nothing secret on disk" checks. */
  dataDirText(): Promise<string>;
  dispose(): Promise<void>;
}

export async function createHarness(
  emu: RunningEmulator,
  options: HarnessOptions,
): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wizard-service-'));
  const events: BridgeEvent[] = [];
  const logs: string[] = [];
  const store =
    options.store === 'disk' ? new JsonProgressStore(dataDir) : new MemoryProgressStore();
  if (options.saved !== undefined && store instanceof MemoryProgressStore) {
    store.saved = JSON.parse(JSON.stringify(options.saved)) as SavedState;
  }
  const shell: HostShell = { mode: 'browser', openExternal: async () => false };
  const build = (): BridgeApi =>
    createCore({
      env: {
        DROPBOX_WEB_ORIGIN: emu.origin,
        DROPBOX_API_ORIGIN: emu.origin,
        WIZARD_REDIRECT_PORTS: options.ports.join(','),
      },
      log: (line) => logs.push(line),
    }).createWizard({
      shell,
      progress: store,
      vault: options.vault ?? new MemorySecretVault({ notice: 'memory only' }),
      events: { emit: (event) => events.push(event) },
      dataDir,
      longPollMs: 1_500,
    });
  const harness: Harness = {
    emu,
    dataDir,
    redirects: options.ports.map((p) => `http://127.0.0.1:${p}/oauth/callback`),
    events,
    logs,
    store,
    service: build(),
    restart() {
      harness.service = build();
    },
    async call<T>(method: keyof BridgeApi, args: object = {}) {
      return (await dispatchBridgeCall(harness.service, method, args)) as Result<T>;
    },
    async must<T>(method: keyof BridgeApi, args: object = {}) {
      const result = await harness.call<T>(method, args);
      if (!result.ok)
        throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    savedProgress() {
      const state = store.load() as SavedState | null;
      return state ? (state.connectors[state.activeConnectorId] ?? null) : null;
    },
    async dataDirText() {
      const files = await readdir(dataDir, { recursive: true, withFileTypes: true });
      const texts = await Promise.all(
        files
          .filter((f) => f.isFile())
          .map((f) => readFile(path.join(f.parentPath, f.name), 'utf8')),
      );
      return texts.join('\n');
    },
    async dispose() {
      await harness.call('cancelAuthorization');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Starts a browser sign-in and drives Dropbox's pages; returns the attempt and the redirect. */
export async function browserSignIn(
  h: Harness,
  account = ADMIN,
): Promise<{ start: AuthorizationStart; location: string }> {
  const start = await h.must<AuthorizationStart>('startAuthorization', { method: 'browser' });
  expect(start.opened).toBe(false); // browser mode: the page opens the tab
  const outcome = await authorizeOverHttp(start.authorizeUrl, account);
  expect(outcome.outcome).toBe('redirect');
  return { start, location: outcome.location! };
}

/** The whole browser sign-in: Dropbox's pages, the redirect to the listener, the long poll. */
export async function signInThroughBrowser(h: Harness, account = ADMIN): Promise<string> {
  const { start, location } = await browserSignIn(h, account);
  // The browser follows Dropbox's redirect to the wizard's loopback listener.
  const landing = await fetch(location);
  const page = await landing.text();
  expect(page).toMatch(/close this tab/i);
  const wait = await h.must<{ status: string }>('waitForAuthorization', {
    attemptId: start.attemptId,
  });
  expect(wait.status).toBe('authorized');
  return page;
}

/** Choose the target and open Create app, as the renderer does (core never moves the step). */
export async function chooseTarget(h: Harness, targetId: string): Promise<void> {
  await h.must('selectTarget', { targetId });
  await h.must('goToStep', { step: 'create-app' });
}

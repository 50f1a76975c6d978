/**
 * In-process entry point of the local Dropbox emulator. See README.md.
 *
 *   const emu = await startEmulator();            // default seed, random port
 *   fetch(`${emu.origin}/2/check/user`, …);
 *   await emu.close();
 */
import type { AddressInfo } from 'node:net';
import { Controller } from './control';
import {
  DEFAULT_SEED_PATH,
  loadSeed,
  parseSeed,
  type AccountPatch,
  type AppPatch,
  type NormalizedSeed,
  type Seed,
  type SeedAccount,
  type SeedApp,
} from './seed';
import { createEmulatorServer } from './server';
import {
  EmulatorState,
  type Fault,
  type FaultInput,
  type RequestLogEntry,
  type RevokeFilter,
  type StateSnapshot,
} from './state';

export {
  authorizeOverHttp,
  type AuthorizeOverHttpOptions,
  type AuthorizeOverHttpResult,
} from './http-driver';
export { AUTHORIZE_ERRORS, SESSION_COOKIE } from './authorize';
export { RPC_ERRORS, RPC_ROUTE_NAMES } from './rpc-routes';
export { TOKEN_ERRORS } from './token-endpoint';
export { DEFAULT_SEED_PATH, loadSeed, parseSeed, SeedError, SEED_SCHEMA_PATH } from './seed';
export type {
  AccountPatch,
  AppPatch,
  EmulatorOptions,
  NormalizedSeed,
  Seed,
  SeedAccount,
  SeedApp,
  SeedTeam,
} from './seed';
export type {
  Fault,
  FaultBody,
  FaultInput,
  RequestLogEntry,
  RevokeFilter,
  StateSnapshot,
  TokenRequestLog,
  TokenSummary,
} from './state';

export interface StartEmulatorOptions {
  /** 0 or omitted = a random free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** A seed object or the path of a seed JSON file; default: seeds/default.json. */
  seed?: Seed | string;
  /** Latency added to every non-control request. */
  latencyMs?: number;
  /** Overrides the seed's options.codeLifetimeSeconds (default 600), also after reset(). */
  codeLifetimeSeconds?: number;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:41234`; serves both the www and the api paths. */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
  /** Back to `seed` (object, path, or a `state()` snapshot), or to the seed the emulator started with. */
  reset(seed?: Seed | StateSnapshot | string): Promise<void>;
  patchApp(key: string, patch: AppPatch): Promise<SeedApp>;
  patchAccount(accountId: string, patch: AccountPatch): Promise<SeedAccount>;
  addFault(fault: FaultInput): Promise<Fault>;
  clearFaults(): Promise<void>;
  /** Moves the emulator clock forward: codes and access tokens age. Returns the new time. */
  advanceClock(seconds: number): Promise<string>;
  state(): Promise<StateSnapshot>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** Tokens for `accountId` on `appKey` without a browser (offline unless `offline: false`). */
  mintToken(input: {
    appKey: string;
    accountId: string;
    scopes?: string[];
    offline?: boolean;
  }): Promise<Record<string, unknown>>;
  /**
   * `{ refreshToken }` or `{ accessToken }`: revokes that one grant (the refresh token and every
   * access token from it), so a refresh then gets `invalid_grant`. Otherwise revokes every token
   * matching `appKey`/`accountId`/`teamId` and forgets the approval, as if the app was unlinked.
   * Returns how many tokens were newly revoked.
   */
  revokeTokens(filter: RevokeFilter): Promise<number>;
}

async function resolveSeed(seed: Seed | string | undefined): Promise<NormalizedSeed> {
  if (seed === undefined) return loadSeed(DEFAULT_SEED_PATH);
  if (typeof seed === 'string') return loadSeed(seed);
  return parseSeed(seed);
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = await resolveSeed(options.seed);
  const overrides =
    options.codeLifetimeSeconds !== undefined
      ? { codeLifetimeSeconds: options.codeLifetimeSeconds }
      : {};
  const state = new EmulatorState(seed, overrides);
  const controller = new Controller(state, seed);
  const server = createEmulatorServer(controller, { latencyMs: options.latencyMs ?? 0 });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err === undefined ? resolve() : reject(err)));
        server.closeAllConnections();
      }),
    reset: async (next) =>
      controller.reset(
        next === undefined ? undefined : typeof next === 'string' ? await loadSeed(next) : next,
      ),
    patchApp: async (key, patch) => controller.patchApp(key, patch) as SeedApp,
    patchAccount: async (accountId, patch) =>
      controller.patchAccount(accountId, patch) as SeedAccount,
    addFault: async (fault) => state.addFault(fault),
    clearFaults: async () => state.clearFaults(),
    advanceClock: async (seconds) => controller.advanceClock(seconds),
    state: async () => state.snapshot(),
    requests: async () => state.requests(),
    clearRequests: async () => state.clearRequests(),
    mintToken: async (input) => controller.mintToken(input),
    revokeTokens: async (filter) => controller.revokeTokens(filter),
  };
}

/**
 * All mutable emulator state: the seed (apps, accounts, teams), issued codes and tokens, grants,
 * pending authorize requests, browser sessions, injected faults, the request log and the clock.
 * Token values live only here and in the responses that hand them out; snapshots never list them.
 */
import { z } from 'zod';
import {
  newAccessToken,
  newAuthorizationCode,
  newHandle,
  newRefreshToken,
  stableDigits,
} from './ids';
import { isTeamScope, normalizeScopes } from './scopes';
import {
  parseAccountPatch,
  parseApp,
  parseAppPatch,
  type EmulatorOptions,
  type NormalizedSeed,
  type SeedAccount,
  type SeedApp,
  type SeedTeam,
} from './seed';

export type TokenAccessType = 'offline' | 'online' | 'legacy';
export type CodeChallengeMethod = 'S256' | 'plain';

export interface CodeRecord {
  readonly value: string;
  readonly appKey: string;
  readonly accountId: string;
  /** Set for team grants (the granted scopes include a team scope). */
  readonly teamId: string | null;
  readonly scopes: string[];
  readonly redirectUri: string | null;
  readonly codeChallenge: string | null;
  readonly codeChallengeMethod: CodeChallengeMethod | null;
  readonly tokenAccessType: TokenAccessType;
  readonly issuedAt: number;
  readonly expiresAt: number;
  used: boolean;
}

export interface RefreshTokenRecord {
  readonly kind: 'refresh';
  readonly value: string;
  readonly appKey: string;
  /** The account that authorized the grant (for team grants: the admin). */
  readonly accountId: string;
  readonly teamId: string | null;
  readonly scopes: string[];
  readonly issuedAt: number;
  /**
   * Issued to a public (PKCE) client: may be refreshed with client_id alone (dropbox-sdk-java
   * DbxCredential.refresh).
   */
  readonly publicClient: boolean;
  revoked: boolean;
}

export interface AccessTokenRecord {
  readonly kind: 'access';
  readonly value: string;
  readonly appKey: string;
  readonly accountId: string;
  readonly teamId: string | null;
  readonly scopes: string[];
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly refreshToken: RefreshTokenRecord | null;
  revoked: boolean;
}

export type TokenRecord = AccessTokenRecord | RefreshTokenRecord;

/** How tokens appear in `GET /__emulator/state`: never with their values. */
export interface TokenSummary {
  kind: 'access' | 'refresh';
  appKey: string;
  /** The user the token acts for; null for team tokens. */
  accountId: string | null;
  /** The team a team token acts for; null for user tokens. */
  teamId: string | null;
  scopes: string[];
  revoked: boolean;
  issuedAt: string;
  /** null for refresh tokens (they do not expire, dropbox-sdk-python#544). */
  expiresAt: string | null;
  /** The account that authorized the grant (the admin, for team tokens). */
  authorizedBy: string;
}

export interface PendingAuthorization {
  readonly id: string;
  readonly appKey: string;
  readonly responseType: 'code' | 'token';
  readonly redirectUri: string | null;
  readonly state: string | null;
  /**
   * Scopes requested, resolved at authorize time against the app's scopes then
   * (dropbox-sdk-js#1052: scope changes never reach existing tokens).
   */
  readonly scopes: string[];
  readonly includeGrantedScopes: 'user' | 'team' | null;
  readonly tokenAccessType: TokenAccessType;
  readonly codeChallenge: string | null;
  readonly codeChallengeMethod: CodeChallengeMethod | null;
  /** `force_reapprove=true`: always show consent, even with skipConsentForReturningUser. */
  readonly forceReapprove: boolean;
  /** The original query string, for the "sign in as someone else" link. */
  readonly query: string;
  readonly createdAt: number;
  accountId: string | null;
  stage: 'sign_in' | 'continue' | 'consent';
}

/**
 * What an injected answer carries. Omitted = the surface's usual shape (README "Fault injection").
 * `html`, `truncated` and `empty` are the malformed replies a client meets behind a captive
 * portal, a cut connection or a failing proxy (dropbox-sdk-python#100: a 500 on `/2/…` can have an
 * empty body).
 */
export const FAULT_BODIES = ['json', 'text', 'html', 'truncated', 'empty'] as const;
export type FaultBody = (typeof FAULT_BODIES)[number];

const FaultInputSchema = z
  .object({
    route: z.string().min(1).default('*'),
    // 1xx answers are not final responses: a fault must end the exchange.
    status: z.number().int().min(200).max(599).optional(),
    retryAfter: z.number().int().nonnegative().optional(),
    latencyMs: z.number().int().nonnegative().max(120_000).default(0),
    drop: z.boolean().default(false),
    count: z.number().int().positive().optional(),
    body: z.enum(FAULT_BODIES).optional(),
  })
  .strict()
  .refine((f) => f.body === undefined || f.status !== undefined, {
    message: 'body needs a status (e.g. {"status": 200, "body": "html"})',
    path: ['body'],
  });

export type FaultInput = z.input<typeof FaultInputSchema>;

export interface Fault {
  readonly id: string;
  /** Exact path (`/2/check/user`, `/oauth2/token`), a prefix ending in `*` (`/2/team/*`), or `*`. */
  readonly route: string;
  readonly status: number | null;
  readonly retryAfter: number | null;
  readonly latencyMs: number;
  readonly drop: boolean;
  /** null = the usual body for the status and surface. */
  readonly body: FaultBody | null;
  /** Applications left; null = until cleared. */
  remaining: number | null;
}

/**
 * What `/oauth2/token` made of a request, so a test can see e.g. "a refresh from client X" without
 * any secret: never a client secret, code, refresh token or verifier.
 */
export interface TokenRequestLog {
  /** As sent; null when missing. */
  grantType: string | null;
  /** The client id the request claimed (Basic user name, else the `client_id` parameter). */
  clientId: string | null;
  /** How the client authenticated: Basic header, client_secret parameter, PKCE (client_id alone), or nothing usable. */
  clientAuth: 'basic' | 'client_secret' | 'pkce' | 'none';
  /** The `error` code of a 400 (`invalid_grant`, `invalid_client`, …); null on success. */
  error: string | null;
}

export interface RequestLogEntry {
  time: string;
  method: string;
  /** Path plus query exactly as received, so tests can prove no secret ever rode in a URL. */
  url: string;
  path: string;
  headerNames: string[];
  status: number | null;
  /** Only on `/oauth2/token` requests that reached the endpoint (not faulted). */
  tokenRequest?: TokenRequestLog;
}

export interface StateSnapshot {
  now: string;
  apps: SeedApp[];
  accounts: SeedAccount[];
  teams: SeedTeam[];
  options: EmulatorOptions;
  tokens: TokenSummary[];
}

/** A control-API change that clashes with the current state (duplicate app, unknown team). */
export class StateConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateConflictError';
  }
}

interface GrantRecord {
  readonly appKey: string;
  /** The approving account (the admin, for team grants). */
  readonly accountId: string;
  readonly team: boolean;
  readonly scopes: Set<string>;
}

/** `POST /__emulator/tokens/revoke`: see EmulatorState.revokeMatching. */
export interface RevokeFilter {
  appKey?: string;
  accountId?: string;
  teamId?: string;
  refreshToken?: string;
  accessToken?: string;
}

const PENDING_LIFETIME_MS = 60 * 60 * 1000;
const REQUEST_LOG_LIMIT = 5000;

export class EmulatorState {
  private seed!: NormalizedSeed;
  private readonly overrides: Partial<EmulatorOptions>;
  private clockOffsetMs = 0;
  private codes = new Map<string, CodeRecord>();
  private accessTokens = new Map<string, AccessTokenRecord>();
  private refreshTokens = new Map<string, RefreshTokenRecord>();
  /** `${appKey}\0${accountId}\0${user|team}` → scopes granted so far (include_granted_scopes). */
  private grants = new Map<string, GrantRecord>();
  private pending = new Map<string, PendingAuthorization>();
  private sessions = new Map<string, string>();
  private faults: Fault[] = [];
  private faultCounter = 0;
  private log: RequestLogEntry[] = [];

  constructor(seed: NormalizedSeed, overrides: Partial<EmulatorOptions> = {}) {
    this.overrides = overrides;
    this.reset(seed);
  }

  /** Back to `seed`: tokens, codes, grants, sessions and pending requests are forgotten. */
  reset(seed: NormalizedSeed): void {
    this.seed = structuredClone(seed);
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.grants.clear();
    this.pending.clear();
    this.sessions.clear();
  }

  get options(): EmulatorOptions {
    return { ...this.seed.options, ...this.overrides };
  }

  // ---- clock -------------------------------------------------------------------------------

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  advanceClock(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
  }

  // ---- seed data ---------------------------------------------------------------------------

  get apps(): readonly SeedApp[] {
    return this.seed.apps;
  }

  get accounts(): readonly SeedAccount[] {
    return this.seed.accounts;
  }

  get teams(): readonly SeedTeam[] {
    return this.seed.teams;
  }

  app(key: string): SeedApp | undefined {
    return this.seed.apps.find((a) => a.key === key);
  }

  account(accountId: string): SeedAccount | undefined {
    return this.seed.accounts.find((a) => a.accountId === accountId);
  }

  accountByEmail(email: string): SeedAccount | undefined {
    const wanted = email.trim().toLowerCase();
    return this.seed.accounts.find((a) => a.email.toLowerCase() === wanted);
  }

  team(teamId: string): SeedTeam | undefined {
    return this.seed.teams.find((t) => t.id === teamId);
  }

  /** Members of a team in seed order; removed members only when asked for. */
  teamMembers(teamId: string, includeRemoved = false): SeedAccount[] {
    return this.seed.accounts.filter(
      (a) => a.teamId === teamId && (includeRemoved || a.status !== 'removed'),
    );
  }

  memberByTeamMemberId(teamId: string, teamMemberId: string): SeedAccount | undefined {
    return this.seed.accounts.find((a) => a.teamId === teamId && a.teamMemberId === teamMemberId);
  }

  uid(account: SeedAccount): string {
    return account.uid ?? stableDigits(10, 'uid', account.accountId);
  }

  homeNamespaceId(account: SeedAccount): string {
    return stableDigits(10, 'namespace', account.accountId);
  }

  isActiveTeamAdmin(account: SeedAccount): boolean {
    return account.teamId !== null && account.role === 'team_admin' && account.status === 'active';
  }

  patchApp(key: string, patch: unknown): SeedApp | undefined {
    const index = this.seed.apps.findIndex((a) => a.key === key);
    const current = this.seed.apps[index];
    if (current === undefined) return undefined;
    const next = parseAppPatch(current, patch);
    this.seed.apps[index] = next;
    return next;
  }

  addApp(input: unknown): SeedApp {
    const app = parseApp(input);
    if (this.app(app.key) !== undefined)
      throw new StateConflictError(`app ${app.key} already exists`);
    this.seed.apps.push(app);
    return app;
  }

  patchAccount(accountId: string, patch: unknown): SeedAccount | undefined {
    const index = this.seed.accounts.findIndex((a) => a.accountId === accountId);
    const current = this.seed.accounts[index];
    if (current === undefined) return undefined;
    const next = parseAccountPatch(current, patch);
    if (next.teamId !== null && this.team(next.teamId) === undefined)
      throw new StateConflictError(`unknown team ${next.teamId}`);
    this.seed.accounts[index] = next;
    return next;
  }

  // ---- authorize: pending requests, sessions, grants -----------------------------------------

  createPending(
    fields: Omit<PendingAuthorization, 'id' | 'createdAt' | 'accountId' | 'stage'>,
  ): PendingAuthorization {
    this.prunePending();
    const record: PendingAuthorization = {
      ...fields,
      id: newHandle(),
      createdAt: this.now(),
      accountId: null,
      stage: 'sign_in',
    };
    this.pending.set(record.id, record);
    return record;
  }

  getPending(id: string): PendingAuthorization | undefined {
    const record = this.pending.get(id);
    if (record === undefined) return undefined;
    if (this.now() - record.createdAt > PENDING_LIFETIME_MS) {
      this.pending.delete(id);
      return undefined;
    }
    return record;
  }

  deletePending(id: string): void {
    this.pending.delete(id);
  }

  private prunePending(): void {
    for (const [id, record] of this.pending) {
      if (this.now() - record.createdAt > PENDING_LIFETIME_MS) this.pending.delete(id);
    }
  }

  createSession(accountId: string): string {
    const sid = newHandle();
    this.sessions.set(sid, accountId);
    return sid;
  }

  sessionAccount(sid: string | undefined): SeedAccount | undefined {
    if (sid === undefined) return undefined;
    const accountId = this.sessions.get(sid);
    return accountId === undefined ? undefined : this.account(accountId);
  }

  endSession(sid: string | undefined): void {
    if (sid !== undefined) this.sessions.delete(sid);
  }

  private grantKey(appKey: string, accountId: string, team: boolean): string {
    return `${appKey}\u0000${accountId}\u0000${team ? 'team' : 'user'}`;
  }

  previousGrant(appKey: string, accountId: string, team: boolean): string[] {
    return [...(this.grants.get(this.grantKey(appKey, accountId, team))?.scopes ?? [])];
  }

  /** Whether the account approved the app (user or team grant) and has not unlinked it since. */
  hasApproved(appKey: string, accountId: string, team: boolean): boolean {
    return this.grants.has(this.grantKey(appKey, accountId, team));
  }

  hasLinked(appKey: string, accountId: string): boolean {
    return (
      this.grants.has(this.grantKey(appKey, accountId, false)) ||
      this.grants.has(this.grantKey(appKey, accountId, true))
    );
  }

  /** Whether any admin of this team holds a team grant for the app (development team limit). */
  hasTeamLinked(appKey: string, teamId: string): boolean {
    for (const grant of this.grants.values()) {
      if (grant.appKey === appKey && grant.team && this.account(grant.accountId)?.teamId === teamId)
        return true;
    }
    return false;
  }

  recordGrant(appKey: string, accountId: string, team: boolean, scopes: string[]): void {
    const key = this.grantKey(appKey, accountId, team);
    const grant = this.grants.get(key) ?? { appKey, accountId, team, scopes: new Set<string>() };
    scopes.forEach((s) => grant.scopes.add(s));
    this.grants.set(key, grant);
  }

  // ---- codes and tokens ----------------------------------------------------------------------

  issueCode(fields: Omit<CodeRecord, 'value' | 'issuedAt' | 'expiresAt' | 'used'>): CodeRecord {
    const issuedAt = this.now();
    const record: CodeRecord = {
      ...fields,
      value: newAuthorizationCode(),
      issuedAt,
      expiresAt: issuedAt + this.options.codeLifetimeSeconds * 1000,
      used: false,
    };
    this.codes.set(record.value, record);
    return record;
  }

  /** A code that exists, is unused and unexpired; otherwise undefined. */
  liveCode(value: string): CodeRecord | undefined {
    const record = this.codes.get(value);
    if (record === undefined || record.used || this.now() >= record.expiresAt) return undefined;
    return record;
  }

  /** Issues an access token (and a refresh token when `offline`) for a grant. */
  issueTokens(grant: {
    appKey: string;
    accountId: string;
    teamId: string | null;
    scopes: string[];
    offline: boolean;
    publicClient: boolean;
  }): { access: AccessTokenRecord; refresh: RefreshTokenRecord | null } {
    const now = this.now();
    const scopes = normalizeScopes(grant.scopes);
    let refresh: RefreshTokenRecord | null = null;
    if (grant.offline) {
      refresh = {
        kind: 'refresh',
        value: newRefreshToken(),
        appKey: grant.appKey,
        accountId: grant.accountId,
        teamId: grant.teamId,
        scopes,
        issuedAt: now,
        publicClient: grant.publicClient,
        revoked: false,
      };
      this.refreshTokens.set(refresh.value, refresh);
    }
    const access = this.mintAccess(grant.appKey, grant.accountId, grant.teamId, scopes, refresh);
    return { access, refresh };
  }

  /** A new access token from a refresh token, optionally downscoped. */
  refreshAccess(refresh: RefreshTokenRecord, scopes: string[]): AccessTokenRecord {
    return this.mintAccess(
      refresh.appKey,
      refresh.accountId,
      refresh.teamId,
      normalizeScopes(scopes),
      refresh,
    );
  }

  private mintAccess(
    appKey: string,
    accountId: string,
    teamId: string | null,
    scopes: string[],
    refresh: RefreshTokenRecord | null,
  ): AccessTokenRecord {
    const issuedAt = this.now();
    const record: AccessTokenRecord = {
      kind: 'access',
      value: newAccessToken(teamId !== null),
      appKey,
      accountId,
      teamId,
      scopes,
      issuedAt,
      expiresAt: issuedAt + this.options.accessTokenLifetimeSeconds * 1000,
      refreshToken: refresh,
      revoked: false,
    };
    this.accessTokens.set(record.value, record);
    return record;
  }

  accessToken(value: string): AccessTokenRecord | undefined {
    return this.accessTokens.get(value);
  }

  refreshToken(value: string): RefreshTokenRecord | undefined {
    return this.refreshTokens.get(value);
  }

  /**
   * auth/token/revoke (dropbox-api-spec auth.stone token/revoke): disables the access token; if it
   * has a refresh token, that refresh token and every other access token minted from it are
   * disabled too.
   */
  revokeAccess(record: AccessTokenRecord): void {
    record.revoked = true;
    const refresh = record.refreshToken;
    if (refresh === null) return;
    refresh.revoked = true;
    for (const other of this.accessTokens.values()) {
      if (other.refreshToken === refresh) other.revoked = true;
    }
  }

  /**
   * Revokes tokens; returns how many were newly revoked.
   * - `refreshToken` / `accessToken` (token values): that one grant, as `auth/token/revoke` does
   * (dropbox-api-spec auth.stone token/revoke): the refresh token and every access token minted
   * from it. Other grants and the
   *   account's approval of the app stay.
   * - otherwise `appKey` / `accountId` / `teamId` (all optional, ANDed): every matching token, as
   *   if the user or admin unlinked the app; matching approvals are forgotten too, so the next
   *   authorize shows consent again and include_granted_scopes starts afresh.
   */
  revokeMatching(filter: RevokeFilter): number {
    let count = 0;
    const revoke = (t: TokenRecord): void => {
      if (!t.revoked) {
        t.revoked = true;
        count += 1;
      }
    };
    if (filter.refreshToken !== undefined || filter.accessToken !== undefined) {
      const access =
        filter.accessToken === undefined ? undefined : this.accessTokens.get(filter.accessToken);
      const refresh =
        filter.refreshToken === undefined
          ? (access?.refreshToken ?? undefined)
          : this.refreshTokens.get(filter.refreshToken);
      if (access !== undefined) revoke(access);
      if (refresh !== undefined) {
        revoke(refresh);
        for (const other of this.accessTokens.values())
          if (other.refreshToken === refresh) revoke(other);
      }
      return count;
    }
    const matches = (t: { appKey: string; accountId: string; teamId: string | null }): boolean =>
      (filter.appKey === undefined || t.appKey === filter.appKey) &&
      (filter.accountId === undefined || t.accountId === filter.accountId) &&
      (filter.teamId === undefined || t.teamId === filter.teamId);
    for (const t of [...this.accessTokens.values(), ...this.refreshTokens.values()])
      if (matches(t)) revoke(t);
    for (const [key, grant] of this.grants) {
      const account = this.account(grant.accountId);
      const teamId = grant.team ? (account?.teamId ?? null) : null;
      if (matches({ appKey: grant.appKey, accountId: grant.accountId, teamId }))
        this.grants.delete(key);
    }
    return count;
  }

  tokenSummaries(): TokenSummary[] {
    const iso = (ms: number): string => new Date(ms).toISOString();
    const summary = (t: TokenRecord): TokenSummary => ({
      kind: t.kind,
      appKey: t.appKey,
      accountId: t.teamId === null ? t.accountId : null,
      teamId: t.teamId,
      scopes: [...t.scopes],
      revoked: t.revoked,
      issuedAt: iso(t.issuedAt),
      expiresAt: t.kind === 'access' ? iso(t.expiresAt) : null,
      authorizedBy: t.accountId,
    });
    return [...this.refreshTokens.values(), ...this.accessTokens.values()]
      .sort((a, b) => a.issuedAt - b.issuedAt)
      .map(summary);
  }

  snapshot(): StateSnapshot {
    return structuredClone({
      now: new Date(this.now()).toISOString(),
      apps: this.seed.apps,
      accounts: this.seed.accounts,
      teams: this.seed.teams,
      options: this.options,
      tokens: this.tokenSummaries(),
    });
  }

  // ---- faults --------------------------------------------------------------------------------

  addFault(input: unknown): Fault {
    const parsed = FaultInputSchema.parse(input ?? {});
    this.faultCounter += 1;
    const fault: Fault = {
      id: `fault-${this.faultCounter}`,
      route: parsed.route,
      status: parsed.status ?? null,
      retryAfter: parsed.retryAfter ?? null,
      latencyMs: parsed.latencyMs,
      drop: parsed.drop,
      body: parsed.body ?? null,
      remaining: parsed.count ?? null,
    };
    this.faults.push(fault);
    return fault;
  }

  listFaults(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The first fault matching `path`, counted as applied (removed when its count runs out). */
  takeFault(path: string): Fault | undefined {
    const fault = this.faults.find((f) => faultMatches(f.route, path));
    if (fault === undefined) return undefined;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return { ...fault };
  }

  // ---- request log ---------------------------------------------------------------------------

  logRequest(entry: RequestLogEntry): RequestLogEntry {
    this.log.push(entry);
    if (this.log.length > REQUEST_LOG_LIMIT)
      this.log.splice(0, this.log.length - REQUEST_LOG_LIMIT);
    return entry;
  }

  requests(): RequestLogEntry[] {
    return this.log.map((e) => ({
      ...e,
      headerNames: [...e.headerNames],
      ...(e.tokenRequest !== undefined ? { tokenRequest: { ...e.tokenRequest } } : {}),
    }));
  }

  clearRequests(): void {
    this.log = [];
  }
}

function faultMatches(route: string, path: string): boolean {
  if (route === '*') return true;
  if (route.endsWith('*')) return path.startsWith(route.slice(0, -1));
  return route === path;
}

/** Whether a set of granted scopes makes a team grant (Dropbox's auth-types docs). */
export function isTeamGrant(scopes: readonly string[]): boolean {
  return scopes.some(isTeamScope);
}

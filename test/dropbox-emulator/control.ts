/**
 * The test control API under `/__emulator/` (JSON in, JSON out). Not a Dropbox surface: it is
 * never subject to injected faults or latency and never appears in the request log.
 *
 *   GET    /__emulator/state                 seed data (with secrets) + token summaries (no values)
 *   POST   /__emulator/reset                 optional seed body; none = the seed the emulator started with
 *   POST   /__emulator/apps                  add an app
 *   PATCH  /__emulator/apps/<key>            change any subset of an app's fields
 *   PATCH  /__emulator/accounts/<accountId>  change any subset of an account's fields
 *   GET|POST|DELETE /__emulator/faults       list / add / clear injected faults
 *   GET|POST /__emulator/clock               read / advance the clock ({"advanceSeconds": n})
 *   GET|DELETE /__emulator/requests          the request log / clear it
 *   POST   /__emulator/tokens                mint tokens without a browser ({"appKey", "accountId", "scopes"?, "offline"?})
 *   POST   /__emulator/tokens/revoke         revoke one grant ({"refreshToken"} or {"accessToken"}) or every
 *                                            matching token ({"appKey"?, "accountId"?, "teamId"?}: an unlink)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import { BodyTooLargeError, readBody, sendControlJson } from './http-util';
import { isTeamScope, normalizeScopes } from './scopes';
import { parseSeed, SeedError, type NormalizedSeed } from './seed';
import { isTeamGrant, StateConflictError, type EmulatorState } from './state';
import { tokenResponse } from './token-endpoint';

class ControlError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, 16 * 1024 * 1024);
  const text = body.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlError(400, 'request body is not valid JSON');
  }
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ControlError(400, `${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** The operations behind the control API; RunningEmulator calls these directly. */
export class Controller {
  readonly state: EmulatorState;
  private readonly initialSeed: NormalizedSeed;

  constructor(state: EmulatorState, initialSeed: NormalizedSeed) {
    this.state = state;
    this.initialSeed = initialSeed;
  }

  /** Back to `seed`, or the starting seed. A `state()` snapshot works too: its `now` and `tokens` are dropped. */
  reset(seed?: unknown): void {
    if (seed === undefined) {
      this.state.reset(this.initialSeed);
      return;
    }
    const { now: _now, tokens: _tokens, ...rest } = asObject(seed, 'seed');
    this.state.reset(parseSeed(rest));
  }

  patchApp(key: string, patch: unknown): ReturnType<EmulatorState['patchApp']> {
    const app = this.state.patchApp(key, patch);
    if (app === undefined) throw new ControlError(404, `no app with key ${key}`);
    return app;
  }

  patchAccount(accountId: string, patch: unknown): ReturnType<EmulatorState['patchAccount']> {
    const account = this.state.patchAccount(accountId, patch);
    if (account === undefined) throw new ControlError(404, `no account ${accountId}`);
    return account;
  }

  /** Tokens as if the account had authorized the app (offline by default); the token-endpoint JSON. */
  mintToken(input: unknown): Record<string, unknown> {
    const body = asObject(input, 'body');
    const app = typeof body.appKey === 'string' ? this.state.app(body.appKey) : undefined;
    if (app === undefined) throw new ControlError(400, 'appKey must name a seeded app');
    const account =
      typeof body.accountId === 'string' ? this.state.account(body.accountId) : undefined;
    if (account === undefined) throw new ControlError(400, 'accountId must name a seeded account');
    const scopes = body.scopes === undefined ? app.scopes : body.scopes;
    if (!Array.isArray(scopes) || !scopes.every((s): s is string => typeof s === 'string'))
      throw new ControlError(400, 'scopes must be a list of strings');
    const team = isTeamGrant(scopes);
    if (team && !this.state.isActiveTeamAdmin(account))
      throw new ControlError(
        400,
        `team scopes (${scopes.filter(isTeamScope).join(' ')}) need an active team admin`,
      );
    const normalized = normalizeScopes(scopes);
    this.state.recordGrant(app.key, account.accountId, team, normalized);
    const { access, refresh } = this.state.issueTokens({
      appKey: app.key,
      accountId: account.accountId,
      teamId: team ? account.teamId : null,
      scopes: normalized,
      offline: body.offline !== false,
      publicClient: false,
    });
    return tokenResponse(this.state, app, access, refresh);
  }

  revokeTokens(input: unknown): number {
    const body = input === undefined ? {} : asObject(input, 'body');
    const pick = (k: string): string | undefined =>
      typeof body[k] === 'string' ? (body[k] as string) : undefined;
    const known = ['appKey', 'accountId', 'teamId', 'refreshToken', 'accessToken'];
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    // A typo must not widen the filter into "revoke everything".
    if (unknown.length > 0)
      throw new ControlError(400, `unknown revoke filter field(s): ${unknown.join(', ')}`);
    return this.state.revokeMatching({
      appKey: pick('appKey'),
      accountId: pick('accountId'),
      teamId: pick('teamId'),
      refreshToken: pick('refreshToken'),
      accessToken: pick('accessToken'),
    });
  }

  advanceClock(seconds: unknown): string {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds))
      throw new ControlError(400, 'advanceSeconds must be a number');
    this.state.advanceClock(seconds);
    return new Date(this.state.now()).toISOString();
  }
}

export async function handleControl(
  controller: Controller,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const state = controller.state;
  const method = req.method ?? 'GET';
  const path = url.pathname.slice('/__emulator/'.length).replace(/\/+$/, '');
  try {
    const segments = path.split('/').map((s) => decodeURIComponent(s));
    const body = method === 'GET' || method === 'DELETE' ? undefined : await readJson(req);
    const route = `${method} ${segments[0] ?? ''}${segments.length > 1 ? '/:id' : ''}`;
    switch (route) {
      case 'GET state':
        return sendControlJson(res, 200, state.snapshot());
      case 'POST reset':
        controller.reset(body);
        return sendControlJson(res, 200, { ok: true });
      case 'POST apps':
        return sendControlJson(res, 201, state.addApp(body));
      case 'PATCH apps/:id':
        return sendControlJson(res, 200, controller.patchApp(segments[1] as string, body ?? {}));
      case 'PATCH accounts/:id':
        return sendControlJson(
          res,
          200,
          controller.patchAccount(segments[1] as string, body ?? {}),
        );
      case 'GET faults':
        return sendControlJson(res, 200, { faults: state.listFaults() });
      case 'POST faults':
        return sendControlJson(res, 201, state.addFault(body));
      case 'DELETE faults':
        state.clearFaults();
        return sendControlJson(res, 200, { ok: true });
      case 'GET clock':
        return sendControlJson(res, 200, { now: new Date(state.now()).toISOString() });
      case 'POST clock':
        return sendControlJson(res, 200, {
          now: controller.advanceClock(asObject(body ?? {}, 'body').advanceSeconds),
        });
      case 'GET requests':
        return sendControlJson(res, 200, { requests: state.requests() });
      case 'DELETE requests':
        state.clearRequests();
        return sendControlJson(res, 200, { ok: true });
      case 'POST tokens':
        return sendControlJson(res, 201, controller.mintToken(body));
      case 'POST tokens/:id':
        if (path === 'tokens/revoke')
          return sendControlJson(res, 200, { revoked: controller.revokeTokens(body) });
        return sendControlJson(res, 404, {
          error: `unknown control route ${method} ${url.pathname}`,
        });
      default:
        return sendControlJson(res, 404, {
          error: `unknown control route ${method} ${url.pathname}`,
        });
    }
  } catch (err) {
    if (err instanceof ControlError)
      return sendControlJson(res, err.status, { error: err.message });
    if (err instanceof SeedError)
      return sendControlJson(res, 400, { error: err.message.split(':\n')[0], issues: err.issues });
    if (err instanceof ZodError)
      return sendControlJson(res, 400, {
        error: 'invalid input',
        issues: err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      });
    if (err instanceof BodyTooLargeError) return sendControlJson(res, 413, { error: err.message });
    if (err instanceof URIError) return sendControlJson(res, 400, { error: 'malformed path' });
    if (err instanceof StateConflictError) return sendControlJson(res, 409, { error: err.message });
    throw err;
  }
}

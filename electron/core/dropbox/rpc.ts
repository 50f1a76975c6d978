/**
 * Dropbox RPC calls (`POST https://api.dropboxapi.com/2/<route>`, JSON in, JSON out). What the
 * replies mean is read in `rpc-reply.ts`; 429/5xx go through the retry policy (`retry.ts`).
 * The official SDK is not used: we need the raw status, text body and request id to tell the
 * admin *which* App Console box is wrong, and the same code path must work against the emulator.
 */
import type { DropboxContext } from './context';
import { send } from './retry';
import { basicAuthorization, type RpcAuth } from './rpc-auth';
import { interpretRpcReply } from './rpc-reply';

export { basicAuthorization, type RpcAuth } from './rpc-auth';

export interface RpcOptions {
  readonly auth: RpcAuth;
  /** JSON argument; `undefined` sends `null`, which Dropbox accepts for Void routes. */
  readonly body?: unknown;
  /** `Dropbox-API-Select-User`: a team token acting as one member (needs team_data.member). */
  readonly selectUser?: string;
  /** Team tokens with team_data.member may act as a team admin on user routes (auth types page). */
  readonly selectAdmin?: string;
  /** Default true: every route the wizard calls is a read, safe to repeat. */
  readonly idempotent?: boolean;
  /**
   * The route always answers a JSON value (check/app echoes the query): an empty 200 is then an
   * unreadable reply, reported with Dropbox's request id, not read as a Void `null`.
   */
  readonly requireBody?: boolean;
}

const ROUTE_PATTERN = /^[a-z0-9_]+(?:\/[a-z0-9_]+)*$/;

export async function rpc<T>(ctx: DropboxContext, route: string, opts: RpcOptions): Promise<T> {
  if (!ROUTE_PATTERN.test(route)) throw new Error(`rpc: invalid route name "${route}"`);
  const headers: Record<string, string> = {
    Authorization:
      opts.auth.kind === 'bearer'
        ? `Bearer ${opts.auth.token}`
        : basicAuthorization(opts.auth.appKey, opts.auth.appSecret),
    'Content-Type': 'application/json',
  };
  if (opts.selectUser) headers['Dropbox-API-Select-User'] = opts.selectUser;
  if (opts.selectAdmin) headers['Dropbox-API-Select-Admin'] = opts.selectAdmin;
  const reply = await send(
    ctx,
    {
      method: 'POST',
      url: `${ctx.endpoints.apiBase}${route}`,
      operation: route,
      headers,
      body: JSON.stringify(opts.body === undefined ? null : opts.body),
    },
    { idempotent: opts.idempotent ?? true },
  );
  return interpretRpcReply<T>(route, reply, opts.auth, opts.requireBody ?? false);
}

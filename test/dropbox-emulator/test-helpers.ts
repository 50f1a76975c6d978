/**
 * Helpers shared by the emulator's conformance tests: the default seed's fixtures and thin raw
 * HTTP wrappers (Node fetch, nothing from the emulator's own code), so the tests check the wire.
 */
import { createHash, randomBytes } from 'node:crypto';
import { authorizeOverHttp, type AuthorizeOverHttpResult } from './http-driver';

/** Fixtures of seeds/default.json (README "Default seed"). */
export const SEED = {
  password: 'demo-password',
  team: { id: 'dbtid:AAI8TNStE1otps5WG2mihZmazj4X_PKzj1r', name: 'Example Ltd' },
  admin: {
    email: 'admin@example.test',
    accountId: 'dbid:AAutw7xnxczgpqHsggVo1dnx8HaXfn4GJLj',
    teamMemberId: 'dbmid:AAYNXa293uNAld4DP8w-qXhZ7QffJFJP_Mr',
    name: 'Ada Admin',
  },
  member: {
    email: 'member@example.test',
    accountId: 'dbid:AANf7GXOLKspMqjUMu9xuhRVCH1L3BQsvxD',
    teamMemberId: 'dbmid:AA6Sem30jSjbDUIcSe-NQ1INIqQpzbVTNbj',
    name: 'Max Member',
  },
  grace: { email: 'grace@example.test', teamMemberId: 'dbmid:AAXIwRxm8U7gcb9wUUhZL5FnKM0s96RMove' },
  invited: {
    email: 'invited@example.test',
    teamMemberId: 'dbmid:AAC5DfeyBScCx8Pq91THix-cSwL2VdZmGyY',
  },
  personal: {
    email: 'personal@example.test',
    accountId: 'dbid:AAgBVjpMb3CSaa6XyE26dLKBv4U1exn8kuu',
    name: 'Pat Personal',
  },
  snow: {
    key: 'snowatlasdemo01',
    secret: 'opuqihxlha7z2o0',
    name: 'Snow Atlas connector',
    redirect: 'http://127.0.0.1:47210/oauth/callback',
    scopes: ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'],
  },
  /** A Certero-like team app: public clients (PKCE) disallowed, a product redirect URI first. */
  certero: {
    key: 'certerodemo0001',
    secret: '4umm6ec1ssbh54d',
    name: 'Certero connector',
    productRedirect: 'https://cc.certero.com/cmp/AuthorizeDropboxConnector',
    redirect: 'http://127.0.0.1:47210/oauth/callback',
    scopes: [
      'account_info.read',
      'events.read',
      'groups.read',
      'members.read',
      'team_data.member',
      'team_info.read',
    ],
  },
  noRedirect: {
    key: 'customnoredir01',
    secret: 'bqrke3bwgoqd3ad',
    name: 'Custom connector (no redirect URI)',
  },
  notes: {
    key: 'notesbackup0001',
    secret: '5mrcfw89l5q1gpi',
    name: 'Notes backup',
    redirect: 'http://127.0.0.1:47210/oauth/callback',
  },
  legacy: {
    key: 'legacyaudit0001',
    secret: 'rhkc2bcjmw0zlvo',
    redirect: 'http://127.0.0.1:47210/oauth/callback',
  },
  disabled: { key: 'retiredsync0001', secret: 'ajyt19tlbkkf24k' },
} as const;

export const basic = (key: string, secret: string): string =>
  `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

export function authorizeUrl(origin: string, params: Record<string, string>): string {
  return `${origin}/oauth2/authorize?${new URLSearchParams(params).toString()}`;
}

/** base64url(SHA-256(verifier)), as every SDK sends (dropbox-sdk-python, -js, -java). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(96).toString('base64url').slice(0, 128);
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Authorize over HTTP as `email` and return the code (asserting the flow reached a code). */
export async function getCode(
  origin: string,
  params: Record<string, string>,
  email: string = SEED.admin.email,
): Promise<AuthorizeOverHttpResult & { code: string }> {
  const result = await authorizeOverHttp(
    authorizeUrl(origin, { response_type: 'code', ...params }),
    { email, password: SEED.password },
  );
  if (result.code === undefined) throw new Error(`no code: ${JSON.stringify(result)}`);
  return result as AuthorizeOverHttpResult & { code: string };
}

export interface Raw {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function toRaw(res: Response): Promise<Raw> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** POST /oauth2/token with a form body (the wizard's way) and optional Basic auth. */
export async function token(
  origin: string,
  form: Record<string, string>,
  auth?: { key: string; secret: string },
): Promise<Raw> {
  return toRaw(
    await fetch(`${origin}/oauth2/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(auth !== undefined ? { Authorization: basic(auth.key, auth.secret) } : {}),
      },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

/** POST /2/<route>. `body` undefined = no body and no Content-Type (the JS SDK's Void calls). */
export async function rpc(
  origin: string,
  route: string,
  opts: {
    token?: string;
    authorization?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Raw> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.authorization !== undefined) headers.Authorization = opts.authorization;
  else if (opts.token !== undefined) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  return toRaw(
    await fetch(`${origin}/2/${route}`, {
      method: 'POST',
      headers,
      ...(body !== undefined ? { body } : {}),
    }),
  );
}

/** Exactly what a JSON response must carry (dropbox-sdk-python dropbox_client.py
 * asserts the Content-Type; every reply carries X-Dropbox-Request-Id). */
export function expectJsonHeaders(raw: Raw): void {
  if (raw.headers.get('content-type') !== 'application/json')
    throw new Error(`content-type ${raw.headers.get('content-type')}`);
  if (!/^[0-9a-f]{32}$/.test(raw.headers.get('x-dropbox-request-id') ?? ''))
    throw new Error('missing X-Dropbox-Request-Id');
}

export const ERROR_400_PREFIX = (route: string): string =>
  `Error in call to API function "${route}": `;

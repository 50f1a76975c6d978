/**
 * Test helpers: an injected fetch that records every request and answers from a handler, plus a
 * fake clock/sleep so retry waits cost no real time.
 */
import type { DropboxContext, WaitInfo } from '../../../../electron/core/dropbox/context';
import { resolveEndpoints } from '../../../../electron/core/dropbox/endpoints';

export interface Recorded {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly init: RequestInit;
}

export type Handler = (req: Recorded) => Response | Error | Promise<Response | Error>;

export const ORIGIN = 'http://127.0.0.1:47999';
export const endpoints = resolveEndpoints({
  DROPBOX_WEB_ORIGIN: ORIGIN,
  DROPBOX_API_ORIGIN: ORIGIN,
});

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      'x-dropbox-request-id': 'req0123abcd',
      ...headers,
    },
  });
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'x-dropbox-request-id': 'req0123abcd',
      ...headers,
    },
  });
}

export function html(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  });
}

/** An error shaped like undici's `TypeError: fetch failed` with a socket cause. */
export function networkError(code: string): Error {
  const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code });
  return new TypeError('fetch failed', { cause });
}

export interface Harness {
  readonly ctx: DropboxContext;
  readonly requests: Recorded[];
  readonly waits: WaitInfo[];
  readonly sleeps: number[];
  /** Current fake time (epoch ms). */
  time(): number;
}

export const START_TIME = 1_760_000_000_000;

export function harness(handler: Handler, extra: Partial<DropboxContext> = {}): Harness {
  const requests: Recorded[] = [];
  const waits: WaitInfo[] = [];
  const sleeps: number[] = [];
  let now = START_TIME;
  const fakeFetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const body = init.body === undefined || init.body === null ? '' : String(init.body);
    const req: Recorded = { url: String(input), method: init.method ?? 'GET', headers, body, init };
    requests.push(req);
    const answer = await handler(req);
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof fetch;
  const ctx: DropboxContext = {
    endpoints,
    fetch: fakeFetch,
    onWait: (w) => waits.push(w),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => now,
    ...extra,
  };
  return { ctx, requests, waits, sleeps, time: () => now };
}

/** Routes `/2/<route>` and `/oauth2/token` to per-route handlers; 404 text otherwise. */
export function router(routes: Record<string, Handler>): Handler {
  return (req) => {
    const path = new URL(req.url).pathname;
    const key = path.startsWith('/2/') ? path.slice(3) : path.slice(1);
    const h = routes[key];
    return h ? h(req) : text(404, `no stub for ${key}`);
  };
}

export function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

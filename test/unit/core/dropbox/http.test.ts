/**
 * Network failures against real sockets on 127.0.0.1: refused, dropped, silent (timeout), plus a
 * 429 with Retry-After from a real server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DropboxContext, WaitInfo } from '../../../../electron/core/dropbox/context';
import { resolveEndpoints } from '../../../../electron/core/dropbox/endpoints';
import { WizardFailure } from '../../../../electron/core/failure';
import { rpc } from '../../../../electron/core/dropbox/rpc';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      const closed = new Promise((r) => s.close(r));
      s.closeAllConnections();
      return closed;
    }),
  );
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function context(
  origin: string,
  extra: Partial<DropboxContext> = {},
): { ctx: DropboxContext; waits: WaitInfo[]; sleeps: number[] } {
  const waits: WaitInfo[] = [];
  const sleeps: number[] = [];
  const ctx: DropboxContext = {
    endpoints: resolveEndpoints({ DROPBOX_API_ORIGIN: origin, DROPBOX_WEB_ORIGIN: origin }),
    onWait: (w) => waits.push(w),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  };
  return { ctx, waits, sleeps };
}

async function failure(p: Promise<unknown>): Promise<WizardFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WizardFailure);
  return err as WizardFailure;
}

const auth = { kind: 'bearer', token: 'sl.test-token-123456' } as const;

describe('http against real sockets', () => {
  it('connection refused → offline after 4 attempts', async () => {
    const origin = await listen(() => undefined);
    await new Promise((r) => servers.pop()?.close(r)); // the port is now closed
    const { ctx, waits } = context(origin);
    const f = await failure(rpc(ctx, 'check/user', { auth, body: { query: 'x' } }));
    expect(f.error.code).toBe('offline');
    expect(f.error.detail).toContain('ECONNREFUSED');
    expect(f.error.action).toBe('retry');
    expect(waits).toHaveLength(3);
  });

  it('a dropped connection → dropbox_unavailable', async () => {
    let hits = 0;
    const origin = await listen((req) => {
      hits += 1;
      req.socket.destroy();
    });
    const { ctx } = context(origin);
    const f = await failure(rpc(ctx, 'check/user', { auth, body: { query: 'x' } }));
    expect(f.error.code).toBe('dropbox_unavailable');
    expect(hits).toBe(4);
  });

  it('a server that never answers → dropbox_unavailable after the timeout', async () => {
    const origin = await listen(() => undefined);
    const { ctx } = context(origin, { timeoutMs: 150, retry: { maxAttempts: 2 } });
    const started = Date.now();
    const f = await failure(rpc(ctx, 'check/user', { auth, body: { query: 'x' } }));
    expect(f.error.code).toBe('dropbox_unavailable');
    expect(f.error.message).toContain('no answer within');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('429 with Retry-After from a real server, then success', async () => {
    let hits = 0;
    const origin = await listen((req, res) => {
      hits += 1;
      if (hits === 1) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
        res.end(
          '{"error_summary": "too_many_requests/..", "error": {"reason": {".tag": "too_many_requests"}, "retry_after": 2}}',
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-dropbox-request-id': 'abc123' });
      res.end('{"result": "x"}');
    });
    const { ctx, waits, sleeps } = context(origin, { now: () => 1000 });
    await expect(rpc(ctx, 'check/user', { auth, body: { query: 'x' } })).resolves.toEqual({
      result: 'x',
    });
    expect(sleeps).toEqual([2000]);
    expect(waits).toEqual([
      { reason: 'rate_limited', operation: 'check/user', retryAt: 3000, attempt: 2 },
    ]);
  });
});

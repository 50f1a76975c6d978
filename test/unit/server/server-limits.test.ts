/**
 * Browser mode's connection limits: a client on this machine that sends slowly,
 * sends too much, sends a broken address or opens too many connections is cut off with a clear
 * answer, and the port stays usable for the real page. Limits are shortened through the
 * `limits` option so each case takes well under a second.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The transport's limits are under test, not argument validation: a stand-in dispatcher calls the
// fake service directly (the real one is covered by browser-server.test.ts).
vi.mock('../../../electron/core/bridge/dispatch', () => ({
  dispatchBridgeCall: async (
    service: Record<string, (args: unknown) => unknown>,
    method: string,
    args: unknown,
  ) => (service[method] ? service[method](args) : { ok: false, error: { code: 'invalid_input' } }),
}));

import type { BridgeApi } from '../../../electron/shared/contract';
import {
  startBrowserServer,
  type RunningBrowserServer,
  type ServerLimits,
} from '../../../electron/server/browser-server';

const TOKEN = 'limits-token-0123456789abcdef';
const FAST: Partial<ServerLimits> = {
  bodyTimeoutMs: 300,
  headersTimeoutMs: 300,
  requestTimeoutMs: 400,
  maxBodyBytes: 1024,
  lingerMs: 100,
};

const fakeService = {
  getSession: async () => ({ ok: true, value: 'session' }),
  // The long poll holds its answer far longer than any request limit.
  waitForAuthorization: () =>
    new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: 'held' }), 900)),
} as unknown as BridgeApi;

const running: RunningBrowserServer[] = [];

async function start(limits: Partial<ServerLimits> = FAST): Promise<RunningBrowserServer> {
  const rendererDir = await mkdtemp(path.join(os.tmpdir(), 'wizard-limits-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Wizard</title>');
  const server = await startBrowserServer({
    service: fakeService,
    token: TOKEN,
    rendererDir,
    port: 0,
    limits,
  });
  running.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

interface RawOutcome {
  /** Everything the server sent. */
  readonly data: string;
  /** Milliseconds from connecting until the server closed the connection. */
  readonly closedAfterMs: number;
  /** Body bytes the client managed to write before the close. */
  readonly trickled: number;
}

/**
 * Sends `head` on a raw socket, then (optionally) one body byte every `trickleMs` until the server
 * closes the connection; resolves on close, or after `giveUpMs` with closedAfterMs = Infinity.
 */
function raw(
  port: number,
  head: string,
  options: { trickleMs?: number; giveUpMs?: number } = {},
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port });
    let data = '';
    let trickled = 0;
    let ticker: NodeJS.Timeout | undefined;
    const finish = (closedAfterMs: number): void => {
      clearInterval(ticker);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ data, closedAfterMs, trickled });
    };
    const giveUp = setTimeout(() => finish(Number.POSITIVE_INFINITY), options.giveUpMs ?? 3_000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => finish(Date.now() - started));
    socket.on('connect', () => {
      socket.write(head);
      if (options.trickleMs !== undefined) {
        ticker = setInterval(() => {
          if (socket.writable) {
            socket.write('x');
            trickled += 1;
          }
        }, options.trickleMs);
      }
    });
  });
}

function apiHead(port: number, route: string, headers: Record<string, string>): string {
  const lines = [`POST ${route} HTTP/1.1`, `Host: 127.0.0.1:${port}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

const withToken = { 'x-wizard-token': TOKEN, 'content-type': 'application/json' };

describe('browser-mode server limits', () => {
  it('cuts off a body sent one byte at a time within the body limit, with 408', async () => {
    const server = await start();
    const outcome = await raw(
      server.port,
      apiHead(server.port, '/api/getSession', { ...withToken, 'content-length': '500' }),
      { trickleMs: 50 },
    );
    expect(outcome.data).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.data).toContain('too slowly');
    // Body limit 300 ms plus the 100 ms linger; generous margin for a busy machine.
    expect(outcome.closedAfterMs).toBeLessThan(1_500);
  });

  it('refuses an oversize body with 413, whether declared or streamed', async () => {
    const server = await start();
    const declared = await raw(
      server.port,
      apiHead(server.port, '/api/getSession', { ...withToken, 'content-length': '2048' }),
    );
    expect(declared.data).toMatch(/^HTTP\/1\.1 413 /);
    expect(declared.data).toContain('too large');

    const chunk = 'x'.repeat(1500);
    const streamed = await raw(
      server.port,
      apiHead(server.port, '/api/getSession', { ...withToken, 'transfer-encoding': 'chunked' }) +
        `${chunk.length.toString(16)}\r\n${chunk}\r\n`,
    );
    expect(streamed.data).toMatch(/^HTTP\/1\.1 413 /);
    expect(streamed.closedAfterMs).toBeLessThan(1_500);
  });

  it('answers malformed percent-encoding in the method name with 400, not 500', async () => {
    const server = await start();
    const outcome = await raw(
      server.port,
      apiHead(server.port, '/api/%E0%A4%A', { ...withToken, 'content-length': '2' }) + '{}',
    );
    expect(outcome.data).toMatch(/^HTTP\/1\.1 400 /);
    expect(outcome.data).toContain('"code":"invalid_input"');
  });

  it('closes the connection after a 401, even while the client keeps sending its body', async () => {
    const server = await start();
    const outcome = await raw(
      server.port,
      apiHead(server.port, '/api/getSession', {
        'content-type': 'application/json',
        'content-length': '100000',
      }),
      { trickleMs: 20 },
    );
    expect(outcome.data).toMatch(/^HTTP\/1\.1 401 /);
    expect(outcome.data.toLowerCase()).toContain('connection: close');
    // Closed right after the answer plus the linger, not when the body would have ended.
    expect(outcome.closedAfterMs).toBeLessThan(1_000);
  });

  it('refuses connections beyond the cap with a clear 503 when every one is busy with the token, and serves again once they finish', async () => {
    const server = await start({
      ...FAST,
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 5_000,
      maxConnections: 2,
    });
    // Two connections busy with the page's own long polls: nothing a stranger holds to drop.
    const polls = [0, 1].map(() =>
      raw(
        server.port,
        apiHead(server.port, '/api/waitForAuthorization', {
          ...withToken,
          'content-length': '2',
          connection: 'close',
        }) + '{}',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const over = await raw(
      server.port,
      apiHead(server.port, '/api/getSession', { ...withToken, 'content-length': '2' }) + '{}',
    );
    expect(over.data).toMatch(/^HTTP\/1\.1 503 /);
    expect(over.data).toContain('too many open connections');
    expect(over.data.toLowerCase()).toContain('retry-after: 2');
    expect(over.closedAfterMs).toBeLessThan(1_000);

    for (const poll of await Promise.all(polls)) expect(poll.data).toMatch(/^HTTP\/1\.1 200 /);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await raw(
      server.port,
      apiHead(server.port, '/api/getSession', {
        ...withToken,
        'content-length': '2',
        connection: 'close',
      }) + '{}',
    );
    expect(after.data).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('lets the waitForAuthorization long poll hold its answer beyond every request limit', async () => {
    const server = await start();
    const started = Date.now();
    const outcome = await raw(
      server.port,
      apiHead(server.port, '/api/waitForAuthorization', {
        ...withToken,
        'content-length': '2',
        connection: 'close',
      }) + '{}',
    );
    expect(outcome.data).toMatch(/^HTTP\/1\.1 200 /);
    expect(outcome.data).toContain('"value":"held"');
    expect(Date.now() - started).toBeGreaterThanOrEqual(850);
  });

  it('cuts off headers that never finish (slowloris) within the headers limit', async () => {
    const server = await start();
    const outcome = await raw(server.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`, {
      trickleMs: 50,
    });
    // Node answers 408 itself (or just closes); what matters is that the socket does not stay.
    expect(outcome.closedAfterMs).toBeLessThan(2_000);
  });

  it('70 idle connections without the token do not lock out a request that carries it (default limits)', async () => {
    const server = await start({});
    const idle: ReturnType<typeof connect>[] = [];
    const closed = new Set<ReturnType<typeof connect>>();
    try {
      for (let i = 0; i < 70; i += 1) {
        idle.push(
          await new Promise<ReturnType<typeof connect>>((resolve) => {
            const socket = connect({ host: '127.0.0.1', port: server.port }, () => resolve(socket));
            socket.on('error', () => undefined);
            socket.on('close', () => closed.add(socket));
          }),
        );
      }
      const started = Date.now();
      const page = await raw(
        server.port,
        apiHead(server.port, '/api/getSession', {
          ...withToken,
          'content-length': '2',
          connection: 'close',
        }) + '{}',
      );
      expect(page.data).toMatch(/^HTTP\/1\.1 200 /);
      expect(page.data).toContain('"value":"session"');
      expect(Date.now() - started).toBeLessThan(2_000);
      // The strangers' share was kept small: most of the 70 were dropped to make room.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(idle.filter((socket) => !closed.has(socket)).length).toBeLessThanOrEqual(16);
    } finally {
      for (const socket of idle) socket.destroy();
    }
  });

  it('a stranger that connects and sends nothing is dropped after the short header timeout', async () => {
    const server = await start({
      ...FAST,
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 5_000,
      unauthenticatedIdleMs: 200,
    });
    const outcome = await raw(server.port, '', { giveUpMs: 3_000 });
    expect(outcome.closedAfterMs).toBeLessThan(1_500);
  });

  it('64 event streams with the token do not lock out a request that carries it', async () => {
    const server = await start({});
    const streams: ReturnType<typeof connect>[] = [];
    const ended = new Set<ReturnType<typeof connect>>();
    try {
      for (let i = 0; i < 64; i += 1) {
        streams.push(
          await new Promise<ReturnType<typeof connect>>((resolve) => {
            const socket = connect({ host: '127.0.0.1', port: server.port }, () => {
              socket.write(
                `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nx-wizard-token: ${TOKEN}\r\n\r\n`,
              );
              socket.once('data', () => resolve(socket));
            });
            socket.on('error', () => undefined);
            socket.on('close', () => {
              ended.add(socket);
              resolve(socket);
            });
          }),
        );
      }
      const page = await raw(
        server.port,
        apiHead(server.port, '/api/getSession', {
          ...withToken,
          'content-length': '2',
          connection: 'close',
        }) + '{}',
      );
      expect(page.data).toMatch(/^HTTP\/1\.1 200 /);
      // Older streams were ended with their connections: at most the default 8 are held.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(streams.filter((socket) => !ended.has(socket)).length).toBeLessThanOrEqual(8);
    } finally {
      for (const socket of streams) socket.destroy();
    }
  });
});

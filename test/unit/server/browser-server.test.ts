/**
 * Browser mode's HTTP transport refuses what a hostile page or another local user could send:
 * a missing or wrong token, a foreign Host (DNS rebinding), a foreign Origin (CSRF).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_METHODS, type BridgeApi } from '../../../electron/shared/contract';
import { ok } from '../../../electron/shared/result';
import {
  startBrowserServer,
  type RunningBrowserServer,
} from '../../../electron/server/browser-server';
import { constantTimeEqual as tokenMatches } from '../../../electron/core/net/constant-time';
import { isLoopbackHostHeader as isLoopbackHost } from '../../../electron/core/net/loopback-names';
import { isAllowedOrigin } from '../../../electron/server/request-guards';
import { resolveStaticPath } from '../../../electron/server/static-files';

const TOKEN = 'test-token-0123456789abcdef';
const calls: string[] = [];
const fakeService = Object.fromEntries(
  BRIDGE_METHODS.map((method) => [
    method,
    async (args: unknown) => {
      calls.push(method);
      return ok({ method, args });
    },
  ]),
) as unknown as BridgeApi;

let running: RunningBrowserServer;

beforeAll(async () => {
  const rendererDir = await mkdtemp(path.join(os.tmpdir(), 'wizard-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Wizard</title>');
  running = await startBrowserServer({ service: fakeService, token: TOKEN, rendererDir, port: 0 });
});

afterAll(async () => {
  await running.close();
});

/** Raw request so Host and Origin can be set to anything (fetch forbids changing Host). */
function send(options: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: running.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${running.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const apiCall = (headers: Record<string, string>) =>
  send({
    path: '/api/getSession',
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  });

describe('browser-mode server', () => {
  it('answers a call that carries the token', async () => {
    const res = await apiCall({ 'x-wizard-token': TOKEN });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { method: 'getSession' } });
  });

  it('refuses a call without a token, and one with a wrong token', async () => {
    const before = calls.length;
    const attempts: Record<string, string>[] = [
      {},
      { 'x-wizard-token': 'wrong' },
      { 'x-wizard-token': `${TOKEN}x` },
    ];
    for (const headers of attempts) {
      const res = await apiCall(headers);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(calls.length).toBe(before);
  });

  it('refuses a foreign Host even with the right token (DNS rebinding)', async () => {
    for (const host of [
      'evil.test',
      `evil.test:${running.port}`,
      '127.0.0.1.evil.test',
      '10.0.0.1',
    ]) {
      const res = await apiCall({ 'x-wizard-token': TOKEN, host });
      expect(res.status).toBe(421);
    }
    const page = await send({ path: '/', headers: { host: 'rebind.evil.test' } });
    expect(page.status).toBe(421);
  });

  it('accepts every loopback name on any port (SSH port forwarding)', async () => {
    for (const host of ['localhost:9999', '[::1]:1234', '127.0.0.1']) {
      const res = await apiCall({ 'x-wizard-token': TOKEN, host, origin: `http://${host}` });
      expect(res.status).toBe(200);
    }
  });

  it('refuses a foreign Origin (CSRF) even with the right token', async () => {
    for (const origin of [
      'https://evil.test',
      'http://127.0.0.1.evil.test',
      'null',
      'https://127.0.0.1:8443',
    ]) {
      const res = await apiCall({ 'x-wizard-token': TOKEN, origin });
      expect(res.status).toBe(403);
    }
  });

  it('validates arguments and method names before the service sees them', async () => {
    const unknown = await send({
      path: '/api/deleteEverything',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wizard-token': TOKEN },
      body: '{}',
    });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const badArgs = await send({
      path: '/api/selectTarget',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wizard-token': TOKEN },
      body: JSON.stringify({ targetId: 'snow-atlas', extra: 'nope' }),
    });
    expect(JSON.parse(badArgs.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('serves the renderer with a strict CSP and no path traversal', async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const traversal = await send({ path: '/..%2f..%2fetc%2fpasswd' });
    expect(traversal.status).toBe(404);
  });
});

describe('request guards', () => {
  it('classifies hosts, origins and tokens', () => {
    expect(isLoopbackHost('127.0.0.1:47200')).toBe(true);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost(undefined)).toBe(false);
    expect(isLoopbackHost('localhost.evil.test')).toBe(false);
    expect(isLoopbackHost('127.0.0.1:99999')).toBe(false);
    expect(isAllowedOrigin(undefined)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5173')).toBe(true);
    expect(isAllowedOrigin('http://localhost:5173/path')).toBe(false);
    expect(isAllowedOrigin('file://')).toBe(false);
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', undefined)).toBe(false);
  });

  it('never resolves a static path outside the renderer folder', () => {
    expect(resolveStaticPath('/srv/r', '/index.html')).toBe('/srv/r/index.html');
    expect(resolveStaticPath('/srv/r', '/')).toBe('/srv/r/index.html');
    expect(resolveStaticPath('/srv/r', '/../secret')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/%2e%2e/secret')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/a%00b')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/%E0%A4%A')).toBeNull();
  });
});

/**
 * Garbage in never crashes the emulator: malformed HTTP, odd paths, huge or binary bodies,
 * wrong methods, concurrent load. Unknown www/api paths are 404 pages; bad JSON is the
 * observed 400 text (SwiftyDropbox#56).
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index';
import { rpc, SEED } from './test-helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

function rawSocket(payload: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(emu.port, '127.0.0.1');
    let data = '';
    socket.on('data', (c) => (data += c.toString('latin1')));
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(data));
    socket.write(payload);
    setTimeout(() => socket.end(), 200);
  });
}

const alive = async (): Promise<void> => {
  expect((await fetch(`${emu.origin}/developers/apps`)).status).toBe(200);
};

describe('robustness', () => {
  it('non-HTTP bytes on the socket → 400 and the server keeps serving', async () => {
    expect(await rawSocket('\u0000\u0001garbage\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawSocket(Buffer.from([0xff, 0xfe, 0xfd, 0x0d, 0x0a, 0x0d, 0x0a]))).toMatch(
      /^HTTP\/1\.1 400/,
    );
    await alive();
  });

  it('odd request targets: //host paths, encoded junk, asterisk form', async () => {
    expect(
      await rawSocket(
        'GET //evil.example/2/check/user HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      ),
    ).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawSocket('OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 400/,
    );
    expect((await fetch(`${emu.origin}/%E0%A4%A/..%2f..%2fetc/passwd`)).status).toBe(404);
    expect((await fetch(`${emu.origin}/oauth2/authorize?client_id=%ZZ&%%%=1`)).status).toBe(400);
    expect(
      (await fetch(`${emu.origin}/__emulator/apps/%E0%A4%A`, { method: 'PATCH', body: '{}' }))
        .status,
    ).toBe(400);
    await alive();
  });

  it('unknown paths are 404 (HTML page), never 500', async () => {
    for (const path of [
      '/nope',
      '/2',
      '/oauth2',
      '/oauth2/authorize/extra',
      '/developers/apps/xyz',
      '/__emulator',
    ]) {
      const res = await fetch(`${emu.origin}${path}`, { method: 'POST', body: 'x' });
      expect([400, 404, 405]).toContain(res.status);
    }
    expect((await fetch(`${emu.origin}/nope`)).status).toBe(404);
  });

  it('bad JSON, binary and wrong-typed bodies on RPC routes → documented 400 text', async () => {
    const minted = await emu.mintToken({
      appKey: SEED.snow.key,
      accountId: SEED.member.accountId,
      scopes: ['account_info.read'],
    });
    const t = minted.access_token as string;
    const cases = [
      '{',
      '[}',
      '\u0000\u0001',
      '"just a string"',
      '12',
      'true',
      '{"query": {"nested": [1, 2]}}',
    ];
    for (const rawBody of cases) {
      const raw = await rpc(emu.origin, 'check/user', {
        token: t,
        rawBody,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(raw.status).toBe(400);
      expect(raw.text).toMatch(/^Error in call to API function "check\/user": request body: /);
    }
  });

  it('bodies over 1 MiB are refused without crashing', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    expect(
      (
        await fetch(`${emu.origin}/2/check/user`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: big,
        })
      ).status,
    ).toBe(413);
    expect((await fetch(`${emu.origin}/oauth2/token`, { method: 'POST', body: big })).status).toBe(
      413,
    );
    expect(
      (await fetch(`${emu.origin}/oauth2/authorize/sign-in`, { method: 'POST', body: big })).status,
    ).toBe(413);
    await alive();
  });

  it('token endpoint with JSON, junk or duplicated parameters answers JSON errors', async () => {
    for (const body of [
      '{"grant_type":"authorization_code"}',
      '&&&==',
      'grant_type=authorization_code&grant_type=password',
    ]) {
      const res = await fetch(`${emu.origin}/oauth2/token`, {
        method: 'POST',
        headers: {
          'Content-Type': body.startsWith('{')
            ? 'application/json'
            : 'application/x-www-form-urlencoded',
        },
        body,
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/json');
      await res.json();
    }
  });

  it('authorize form posts with missing or forged request ids → 400 page', async () => {
    for (const path of [
      '/oauth2/authorize/sign-in',
      '/oauth2/authorize/continue',
      '/oauth2/authorize/decision',
    ]) {
      const res = await fetch(`${emu.origin}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'request_id=forged&decision=allow',
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('id="error-detail"');
    }
    expect((await fetch(`${emu.origin}/oauth2/authorize/decision`)).status).toBe(405);
  });

  it('100 concurrent requests of mixed kinds all get answers', async () => {
    const minted = await emu.mintToken({ appKey: SEED.snow.key, accountId: SEED.admin.accountId });
    const t = minted.access_token as string;
    const calls = Array.from({ length: 100 }, (_, i) => {
      if (i % 4 === 0) return rpc(emu.origin, 'team/get_info', { token: t }).then((r) => r.status);
      if (i % 4 === 1)
        return fetch(
          `${emu.origin}/oauth2/authorize?client_id=${SEED.snow.key}&response_type=code`,
        ).then(async (r) => (await r.text(), r.status));
      if (i % 4 === 2)
        return rpc(emu.origin, 'check/user', { token: 'bad', body: {} }).then((r) => r.status);
      return fetch(`${emu.origin}/__emulator/state`).then(async (r) => (await r.text(), r.status));
    });
    const statuses = await Promise.all(calls);
    expect(statuses.filter((s) => s === 200).length).toBe(75);
    expect(statuses.filter((s) => s === 401).length).toBe(25);
  });
});

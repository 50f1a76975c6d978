import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { WizardFailure } from '../../../../electron/core/failure';
import {
  startLoopbackListener,
  type LoopbackListener,
  type LoopbackListenerOptions,
  type LoopbackOutcome,
} from '../../../../electron/core/loopback/loopback-listener';

const STATE = 'st4te-0f-this-attempt_abcdefghijklmnopqrstuvwxyz';
const CODE = '4EYjTs0eOrkAAAAAAAAATl3muv7xfGx4hxnis814Dpc';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function send(
  port: number,
  path: string,
  options: { method?: string; host?: string | null; address?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.host !== null) headers.host = options.host ?? `127.0.0.1:${port}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.address ?? '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers,
        agent: false,
        setHost: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the socket error code, or 'connected'. */
function tryConnect(address: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

async function failureOf(promise: Promise<unknown>): Promise<WizardFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WizardFailure);
    return error as WizardFailure;
  }
  throw new Error('expected a rejection');
}

const open: LoopbackListener[] = [];
const blockers: Server[] = [];

async function start(options: Partial<LoopbackListenerOptions> = {}): Promise<LoopbackListener> {
  const listener = await startLoopbackListener({ port: 0, expectedState: STATE, ...options });
  open.push(listener);
  return listener;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((listener) => listener.close()));
  await Promise.all(
    blockers
      .splice(0)
      .map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
});

describe('startLoopbackListener', () => {
  it('listens on 127.0.0.1 only and reports the exact redirect URI', async () => {
    const listener = await start();
    expect(listener.port).toBeGreaterThan(0);
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${listener.port}/oauth/callback`);
    expect(await tryConnect('127.0.0.1', listener.port)).toBe('connected');
    // IPv6 loopback and other addresses must not reach it.
    expect(await tryConnect('::1', listener.port)).not.toBe('connected');
    if (process.platform === 'linux') {
      // Linux routes all of 127/8 to lo: a 0.0.0.0 bind would accept this, a 127.0.0.1 bind does not.
      expect(await tryConnect('127.0.0.2', listener.port)).toBe('ECONNREFUSED');
    }
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info && info.family === 'IPv4' && !info.internal);
    if (external) expect(await tryConnect(external.address, listener.port)).not.toBe('connected');
  });

  it('resolves with the full redirect URL and serves a page that never echoes the query', async () => {
    const listener = await start();
    const reply = await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Dropbox is connected');
    expect(reply.body).toContain('Return to Dropbox Connector Wizard');
    expect(reply.body).toMatch(/you can close this tab/i);
    expect(reply.body).not.toContain(CODE);
    expect(reply.body).not.toContain(STATE);
    expect(reply.body).not.toMatch(/<script|<img|<link|https?:\/\//i);
    const { redirectUrl } = await listener.result;
    expect(redirectUrl).toBe(`${listener.redirectUri}?code=${CODE}&state=${STATE}`);
    const parsed = new URL(redirectUrl);
    expect(parsed.searchParams.get('code')).toBe(CODE);
  });

  it('sends the no-store, no-referrer, strict CSP and nosniff headers, and no redirect', async () => {
    const listener = await start();
    const reply = await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    // The one inline stylesheet is allowed by its hash, never by 'unsafe-inline'.
    expect(reply.headers['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*';/,
    );
    expect(reply.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers.location).toBeUndefined();
    await listener.result;
  });

  it('stops listening by itself after the first valid reply', async () => {
    const listener = await start();
    await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`);
    await listener.result;
    // No close() call: the listener shuts itself; give the close a moment to complete.
    let outcome = '';
    for (let i = 0; i < 40 && outcome !== 'ECONNREFUSED'; i += 1) {
      outcome = await tryConnect('127.0.0.1', listener.port);
      if (outcome !== 'ECONNREFUSED') await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(outcome).toBe('ECONNREFUSED');
    await expect(
      send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`),
    ).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    // close() after success is harmless and keeps the resolved result.
    await listener.close();
    await expect(listener.result).resolves.toBeDefined();
  });

  it('never lets a connection opened earlier change the decided outcome', async () => {
    const listener = await start();
    // A connection opened before the answer (e.g. a second tab) that only speaks afterwards.
    const early = connect({ host: '127.0.0.1', port: listener.port });
    await new Promise<void>((resolve) => early.once('connect', () => resolve()));
    await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`);
    await listener.result;
    const late = await new Promise<string>((resolve) => {
      let data = '';
      early.setEncoding('utf8');
      early.on('data', (chunk: string) => (data += chunk));
      early.on('close', () => resolve(data));
      early.on('error', () => resolve(data));
      early.write(`GET /oauth/callback?code=x&state=wrong HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    });
    // Either the socket was already closed (no data) or it was told the attempt is over.
    if (late !== '') expect(late).toMatch(/^HTTP\/1\.1 410/);
    await expect(listener.result).resolves.toMatchObject({
      redirectUrl: expect.stringContaining(CODE),
    });
  });

  it('answers a wrong state 400 with a page saying it changes nothing, and keeps waiting', async () => {
    const listener = await start();
    const reply = await send(
      listener.port,
      `/oauth/callback?code=${CODE}&state=someone-elses-state`,
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('does not belong to the current sign-in');
    expect(reply.body).toContain('changes nothing');
    expect(reply.body).toContain('Dropbox Connector Wizard');
    expect(reply.body).not.toContain(CODE);
    expect(reply.body).not.toContain('someone-elses-state');
    // The admin's real sign-in still arrives and wins.
    const real = await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`);
    expect(real.status).toBe(200);
    await expect(listener.result).resolves.toMatchObject({
      redirectUrl: expect.stringContaining(CODE),
    });
  });

  it('ignores a missing, empty or repeated state without ending the attempt', async () => {
    const listener = await start({ timeoutMs: 2_000 });
    for (const path of [
      `/oauth/callback?code=${CODE}`,
      `/oauth/callback?code=${CODE}&state=`,
      `/oauth/callback?code=${CODE}&state=${STATE}&state=${STATE}`,
      `/oauth/callback?error=access_denied`,
    ]) {
      expect((await send(listener.port, path)).status, path).toBe(400);
    }
    const real = await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`);
    expect(real.status).toBe(200);
    await expect(listener.result).resolves.toBeDefined();
  });

  it('reports a denied consent as access_denied with a friendly page', async () => {
    const listener = await start();
    const description = 'The+user+chose+not+to+give+your+app+access';
    const reply = await send(
      listener.port,
      `/oauth/callback?error=access_denied&error_description=${description}&state=${STATE}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('You cancelled');
    expect(reply.body).not.toContain('chose not to give');
    const failure = await failureOf(listener.result);
    expect(failure.error.code).toBe('access_denied');
  });

  it('reports other redirect errors as unexpected_reply without echoing them', async () => {
    const listener = await start();
    const reply = await send(listener.port, `/oauth/callback?error=%3Cscript%3E&state=${STATE}`);
    expect(reply.body).not.toContain('<script>');
    const failure = await failureOf(listener.result);
    expect(failure.error.code).toBe('unexpected_reply');
    expect(failure.error.detail).toBe('redirect error: unrecognised');
  });

  it('times out with authorization_timeout and closes', async () => {
    const listener = await start({ timeoutMs: 150 });
    const failure = await failureOf(listener.result);
    expect(failure.error.code).toBe('authorization_timeout');
    expect(failure.error.remedy).toContain(listener.redirectUri);
    await listener.close();
    expect(await tryConnect('127.0.0.1', listener.port)).toBe('ECONNREFUSED');
  });

  it('rejects with authorization_cancelled when closed before an answer', async () => {
    const listener = await start();
    await listener.close();
    expect((await failureOf(listener.result)).error.code).toBe('authorization_cancelled');
  });

  it('reports a busy port as port_busy naming the port and the next registered one', async () => {
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const busy = (blocker.address() as AddressInfo).port;
    const failure = await failureOf(
      startLoopbackListener({
        port: busy,
        expectedState: STATE,
        alternatePorts: [busy, 47299, 47300],
      }),
    );
    expect(failure.error.code).toBe('port_busy');
    expect(failure.error.message).toContain(String(busy));
    expect(failure.error.remedy).toContain('47299');
    expect(failure.error.remedy).toContain('http://127.0.0.1:47299/oauth/callback');
    expect(failure.error.action).toBe('next_port');
  });

  it('says what to do when a busy port has no alternate', async () => {
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const busy = (blocker.address() as AddressInfo).port;
    const failure = await failureOf(startLoopbackListener({ port: busy, expectedState: STATE }));
    expect(failure.error.code).toBe('port_busy');
    expect(failure.error.remedy).toContain('WIZARD_REDIRECT_PORTS');
    expect(failure.error.action).toBe('retry');
  });

  it('answers 404 on other paths and 405 on other methods without ending the attempt', async () => {
    const listener = await start();
    expect((await send(listener.port, '/')).status).toBe(404);
    expect((await send(listener.port, '/favicon.ico')).status).toBe(404);
    expect((await send(listener.port, `/oauth/callback/?code=${CODE}&state=${STATE}`)).status).toBe(
      404,
    );
    expect((await send(listener.port, `/OAUTH/callback?code=${CODE}&state=${STATE}`)).status).toBe(
      404,
    );
    const post = await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`, {
      method: 'POST',
    });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    // Still open: the real answer is accepted.
    expect((await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`)).status).toBe(
      200,
    );
    await expect(listener.result).resolves.toMatchObject({
      redirectUrl: expect.stringContaining(CODE),
    });
  });

  it('refuses a foreign Host header without ending the attempt', async () => {
    const listener = await start();
    const path = `/oauth/callback?code=${CODE}&state=${STATE}`;
    for (const host of [
      'evil.example',
      `evil.example:${listener.port}`,
      '127.0.0.1.evil.example',
      '10.0.0.5',
    ]) {
      const reply = await send(listener.port, path, { host });
      expect(reply.status, host).toBe(400);
      expect(reply.body).not.toContain(CODE);
    }
    expect((await send(listener.port, path, { host: null })).status).toBe(400);
    // Loopback names on any port are fine (SSH port forwarding).
    expect((await send(listener.port, path, { host: 'localhost:9999' })).status).toBe(200);
    await expect(listener.result).resolves.toBeDefined();
  });

  it('accepts the [::1] Host spelling', async () => {
    const listener = await start();
    const reply = await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`, {
      host: `[::1]:${listener.port}`,
    });
    expect(reply.status).toBe(200);
    await listener.result;
  });

  it('refuses a bad port and an empty state before listening', async () => {
    expect(
      (await failureOf(startLoopbackListener({ port: 70000, expectedState: STATE }))).error.code,
    ).toBe('invalid_input');
    expect(
      (await failureOf(startLoopbackListener({ port: 0, expectedState: '' }))).error.code,
    ).toBe('internal');
  });

  describe('with complete (the page reports the real outcome)', () => {
    it('holds the page until the exchange succeeds, then says Dropbox is connected', async () => {
      let release!: (outcome: LoopbackOutcome) => void;
      const seen: string[] = [];
      const listener = await start({
        // Shorter than the exchange below: a decided attempt must not time out meanwhile.
        timeoutMs: 300,
        complete: (redirectUrl) => {
          seen.push(redirectUrl);
          return new Promise<LoopbackOutcome>((resolve) => (release = resolve));
        },
      });
      let answered = false;
      const pending = send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`).then(
        (reply) => {
          answered = true;
          return reply;
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(seen).toEqual([`${listener.redirectUri}?code=${CODE}&state=${STATE}`]);
      expect(answered).toBe(false);
      release({ ok: true, message: 'Signed in as admin@example.com (team Example).' });
      const reply = await pending;
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('Dropbox is connected');
      expect(reply.body).toContain('Signed in as admin@example.com (team Example).');
      expect(reply.body).toContain('Return to Dropbox Connector Wizard');
      expect(reply.body).not.toContain(CODE);
      await expect(listener.result).resolves.toEqual({
        redirectUrl: `${listener.redirectUri}?code=${CODE}&state=${STATE}`,
      });
    });

    it('shows the failure and its remedy, escaped, when the exchange fails', async () => {
      const listener = await start({
        complete: async () => ({
          ok: false,
          message: 'Dropbox refused the app secret <b>for this key</b>.',
          remedy: 'Paste the App secret again & click Authorize.',
        }),
      });
      const reply = await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`);
      expect(reply.body).not.toContain('Dropbox is connected');
      expect(reply.body).toContain(
        'Dropbox refused the app secret &lt;b&gt;for this key&lt;/b&gt;.',
      );
      expect(reply.body).not.toContain('<b>');
      expect(reply.body).toContain('Paste the App secret again &amp; click Authorize.');
      expect(reply.body).toContain('Dropbox Connector Wizard');
      expect(reply.body).not.toContain(CODE);
      // `result` still hands over the redirect: the wizard decides what the failure means.
      await expect(listener.result).resolves.toMatchObject({
        redirectUrl: expect.stringContaining(CODE),
      });
    });

    it('shows a generic failure page, without the thrown text, when complete throws', async () => {
      const listener = await start({
        complete: () => Promise.reject(new Error(`exchange failed for ${CODE}`)),
      });
      const reply = await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`);
      expect(reply.status).toBe(500);
      expect(reply.body).toContain('could not finish the sign-in');
      expect(reply.body).toContain('Dropbox Connector Wizard');
      expect(reply.body).not.toContain('exchange failed');
      expect(reply.body).not.toContain(CODE);
      await expect(listener.result).resolves.toBeDefined();
    });

    it('does not call complete for a wrong state or a denial', async () => {
      let calls = 0;
      const listener = await start({
        complete: async () => {
          calls += 1;
          return { ok: true };
        },
      });
      await send(listener.port, `/oauth/callback?code=${CODE}&state=wrong`);
      const denied = await send(
        listener.port,
        `/oauth/callback?error=access_denied&state=${STATE}`,
      );
      expect(denied.body).toContain('You cancelled');
      expect((await failureOf(listener.result)).error.code).toBe('access_denied');
      expect(calls).toBe(0);
    });
  });

  it('serves titled pages with light and dark styles and nothing from elsewhere', async () => {
    const listener = await start();
    const reply = await send(listener.port, `/oauth/callback?code=${CODE}&state=${STATE}`);
    expect(reply.body).toMatch(/<title>[^<]+Dropbox Connector Wizard<\/title>/);
    expect(reply.body).toContain('prefers-color-scheme:dark');
    expect(reply.body).not.toMatch(/<script|<img|<link|@import|url\(|https?:\/\//i);
    // The served stylesheet is exactly the one the CSP hash allows.
    const style = /<style>([^<]*)<\/style>/.exec(reply.body)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(reply.headers['content-security-policy']).toContain(`'sha256-${hash}'`);
    await listener.result;
  });
});

/**
 * Browser-mode restart recovery: when the local service stops or restarts with a
 * new token, the page says so, and takes the new token from a changed `#token=` or a pasted
 * address at once, with no reload (a reload would lose what the admin typed).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../electron/shared/result';

const OLD = 'tok_old-launch_0123456789abcdef';
const NEW = 'tok_new-launch_fedcba9876543210';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function loadBridge() {
  vi.resetModules();
  // Both from the same fresh module graph: bridge.ts drives connection.ts's state.
  const bridge = await import('../../../renderer/src/bridge/bridge');
  const connection = await import('../../../renderer/src/bridge/connection');
  return { ...bridge, ...connection };
}

function installPage(hash: string) {
  const location = {
    hash,
    pathname: '/',
    search: '',
    host: '127.0.0.1:47200',
    href: `http://127.0.0.1:47200/${hash}`,
    reload: vi.fn(),
  };
  const storage = new Map<string, string>();
  const handlers = new Map<string, () => void>();
  const window = {
    location,
    history: {
      replaceState: vi.fn((_s: unknown, _u: string, url: string) => {
        location.hash = new URL(url, 'http://127.0.0.1:47200').hash;
      }),
    },
    sessionStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => storage.set(key, value),
    },
    setTimeout: (fn: () => void) => setTimeout(fn, 0),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
    addEventListener: (type: string, handler: () => void) => handlers.set(type, handler),
  };
  vi.stubGlobal('window', window);
  return {
    location,
    storage,
    /** What the browser does when the admin pastes an address that differs only in its fragment. */
    changeHash(next: string) {
      location.hash = next;
      handlers.get('hashchange')?.();
    },
  };
}

type Answer = 'ok' | 401 | 'down';

/** A service whose answer depends on the token sent and on whether it is running. */
function installService(initial: { token: string; running: boolean }) {
  const service = { ...initial };
  const tokensSeen: string[] = [];
  const streamTokens: string[] = [];
  const answer = (token: string): Answer =>
    !service.running ? 'down' : token === service.token ? 'ok' : 401;
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const token = new Headers(init.headers).get('x-wizard-token') ?? '';
    const url = String(input);
    if (url === '/api/events') {
      streamTokens.push(token);
      const verdict = answer(token);
      if (verdict === 'down') throw new TypeError('Failed to fetch');
      if (verdict === 401) return new Response('{}', { status: 401 });
      // An open stream that ends only when aborted.
      return new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(': connected\n\n'));
            init.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
          },
        }),
        { status: 200 },
      );
    }
    tokensSeen.push(token);
    const verdict = answer(token);
    if (verdict === 'down') throw new TypeError('Failed to fetch');
    if (verdict === 401)
      return new Response(
        JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'm', remedy: 'r' } }),
        { status: 401, headers: { 'content-type': 'application/json' } },
      );
    return new Response(JSON.stringify(ok('fine')), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { service, tokensSeen, streamTokens, fetchMock };
}

describe('browser-mode restart recovery', () => {
  it('uses a new #token= from a hashchange for the very next call, without reloading', async () => {
    const page = installPage(`#token=${OLD}`);
    const server = installService({ token: OLD, running: true });
    const { bridge, getConnectionState } = await loadBridge();
    await bridge.getSession({});

    // The wizard restarted on the same port with a new token.
    server.service.token = NEW;
    expect((await bridge.getSession({})).ok).toBe(false);
    expect(getConnectionState()).toEqual({ status: 'lost', reason: 'unauthorized' });

    page.changeHash(`#token=${NEW}`);
    const result = await bridge.getSession({});

    expect(result).toEqual(ok('fine'));
    expect(server.tokensSeen.at(-1)).toBe(NEW);
    expect(page.location.reload).not.toHaveBeenCalled();
    expect(page.location.hash).toBe('');
    expect(page.storage.get('wizard.token')).toBe(NEW);
    await vi.waitFor(() => expect(getConnectionState()).toEqual({ status: 'connected' }));
  });

  it('reports the service as lost when a call cannot reach it, and tells listeners', async () => {
    installPage(`#token=${OLD}`);
    installService({ token: OLD, running: false });
    const { bridge, getConnectionState, onConnectionChange } = await loadBridge();
    const changes = vi.fn();
    onConnectionChange(changes);

    const result = await bridge.getSession({});

    expect(result.ok).toBe(false);
    expect(getConnectionState()).toEqual({ status: 'lost', reason: 'unreachable' });
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('reports the service as lost when the event stream drops and does not come back', async () => {
    installPage(`#token=${OLD}`);
    const server = installService({ token: OLD, running: false });
    const { onBridgeEvent, getConnectionState } = await loadBridge();

    const off = onBridgeEvent(() => undefined);
    await vi.waitFor(() => expect(server.streamTokens.length).toBeGreaterThanOrEqual(2));
    await vi.waitFor(() =>
      expect(getConnectionState()).toEqual({ status: 'lost', reason: 'unreachable' }),
    );
    off();
  });

  it('reconnects with a pasted address: only its token is used, once the service accepts it', async () => {
    const page = installPage(`#token=${OLD}`);
    const server = installService({ token: OLD, running: true });
    const { bridge, reconnectWithAddress, getConnectionState } = await loadBridge();
    await bridge.getSession({});
    server.service.token = NEW;
    await bridge.getSession({});
    expect(getConnectionState().status).toBe('lost');

    const outcome = await reconnectWithAddress(`  http://127.0.0.1:47200/#token=${NEW} `);

    expect(outcome).toEqual({ ok: true });
    expect(getConnectionState()).toEqual({ status: 'connected' });
    await bridge.getSession({});
    expect(server.tokensSeen.at(-1)).toBe(NEW);
    expect(page.storage.get('wizard.token')).toBe(NEW);
    expect(page.location.reload).not.toHaveBeenCalled();
  });

  it('keeps the old token and explains when the pasted address is wrong or stale', async () => {
    installPage(`#token=${OLD}`);
    const server = installService({ token: NEW, running: true });
    const { bridge, reconnectWithAddress } = await loadBridge();

    const noToken = await reconnectWithAddress('http://127.0.0.1:47200/');
    expect(noToken.ok).toBe(false);
    if (!noToken.ok) expect(noToken.message).toContain('#token=');

    const stale = await reconnectWithAddress(`http://127.0.0.1:47200/#token=${OLD}x`);
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.message).toContain('not its newest');

    await bridge.getSession({});
    expect(server.tokensSeen.at(-1)).toBe(OLD);
  });

  it('names the port problem when the service came back on another port', async () => {
    installPage(`#token=${OLD}`);
    installService({ token: OLD, running: false });
    const { reconnectWithAddress } = await loadBridge();

    const outcome = await reconnectWithAddress(`http://127.0.0.1:51000/#token=${NEW}`);

    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toContain('127.0.0.1:51000');
      expect(outcome.message).toContain('--port 47200');
      // The pasted token is never repeated back.
      expect(outcome.message).not.toContain(NEW);
    }
  });

  it('restarts the event stream with the new token as soon as the hash changes', async () => {
    const page = installPage(`#token=${OLD}`);
    const server = installService({ token: OLD, running: true });
    const { onBridgeEvent } = await loadBridge();
    const off = onBridgeEvent(() => undefined);
    await vi.waitFor(() => expect(server.streamTokens).toEqual([OLD]));

    server.service.token = NEW;
    page.changeHash(`#token=${NEW}`);

    await vi.waitFor(() => expect(server.streamTokens.at(-1)).toBe(NEW));
    off();
  });
});

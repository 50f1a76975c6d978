/**
 * The renderer's transport: preload IPC when `window.wizardBridge` exists, else token-authenticated
 * HTTP to the loopback server. The module picks the transport (and reads the token) once, so each
 * test installs its globals, resets the module registry and imports a fresh copy.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEvent } from '../../../electron/shared/contract';
import { fail, ok } from '../../../electron/shared/result';
import { error, fakeCore } from './support/fake-core';

const TOKEN = 'tok_Zr4n8WQ-launch-token_0123456789';
const STALE_TOKEN = 'tok_from-an-earlier-launch';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function loadBridge() {
  vi.resetModules();
  return import('../../../renderer/src/bridge/bridge');
}

// ---------------------------------------------------------------------------------------------
// Browser globals

interface BrowserPage {
  readonly location: { hash: string; pathname: string; search: string };
  readonly history: { replaceState: ReturnType<typeof vi.fn> };
  readonly storage: Map<string, string>;
  readonly sessionStorage: {
    getItem: ReturnType<typeof vi.fn>;
    setItem: ReturnType<typeof vi.fn>;
  };
  /** Every backoff delay the event stream asked window.setTimeout for. */
  readonly delays: number[];
}

function installBrowserPage(
  options: { hash?: string; stored?: string; storageThrows?: boolean } = {},
): BrowserPage {
  const location = { hash: options.hash ?? '', pathname: '/', search: '?lang=en' };
  const storage = new Map<string, string>();
  if (options.stored !== undefined) storage.set('wizard.token', options.stored);
  const sessionStorage = {
    getItem: vi.fn((key: string) => {
      if (options.storageThrows) throw new DOMException('denied', 'SecurityError');
      return storage.get(key) ?? null;
    }),
    setItem: vi.fn((key: string, value: string) => {
      if (options.storageThrows) throw new DOMException('denied', 'SecurityError');
      storage.set(key, value);
    }),
  };
  const history = {
    replaceState: vi.fn((_state: unknown, _unused: string, url: string) => {
      const parsed = new URL(url, 'http://127.0.0.1:5173');
      location.hash = parsed.hash;
      location.pathname = parsed.pathname;
      location.search = parsed.search;
    }),
  };
  const delays: number[] = [];
  const window = {
    location,
    history,
    sessionStorage,
    // Backoff waits are recorded, then run at once so reconnect tests need no fake clock.
    setTimeout: (fn: () => void, ms: number) => {
      delays.push(ms);
      return setTimeout(fn, 0);
    },
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  };
  vi.stubGlobal('window', window);
  vi.stubGlobal('location', location);
  vi.stubGlobal('history', history);
  vi.stubGlobal('sessionStorage', sessionStorage);
  return { location, history, storage, sessionStorage, delays };
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** A fetch stub; `api` answers POST /api/<method>, `events` answers GET /api/events. */
function installFetch(handlers: {
  api?: (method: string, init: RequestInit) => Promise<Response> | Response;
  events?: (signal: AbortSignal) => Promise<Response> | Response;
}) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    if (url === '/api/events') {
      if (!handlers.events) throw new TypeError('Failed to fetch');
      return handlers.events(init.signal as AbortSignal);
    }
    if (!handlers.api) throw new TypeError('Failed to fetch');
    return handlers.api(url.slice('/api/'.length), init);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(init?.headers).entries());
}

/** An event-stream response that sends `chunks`, then ends (or stays open until aborted). */
function sseResponse(signal: AbortSignal, chunks: string[], keepOpen = false): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!keepOpen) {
        controller.close();
        return;
      }
      signal.addEventListener('abort', () => {
        try {
          controller.error(new DOMException('The operation was aborted.', 'AbortError'));
        } catch {
          // Already closed.
        }
      });
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

/** A fetch that never answers until the request is aborted, like a stalled connection. */
function hangUntilAborted(signal: AbortSignal): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
}

const WAITING: BridgeEvent = {
  type: 'waiting',
  reason: 'rate_limited',
  operation: 'runVerify',
  retryAt: 1_700_000_030_000,
  attempt: 1,
};
const ARRIVED: BridgeEvent = { type: 'authorization', attemptId: 'a1', status: 'arrived' };

// ---------------------------------------------------------------------------------------------

describe('transport in Electron (preload present)', () => {
  it('sends every call to the preload method of the same name and never uses fetch', async () => {
    const core = fakeCore();
    vi.stubGlobal('window', { wizardBridge: core.bridge });
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const { bridge } = await loadBridge();

    const result = await bridge.selectTarget({ targetId: 'rclone' });

    expect(core.bridge.selectTarget).toHaveBeenCalledWith({ targetId: 'rclone' });
    expect(result).toEqual(ok(core.snapshot()));
    await bridge.listScopes({});
    expect(core.bridge.listScopes).toHaveBeenCalledTimes(1);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('passes a failure Result from the preload through unchanged', async () => {
    const core = fakeCore();
    const refusal = error('port_busy', 'Port 53682 is in use.');
    core.bridge.startAuthorization.mockResolvedValueOnce(fail(refusal));
    vi.stubGlobal('window', { wizardBridge: core.bridge });
    const { bridge } = await loadBridge();

    await expect(
      bridge.startAuthorization({ method: 'browser', forceReauthentication: false }),
    ).resolves.toEqual({ ok: false, error: refusal });
  });

  it('turns a rejected IPC call (main process gone) into an offline Result instead of throwing', async () => {
    const core = fakeCore();
    core.bridge.getSession.mockRejectedValueOnce(new Error('Render frame was disposed'));
    vi.stubGlobal('window', { wizardBridge: core.bridge });
    const { bridge } = await loadBridge();

    const result = await bridge.getSession({});

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('offline');
  });

  it('turns an IPC reply that is not a Result into unexpected_reply', async () => {
    const core = fakeCore();
    core.bridge.listTargets.mockResolvedValueOnce([] as never);
    vi.stubGlobal('window', { wizardBridge: core.bridge });
    const { bridge } = await loadBridge();

    const result = await bridge.listTargets({});

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unexpected_reply');
  });

  it("delivers events through the preload's onEvent and unsubscribes through it", async () => {
    const core = fakeCore();
    vi.stubGlobal('window', { wizardBridge: core.bridge });
    const { onBridgeEvent } = await loadBridge();
    const received: BridgeEvent[] = [];

    const off = onBridgeEvent((event) => received.push(event));
    core.emit(WAITING);
    off();
    core.emit(ARRIVED);

    expect(core.bridge.onEvent).toHaveBeenCalledTimes(1);
    expect(received).toEqual([WAITING]);
  });
});

describe('transport in a browser tab (no preload)', () => {
  it('POSTs each call as JSON to /api/<method> with the #token= value in x-wizard-token', async () => {
    installBrowserPage({ hash: `#token=${TOKEN}` });
    const fetchMock = installFetch({ api: () => jsonResponse(ok({ opened: false })) });
    const { bridge } = await loadBridge();

    const result = await bridge.selectTarget({ targetId: 'rclone' });

    expect(result).toEqual(ok({ opened: false }));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/selectTarget');
    expect(init?.method).toBe('POST');
    expect(headersOf(init)).toMatchObject({
      'content-type': 'application/json',
      'x-wizard-token': TOKEN,
    });
    expect(JSON.parse(String(init?.body))).toEqual({ targetId: 'rclone' });
  });

  it('moves the token from the address bar into sessionStorage and strips it from the URL', async () => {
    const page = installBrowserPage({ hash: `#token=${TOKEN}` });
    installFetch({ api: () => jsonResponse(ok(null)) });
    const { bridge } = await loadBridge();
    const { SESSION_TOKEN_KEY } = await import('../../../renderer/src/bridge/http-transport');

    await bridge.cancelAuthorization({});

    expect(page.storage.get(SESSION_TOKEN_KEY)).toBe(TOKEN);
    expect(page.history.replaceState).toHaveBeenCalledTimes(1);
    expect(page.history.replaceState).toHaveBeenCalledWith(null, '', '/?lang=en');
    expect(page.location.hash).toBe('');
  });

  it('keeps sending the token on later calls after it left the address bar', async () => {
    installBrowserPage({ hash: `#token=${TOKEN}` });
    const fetchMock = installFetch({ api: () => jsonResponse(ok(null)) });
    const { bridge } = await loadBridge();

    await bridge.cancelAuthorization({});
    await bridge.revokeToken({});

    expect(fetchMock.mock.calls.map(([, init]) => headersOf(init)['x-wizard-token'])).toEqual([
      TOKEN,
      TOKEN,
    ]);
  });

  it('after a reload without a hash, takes the token from sessionStorage and leaves the URL alone', async () => {
    const page = installBrowserPage({ stored: TOKEN });
    const fetchMock = installFetch({ api: () => jsonResponse(ok(null)) });
    const { bridge } = await loadBridge();

    await bridge.cancelAuthorization({});

    expect(headersOf(fetchMock.mock.calls[0]?.[1])['x-wizard-token']).toBe(TOKEN);
    expect(page.history.replaceState).not.toHaveBeenCalled();
  });

  it('prefers a fresh #token= (the wizard was restarted) over a stale one in sessionStorage', async () => {
    const page = installBrowserPage({ hash: `#token=${TOKEN}`, stored: STALE_TOKEN });
    const fetchMock = installFetch({ api: () => jsonResponse(ok(null)) });
    const { bridge } = await loadBridge();

    await bridge.cancelAuthorization({});

    expect(headersOf(fetchMock.mock.calls[0]?.[1])['x-wizard-token']).toBe(TOKEN);
    expect(page.storage.get('wizard.token')).toBe(TOKEN);
  });

  it('still uses the hash token for this page load when sessionStorage is disabled', async () => {
    const page = installBrowserPage({ hash: `#token=${TOKEN}`, storageThrows: true });
    const fetchMock = installFetch({ api: () => jsonResponse(ok(null)) });
    const { bridge } = await loadBridge();

    await expect(bridge.cancelAuthorization({})).resolves.toEqual(ok(null));

    expect(headersOf(fetchMock.mock.calls[0]?.[1])['x-wizard-token']).toBe(TOKEN);
    expect(page.location.hash).toBe('');
  });

  it('turns a network failure into an offline Result, never a thrown exception', async () => {
    installBrowserPage({ hash: `#token=${TOKEN}` });
    installFetch({
      api: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const { bridge } = await loadBridge();

    const result = await bridge.checkAppCredentials({ appKey: 'k', appSecret: 's3cr3t' });

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('offline');
      expect(result.error.remedy).not.toBe('');
    }
  });

  it("passes the server's 401 refusal body through as the Result", async () => {
    installBrowserPage({ stored: STALE_TOKEN });
    const refusal = fail(
      error('unauthorized', 'This page is not signed in to the wizard service.'),
    );
    installFetch({ api: () => jsonResponse(refusal, 401) });
    const { bridge } = await loadBridge();

    await expect(bridge.getSession({})).resolves.toEqual(refusal);
  });

  it('reports a proxy error page (5xx without JSON) as offline', async () => {
    installBrowserPage({ hash: `#token=${TOKEN}` });
    installFetch({ api: () => new Response('<html>Bad Gateway</html>', { status: 502 }) });
    const { bridge } = await loadBridge();

    const result = await bridge.getSession({});

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('offline');
  });

  it('reports a non-JSON or non-Result answer as unexpected_reply', async () => {
    installBrowserPage({ hash: `#token=${TOKEN}` });
    const answers = [
      new Response('Not found', { status: 404 }),
      jsonResponse({ session: 'not a Result' }),
      jsonResponse({ ok: true }),
    ];
    installFetch({ api: () => answers.shift() ?? jsonResponse(null) });
    const { bridge } = await loadBridge();

    for (let i = 0; i < 3; i += 1) {
      const result = await bridge.getSession({});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('unexpected_reply');
    }
  });

  it('reads events from /api/events with the token, dropping comments and malformed frames', async () => {
    installBrowserPage({ hash: `#token=${TOKEN}` });
    const fetchMock = installFetch({
      events: (signal) =>
        sseResponse(
          signal,
          [
            ': connected\n\n',
            `data: ${JSON.stringify(WAITING).slice(0, 20)}`,
            `${JSON.stringify(WAITING).slice(20)}\n\ndata: {not json\n\n`,
            `data: ${JSON.stringify(ARRIVED)}\n\n`,
          ],
          true,
        ),
    });
    const { onBridgeEvent } = await loadBridge();
    const received: BridgeEvent[] = [];

    const off = onBridgeEvent((event) => received.push(event));
    await vi.waitFor(() => expect(received).toHaveLength(2));
    off();

    expect(received).toEqual([WAITING, ARRIVED]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/events');
    expect(headersOf(init)).toMatchObject({
      'x-wizard-token': TOKEN,
      accept: 'text/event-stream',
    });
  });

  it('shares one event stream between listeners and closes it when the last one leaves', async () => {
    installBrowserPage({ hash: `#token=${TOKEN}` });
    let streamSignal: AbortSignal | null = null;
    const fetchMock = installFetch({
      events: (signal) => {
        streamSignal = signal;
        return sseResponse(signal, [`data: ${JSON.stringify(ARRIVED)}\n\n`], true);
      },
    });
    const { onBridgeEvent } = await loadBridge();
    const first: BridgeEvent[] = [];
    const second: BridgeEvent[] = [];

    const offFirst = onBridgeEvent((event) => first.push(event));
    const offSecond = onBridgeEvent((event) => second.push(event));
    await vi.waitFor(() => expect(second).toHaveLength(1));
    expect(first).toEqual([ARRIVED]);
    expect(fetchMock).toHaveBeenCalledTimes(1);

    offFirst();
    expect((streamSignal as AbortSignal | null)?.aborted).toBe(false);
    offSecond();
    expect((streamSignal as AbortSignal | null)?.aborted).toBe(true);
  });

  it('reconnects the event stream with doubling delays capped at 15 s, reset by a good connection', async () => {
    const page = installBrowserPage({ hash: `#token=${TOKEN}` });
    // Six refused connections, one that delivers an event and ends, one more refusal, then a
    // connection that stays open.
    const script: ('refuse' | 'deliver' | 'hang')[] = [
      ...Array<'refuse'>(6).fill('refuse'),
      'deliver',
      'refuse',
    ];
    const fetchMock = installFetch({
      events: (signal) => {
        const next = script.shift() ?? 'hang';
        if (next === 'refuse') throw new TypeError('Failed to fetch');
        if (next === 'deliver')
          return sseResponse(signal, [`data: ${JSON.stringify(ARRIVED)}\n\n`]);
        return hangUntilAborted(signal);
      },
    });
    const { onBridgeEvent } = await loadBridge();
    const received: BridgeEvent[] = [];

    const off = onBridgeEvent((event) => received.push(event));
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(9));
    off();

    expect(received).toEqual([ARRIVED]);
    expect(page.delays).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 1000, 2000]);
    // Stopped for good: no reconnect after the last listener left.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fetchMock).toHaveBeenCalledTimes(9);
  });
});

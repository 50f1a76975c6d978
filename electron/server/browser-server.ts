/**
 * Browser mode: the built renderer plus the bridge contract over HTTP, on 127.0.0.1 only.
 * The same `dispatchBridgeCall` as the IPC transport, so both modes run the same checks.
 */
import { readdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type BridgeApi,
  type BridgeEvent,
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_TOKEN_HEADER,
} from '../shared/contract';
import type { Result } from '../shared/result';
import { dispatchBridgeCall } from '../core/bridge/dispatch';
import type { EventSink } from '../core/platform';
import { constantTimeEqual } from '../core/net/constant-time';
import { isLoopbackHostHeader } from '../core/net/loopback-names';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../shared/security-headers';
import { trackConnections } from './connection-limits';
import { isAllowedOrigin } from './request-guards';
import { createStaticCache, pickEncoding } from './static-files';

/** The app's one policy (shared/security-headers), also sent by the desktop app's protocol. */
export const BROWSER_MODE_CSP = CONTENT_SECURITY_POLICY;

/**
 * How long and how much one client may take. A page on this machine sends small JSON bodies at
 * once, so anything slower or bigger is a stuck or hostile client holding a connection (a
 * 1-byte-per-3-s body would otherwise keep a socket for minutes, even after a 401). Responses are not
 * limited: the `waitForAuthorization` long poll and the event stream hold their *answer*, which
 * these limits never cut.
 */
export interface ServerLimits {
  /** Largest JSON body accepted (413 beyond). */
  readonly maxBodyBytes: number;
  /** From the end of the headers to the last body byte (408 beyond, connection closed). */
  readonly bodyTimeoutMs: number;
  /** Node's `headersTimeout`: the request line and headers must arrive within this. */
  readonly headersTimeoutMs: number;
  /** Node's `requestTimeout`: headers plus body, the outer stop if a route forgets its own. */
  readonly requestTimeoutMs: number;
  /** Open connections served; more get a 503 and are closed. */
  readonly maxConnections: number;
  /** Connections without the token yet: their share (connection-limits.ts). */
  readonly maxUnauthenticated: number;
  /** How long such a connection may sit without a request in progress (a header timeout). */
  readonly unauthenticatedIdleMs: number;
  /** Event streams open at once (all carry the token); a new one ends the oldest. */
  readonly maxEventStreams: number;
  /** After a refusal, how long an unread body may keep arriving before the socket is dropped. */
  readonly lingerMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxBodyBytes: 64 * 1024,
  bodyTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  // One tab uses the event stream, a long poll and a few calls; a handful of tabs fit easily.
  maxConnections: 64,
  maxUnauthenticated: 16,
  unauthenticatedIdleMs: 3_000,
  maxEventStreams: 8,
  lingerMs: 500,
};

export interface BrowserServerOptions {
  readonly service: BridgeApi;
  readonly token: string;
  readonly rendererDir: string;
  readonly port: number;
  /** One line per request (method, path, status). Never bodies, headers or query strings. */
  readonly log?: (line: string) => void;
  /** Tests shorten these; production uses DEFAULT_SERVER_LIMITS. */
  readonly limits?: Partial<ServerLimits>;
}

export interface RunningBrowserServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  readonly events: EventSink;
  close(): Promise<void>;
}

function securityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function refusal(
  code: 'unauthorized' | 'invalid_input' | 'internal',
  message: string,
  remedy: string,
): Result<never> {
  return { ok: false, error: { code, message, remedy } };
}

type BodyOutcome =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'too_slow' }
  | { readonly kind: 'aborted' };

/** Reads the whole body within the size and time limits; stops reading at the first breach. */
function readBody(req: IncomingMessage, limits: ServerLimits): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
    // Refuse before reading a byte: the client said how much it will send.
    return Promise.resolve({ kind: 'too_large' });
  }
  return new Promise<BodyOutcome>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: BodyOutcome): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      // Stop pulling the rest of a refused body into memory; the socket is closed after the reply.
      if (outcome.kind !== 'ok') req.pause();
      resolve(outcome);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limits.maxBodyBytes) settle({ kind: 'too_large' });
      else chunks.push(chunk);
    };
    const onEnd = (): void => settle({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') });
    const onAbort = (): void => settle({ kind: 'aborted' });
    const timer = setTimeout(() => settle({ kind: 'too_slow' }), limits.bodyTimeoutMs);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onAbort);
    req.once('close', onAbort);
  });
}

/**
 * Marks a response as the last one on its connection: `Connection: close`, then, once it is
 * written, end our side and drop the socket after a short linger. Whatever body the client was
 * still sending is never read to the end, so a refused client cannot keep the connection.
 */
function closeAfter(req: IncomingMessage, res: ServerResponse, lingerMs: number): void {
  res.setHeader('Connection', 'close');
  res.once('finish', () => {
    const socket = req.socket;
    socket.end();
    // Destroying at once could reset the connection before the client reads the answer; a short
    // linger lets it arrive, then the socket goes whatever the client does.
    const linger = setTimeout(() => socket.destroy(), lingerMs);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  });
}

export async function startBrowserServer(
  options: BrowserServerOptions,
): Promise<RunningBrowserServer> {
  const log = options.log ?? (() => undefined);
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  const subscribers = new Set<ServerResponse>();
  const staticFiles = createStaticCache(options.rendererDir);
  const events: EventSink = {
    emit(event: BridgeEvent) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const res of subscribers) res.write(frame);
    },
  };

  const server = createServer(
    // Node only enforces headers/request timeouts when it checks, every 30 s by default.
    { connectionsCheckingInterval: Math.max(50, Math.min(1_000, limits.headersTimeoutMs / 4)) },
    (req, res) => {
      void handle(req, res).catch(() => {
        if (!res.headersSent)
          sendJson(res, 500, refusal('internal', 'The wizard service failed.', 'Try again.'));
        else res.end();
      });
    },
  );
  const connections = trackConnections(server, limits);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const done = (status: number): void => log(`[server] ${req.method} ${path} ${status}`);
    const refuse = (status: number, body: Result<never>): void => {
      closeAfter(req, res, limits.lingerMs);
      sendJson(res, status, body);
      done(status);
    };

    if (connections.isOverflow(req.socket)) {
      res.setHeader('Retry-After', '2');
      return refuse(
        503,
        refusal(
          'internal',
          'The wizard service has too many open connections right now.',
          'Close other wizard tabs, wait a moment and try again.',
        ),
      );
    }
    if (!isLoopbackHostHeader(req.headers.host)) {
      // DNS rebinding: the browser thinks it talks to evil.example; refuse before anything else.
      closeAfter(req, res, limits.lingerMs);
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('This wizard only answers on 127.0.0.1, localhost or [::1].\n');
      return done(421);
    }
    const origin = req.headers.origin;
    if (!isAllowedOrigin(typeof origin === 'string' ? origin : undefined)) {
      return refuse(
        403,
        refusal(
          'unauthorized',
          'Requests from other sites are refused.',
          'Open the wizard from the address it printed.',
        ),
      );
    }

    if (path.startsWith(HTTP_API_PREFIX)) {
      const given = req.headers[HTTP_TOKEN_HEADER];
      if (!constantTimeEqual(options.token, typeof given === 'string' ? given : undefined)) {
        return refuse(
          401,
          refusal(
            'unauthorized',
            'This page is not signed in to the wizard service.',
            'Open the full address the wizard printed (it ends with #token=…); a restarted wizard prints a new one.',
          ),
        );
      }
      connections.authenticate(req.socket);
      let method: string;
      try {
        method = decodeURIComponent(path.slice(HTTP_API_PREFIX.length));
      } catch {
        // Malformed percent-encoding (`/api/%E0%A4%A`) is the client's mistake, not a server fault.
        return refuse(
          400,
          refusal('invalid_input', 'That request address is malformed.', 'Reload the wizard page.'),
        );
      }
      if (path === HTTP_EVENTS_PATH && req.method === 'GET') {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        // A page reloading in a loop (or many tabs) must not hold every connection: a new stream
        // ends the oldest one beyond the cap; a live page reconnects its stream on its own.
        while (subscribers.size >= limits.maxEventStreams) {
          const oldest = subscribers.values().next().value;
          if (!oldest) break;
          subscribers.delete(oldest);
          // Its connection goes too, or the ended stream's keep-alive socket would still count.
          const socket = oldest.socket;
          oldest.end(() => socket?.destroy());
        }
        subscribers.add(res);
        req.on('close', () => subscribers.delete(res));
        return done(200);
      }
      if (req.method !== 'POST') {
        return refuse(
          405,
          refusal('invalid_input', 'Bridge calls use POST.', 'Reload the wizard page.'),
        );
      }
      const contentType = req.headers['content-type'] ?? '';
      if (!contentType.startsWith('application/json')) {
        return refuse(
          415,
          refusal('invalid_input', 'Bridge calls must be JSON.', 'Reload the wizard page.'),
        );
      }
      const body = await readBody(req, limits);
      if (body.kind === 'aborted') {
        res.destroy();
        return done(499);
      }
      if (body.kind === 'too_large') {
        return refuse(
          413,
          refusal('invalid_input', 'That request was too large.', 'Reload the wizard page.'),
        );
      }
      if (body.kind === 'too_slow') {
        return refuse(
          408,
          refusal(
            'invalid_input',
            'That request arrived too slowly and was stopped.',
            'Check the connection to the wizard (an SSH tunnel?) and try again.',
          ),
        );
      }
      const raw = body.text;
      let args: unknown;
      try {
        args = raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
      } catch {
        return refuse(
          400,
          refusal('invalid_input', 'That request was not valid JSON.', 'Reload the wizard page.'),
        );
      }
      const result = await dispatchBridgeCall(options.service, method, args);
      sendJson(res, 200, result);
      return done(200);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      closeAfter(req, res, limits.lingerMs);
      res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return done(405);
    }
    const file = await staticFiles.get(path);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return done(404);
    }
    // Hashed build output never changes under its name; the page itself is never cached.
    const immutable = path.startsWith('/assets/');
    const headers: Record<string, string> = {
      'Content-Type': file.type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      Vary: 'Accept-Encoding',
    };
    if (immutable) {
      headers.ETag = file.etag;
      const given = req.headers['if-none-match'];
      if (typeof given === 'string' && given.split(',').some((tag) => tag.trim() === file.etag)) {
        res.writeHead(304, headers);
        res.end();
        return done(304);
      }
    }
    const accept = req.headers['accept-encoding'];
    const { coding, body } = pickEncoding(file, typeof accept === 'string' ? accept : undefined);
    if (coding !== 'identity') headers['Content-Encoding'] = coding;
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return done(200);
  }

  // Both count only while the request is still arriving: once the body is in, a long poll or the
  // event stream may hold its response as long as it needs. No socket idle timeout for the same
  // reason (the event stream is quiet between events).
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);
  // Beyond the answered overflow, Node drops connections outright.
  server.maxConnections = limits.maxConnections * 2;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Read and compress the page and its build output now, while no browser waits for them.
  void readdir(`${options.rendererDir}/assets`)
    .catch(() => [] as string[])
    .then((names) => staticFiles.warm(['/', ...names.map((name) => `/assets/${name}`)]));
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/#token=${options.token}`,
    events,
    async close() {
      for (const res of subscribers) res.end();
      subscribers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

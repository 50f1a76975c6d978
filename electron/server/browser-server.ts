/**
 * Browser mode: the built renderer plus the bridge contract over HTTP, on 127.0.0.1 only.
 * The same `dispatchBridgeCall` as the IPC transport, so both modes run the same checks.
 */
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
import { isAllowedOrigin, isLoopbackHost, tokenMatches } from './request-guards';
import { loadStatic } from './static-files';

/** Same policy as the renderer's meta tag; sent as a header too so no page is ever without one. */
export const BROWSER_MODE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

const MAX_BODY_BYTES = 64 * 1024;

export interface BrowserServerOptions {
  readonly service: BridgeApi;
  readonly token: string;
  readonly rendererDir: string;
  readonly port: number;
  /** One line per request (method, path, status). Never bodies, headers or query strings. */
  readonly log?: (line: string) => void;
}

export interface RunningBrowserServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  readonly events: EventSink;
  close(): Promise<void>;
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', BROWSER_MODE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function refusal(
  code: 'unauthorized' | 'invalid_input',
  message: string,
  remedy: string,
): Result<never> {
  return { ok: false, error: { code, message, remedy } };
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBrowserServer(
  options: BrowserServerOptions,
): Promise<RunningBrowserServer> {
  const log = options.log ?? (() => undefined);
  const subscribers = new Set<ServerResponse>();
  const events: EventSink = {
    emit(event: BridgeEvent) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const res of subscribers) res.write(frame);
    },
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, refusal('invalid_input', 'The wizard service failed.', 'Try again.'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const done = (status: number): void => log(`[server] ${req.method} ${path} ${status}`);

    if (!isLoopbackHost(req.headers.host)) {
      // DNS rebinding: the browser thinks it talks to evil.example; refuse before anything else.
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('This wizard only answers on 127.0.0.1, localhost or [::1].\n');
      return done(421);
    }
    const origin = req.headers.origin;
    if (!isAllowedOrigin(typeof origin === 'string' ? origin : undefined)) {
      sendJson(
        res,
        403,
        refusal(
          'unauthorized',
          'Requests from other sites are refused.',
          'Open the wizard from the address it printed.',
        ),
      );
      return done(403);
    }

    if (path.startsWith(HTTP_API_PREFIX)) {
      const given = req.headers[HTTP_TOKEN_HEADER];
      if (!tokenMatches(options.token, typeof given === 'string' ? given : undefined)) {
        sendJson(
          res,
          401,
          refusal(
            'unauthorized',
            'This page is not signed in to the wizard service.',
            'Open the full address the wizard printed (it ends with #token=…); a restarted wizard prints a new one.',
          ),
        );
        return done(401);
      }
      if (path === HTTP_EVENTS_PATH && req.method === 'GET') {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        subscribers.add(res);
        req.on('close', () => subscribers.delete(res));
        return done(200);
      }
      if (req.method !== 'POST') {
        sendJson(
          res,
          405,
          refusal('invalid_input', 'Bridge calls use POST.', 'Reload the wizard page.'),
        );
        return done(405);
      }
      const contentType = req.headers['content-type'] ?? '';
      if (!contentType.startsWith('application/json')) {
        sendJson(
          res,
          415,
          refusal('invalid_input', 'Bridge calls must be JSON.', 'Reload the wizard page.'),
        );
        return done(415);
      }
      const raw = await readBody(req);
      if (raw === null) {
        sendJson(
          res,
          413,
          refusal('invalid_input', 'That request was too large.', 'Reload the wizard page.'),
        );
        return done(413);
      }
      let args: unknown;
      try {
        args = raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
      } catch {
        sendJson(
          res,
          400,
          refusal('invalid_input', 'That request was not valid JSON.', 'Reload the wizard page.'),
        );
        return done(400);
      }
      const method = decodeURIComponent(path.slice(HTTP_API_PREFIX.length));
      const result = await dispatchBridgeCall(options.service, method, args);
      sendJson(res, 200, result);
      return done(200);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return done(405);
    }
    const file = await loadStatic(options.rendererDir, path);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return done(404);
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Cache-Control': path.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
    return done(200);
  }

  // Long polls hold a request for up to 25 s; the default timeouts would cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
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

/**
 * One HTTP server for both Dropbox hosts: "www" (`/oauth2/authorize`, `/developers/apps`) and
 * "api" (`/oauth2/token`, `/2/…`), plus the test control API under `/__emulator/`. Every response
 * carries `X-Dropbox-Request-Id` (dropbox-sdk-python, -java and -dotnet read it).
 * Injected faults and latency apply to everything except
 * the control API. Nothing is ever written to stdout or stderr from here.
 */
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAuthorizePaths } from './authorize';
import { handleControl, type Controller } from './control';
import { errorSummary, pyJson, redirect, sendHtml, sendJson, sendText } from './http-util';
import { newRequestId } from './ids';
import {
  appConsolePage,
  captivePortalPage,
  contentSecurityPolicy,
  errorPage,
  notFoundPage,
  serverErrorPage,
} from './oauth-pages';
import { handleRpc } from './rpc-routes';
import type { Fault, FaultBody, RequestLogEntry } from './state';
import { handleTokenEndpoint } from './token-endpoint';

export interface ServerConfig {
  /** Added before every non-control request. */
  latencyMs: number;
}

export function createEmulatorServer(controller: Controller, config: ServerConfig): Server {
  const server = createServer((req, res) => {
    void handle(controller, config, req, res);
  });
  // Garbage that is not HTTP at all: answer 400 and close, never crash.
  server.on('clientError', (_err, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

function parseUrl(raw: string): URL | null {
  try {
    // Origin-form paths are resolved against a fixed base so `//host/x` stays a path.
    return raw.startsWith('/') ? new URL(`http://127.0.0.1${raw}`) : new URL(raw);
  } catch {
    return null;
  }
}

async function handle(
  controller: Controller,
  config: ServerConfig,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const state = controller.state;
  res.setHeader('X-Dropbox-Request-Id', newRequestId());
  try {
    const url = parseUrl(req.url ?? '/');
    if (url === null) {
      sendText(res, 400, 'Bad request');
      return;
    }
    if (url.pathname.startsWith('/__emulator/')) {
      await handleControl(controller, req, res, url);
      return;
    }

    const entry = state.logRequest({
      time: new Date(state.now()).toISOString(),
      method: req.method ?? '',
      url: req.url ?? '',
      path: url.pathname,
      headerNames: Object.keys(req.headers).sort(),
      status: null,
    });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    const fault = state.takeFault(url.pathname);
    const latency = config.latencyMs + (fault?.latencyMs ?? 0);
    if (latency > 0) await sleep(latency);
    if (fault?.drop === true) {
      req.socket.destroy();
      return;
    }
    if (fault !== undefined && fault.status !== null) {
      sendFault(res, url.pathname, fault, state.options.errorSummaryDots);
      return;
    }
    await route(controller, req, res, url, entry);
  } catch {
    // Never echo internals (they could hold request data); never crash the server.
    if (!res.headersSent) sendText(res, 500, 'Internal emulator error');
    else res.destroy();
  }
}

async function route(
  controller: Controller,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  entry: RequestLogEntry,
): Promise<void> {
  const state = controller.state;
  if (await handleAuthorizePaths(state, req, res, url)) return;
  const path = url.pathname;
  if (path === '/oauth2/token') return handleTokenEndpoint(state, req, res, url, entry);
  if (path.startsWith('/2/') || path === '/2') return handleRpc(state, req, res, url);
  if (path === '/1/oauth2/token') {
    // The v1 token endpoint answers 410 Gone with an HTML page (dbxcli#150).
    sendHtml(
      res,
      410,
      errorPage({
        status: 410,
        kind: 'app_state',
        detail: 'This API endpoint has been retired. Use /oauth2/token.',
      }),
      contentSecurityPolicy(),
    );
    return;
  }
  if (
    (path === '/developers/apps' || path === '/developers/apps/') &&
    (req.method === 'GET' || req.method === 'HEAD')
  ) {
    sendHtml(res, 200, appConsolePage(state.apps), contentSecurityPolicy());
    return;
  }
  if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
    redirect(res, '/developers/apps');
    return;
  }
  sendHtml(res, 404, notFoundPage(), contentSecurityPolicy());
}

/**
 * The body a fault gets when it names none: what that surface answers today (observed replies,
 * e.g. snarfed/oauth-dropins#729 for /oauth2/token).
 */
function defaultFaultBody(path: string, status: number): FaultBody {
  if (path.startsWith('/oauth2/authorize') || path.startsWith('/developers')) return 'html';
  if (status === 429) return 'json';
  if (path === '/oauth2/token' && status >= 500) return 'json';
  if (path.startsWith('/2/') && status === 401) return 'json';
  return 'text';
}

/** The JSON a fault of `status` carries on `path` (also the source of a truncated body). */
function faultJson(
  path: string,
  status: number,
  retryAfter: number,
  dots: 'random' | number,
): Record<string, unknown> {
  if (status === 429)
    return {
      error_summary: errorSummary(['too_many_requests'], dots),
      error: { reason: { '.tag': 'too_many_requests' }, retry_after: retryAfter },
    };
  if (path === '/oauth2/token' && status >= 500)
    return {
      error: 'The server has either erred or is incapable of performing the requested operation.',
    };
  if (status === 401)
    return {
      error_summary: errorSummary(['invalid_access_token'], dots),
      error: { '.tag': 'invalid_access_token' },
    };
  // No observed shape for other statuses: a generic object that no route result matches.
  return { error: STATUS_CODES[status] ?? 'Error' };
}

/**
 * An injected answer. Without `body` it looks like the real one for that surface (observed
 * replies); `body` forces JSON, plain text, HTML (a captive portal or proxy login page for 200,
 * 401 and 407), JSON cut in half, or nothing at all. 429 always carries Retry-After
 * (dropbox-sdk-dotnet TestRateLimit; dropbox-api-spec RateLimitError).
 */
function sendFault(res: ServerResponse, path: string, fault: Fault, dots: 'random' | number): void {
  const status = fault.status as number;
  const retryAfter = fault.retryAfter ?? 1;
  const retryHeaders: Record<string, string> =
    fault.retryAfter !== null || status === 429 ? { 'Retry-After': String(retryAfter) } : {};
  const kind = fault.body ?? defaultFaultBody(path, status);
  switch (kind) {
    case 'html':
      sendHtml(
        res,
        status,
        // A Wi-Fi portal answers 200, a proxy asking for its login 401/407: neither is Dropbox's.
        status === 200 || status === 401 || status === 407
          ? captivePortalPage()
          : serverErrorPage(status),
        contentSecurityPolicy(),
        retryHeaders,
      );
      return;
    case 'json': {
      const authHeaders: Record<string, string> =
        status === 401 ? { 'WWW-Authenticate': 'Bearer realm="Dropbox-API"' } : {};
      sendJson(res, status, faultJson(path, status, retryAfter, dots), {
        ...retryHeaders,
        ...authHeaders,
      });
      return;
    }
    case 'truncated': {
      // Well-formed HTTP (right Content-Length), but the JSON stops halfway.
      const full = pyJson(faultJson(path, status, retryAfter, dots));
      const cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
      res.writeHead(status, {
        ...retryHeaders,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(cut)),
      });
      res.end(cut);
      return;
    }
    case 'empty':
      res.writeHead(status, { ...retryHeaders, 'Content-Length': '0' });
      res.end();
      return;
    case 'text':
      sendText(res, status, STATUS_CODES[status] ?? 'Error', retryHeaders);
      return;
  }
}

/**
 * The app:// protocol: serves the built renderer (out/renderer) to the wizard window.
 *
 * Electron security checklist item 18 ("prefer custom protocols over file://"): pages get a real
 * origin (`app://wizard`) that the IPC sender check can trust, and the
 * grantFileProtocolExtraPrivileges fuse can be turned off (electron-builder.yml). The scheme is
 * privileged as `standard` (origin and relative URLs work) and `secure` (a secure context), with
 * fetch support for ES module loading; `corsEnabled` stays unset so no other origin can read app://
 * responses, and `bypassCSP` stays unset so the CSP header applies.
 */
import { readFile, stat } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../app-paths';
import { resolveAppRequestPath, responseHeaders } from './app-path-resolver';

/** Must run before `app` is ready (Electron's rule for registerSchemesAsPrivileged). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** The request handler, exported so a unit test can drive it with a plain Request. */
export function createAppRequestHandler(rootDir: string, log: (line: string) => void = () => {}) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plain(405, 'Method not allowed');
    const resolved = resolveAppRequestPath(request.url, rootDir, APP_HOST);
    if (resolved.kind === 'not-found') {
      // The reason only; the URL itself stays out of the log.
      log(`[app-protocol] refused a request (${resolved.reason})`);
      return plain(404, 'Not found');
    }
    try {
      const info = await stat(resolved.filePath);
      if (!info.isFile()) return plain(404, 'Not found');
      const body = request.method === 'HEAD' ? null : await readFile(resolved.filePath);
      return new Response(body, { status: 200, headers: responseHeaders(resolved.filePath) });
    } catch {
      return plain(404, 'Not found');
    }
  };
}

/** Installs the handler on the default session (the wizard window's). Call after ready. */
export function handleAppProtocol(rootDir: string, log?: (line: string) => void): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir, log));
}

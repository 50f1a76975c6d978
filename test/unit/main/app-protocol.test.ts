import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronMock));

import {
  CONTENT_SECURITY_POLICY,
  mimeTypeFor,
  resolveAppRequestPath,
} from '../../../electron/main/protocol/app-path-resolver';
import {
  createAppRequestHandler,
  handleAppProtocol,
  registerAppScheme,
} from '../../../electron/main/protocol/app-protocol';
import { electronMock, resetFakes } from './fake-electron';

const root = path.resolve('/srv/app/out/renderer');

describe('app:// path resolution (Electron security checklist #18)', () => {
  it.each([
    ['app://wizard/index.html', 'index.html'],
    ['app://wizard/', 'index.html'],
    ['app://wizard', 'index.html'],
    ['app://wizard/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['app://wizard/assets/index.css?v=1#x', 'assets/index.css'],
    ['app://wizard/assets/my%20font.woff2', 'assets/my font.woff2'],
    ['app://WIZARD/index.html', 'index.html'],
  ])('maps %s inside the renderer folder', (url, relative) => {
    expect(resolveAppRequestPath(url, root, 'wizard')).toEqual({
      kind: 'file',
      filePath: path.join(root, relative),
    });
  });

  it.each([
    ['a literal dot-dot (if it ever arrives un-normalised)', 'app://wizard/../../etc/passwd'],
    ['an encoded dot-dot', 'app://wizard/%2e%2e/%2e%2e/etc/passwd'],
    ['an upper-case encoded dot-dot', 'app://wizard/assets/%2E%2E/%2E%2E/secret'],
    ['an encoded slash with dot-dot', 'app://wizard/..%2f..%2fetc%2fpasswd'],
    ['an encoded backslash', 'app://wizard/..%5c..%5cwindows%5cwin.ini'],
    [
      'a double-encoded dot-dot that decodes to a dot segment only once',
      'app://wizard/%2e%2e%2fsecret',
    ],
    ['an encoded NUL', 'app://wizard/index.html%00.png'],
    ['a drive letter', 'app://wizard/C:/Windows/win.ini'],
    ['an encoded drive letter', 'app://wizard/C%3A%5CWindows%5Cwin.ini'],
    ['a malformed escape', 'app://wizard/%E0%A4%A'],
    ['a single dot segment', 'app://wizard/./index.html'],
    ['another host', 'app://evil/index.html'],
    ['userinfo', 'app://user@wizard/index.html'],
    ['a port', 'app://wizard:8080/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['https', 'https://wizard/index.html'],
    ['garbage', '::::'],
  ])('refuses %s', (_label, url) => {
    expect(resolveAppRequestPath(url, root, 'wizard').kind).toBe('not-found');
  });

  it('keeps absolute-looking paths inside the root', () => {
    for (const url of ['app://wizard//etc/passwd', 'app://wizard/%2Fetc%2Fpasswd']) {
      const result = resolveAppRequestPath(url, root, 'wizard');
      expect(result.kind).toBe('file');
      if (result.kind === 'file') expect(result.filePath.startsWith(root + path.sep)).toBe(true);
    }
  });

  it('leaves a double-encoded dot-dot as a literal, contained file name', () => {
    const result = resolveAppRequestPath('app://wizard/%252e%252e/secret', root, 'wizard');
    expect(result).toEqual({ kind: 'file', filePath: path.join(root, '%2e%2e', 'secret') });
  });

  it('knows the MIME types the renderer build produces', () => {
    expect(mimeTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a/x.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a/x.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a/x.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a/x.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a/x.PNG')).toBe('image/png');
    expect(mimeTypeFor('a/x.unknown')).toBe('application/octet-stream');
  });
});

describe('the app:// request handler', () => {
  let dir: string;
  let outside: string;

  beforeAll(() => {
    const base = mkdtempSync(path.join(tmpdir(), 'app-protocol-'));
    dir = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    mkdirSync(path.join(dir, 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'assets', 'app.css'), 'body{}');
    writeFileSync(outside, 'do not serve');
  });
  afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  const get = (url: string, method = 'GET') =>
    createAppRequestHandler(dir)(new Request(url, { method }));

  it('serves index.html with the strict CSP, nosniff and the HTML type', async () => {
    const response = await get('app://wizard/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = response.headers.get('content-security-policy');
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe');
    expect(await response.text()).toContain('<title>x</title>');
  });

  it('serves the root as index.html', async () => {
    expect((await get('app://wizard/')).headers.get('content-security-policy')).toBe(
      CONTENT_SECURITY_POLICY,
    );
  });

  it('serves scripts and styles with their types and nosniff', async () => {
    const js = await get('app://wizard/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    const css = await get('app://wizard/assets/app.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://wizard/%2e%2e/secret.txt',
    'app://wizard/..%2fsecret.txt',
    'app://other/index.html',
    'app://wizard/missing.js',
    'app://wizard/assets',
  ])('answers 404 for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('do not serve');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://wizard/index.html', 'POST')).status).toBe(405);
    const head = await get('app://wizard/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('scheme registration', () => {
  beforeEach(() => resetFakes());

  it('registers app:// as standard and secure, without CORS or CSP bypass', () => {
    registerAppScheme();
    const [schemes] = electronMock.protocol.registerSchemesAsPrivileged.mock
      .calls[0] as unknown as [Array<{ scheme: string; privileges: Record<string, boolean> }>];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]?.scheme).toBe('app');
    expect(schemes[0]?.privileges).toMatchObject({ standard: true, secure: true });
    expect(schemes[0]?.privileges['corsEnabled']).toBeUndefined();
    expect(schemes[0]?.privileges['bypassCSP']).toBeUndefined();
  });

  it('installs the handler for the app scheme', () => {
    handleAppProtocol('/tmp/none');
    expect(electronMock.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});

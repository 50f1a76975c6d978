/**
 * One policy everywhere: the desktop app's protocol, browser mode's server and the renderer's
 * meta tag all carry shared/security-headers' policy (the meta tag without frame-ancestors,
 * which a <meta> policy ignores).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { responseHeaders } from '../../../electron/main/protocol/app-path-resolver';
import { BROWSER_MODE_CSP } from '../../../electron/server/browser-server';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
} from '../../../electron/shared/security-headers';

const ROOT = path.resolve(__dirname, '../../..');

describe('one Content-Security-Policy', () => {
  it('the renderer meta tag is the shared policy, less frame-ancestors', () => {
    const html = readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
  });

  it("the desktop app's protocol and browser mode send the same headers", () => {
    const headers = responseHeaders('index.html');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name]).toBe(value);
    expect(BROWSER_MODE_CSP).toBe(CONTENT_SECURITY_POLICY);
    // Scripts get every header but the CSP (it only means something on documents).
    expect(responseHeaders('app.js')['Content-Security-Policy']).toBeUndefined();
    expect(responseHeaders('app.js')['X-Content-Type-Options']).toBe('nosniff');
  });
});

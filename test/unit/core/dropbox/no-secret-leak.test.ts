/**
 * The non-negotiable: app secret, code, PKCE verifier and tokens never appear in a request URL, an
 * error message, a remedy or a detail. A stub Dropbox on 127.0.0.1 records every URL it receives;
 * the flow runs happy paths and the error paths most likely to echo a credential back.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerifyChecks } from '../../../../electron/core/dropbox/checks';
import { checkAppCredentials } from '../../../../electron/core/dropbox/app-credentials-check';
import type { DropboxContext } from '../../../../electron/core/dropbox/context';
import { resolveEndpoints } from '../../../../electron/core/dropbox/endpoints';
import { toWizardError } from '../../../../electron/core/failure';
import {
  exchangeCode,
  refreshAccessToken,
  revokeAccessToken,
} from '../../../../electron/core/dropbox/oauth';
import {
  buildAuthorizeUrl,
  createPkce,
  createState,
  parseAuthorizationRedirect,
} from '../../../../electron/core/dropbox/authorize-request';
import { preflightAuthorize } from '../../../../electron/core/dropbox/preflight';
import { rpc } from '../../../../electron/core/dropbox/rpc';
import { SCOPES } from '../../../../electron/core/targets/scopes';

const KEY = 'leaktestappkey1';
const SECRET = 'Sup3rS3cretAppValue';
const CODE = 'AuthCodeValue-0123456789abcdefghijklmnop';
const ACCESS = 'sl.u.AccessTokenValue-0123456789abcdefghij';
const REFRESH = 'RefreshTokenValue-0123456789abcdefghijklmnopqrstuvwxyz';
const NEW_ACCESS = 'sl.u.RefreshedAccessToken-0123456789abc';
const BASIC = Buffer.from(`${KEY}:${SECRET}`).toString('base64');

/** Which behaviour the stub shows; the test switches it between steps. */
let mode: 'ok' | 'echo' | 'fail' = 'ok';
const urls: string[] = [];
let server: Server;
let origin: string;

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'x-dropbox-request-id': 'leakreq' });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  urls.push(req.url ?? '');
  let body = '';
  for await (const chunk of req) body += String(chunk);
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const auth = req.headers.authorization ?? '';
  if (path === '/oauth2/authorize')
    return send(res, 200, '<h1>Sign in</h1><form><input name="email"></form>', 'text/html');
  if (mode === 'echo') {
    // A hostile or buggy server quoting everything we sent back at us.
    if (path === '/oauth2/token') {
      return send(
        res,
        400,
        JSON.stringify({ error: `invalid_grant`, error_description: `bad ${body} with ${auth}` }),
      );
    }
    return send(
      res,
      400,
      `Error in call to API function "${path.slice(3)}": Invalid authorization value in HTTP header "Authorization": "${auth}". Body was ${body}`,
      'text/plain; charset=utf-8',
    );
  }
  if (mode === 'fail') {
    if (path === '/oauth2/token')
      return send(
        res,
        400,
        JSON.stringify({ error: `invalid_client: Invalid client_id or client_secret ${SECRET}` }),
      );
    return send(
      res,
      401,
      JSON.stringify({
        error_summary: 'invalid_access_token/',
        error: { '.tag': 'invalid_access_token' },
      }),
    );
  }
  if (path === '/oauth2/token') {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') === 'authorization_code') {
      return send(
        res,
        200,
        JSON.stringify({
          access_token: ACCESS,
          token_type: 'bearer',
          expires_in: 14400,
          refresh_token: REFRESH,
          scope: 'members.read team_info.read',
          uid: '',
          team_id: 'dbtid:leak',
        }),
      );
    }
    return send(
      res,
      200,
      JSON.stringify({ access_token: NEW_ACCESS, token_type: 'bearer', expires_in: 14400 }),
    );
  }
  if (path === '/2/check/app')
    return send(
      res,
      200,
      JSON.stringify({ result: (JSON.parse(body) as { query: string }).query }),
    );
  if (path === '/2/team/get_info')
    return send(res, 200, JSON.stringify({ name: 'Leak Co', team_id: 'dbtid:leak' }));
  if (path === '/2/team/token/get_authenticated_admin')
    return send(
      res,
      200,
      JSON.stringify({ admin_profile: { email: 'a@example.test', name: { display_name: 'A' } } }),
    );
  if (path === '/2/auth/token/revoke') return send(res, 200, 'null');
  return send(res, 200, JSON.stringify({ members: [], cursor: 'c', has_more: false }));
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('no secret leaves through URLs or error texts', () => {
  it('holds over a full flow and its error paths', async () => {
    const { verifier, challenge } = await createPkce();
    const secrets = [SECRET, CODE, ACCESS, REFRESH, NEW_ACCESS, BASIC, verifier];
    const texts: string[] = [];
    const clientUrls: string[] = [];
    const ctx: DropboxContext = {
      endpoints: resolveEndpoints({ DROPBOX_WEB_ORIGIN: origin, DROPBOX_API_ORIGIN: origin }),
      fetch: ((input: string | URL | Request, init?: RequestInit) => {
        clientUrls.push(String(input));
        return fetch(input, init);
      }) as typeof fetch,
      sleep: async () => undefined,
      retry: { maxAttempts: 1 },
    };
    const capture = async (p: Promise<unknown>): Promise<void> => {
      try {
        const value = await p;
        if (value && typeof value === 'object' && ('checks' in value || 'status' in value))
          texts.push(JSON.stringify(value));
      } catch (err) {
        const e = toWizardError(err);
        texts.push(
          String((err as Error).message),
          JSON.stringify(e),
          String((err as Error).stack ?? ''),
        );
      }
    };
    const redirect = 'http://127.0.0.1:47210/oauth/callback';
    const state = createState();

    // Happy path.
    mode = 'ok';
    await capture(checkAppCredentials(ctx, { appKey: KEY, appSecret: SECRET }));
    const url = buildAuthorizeUrl(ctx.endpoints, {
      appKey: KEY,
      redirectUri: redirect,
      state,
      codeChallenge: challenge,
    });
    await capture(preflightAuthorize(ctx, url));
    const { code } = parseAuthorizationRedirect(`${redirect}?code=${CODE}&state=${state}`, state);
    await capture(
      exchangeCode(ctx, {
        appKey: KEY,
        appSecret: SECRET,
        code,
        redirectUri: redirect,
        codeVerifier: verifier,
      }),
    );
    const verifyInput = {
      appKey: KEY,
      appSecret: SECRET,
      refreshToken: REFRESH,
      accessToken: ACCESS,
      tokenKind: 'team' as const,
      grantedScopes: ['members.read', 'team_info.read'],
      requiredScopes: ['members.read', 'team_info.read', 'events.read'],
      expectTeamAdmin: true,
      scopeCatalogue: SCOPES,
    };
    await capture(runVerifyChecks(ctx, verifyInput));
    await capture(
      refreshAccessToken(ctx, { appKey: KEY, appSecret: SECRET, refreshToken: REFRESH }),
    );
    await capture(revokeAccessToken(ctx, ACCESS));

    // A server that echoes our credentials back in its errors.
    mode = 'echo';
    await capture(checkAppCredentials(ctx, { appKey: KEY, appSecret: SECRET }));
    await capture(
      exchangeCode(ctx, {
        appKey: KEY,
        appSecret: SECRET,
        code,
        redirectUri: redirect,
        codeVerifier: verifier,
      }),
    );
    await capture(exchangeCode(ctx, { appKey: KEY, appSecret: SECRET, code, redirectUri: null }));
    await capture(
      refreshAccessToken(ctx, { appKey: KEY, appSecret: SECRET, refreshToken: REFRESH }),
    );
    await capture(runVerifyChecks(ctx, verifyInput));
    await capture(rpc(ctx, 'team/get_info', { auth: { kind: 'bearer', token: ACCESS } }));
    await capture(revokeAccessToken(ctx, ACCESS));

    // Plain failures.
    mode = 'fail';
    await capture(checkAppCredentials(ctx, { appKey: KEY, appSecret: SECRET }));
    await capture(
      exchangeCode(ctx, { appKey: KEY, appSecret: SECRET, code, redirectUri: redirect }),
    );
    await capture(runVerifyChecks(ctx, verifyInput));
    await capture(revokeAccessToken(ctx, ACCESS));

    // Network failure mid-exchange.
    const dead: DropboxContext = {
      ...ctx,
      endpoints: resolveEndpoints({
        DROPBOX_WEB_ORIGIN: 'http://127.0.0.1:9',
        DROPBOX_API_ORIGIN: 'http://127.0.0.1:9',
      }),
    };
    await capture(
      exchangeCode(dead, { appKey: KEY, appSecret: SECRET, code, redirectUri: redirect }),
    );
    await capture(
      refreshAccessToken(dead, { appKey: KEY, appSecret: SECRET, refreshToken: REFRESH }),
    );

    expect(urls.length).toBeGreaterThan(15);
    expect(texts.length).toBeGreaterThan(15);
    for (const secret of secrets) {
      for (const u of [...urls, ...clientUrls]) expect(u, 'request URL').not.toContain(secret);
      for (const t of texts) expect(t, 'error or check text').not.toContain(secret);
      for (const t of texts) expect(t).not.toContain(encodeURIComponent(secret));
    }
  });
});

/**
 * GET /oauth2/authorize and its pages, driven with raw HTTP and no cookies.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorizeOverHttp } from './http-driver';
import { AUTHORIZE_ERRORS, startEmulator, type RunningEmulator } from './index';
import { authorizeUrl, getCode, pkcePair, SEED } from './test-helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
});

const INTRO =
  "It seems the app you were using submitted a bad request. If you would like to report this error to the app's developer, include the information below.";

async function errorPage(params: Record<string, string>): Promise<{
  status: number;
  detail: string;
  location: string | null;
  html: string;
  headers: Headers;
}> {
  const res = await fetch(authorizeUrl(emu.origin, params), { redirect: 'manual' });
  const html = await res.text();
  const m = /id="error-detail">([^<]*)</.exec(html);
  const detail = (m?.[1] ?? '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return {
    status: res.status,
    detail,
    location: res.headers.get('location'),
    html,
    headers: res.headers,
  };
}

const snow = { client_id: SEED.snow.key, response_type: 'code', redirect_uri: SEED.snow.redirect };

describe('invalid requests show "Error (400)" and never redirect', () => {
  it('unknown client_id → Invalid client_id: "xyz".', async () => {
    const page = await errorPage({ ...snow, client_id: 'xyz' });
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(page.detail).toBe('Invalid client_id: "xyz".');
    expect(page.html).toContain('Error (400)');
    expect(page.html).toContain(INTRO);
    expect(page.html).toContain('More details for developers');
  });

  it('missing client_id → Invalid client_id: "".', async () => {
    expect((await errorPage({ response_type: 'code' })).detail).toBe('Invalid client_id: "".');
  });

  it.each([
    ['another port', 'http://127.0.0.1:47213/oauth/callback'],
    ['localhost instead of 127.0.0.1', 'http://localhost:47210/oauth/callback'],
    ['a trailing slash', 'http://127.0.0.1:47210/oauth/callback/'],
    ['another path', 'http://127.0.0.1:47210/callback'],
    ['https', 'https://127.0.0.1:47210/oauth/callback'],
  ])('redirect_uri with %s → exact-match error', async (_label, uri) => {
    const page = await errorPage({ ...snow, redirect_uri: uri });
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(page.detail).toBe(
      "Invalid redirect_uri. It must exactly match one of the redirect URIs you've pre-configured for your app (including the path).",
    );
  });

  it('each registered redirect URI (including the alternates) is accepted', async () => {
    for (const port of [47210, 47211, 47212]) {
      const res = await fetch(
        authorizeUrl(emu.origin, {
          ...snow,
          redirect_uri: `http://127.0.0.1:${port}/oauth/callback`,
        }),
      );
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('id="sign-in-form"');
    }
  });

  it('disabled app → This app is currently disabled.', async () => {
    const page = await errorPage({ client_id: SEED.disabled.key, response_type: 'code' });
    expect(page.status).toBe(400);
    expect(page.detail).toBe('This app is currently disabled.');
  });

  it('legacy app given any scope → "scope": must be at most 0 characters, got N', async () => {
    const scope = 'account_info.read files.metadata.read';
    const page = await errorPage({ client_id: SEED.legacy.key, response_type: 'code', scope });
    expect(page.detail).toBe(`"scope": must be at most 0 characters, got ${scope.length}`);
  });

  it("scope outside the app's scopes → error page naming the scope", async () => {
    const page = await errorPage({ ...snow, scope: 'account_info.read files.content.write' });
    expect(page.status).toBe(400);
    expect(page.detail).toContain('files.content.write');
  });

  it('state over 500 bytes → error; exactly 500 bytes is fine', async () => {
    expect((await errorPage({ ...snow, state: 'x'.repeat(501) })).status).toBe(400);
    const ok = await fetch(authorizeUrl(emu.origin, { ...snow, state: 'x'.repeat(500) }));
    expect(ok.status).toBe(200);
    expect((await errorPage({ ...snow, state: 'é'.repeat(251) })).status).toBe(400); // 502 bytes
  });

  it('PKCE or implicit on an app that disallows public clients (Certero) → Error (400), wording UNCONFIRMED', async () => {
    const certero = {
      client_id: SEED.certero.key,
      response_type: 'code',
      redirect_uri: SEED.certero.redirect,
    };
    const { challenge } = pkcePair();
    for (const params of [
      { ...certero, code_challenge: challenge, code_challenge_method: 'S256' },
      { ...certero, code_challenge: challenge }, // method omitted
      { ...certero, response_type: 'token' },
    ]) {
      const page = await errorPage(params);
      expect(page.status).toBe(400);
      expect(page.location).toBeNull();
      expect(page.html).toContain('Error (400)');
      expect(page.html).toContain(INTRO);
      expect(page.detail).toBe(AUTHORIZE_ERRORS.publicClientsDisallowed);
      // The wizard's preflight recognises the page by these words.
      expect(page.detail).toMatch(/public clients/);
      expect(page.detail).toMatch(/PKCE/);
    }
    // The same request without PKCE is fine, from the product's own redirect URI too.
    for (const uri of [SEED.certero.redirect, SEED.certero.productRedirect]) {
      const res = await fetch(authorizeUrl(emu.origin, { ...certero, redirect_uri: uri }));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('id="sign-in-form"');
    }
  });

  it('the seeded Snow Atlas app allows public clients: PKCE reaches a code', async () => {
    const { challenge } = pkcePair();
    const result = await getCode(emu.origin, {
      ...snow,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(result.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('bad response_type, token_access_type, include_granted_scopes, code_challenge_method → error pages', async () => {
    expect((await errorPage({ ...snow, response_type: 'id_token' })).detail).toContain(
      'response_type',
    );
    expect((await errorPage({ ...snow, token_access_type: 'forever' })).detail).toContain(
      'token_access_type',
    );
    expect((await errorPage({ ...snow, include_granted_scopes: 'all' })).detail).toContain(
      'include_granted_scopes',
    );
    const notes = {
      client_id: SEED.notes.key,
      response_type: 'code',
      redirect_uri: SEED.notes.redirect,
    };
    expect(
      (
        await errorPage({
          ...notes,
          code_challenge: pkcePair().challenge,
          code_challenge_method: 'S512',
        })
      ).detail,
    ).toContain('code_challenge_method');
    expect(
      (await errorPage({ ...notes, code_challenge: 'short', code_challenge_method: 'S256' }))
        .detail,
    ).toContain('code_challenge');
  });

  it('the documented optional parameters are accepted', async () => {
    const res = await fetch(
      authorizeUrl(emu.origin, {
        ...snow,
        locale: 'en-GB',
        disable_signup: 'true',
        require_role: 'work',
        force_reapprove: 'false',
      }),
    );
    expect(res.status).toBe(200);
  });

  // approval_prompt: stevenmaguire/oauth2-dropbox#5; nonce: react-native-app-auth#645;
  // access_type: rclone#1484; prompt: expected the same (inference).
  it.each(['approval_prompt', 'nonce', 'prompt', 'access_type'])(
    'unknown parameter %s → Error (400) unknown field "<name>"',
    async (name) => {
      const page = await errorPage({ ...snow, [name]: 'x' });
      expect(page.status).toBe(400);
      expect(page.location).toBeNull();
      expect(page.detail).toBe(`unknown field "${name}"`);
    },
  );

  it('error pages escape what they echo', async () => {
    const page = await errorPage({ client_id: '<script>alert(1)</script>', response_type: 'code' });
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&lt;script&gt;');
  });
});

describe('the pages a person sees', () => {
  it('pages are self-contained HTML with a strict CSP and no scripts', async () => {
    const res = await fetch(authorizeUrl(emu.origin, snow));
    const html = await res.text();
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("form-action 'self' http://127.0.0.1:47210");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(html).not.toMatch(/<script|src="http|href="http|@import|url\(/i);
    expect(html).toMatch(/<label for="email">Email<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toMatch(/<button id="sign-in"[^>]*>Sign in<\/button>/);
  });

  it('wrong password keeps the user on the sign-in page with an error', async () => {
    const result = await authorizeOverHttp(authorizeUrl(emu.origin, snow), {
      email: SEED.admin.email,
      password: 'wrong',
    });
    expect(result.outcome).toBe('sign_in_failed');
    expect(result.detail).toBe('Invalid email or password.');
  });

  it('development app: sign-in → Continue → consent → Allow → 302 with code and state', async () => {
    const result = await getCode(emu.origin, { ...snow, state: 'csrf-123' });
    expect(result.sawContinue).toBe(true);
    expect(result.status).toBe(302);
    expect(result.location?.startsWith(`${SEED.snow.redirect}?code=`)).toBe(true);
    expect(result.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.state).toBe('csrf-123');
    expect(result.error).toBeUndefined();
    expect(result.consentScopes).toEqual(SEED.snow.scopes);
  });

  it('production app: no Continue interstitial', async () => {
    const result = await getCode(
      emu.origin,
      { client_id: SEED.notes.key, redirect_uri: SEED.notes.redirect },
      SEED.personal.email,
    );
    expect(result.sawContinue).toBe(false);
  });

  it('consent page names the app, the account and the requested permissions', async () => {
    const first = await fetch(authorizeUrl(emu.origin, snow));
    const requestId = /name="request_id" value="([^"]+)"/.exec(await first.text())?.[1] ?? '';
    const post = (path: string, form: Record<string, string>): Promise<Response> =>
      fetch(`${emu.origin}${path}`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams(form),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    const signIn = await post('/oauth2/authorize/sign-in', {
      request_id: requestId,
      email: SEED.admin.email,
      password: SEED.password,
    });
    expect(signIn.headers.get('set-cookie')).toMatch(
      /^emu_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const continued = await post('/oauth2/authorize/continue', { request_id: requestId });
    const html = await continued.text();
    expect(html).toContain(
      'id="consent-title">Snow Atlas connector would like access to your team, Example Ltd<',
    );
    expect(html).toContain('Ada Admin');
    expect(html).toContain('View your team membership');
    expect(html).toMatch(/<button id="allow"[^>]*>Allow<\/button>/);
    expect(html).toMatch(/<button id="cancel"[^>]*>Cancel<\/button>/);
    // Allow cannot be skipped to: posting a decision twice fails the second time.
    const allow = await post('/oauth2/authorize/decision', {
      request_id: requestId,
      decision: 'allow',
    });
    expect(allow.status).toBe(302);
    const again = await post('/oauth2/authorize/decision', {
      request_id: requestId,
      decision: 'allow',
    });
    expect(again.status).toBe(400);
  });

  it('Allow cannot skip the Continue interstitial', async () => {
    const first = await fetch(authorizeUrl(emu.origin, snow));
    const requestId = /name="request_id" value="([^"]+)"/.exec(await first.text())?.[1] ?? '';
    const form = (f: Record<string, string>): RequestInit => ({
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(f),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    await fetch(
      `${emu.origin}/oauth2/authorize/sign-in`,
      form({ request_id: requestId, email: SEED.admin.email, password: SEED.password }),
    );
    const res = await fetch(
      `${emu.origin}/oauth2/authorize/decision`,
      form({ request_id: requestId, decision: 'allow' }),
    );
    expect(res.status).toBe(400);
  });

  it('Cancel → 302 with error=access_denied, error_description and state (never a code)', async () => {
    const result = await authorizeOverHttp(authorizeUrl(emu.origin, { ...snow, state: 's1' }), {
      email: SEED.admin.email,
      password: SEED.password,
      decision: 'cancel',
    });
    expect(result.status).toBe(302);
    expect(result.error).toBe('access_denied');
    expect(result.errorDescription).toBe(
      'The user chose not to give your app access to their Dropbox account.',
    );
    expect(result.state).toBe('s1');
    expect(result.code).toBeUndefined();
    const location = new URL(result.location ?? '');
    expect([...location.searchParams.keys()]).toEqual(['error', 'error_description', 'state']);
  });

  it('no redirect_uri → the code is shown on a page (input#access-code labelled "Access code")', async () => {
    const result = await getCode(
      emu.origin,
      { client_id: SEED.noRedirect.key },
      SEED.personal.email,
    );
    expect(result.outcome).toBe('code_page');
    expect(result.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('no redirect_uri + Cancel → a page, no redirect', async () => {
    const result = await authorizeOverHttp(
      authorizeUrl(emu.origin, { client_id: SEED.noRedirect.key, response_type: 'code' }),
      { email: SEED.personal.email, password: SEED.password, decision: 'cancel' },
    );
    expect(result.outcome).toBe('denied_page');
  });

  it('state is omitted from the redirect when none was sent', async () => {
    const result = await getCode(emu.origin, snow);
    expect(new URL(result.location ?? '').searchParams.has('state')).toBe(false);
  });
});

describe('team scopes need a team admin', () => {
  it('a team member gets the refusal page (403), not a redirect', async () => {
    const result = await authorizeOverHttp(authorizeUrl(emu.origin, snow), {
      email: SEED.member.email,
      password: SEED.password,
    });
    expect(result.outcome).toBe('refused');
    expect(result.status).toBe(403);
    expect(result.detail).toContain('Only a Dropbox team admin can link it');
  });

  it('a personal account asked for team scopes → "Please sign in with a work account." (DJaeger/files_external_dropbox#24)', async () => {
    const result = await authorizeOverHttp(authorizeUrl(emu.origin, snow), {
      email: SEED.personal.email,
      password: SEED.password,
    });
    expect(result.outcome).toBe('error_page');
    expect(result.detail).toBe('Please sign in with a work account.');
    expect(result.code).toBeUndefined();
  });

  it('a personal account may still authorize user scopes only', async () => {
    const result = await getCode(
      emu.origin,
      { ...snow, scope: 'account_info.read' },
      SEED.personal.email,
    );
    expect(result.consentScopes).toEqual(['account_info.read']);
  });

  it('the same member may authorize the user scopes only', async () => {
    const result = await getCode(
      emu.origin,
      { ...snow, scope: 'account_info.read' },
      SEED.member.email,
    );
    expect(result.consentScopes).toEqual(['account_info.read']);
  });
});

describe('app-state pages', () => {
  it('user limit reached: new users see the user-limit text after sign-in', async () => {
    await emu.patchApp(SEED.snow.key, { userLimitReached: true });
    const result = await authorizeOverHttp(authorizeUrl(emu.origin, snow), {
      email: SEED.admin.email,
      password: SEED.password,
    });
    expect(result.outcome).toBe('error_page');
    expect(result.detail).toBe(
      "This app has reached its user limit. Contact the app developer and ask them to use the Dropbox API App Console to increase their app's user limit.",
    );
  });

  it('an already-linked user can re-link despite the user limit', async () => {
    await getCode(emu.origin, snow);
    await emu.patchApp(SEED.snow.key, { userLimitReached: true });
    expect((await getCode(emu.origin, snow)).code).toHaveLength(43);
  });

  it('frozen app → frozen pending review text', async () => {
    await emu.patchApp(SEED.snow.key, { frozen: true });
    const result = await authorizeOverHttp(authorizeUrl(emu.origin, snow), {
      email: SEED.admin.email,
      password: SEED.password,
    });
    expect(result.detail).toBe(
      'This app is unable to link additional users because it has been frozen pending review.',
    );
  });

  it('PATCHed redirect URIs and public-client setting apply to the next authorize', async () => {
    const uri = 'http://127.0.0.1:50000/cb';
    expect((await errorPage({ ...snow, redirect_uri: uri })).status).toBe(400);
    await emu.patchApp(SEED.snow.key, { redirectUris: [uri], allowPublicClients: true });
    const res = await fetch(
      authorizeUrl(emu.origin, {
        ...snow,
        redirect_uri: uri,
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      }),
    );
    expect(res.status).toBe(200);
  });
});

describe('session cookie and force_reauthentication', () => {
  it('a second authorize with the session cookie skips sign-in; force_reauthentication=true asks again', async () => {
    const first = await getCode(emu.origin, snow);
    const cookie = (first.setCookie ?? '').split(';')[0] as string;
    expect(cookie).toMatch(/^emu_session=/);

    const second = await fetch(authorizeUrl(emu.origin, snow), { headers: { Cookie: cookie } });
    const html = await second.text();
    expect(html).not.toContain('id="sign-in-form"');
    expect(html).toContain('id="continue-form"');

    const forced = await fetch(
      authorizeUrl(emu.origin, { ...snow, force_reauthentication: 'true' }),
      { headers: { Cookie: cookie } },
    );
    expect(await forced.text()).toContain('id="sign-in-form"');
    expect(forced.headers.get('set-cookie')).toContain('Max-Age=0');
    // The old session is gone.
    const after = await fetch(authorizeUrl(emu.origin, snow), { headers: { Cookie: cookie } });
    expect(await after.text()).toContain('id="sign-in-form"');
  });
});

describe('implicit grant (response_type=token)', () => {
  it('needs allowPublicClients and a redirect_uri; the token rides in the fragment', async () => {
    const base = { client_id: SEED.notes.key, response_type: 'token' };
    expect((await errorPage(base)).status).toBe(400);
    const result = await authorizeOverHttp(
      authorizeUrl(emu.origin, { ...base, redirect_uri: SEED.notes.redirect, state: 'st' }),
      { email: SEED.personal.email, password: SEED.password },
    );
    const fragment = new URLSearchParams(new URL(result.location ?? '').hash.slice(1));
    expect(fragment.get('access_token')).toMatch(/^sl\./);
    expect(fragment.get('token_type')).toBe('bearer');
    expect(fragment.get('uid')).toMatch(/^\d+$/);
    expect(fragment.get('state')).toBe('st');
    expect(new URL(result.location ?? '').search).toBe('');
  });
});

describe('returning users (option skipConsentForReturningUser, UNCONFIRMED)', () => {
  const skipping = async (): Promise<void> => {
    const snapshot = await emu.state();
    await emu.reset({
      ...snapshot,
      options: { ...snapshot.options, skipConsentForReturningUser: true },
    });
  };
  const asMember = (params: Record<string, string> = {}): ReturnType<typeof authorizeOverHttp> =>
    authorizeOverHttp(
      authorizeUrl(emu.origin, { ...snow, scope: 'account_info.read', state: 's1', ...params }),
      { email: SEED.member.email, password: SEED.password },
    );

  it('default (false): a second approval by the same account still shows consent', async () => {
    expect((await asMember()).consentScopes).toEqual(['account_info.read']);
    const again = await asMember();
    expect(again.consentScopes).toEqual(['account_info.read']);
    expect(again.sawContinue).toBe(true);
    expect(again.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('true: after sign-in a returning account is redirected with a code, no interstitial or consent', async () => {
    await skipping();
    const first = await asMember();
    expect(first.consentScopes).toEqual(['account_info.read']);
    const again = await asMember();
    expect(again.outcome).toBe('redirect');
    expect(again.consentScopes).toBeUndefined();
    expect(again.sawContinue).toBe(false);
    expect(again.state).toBe('s1');
    expect(again.location?.startsWith(`${SEED.snow.redirect}?code=`)).toBe(true);
    // The sign-in still sets the session cookie on that redirect; with it, no page at all.
    expect(again.setCookie).toMatch(/^emu_session=/);
    const cookie = (again.setCookie ?? '').split(';')[0] as string;
    const direct = await fetch(
      authorizeUrl(emu.origin, { ...snow, scope: 'account_info.read', state: 's2' }),
      { redirect: 'manual', headers: { Cookie: cookie } },
    );
    expect(direct.status).toBe(302);
    expect(new URL(direct.headers.get('location') ?? '').searchParams.get('state')).toBe('s2');
  });

  it('true: force_reapprove=true, wider scopes, another account or an unlinked app → consent again', async () => {
    await skipping();
    await asMember();
    expect((await asMember({ force_reapprove: 'true' })).consentScopes).toEqual([
      'account_info.read',
    ]);
    expect((await asMember({ force_reapprove: 'false' })).consentScopes).toBeUndefined();
    await emu.patchApp(SEED.snow.key, { scopes: [...SEED.snow.scopes, 'files.metadata.read'] });
    expect(
      (await asMember({ scope: 'account_info.read files.metadata.read' })).consentScopes,
    ).toEqual(['account_info.read', 'files.metadata.read']);
    const grace = await authorizeOverHttp(
      authorizeUrl(emu.origin, { ...snow, scope: 'account_info.read' }),
      { email: SEED.grace.email, password: SEED.password },
    );
    expect(grace.consentScopes).toEqual(['account_info.read']);
    // "The user unlinked the app": the approval is forgotten.
    await emu.revokeTokens({ appKey: SEED.snow.key, accountId: SEED.member.accountId });
    expect((await asMember()).consentScopes).toEqual(['account_info.read']);
  });

  it('true: the skipped-consent code exchanges for the same scopes as before', async () => {
    await skipping();
    await asMember();
    const { code } = await asMember();
    const res = await fetch(`${emu.origin}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code as string,
        redirect_uri: SEED.snow.redirect,
        client_id: SEED.snow.key,
        client_secret: SEED.snow.secret,
      }).toString(),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { scope: string }).scope).toBe('account_info.read');
  });
});

import { describe, expect, it } from 'vitest';
import { WizardFailure } from '../../../../electron/core/failure';
import { buildAuthorizeUrl } from '../../../../electron/core/dropbox/authorize-request';
import {
  pageText,
  preflightAuthorize,
  preflightScopes,
} from '../../../../electron/core/dropbox/preflight';
import { endpoints, harness, html, networkError, type Handler } from './fake-dropbox';

const KEY = 'mvhz183vwqibe7q';
const REDIRECT = 'http://127.0.0.1:47210/oauth/callback';
const URL_WITH_REDIRECT = buildAuthorizeUrl(endpoints, {
  appKey: KEY,
  redirectUri: REDIRECT,
  state: 'st',
});

const BAD_REQUEST_HEAD = `<h1>Error (400)</h1><p>It seems the app you were using submitted a bad request. If you would like to report this error to the app&#39;s developer, include the information below.</p><a>More details for developers</a>`;

function errorPage(detail: string): string {
  return `<!DOCTYPE html><html><head><title>Dropbox - 400</title><style>p{color:red}</style><script>var x = "Invalid client_id";</script></head><body>${BAD_REQUEST_HEAD}<p>${detail}</p></body></html>`;
}

async function preflight(
  handler: Handler,
  url = URL_WITH_REDIRECT,
): Promise<{ f: WizardFailure | null; h: ReturnType<typeof harness> }> {
  const h = harness(handler);
  const f = await preflightAuthorize(h.ctx, url).then(
    () => null,
    (e: unknown) => {
      expect(e).toBeInstanceOf(WizardFailure);
      return e as WizardFailure;
    },
  );
  return { f, h };
}

describe('pageText', () => {
  it('strips scripts, styles, comments and tags, decodes entities', () => {
    expect(
      pageText(
        '<style>a{}</style><script>alert("x")</script><!-- c --><p>Invalid&nbsp;client_id: &quot;abc&quot; &amp; &#x27;more&#39;</p>',
      ),
    ).toBe(`Invalid client_id: "abc" & 'more'`);
  });
});

describe('preflightAuthorize', () => {
  it('GETs the exact authorize URL without cookies and without following redirects', async () => {
    const { f, h } = await preflight(() =>
      html(
        200,
        '<html><body><h1>Sign in to Dropbox</h1><form><input name="email"></form></body></html>',
      ),
    );
    expect(f).toBeNull();
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]?.url).toBe(URL_WITH_REDIRECT);
    expect(h.requests[0]?.method).toBe('GET');
    expect(h.requests[0]?.init.redirect).toBe('manual');
    expect(h.requests[0]?.init.credentials).toBe('omit');
    expect(h.requests[0]?.headers.cookie).toBeUndefined();
  });

  it('passes on a redirect to the login page', async () => {
    const { f } = await preflight(
      () => new Response(null, { status: 302, headers: { location: '/login?cont=x' } }),
    );
    expect(f).toBeNull();
  });

  it('passes on a consent page that mentions development mode', async () => {
    const { f } = await preflight(() =>
      html(
        200,
        '<title>Dropbox</title><p>This app is in development mode. Continue?</p><button>Allow</button>',
      ),
    );
    expect(f).toBeNull();
  });

  it.each([
    [200, `Invalid client_id: "${KEY}".`],
    [400, `Invalid client_id: &quot;${KEY}&quot;.`],
  ])('status %s "Invalid client_id" page → invalid_client_id', async (status, detail) => {
    const { f } = await preflight(() => html(status, errorPage(detail)));
    expect(f?.error.code).toBe('invalid_client_id');
    expect(f?.error.message).toContain(`Dropbox does not know the app key "${KEY}"`);
    expect(f?.error.remedy).toContain('App Console → your app → Settings → App key');
    expect(f?.error.action).toBe('edit_credentials');
    expect(f?.error.detail).toContain('Invalid client_id');
  });

  it.each([
    [
      'current wording',
      "Invalid redirect_uri. It must exactly match one of the redirect URIs you've pre-configured for your app (including the path).",
    ],
    [
      'older wording',
      `Invalid redirect_uri: &quot;${REDIRECT}&quot;: It must exactly match one of the redirect URIs you&#39;ve pre-configured for your app (including the path).`,
    ],
  ])(
    '"Invalid redirect_uri" page (%s) → redirect_uri_not_registered with the exact URI',
    async (_name, detail) => {
      const { f } = await preflight(() => html(200, errorPage(detail)));
      expect(f?.error.code).toBe('redirect_uri_not_registered');
      expect(f?.error.message).toContain(REDIRECT);
      expect(f?.error.remedy).toBe(
        `App Console → Settings → OAuth 2 → Redirect URIs → paste ${REDIRECT} → Add. Then check again.`,
      );
      expect(f?.error.action).toBe('open_app_console');
    },
  );

  it('"currently disabled" → app_disabled', async () => {
    const { f } = await preflight(() => html(200, errorPage('This app is currently disabled.')));
    expect(f?.error.code).toBe('app_disabled');
  });

  it.each([
    'This app has reached its user limit. Contact the app developer and ask them to use the Dropbox API App Console to increase their app&#39;s user limit.',
    'This app is in development mode and can&#39;t accept more users. Contact the app developer and ask them to use the Dropbox API App Console to apply for production status.',
    'This app is unable to link additional users because it has been frozen pending review.',
  ])('user-limit page → app_user_limit: %s', async (detail) => {
    const { f } = await preflight(() => html(200, `<h1>Dropbox</h1><p>${detail}</p>`));
    expect(f?.error.code).toBe('app_user_limit');
    expect(f?.error.action).toBe('open_app_console');
  });

  it('PKCE on an app that disallows public clients → public_clients_disallowed', async () => {
    const url = buildAuthorizeUrl(endpoints, {
      appKey: KEY,
      redirectUri: REDIRECT,
      state: 's',
      codeChallenge: 'abc',
    });
    const { f } = await preflight(
      () =>
        html(400, errorPage('This app is not allowed to use PKCE (public clients are disabled).')),
      url,
    );
    expect(f?.error.code).toBe('public_clients_disallowed');
  });

  it('an unknown error page → unexpected_reply quoting the page', async () => {
    const { f } = await preflight(() => html(200, errorPage('Something new went wrong.')));
    expect(f?.error.code).toBe('unexpected_reply');
    expect(f?.error.detail).toContain('Something new went wrong');
    expect(f?.error.detail).not.toContain('<');
  });

  it('404 from something that is not Dropbox → not_dropbox', async () => {
    const { f } = await preflight(() => html(404, 'Not found'));
    expect(f?.error.code).toBe('not_dropbox');
  });

  it('a Dropbox 404 page → unexpected_reply', async () => {
    const { f } = await preflight(() => html(404, '<title>Dropbox - 404</title>Not found'));
    expect(f?.error.code).toBe('unexpected_reply');
  });

  it('network failure → offline after retrying', async () => {
    const { f, h } = await preflight(() => networkError('ENOTFOUND'));
    expect(f?.error.code).toBe('offline');
    expect(h.requests).toHaveLength(4);
  });

  it('5xx → dropbox_unavailable after retrying', async () => {
    const { f } = await preflight(() => html(502, '<h1>Bad gateway</h1>'));
    expect(f?.error.code).toBe('dropbox_unavailable');
  });
});

describe('preflightAuthorize: what Dropbox actually said', () => {
  const SCOPED = `${URL_WITH_REDIRECT}&scope=${encodeURIComponent('team_info.read members.read groups.read')}`;

  it.each([200, 401])(
    'a %i page that is not Dropbox\'s (captive portal, proxy) → not_dropbox, never "accepted"',
    async (status) => {
      const { f } = await preflight(() =>
        html(status, '<title>Network login</title><h1>Welcome to Guest Wi-Fi</h1>'),
      );
      expect(f?.error.code).toBe('not_dropbox');
      expect(f?.error.message).toContain(`Something other than Dropbox answered (HTTP ${status})`);
      expect(f?.error.message).toContain('Welcome to Guest Wi-Fi');
    },
  );

  it('a redirect to another host (a portal) → not_dropbox; to Dropbox itself → accepted', async () => {
    const away = await preflight(
      () =>
        new Response(null, { status: 302, headers: { location: 'http://10.0.0.1/portal?x=1' } }),
    );
    expect(away.f?.error.code).toBe('not_dropbox');
    const home = await preflight(
      () =>
        new Response(null, {
          status: 302,
          headers: { location: 'https://www.dropbox.com/login?cont=x' },
        }),
    );
    expect(home.f).toBeNull();
  });

  it('"App has been disabled"/"currently disabled" → app_disabled, never bad credentials', async () => {
    const { f } = await preflight(() => html(400, errorPage('This app is currently disabled.')));
    expect(f?.error.code).toBe('app_disabled');
    expect(f?.error.message).toContain('disabled in the App Console');
    expect(f?.error.remedy).not.toMatch(/paste.*again(?! will not)/i);
  });

  it('"No scope requested can be granted" → tick every requested scope (keeweb#1597)', async () => {
    const { f } = await preflight(
      () => html(400, errorPage('No scope requested can be granted for this app.')),
      SCOPED,
    );
    expect(f?.error.code).toBe('scope_not_enabled_on_app');
    expect(f?.error.remedy).toContain('tick team_info.read, members.read, groups.read');
  });

  it('"`team_data.member` scope is required." → tick team_data.member (watermint/toolbox#896)', async () => {
    const { f } = await preflight(
      () => html(400, errorPage('`team_data.member` scope is required.')),
      SCOPED,
    );
    expect(f?.error.code).toBe('scope_not_enabled_on_app');
    expect(f?.error.remedy).toContain('tick team_data.member');
  });

  it('an error page naming one of the requested scopes (wording unknown) → tick that one', async () => {
    const { f } = await preflight(
      () => html(400, errorPage('Something about "groups.read" and this app.')),
      SCOPED,
    );
    expect(f?.error.code).toBe('scope_not_enabled_on_app');
    expect(f?.error.remedy).toContain('tick groups.read');
    expect(f?.error.remedy).not.toContain('members.read');
  });

  it('"Please sign in with a work account." → says which account to use', async () => {
    const { f } = await preflight(() =>
      html(400, errorPage('Please sign in with a work account.')),
    );
    expect(f?.error.code).toBe('wrong_account_type');
    expect(f?.error.remedy).toMatch(/work \(Dropbox team\) account of a team admin/);
  });

  it.each([
    "This app has reached its team limit. Contact the app developer and ask them to use the Dropbox API App Console to increase their app's team limit.",
    "This app is in development mode and can't be authorized by more teams. Contact the app developer and ask them to use the Dropbox API App Console to apply for production status.",
  ])('team limit (dbxcli#47, #58) → app_user_limit: %s', async (text) => {
    const { f } = await preflight(() => html(400, errorPage(text)));
    expect(f?.error.code).toBe('app_user_limit');
    expect(f?.error.remedy).toContain('Enable additional teams');
  });
});

describe('preflightScopes', () => {
  async function scoped(handler: Handler, scopes = ['team_info.read', 'groups.read']) {
    const h = harness(handler);
    const f = await preflightScopes(h.ctx, URL_WITH_REDIRECT, scopes).then(
      () => null,
      (e: unknown) => e as WizardFailure,
    );
    return { f, h };
  }

  it('sends the required list as scope= on the same URL', async () => {
    const { f, h } = await scoped(() => html(200, '<title>Dropbox</title>Sign in'));
    expect(f).toBeNull();
    expect(new URL(h.requests[0]!.url).searchParams.get('scope')).toBe(
      'team_info.read groups.read',
    );
    expect(new URL(h.requests[0]!.url).searchParams.get('redirect_uri')).toBe(REDIRECT);
  });

  it('throws the scope problem Dropbox names', async () => {
    const { f } = await scoped(() =>
      html(400, errorPage('No scope requested can be granted for this app.')),
    );
    expect(f?.error.code).toBe('scope_not_enabled_on_app');
  });

  it('ignores what is not a scope problem (a legacy app refuses any scope=; the plain pre-flight already passed)', async () => {
    const { f } = await scoped(() =>
      html(400, errorPage('"scope": must be at most 0 characters, got 26')),
    );
    expect(f).toBeNull();
  });

  it('sends nothing for an empty list (an empty scope= is an Error (400) page)', async () => {
    const { f, h } = await scoped(() => html(200, 'x'), []);
    expect(f).toBeNull();
    expect(h.requests).toHaveLength(0);
  });
});

describe('PKCE refused: read from the behaviour, never from the (UNCONFIRMED) text', () => {
  it('an Error (400) page of unknown wording for a code_challenge request → public_clients_disallowed', async () => {
    const withPkce = buildAuthorizeUrl(endpoints, {
      appKey: KEY,
      redirectUri: REDIRECT,
      state: 'st',
      codeChallenge: 'c'.repeat(43),
    });
    const { f } = await preflight(
      () => html(400, errorPage('Some future wording we have never seen.')),
      withPkce,
    );
    expect(f?.error.code).toBe('public_clients_disallowed');
    // The same page without code_challenge is not a PKCE problem.
    const plain = await preflight(() => html(400, errorPage('Some future wording.')));
    expect(plain.f?.error.code).toBe('unexpected_reply');
  });
});

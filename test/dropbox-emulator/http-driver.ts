/**
 * Drives the emulator's authorize pages with plain HTTP (no browser, no cookies): the same forms a
 * person fills in, found by their stable ids. For tests that need a code without Chromium.
 */

export interface AuthorizeOverHttpOptions {
  email: string;
  password: string;
  /** What to press on the consent page (default "allow"). */
  decision?: 'allow' | 'cancel';
  /** Optional Cookie header to send with the first GET (e.g. to test the session shortcut). */
  cookie?: string;
}

export interface AuthorizeOverHttpResult {
  /**
   * redirect: 302 to the redirect URI (code or error in `location`);
   * code_page: no redirect URI, the code was shown on the page;
   * denied_page: Cancel without a redirect URI;
   * error_page: the "Error (400)" page (`detail` holds its text);
   * refused: the team-admin refusal page; sign_in_failed: wrong email or password.
   */
  outcome: 'redirect' | 'code_page' | 'denied_page' | 'error_page' | 'refused' | 'sign_in_failed';
  status: number;
  location?: string;
  code?: string;
  state?: string | null;
  error?: string;
  errorDescription?: string;
  detail?: string;
  /** The scopes listed on the consent page. */
  consentScopes?: string[];
  /** The session cookie the sign-in set, if any. */
  setCookie?: string;
  /** Whether the development-app "Continue" interstitial was shown. */
  sawContinue: boolean;
}

function unescapeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function requestIdOf(html: string): string {
  const m = /name="request_id" value="([^"]+)"/.exec(html);
  if (m === null) throw new Error('authorize page has no request_id');
  return m[1] as string;
}

function textOf(html: string, id: string): string | undefined {
  const m = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return m === null ? undefined : unescapeHtml((m[1] as string).trim());
}

/** The final result for a response, or null when it is one of the form pages to fill in. */
function classify(
  res: Response,
  html: string,
): Omit<AuthorizeOverHttpResult, 'status' | 'sawContinue'> | null {
  if (res.status === 302) {
    const location = res.headers.get('location') ?? '';
    const u = new URL(location);
    const params = u.hash.length > 1 ? new URLSearchParams(u.hash.slice(1)) : u.searchParams;
    return {
      outcome: 'redirect',
      location,
      ...(params.has('code') ? { code: params.get('code') as string } : {}),
      ...(params.has('error')
        ? {
            error: params.get('error') as string,
            errorDescription: params.get('error_description') ?? '',
          }
        : {}),
      state: params.get('state'),
    };
  }
  if (html.includes('id="error-title"'))
    return { outcome: 'error_page', detail: textOf(html, 'error-detail') ?? '' };
  if (html.includes('id="refusal-title"'))
    return { outcome: 'refused', detail: textOf(html, 'refusal-detail') ?? '' };
  if (html.includes('id="denied-title"')) return { outcome: 'denied_page' };
  if (html.includes('id="sign-in-error"'))
    return { outcome: 'sign_in_failed', detail: textOf(html, 'sign-in-error') ?? '' };
  const code = /id="access-code"[^>]*value="([^"]+)"/.exec(html);
  if (code !== null) return { outcome: 'code_page', code: code[1] as string };
  return null;
}

export async function authorizeOverHttp(
  authorizeUrl: string,
  options: AuthorizeOverHttpOptions,
): Promise<AuthorizeOverHttpResult> {
  const origin = new URL(authorizeUrl).origin;
  const post = (path: string, fields: Record<string, string>): Promise<Response> =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  let res = await fetch(authorizeUrl, {
    redirect: 'manual',
    headers: options.cookie !== undefined ? { Cookie: options.cookie } : {},
  });
  let setCookie: string | undefined;
  let sawContinue = false;
  let consentScopes: string[] | undefined;

  for (let step = 0; step < 6; step += 1) {
    const html = await res.text();
    setCookie = res.headers.get('set-cookie') ?? setCookie;
    const done = classify(res, html);
    if (done !== null) {
      return {
        ...done,
        status: res.status,
        sawContinue,
        ...(setCookie !== undefined ? { setCookie } : {}),
        ...(consentScopes !== undefined ? { consentScopes } : {}),
      };
    }
    const requestId = requestIdOf(html);
    if (html.includes('id="sign-in-form"')) {
      res = await post('/oauth2/authorize/sign-in', {
        request_id: requestId,
        email: options.email,
        password: options.password,
      });
    } else if (html.includes('id="continue-form"')) {
      sawContinue = true;
      res = await post('/oauth2/authorize/continue', { request_id: requestId });
    } else if (html.includes('id="consent-form"')) {
      consentScopes = [...html.matchAll(/data-scope="([^"]+)"/g)].map((m) => m[1] as string);
      res = await post('/oauth2/authorize/decision', {
        request_id: requestId,
        decision: options.decision ?? 'allow',
      });
    } else {
      throw new Error(`unexpected authorize page (status ${res.status})`);
    }
  }
  throw new Error('authorize flow did not finish');
}

/**
 * HTML for the "www" side: sign-in, development-app interstitial, consent, access code, the
 * "Error (400)" page (dbxcli#62, dropbox-sdk-python#203), the team-admin refusal page (Dropbox's
 * teams docs) and a minimal App Console. Plain forms, no JavaScript, no external resources; one
 * inline stylesheet allowed by its hash in a strict CSP.
 *
 * Stable hooks for tests (ids and labels):
 *   sign-in   form#sign-in-form, inputs labelled "Email" (#email) and "Password" (#password),
 *             button "Sign in" (#sign-in), error p#sign-in-error
 *   continue  form#continue-form, button "Continue" (#continue), button "Cancel" (#cancel)
 *   consent   form#consent-form, h1#consent-title (names the app), ul#permissions (li[data-scope]),
 *             button "Allow" (#allow), button "Cancel" (#cancel)
 *   code      input#access-code labelled "Access code" (value = the code)
 *   errors    h1#error-title ("Error (400)"), p#error-detail (exact Dropbox text)
 *   refusal   h1#refusal-title, p#refusal-detail
 *   every authorize form carries a hidden input named request_id.
 */
import { createHash } from 'node:crypto';
import { esc } from './http-util';
import { describeScope } from './scopes';
import type { SeedAccount, SeedApp, SeedTeam } from './seed';

const CSS = `
*{box-sizing:border-box}
html{background:#f7f5f2}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1e1919}
.top{display:flex;align-items:center;gap:10px;padding:12px 24px;background:#fff;border-bottom:1px solid #e6e3df}
.brand{font-weight:700;font-size:18px;letter-spacing:-.01em}
.badge{margin-left:auto;font-size:12px;font-weight:600;padding:3px 10px;border-radius:12px;background:#fff4d6;color:#6b4e00;border:1px solid #f0d58a}
main{max-width:480px;margin:48px auto;padding:32px 36px;background:#fff;border:1px solid #e6e3df;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.04)}
main.wide{max-width:960px}
h1{font-size:24px;line-height:1.3;margin:0 0 8px}
h2{font-size:16px;margin:24px 0 8px}
p{margin:0 0 16px}
a{color:#0061fe}
.muted{color:#637282;font-size:14px}
label{display:block;font-weight:600;font-size:14px;margin:16px 0 6px}
input[type=email],input[type=password],input[type=text]{width:100%;padding:10px 12px;font:inherit;border:1px solid #c1bdb8;border-radius:6px;background:#fff}
input:focus{outline:2px solid #0061fe;outline-offset:1px}
input[readonly]{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:14px;background:#f7f5f2}
.hint{margin-top:10px}
.actions{display:flex;gap:12px;justify-content:flex-end;margin-top:28px}
.actions.full button{flex:1}
button{font:inherit;font-weight:600;padding:10px 22px;border-radius:6px;border:1px solid #0061fe;cursor:pointer}
button.primary{background:#0061fe;color:#fff}
button.primary:hover{background:#0057e5}
button.secondary{background:#fff;color:#1e1919;border-color:#c1bdb8}
button.secondary:hover{background:#f7f5f2}
.alert{padding:10px 14px;border-radius:6px;background:#fdecea;color:#8a1c13;border:1px solid #f5c2bd;margin:16px 0 0}
.note{padding:12px 14px;border-radius:6px;background:#f2f7ff;border:1px solid #cfe0ff;font-size:14px}
.app{display:flex;align-items:center;gap:14px;margin-bottom:20px}
.app-icon{flex:none;width:44px;height:44px;border-radius:10px;background:#e8f0fe;color:#0061fe;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:20px}
ul.perms{list-style:none;padding:0;margin:0 0 8px;border:1px solid #e6e3df;border-radius:8px}
ul.perms li{padding:10px 14px;border-top:1px solid #e6e3df}
ul.perms li:first-child{border-top:0}
ul.perms code,.scopes code{font-size:12px;color:#637282}
.who{display:flex;justify-content:space-between;align-items:baseline;gap:12px;padding:10px 14px;border-radius:8px;background:#f7f5f2;font-size:14px;margin-bottom:8px}
.who a{white-space:nowrap}
h1.error{font-size:28px}
details.dev{margin-top:8px;border-top:1px solid #e6e3df;padding-top:12px}
summary{cursor:pointer;font-weight:600;font-size:14px;color:#0061fe}
#error-detail{margin:12px 0 0;padding:12px 14px;border-radius:6px;background:#f7f5f2;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:10px 8px;border-top:1px solid #e6e3df}
th{font-weight:600;color:#637282;white-space:nowrap;width:190px}
section.app-card{border:1px solid #e6e3df;border-radius:10px;padding:20px 24px;margin-top:24px}
section.app-card h2{margin:0 0 12px;font-size:20px}
.pill{display:inline-block;font-size:12px;font-weight:600;padding:1px 8px;border-radius:10px;border:1px solid #c1bdb8}
.pill.development{background:#fff4d6;border-color:#f0d58a}
.pill.production{background:#e3f5e8;border-color:#a6dbb5}
.pill.disabled{background:#fdecea;border-color:#f5c2bd}
.scopes code{display:inline-block;margin:0 6px 4px 0;padding:1px 6px;border-radius:4px;background:#f7f5f2;color:#1e1919}
footer{max-width:600px;margin:-32px auto 32px;padding:0 8px;font-size:12px;color:#8d8780;text-align:center}
footer code{white-space:nowrap}
@media (max-width:520px){main{margin:16px 12px;padding:24px 20px}footer{margin-top:-8px}}
`.trim();

const STYLE_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

/**
 * Content-Security-Policy for every page: nothing loads, only the one stylesheet applies, forms
 * post to this origin (plus, on authorize pages, the redirect URI's origin, which the browser
 * checks when Allow/Cancel redirects there).
 */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `style-src '${STYLE_HASH}'`,
    "img-src 'none'",
    `form-action 'self'${formTargets.map((t) => ` ${t}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The CSP source for a redirect URI: its origin (http/https) or its scheme (custom schemes). */
export function cspSourceFor(redirectUri: string | null): string[] {
  if (redirectUri === null) return [];
  try {
    const u = new URL(redirectUri);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && /^[a-z0-9.:[\]-]+$/i.test(u.host))
      return [u.origin];
    if (/^[a-z][a-z0-9+.-]*:$/i.test(u.protocol)) return [u.protocol];
  } catch {
    // not a URL: nothing to allow
  }
  return [];
}

const LOGO = `<svg width="28" height="24" viewBox="0 0 28 24" aria-hidden="true" focusable="false"><path fill="#0061fe" d="M7 0 0 4.5 7 9l7-4.5zM21 0l-7 4.5L21 9l7-4.5zM0 13.5 7 18l7-4.5L7 9zM21 9l-7 4.5 7 4.5 7-4.5zM7 19.5l7 4.5 7-4.5-7-4.5z"/></svg>`;

function layout(
  title: string,
  body: string,
  opts: { wide?: boolean; footer?: string } = {},
): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top">${LOGO}<span class="brand">Dropbox</span><span class="badge" title="A local test stand-in for www.dropbox.com; no real account is involved">Local emulator</span></header>
<main${opts.wide === true ? ' class="wide"' : ''}>
${body}
</main>
${opts.footer !== undefined ? `<footer>${opts.footer}</footer>` : ''}
</body>
</html>
`;
}

const hidden = (requestId: string): string =>
  `<input type="hidden" name="request_id" value="${esc(requestId)}">`;

function appHeader(app: SeedApp): string {
  const initial = esc((app.name.trim()[0] ?? '?').toUpperCase());
  return `<div class="app"><div class="app-icon" aria-hidden="true">${initial}</div><div><strong>${esc(app.name)}</strong><div class="muted">App key ${esc(app.key)}</div></div></div>`;
}

export function signInPage(args: {
  app: SeedApp;
  requestId: string;
  email?: string;
  error?: string;
}): string {
  const error =
    args.error !== undefined
      ? `<p class="alert" id="sign-in-error" role="alert">${esc(args.error)}</p>`
      : '';
  return layout(
    'Sign in - Dropbox',
    `<h1>Sign in</h1>
<p class="muted">to continue to <strong>${esc(args.app.name)}</strong></p>
${error}
<form id="sign-in-form" method="post" action="/oauth2/authorize/sign-in">
${hidden(args.requestId)}
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${esc(args.email ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions full"><button id="sign-in" class="primary" type="submit">Sign in</button></div>
</form>`,
    {
      footer:
        'Demo accounts and passwords are listed in <code>test/dropbox-emulator/README.md</code>.',
    },
  );
}

export function continuePage(args: {
  app: SeedApp;
  requestId: string;
  account: SeedAccount;
}): string {
  return layout(
    `${args.app.name} - Dropbox`,
    `${appHeader(args.app)}
<h1>This app is in development</h1>
<p><strong>${esc(args.app.name)}</strong> hasn't been reviewed by Dropbox yet. Only continue if you know and trust the developer of this app.</p>
<p class="muted">Signed in as ${esc(args.account.name)} (${esc(args.account.email)})</p>
<form id="continue-form" method="post" action="/oauth2/authorize/continue">
${hidden(args.requestId)}
<div class="actions">
<button id="cancel" class="secondary" type="submit" name="decision" value="cancel" formaction="/oauth2/authorize/decision">Cancel</button>
<button id="continue" class="primary" type="submit">Continue</button>
</div>
</form>`,
  );
}

export function consentPage(args: {
  app: SeedApp;
  requestId: string;
  account: SeedAccount;
  team: SeedTeam | null;
  scopes: readonly string[];
  switchAccountHref: string;
}): string {
  const { app, account, team } = args;
  const title =
    team !== null
      ? `${app.name} would like access to your team, ${team.name}`
      : `${app.name} would like access to ${app.access === 'app_folder' ? 'its own folder in your Dropbox' : 'the files and folders in your Dropbox'}`;
  const access =
    app.access === 'app_folder'
      ? `<p class="note">This app can only see its own folder: <strong>Apps › ${esc(app.name)}</strong>.</p>`
      : team !== null
        ? `<p class="note">As a team admin you are linking this app for all of <strong>${esc(team.name)}</strong>.</p>`
        : '';
  const items =
    args.scopes.length === 0
      ? "<li>Access your Dropbox as allowed by this app's permission type</li>"
      : args.scopes
          .map(
            (s) =>
              `<li data-scope="${esc(s)}">${esc(describeScope(s).meaning)}<br><code>${esc(s)}</code></li>`,
          )
          .join('\n');
  return layout(
    `${app.name} - API Request Authorization - Dropbox`,
    `${appHeader(app)}
<h1 id="consent-title">${esc(title)}</h1>
<div class="who"><span>Signed in as <strong>${esc(account.name)}</strong> (${esc(account.email)})</span><a href="${esc(args.switchAccountHref)}">Not you?</a></div>
${access}
<h2>This app will be able to:</h2>
<ul id="permissions" class="perms">
${items}
</ul>
<form id="consent-form" method="post" action="/oauth2/authorize/decision">
${hidden(args.requestId)}
<div class="actions">
<button id="cancel" class="secondary" type="submit" name="decision" value="cancel">Cancel</button>
<button id="allow" class="primary" type="submit" name="decision" value="allow">Allow</button>
</div>
</form>`,
  );
}

export function accessCodePage(args: { app: SeedApp; code: string }): string {
  return layout(
    'API Request Authorization - Dropbox',
    `${appHeader(args.app)}
<h1>Copy this access code</h1>
<p>Enter it into <strong>${esc(args.app.name)}</strong> to finish linking your Dropbox account.</p>
<label for="access-code">Access code</label>
<input id="access-code" name="code" type="text" readonly value="${esc(args.code)}">
<p class="muted hint">The code works once and expires after a few minutes.</p>`,
  );
}

export function accessDeniedPage(args: { app: SeedApp }): string {
  return layout(
    'API Request Authorization - Dropbox',
    `${appHeader(args.app)}
<h1 id="denied-title">Access not granted</h1>
<p>You chose not to give <strong>${esc(args.app.name)}</strong> access to your Dropbox. You can close this window.</p>`,
  );
}

/**
 * Dropbox's "Error (400)" page (dbxcli#62, dropbox-sdk-python#203). `bad_request` shows the
 * "submitted a bad request" intro and the detail under "More details for developers"; `app_state`
 * (disabled, user limit, frozen) shows the detail alone.
 */
export function errorPage(args: {
  status: number;
  detail: string;
  kind: 'bad_request' | 'app_state';
}): string {
  const body =
    args.kind === 'bad_request'
      ? `<h1 id="error-title" class="error">Error (${args.status})</h1>
<p>It seems the app you were using submitted a bad request. If you would like to report this error to the app's developer, include the information below.</p>
<details class="dev" open>
<summary>More details for developers</summary>
<p id="error-detail">${esc(args.detail)}</p>
</details>`
      : `<h1 id="error-title" class="error">Error (${args.status})</h1>
<p id="error-detail">${esc(args.detail)}</p>`;
  return layout(`Dropbox - Error (${args.status})`, body);
}

export function refusalPage(args: {
  app: SeedApp;
  account: SeedAccount;
  detail: string;
  switchAccountHref: string;
}): string {
  return layout(
    `${args.app.name} - Dropbox`,
    `${appHeader(args.app)}
<h1 id="refusal-title">Only a team admin can link this app</h1>
<p id="refusal-detail">${esc(args.detail)}</p>
<div class="who"><span>Signed in as <strong>${esc(args.account.name)}</strong> (${esc(args.account.email)})</span><a href="${esc(args.switchAccountHref)}">Sign in as someone else</a></div>`,
  );
}

export function notFoundPage(): string {
  return layout(
    'Dropbox - Error (404)',
    `<h1 id="error-title" class="error">Error (404)</h1>
<p>We can't find the page you're looking for.</p>
<p class="muted">This emulator serves <a href="/developers/apps">/developers/apps</a>, /oauth2/authorize, /oauth2/token and /2/… routes.</p>`,
  );
}

export function serverErrorPage(status: number): string {
  return layout(
    `Dropbox - Error (${status})`,
    `<h1 id="error-title" class="error">Error (${status})</h1>
<p id="error-detail">Something went wrong. Don't worry, your files are still safe and the Dropboxers have been notified. Try again in a little while.</p>`,
  );
}

/**
 * What a hotel or office network's login page answers in place of the real host: 200, HTML, and
 * nothing like Dropbox (a fault `{"status": 200, "body": "html"}`). Deliberately not the Dropbox
 * layout, so a client cannot mistake it for a Dropbox page.
 */
export function captivePortalPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Network login</title></head>
<body><h1 id="portal-title">Welcome to Guest Wi-Fi</h1>
<p>Accept the terms of use to continue to the internet.</p>
<form method="post" action="/portal/accept"><button type="submit">Accept and connect</button></form>
</body></html>
`;
}

/** A minimal App Console: every seeded app with its settings (secrets behind "Show"). */
export function appConsolePage(apps: readonly SeedApp[]): string {
  const permissionType = (a: SeedApp): string =>
    a.legacy
      ? `Legacy (${a.access === 'app_folder' ? 'App folder' : 'Full Dropbox'})`
      : `Scoped App (${a.access === 'app_folder' ? 'App Folder' : 'Full Dropbox'})`;
  const cards = apps
    .map(
      (a) => `<section class="app-card" id="app-${esc(a.key)}" data-app-key="${esc(a.key)}">
<h2>${esc(a.name)}</h2>
<table>
<tr><th>Status</th><td><span class="pill ${esc(a.status)}">${esc(a.status[0]?.toUpperCase() + a.status.slice(1))}</span>${a.userLimitReached ? ' <span class="pill disabled">User limit reached</span>' : ''}${a.frozen ? ' <span class="pill disabled">Frozen pending review</span>' : ''}</td></tr>
<tr><th>Permission type</th><td>${esc(permissionType(a))}</td></tr>
<tr><th>App key</th><td><code class="app-key">${esc(a.key)}</code></td></tr>
<tr><th>App secret</th><td><details><summary>Show</summary><code class="app-secret">${esc(a.secret)}</code></details></td></tr>
<tr><th>Redirect URIs</th><td>${a.redirectUris.length === 0 ? '<span class="muted">None</span>' : a.redirectUris.map((u) => `<div><code>${esc(u)}</code></div>`).join('')}</td></tr>
<tr><th>Allow public clients (Implicit Grant &amp; PKCE)</th><td>${a.allowPublicClients ? 'Allow' : 'Disallow'}</td></tr>
<tr><th>Permissions</th><td class="scopes">${a.legacy ? '<span class="muted">Legacy app: no scopes</span>' : a.scopes.length === 0 ? '<span class="muted">None</span>' : a.scopes.map((s) => `<code>${esc(s)}</code>`).join('')}</td></tr>
</table>
</section>`,
    )
    .join('\n');
  return layout(
    'App Console - Dropbox',
    `<h1>App Console</h1>
<p class="muted">The apps seeded into this emulator. Change them with <code>PATCH /__emulator/apps/&lt;key&gt;</code> (see test/dropbox-emulator/README.md).</p>
${cards.length > 0 ? cards : '<p>No apps are seeded.</p>'}`,
    { wide: true },
  );
}

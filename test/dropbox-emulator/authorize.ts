/**
 * `GET /oauth2/authorize` and the form steps behind it (Dropbox's OAuth docs). Invalid requests get
 * the "Error (400)" page and never redirect. Valid ones go sign-in → (development apps) Continue →
 * consent → Allow/Cancel. Each form carries a hidden `request_id`, so a cookie-less HTTP client can
 * drive the flow; a browser also gets an HttpOnly, SameSite=Lax session cookie so a second
 * authorize skips sign-in unless `force_reauthentication=true`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, parseCookies, readBody, redirect, sendHtml } from './http-util';
import {
  accessCodePage,
  accessDeniedPage,
  consentPage,
  contentSecurityPolicy,
  continuePage,
  cspSourceFor,
  errorPage,
  refusalPage,
  signInPage,
} from './oauth-pages';
import { isTeamScope, normalizeScopes, parseScopeParam } from './scopes';
import type { SeedAccount, SeedApp } from './seed';
import {
  isTeamGrant,
  type CodeChallengeMethod,
  type EmulatorState,
  type PendingAuthorization,
  type TokenAccessType,
} from './state';

export const SESSION_COOKIE = 'emu_session';

/**
 * Texts on the "Error (400)" page. Those marked "Observed" are Dropbox wording seen in public
 * threads.
 */
export const AUTHORIZE_ERRORS = {
  /** Observed (dbxcli#62; ShareX#1535). */
  invalidClientId: (clientId: string): string => `Invalid client_id: "${clientId}".`,
  /** Observed (dropbox-sdk-python#203, 2020 wording; rclone#3815). */
  invalidRedirectUri:
    "Invalid redirect_uri. It must exactly match one of the redirect URIs you've pre-configured for your app (including the path).",
  /** Observed (dropbox-sdk-js#850). */
  appDisabled: 'This app is currently disabled.',
  /** Observed (thewordisbird/VaultSync#41, 2025 wording). */
  userLimit:
    "This app has reached its user limit. Contact the app developer and ask them to use the Dropbox API App Console to increase their app's user limit.",
  /** Observed (stephanie-wang/kindlebox#14). */
  frozen: 'This app is unable to link additional users because it has been frozen pending review.',
  /** Observed (dbxcli#47, 2016). */
  teamLimitReached:
    "This app has reached its team limit. Contact the app developer and ask them to use the Dropbox API App Console to increase their app's team limit.",
  /** Observed (dbxcli#58, 2017). */
  teamLimitDevelopment:
    "This app is in development mode and can't be authorized by more teams. Contact the app developer and ask them to use the Dropbox API App Console to apply for production status.",
  /** Observed (keeweb#1597): no requested scope is ticked on the app. */
  noScopeGrantable: 'No scope requested can be granted for this app.',
  /** Observed (watermint/toolbox#896); which requests trigger it is a GUESS (see scopeDependencyMissing). */
  scopeRequired: (scope: string): string => `\`${scope}\` scope is required.`,
  /** Observed (DJaeger/files_external_dropbox#24): a personal account asked for team scopes. */
  workAccountRequired: 'Please sign in with a work account.',
  /**
   * Observed: approval_prompt (stevenmaguire/oauth2-dropbox#5), nonce (react-native-app-auth#645),
   * access_type (rclone#1484); `prompt` is expected to behave the same (inference).
   */
  unknownField: (name: string): string => `unknown field "${name}"`,
  /** GUESS wording: an empty `scope=` is a 400 (community.dropbox.com comment 491406), text unknown. */
  emptyScope: '"scope": must not be empty',
  /** Observed for legacy apps given a scope (keeweb#1959). */
  legacyScope: (length: number): string => `"scope": must be at most 0 characters, got ${length}`,
  /** UNCONFIRMED wording. */
  invalidResponseType: (value: string): string =>
    `Invalid response_type: "${value}". Expected "code" or "token".`,
  /** UNCONFIRMED wording. */
  tokenNeedsRedirect: 'A redirect_uri is required for response_type=token.',
  /** UNCONFIRMED wording (options.partlyEnabledScopes = refuse: the app lacks one of the requested scopes). */
  invalidScope: (scope: string): string =>
    `Invalid scope: "${scope}". The app does not have this scope enabled on the Permissions tab of the App Console.`,
  /** UNCONFIRMED wording (state is "up to 500 bytes", Dropbox's authorize parameter docs). */
  stateTooLong: (bytes: number): string => `"state": must be at most 500 bytes, got ${bytes}`,
  /** UNCONFIRMED wording. */
  invalidTokenAccessType: (value: string): string =>
    `Invalid token_access_type: "${value}". Expected "offline", "online" or "legacy".`,
  /** UNCONFIRMED wording (cyberduck#13836: PKCE/implicit on an app that disallows public
   * clients). */
  publicClientsDisallowed:
    'This app does not allow public clients (PKCE or implicit grant). The app\'s developer can change "Allow public clients (Implicit Grant & PKCE)" on the Settings tab of the App Console.',
  /** UNCONFIRMED wording. */
  invalidCodeChallengeMethod: (value: string): string =>
    `Invalid code_challenge_method: "${value}". Expected "S256" or "plain".`,
  /** UNCONFIRMED wording (RFC 7636 §4.2 format). */
  invalidCodeChallenge:
    'Invalid code_challenge: it must be 43 to 128 characters from [A-Za-z0-9-._~].',
  /** UNCONFIRMED wording. */
  invalidIncludeGrantedScopes: (value: string): string =>
    `Invalid include_granted_scopes: "${value}". Expected "user" or "team".`,
  /** Emulator-specific: a form posted for a request that expired, finished or never existed. */
  staleRequest:
    'This authorization request has expired or was already used. Go back to the app and start again.',
} as const;

/**
 * The refusal shown when team scopes are requested by someone who is not a team admin (Dropbox's
 * teams docs; dropbox-sdk-dotnet#22).
 */
export function teamAdminRequiredText(
  app: SeedApp,
  scopes: readonly string[],
  account: SeedAccount,
): string {
  const teamScopes = scopes.filter(isTeamScope).join(', ');
  const who =
    account.teamId === null
      ? 'This Dropbox account is not part of a team.'
      : 'You are not an admin of your team.';
  return `"${app.name}" asks for access to your whole team (${teamScopes}). Only a Dropbox team admin can link it. ${who} Ask a team admin to link the app, or sign in with a team admin account.`;
}

interface PageError {
  status: number;
  kind: 'bad_request' | 'app_state';
  detail: string;
}

type Validated =
  | { ok: true; fields: Omit<PendingAuthorization, 'id' | 'createdAt' | 'accountId' | 'stage'> }
  | { ok: false; error: PageError };

const badRequest = (detail: string): { ok: false; error: PageError } => ({
  ok: false,
  error: { status: 400, kind: 'bad_request', detail },
});
const appState = (detail: string): { ok: false; error: PageError } => ({
  ok: false,
  error: { status: 400, kind: 'app_state', detail },
});

/**
 * The documented authorize parameters (Dropbox's authorize parameter docs, as copied into its
 * SDKs). Anything else is an `unknown field` Error (400).
 */
export const AUTHORIZE_PARAMS: ReadonlySet<string> = new Set([
  'client_id',
  'response_type',
  'redirect_uri',
  'state',
  'token_access_type',
  'scope',
  'include_granted_scopes',
  'code_challenge',
  'code_challenge_method',
  'force_reapprove',
  'force_reauthentication',
  'disable_signup',
  'require_role',
  'locale',
]);

/**
 * GUESS (the text is observed, watermint/toolbox#896 "tbx dropbox team filesystem"; the trigger is
 * inferred): a team grant that asks for member or team content (user file/sharing scopes, or
 * team_data.content/team_space) needs `team_data.member`, the scope behind Select-User (Dropbox's
 * auth-types docs).
 */
export function scopeDependencyMissing(scopes: readonly string[]): string | null {
  if (!scopes.some(isTeamScope) || scopes.includes('team_data.member')) return null;
  const needsMember = scopes.some(
    (s) =>
      s.startsWith('files.') ||
      s.startsWith('sharing.') ||
      s.startsWith('team_data.content.') ||
      s === 'team_data.team_space',
  );
  return needsMember ? 'team_data.member' : null;
}

/** Validates authorize parameters in the order Dropbox is assumed to (client first). */
export function validateAuthorizeQuery(state: EmulatorState, params: URLSearchParams): Validated {
  const clientId = params.get('client_id') ?? '';
  const app = state.app(clientId);
  if (app === undefined) return badRequest(AUTHORIZE_ERRORS.invalidClientId(clientId));
  if (app.status === 'disabled') return appState(AUTHORIZE_ERRORS.appDisabled);
  // Unknown parameters are refused (stevenmaguire/oauth2-dropbox#5, react-native-app-auth#645);
  // where this sits among the checks is a GUESS.
  for (const name of params.keys()) {
    if (!AUTHORIZE_PARAMS.has(name)) return badRequest(AUTHORIZE_ERRORS.unknownField(name));
  }

  const responseType = params.get('response_type') ?? '';
  if (responseType !== 'code' && responseType !== 'token')
    return badRequest(AUTHORIZE_ERRORS.invalidResponseType(responseType));

  const redirectUri = params.get('redirect_uri');
  if (redirectUri !== null && !app.redirectUris.includes(redirectUri))
    return badRequest(AUTHORIZE_ERRORS.invalidRedirectUri);
  if (responseType === 'token' && redirectUri === null)
    return badRequest(AUTHORIZE_ERRORS.tokenNeedsRedirect);

  const scopeParam = params.get('scope');
  const requested = parseScopeParam(scopeParam);
  let scopes: string[];
  if (app.legacy) {
    if (scopeParam !== null && scopeParam.length > 0)
      return badRequest(AUTHORIZE_ERRORS.legacyScope(scopeParam.length));
    scopes = [];
  } else if (scopeParam !== null && scopeParam.trim() === '') {
    // "If the scope is provided, but is empty, then a 400 error message is displayed"
    // (community.dropbox.com comment 491406); what Cerb's empty package scope sends.
    return badRequest(AUTHORIZE_ERRORS.emptyScope);
  } else if (requested === null) {
    // No scope: every scope the app has right now (dropbox-sdk-rust docs); later App Console
    // changes never reach tokens from this grant (dropbox-sdk-js#1052).
    scopes = [...app.scopes];
  } else {
    const enabled = requested.filter((s) => app.scopes.includes(s));
    // keeweb#1597: none of the requested scopes is ticked on the app.
    if (enabled.length === 0) return badRequest(AUTHORIZE_ERRORS.noScopeGrantable);
    const missing = requested.find((s) => !app.scopes.includes(s));
    // UNCONFIRMED: a partly enabled list; configurable, both ways tested.
    if (missing !== undefined && state.options.partlyEnabledScopes === 'refuse')
      return badRequest(AUTHORIZE_ERRORS.invalidScope(missing));
    const dependency = scopeDependencyMissing(enabled);
    if (dependency !== null) return badRequest(AUTHORIZE_ERRORS.scopeRequired(dependency));
    scopes = [...enabled];
    if (state.options.autoAddAccountInfoRead && app.scopes.includes('account_info.read'))
      scopes.push('account_info.read');
  }

  const tat = params.get('token_access_type');
  if (tat !== null && tat !== 'offline' && tat !== 'online' && tat !== 'legacy') {
    return badRequest(AUTHORIZE_ERRORS.invalidTokenAccessType(tat));
  }
  // Omitted = the app default (online for scoped apps); `legacy` no longer yields long-lived
  // tokens since 2021-09-30 (Dropbox's post "Migrating App Permissions and Access Tokens"), so it
  // behaves as `online`.
  const tokenAccessType: TokenAccessType = tat ?? 'online';

  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  let codeChallenge: string | null = null;
  let codeChallengeMethod: CodeChallengeMethod | null = null;
  if (challenge !== null || method !== null || responseType === 'token') {
    if (!app.allowPublicClients) return badRequest(AUTHORIZE_ERRORS.publicClientsDisallowed);
  }
  if (responseType === 'code' && (challenge !== null || method !== null)) {
    const m = method ?? 'plain';
    if (m !== 'S256' && !(m === 'plain' && state.options.pkcePlainAllowed))
      return badRequest(AUTHORIZE_ERRORS.invalidCodeChallengeMethod(m));
    if (challenge === null || !/^[A-Za-z0-9._~-]{43,128}$/.test(challenge))
      return badRequest(AUTHORIZE_ERRORS.invalidCodeChallenge);
    codeChallenge = challenge;
    codeChallengeMethod = m;
  }

  const stateParam = params.get('state');
  if (stateParam !== null && Buffer.byteLength(stateParam, 'utf8') > 500) {
    return badRequest(AUTHORIZE_ERRORS.stateTooLong(Buffer.byteLength(stateParam, 'utf8')));
  }

  const igs = params.get('include_granted_scopes');
  if (igs !== null && igs !== 'user' && igs !== 'team' && igs !== 'none') {
    return badRequest(AUTHORIZE_ERRORS.invalidIncludeGrantedScopes(igs));
  }

  return {
    ok: true,
    fields: {
      appKey: app.key,
      responseType,
      redirectUri,
      state: stateParam,
      scopes: normalizeScopes(scopes),
      includeGrantedScopes: igs === 'user' || igs === 'team' ? igs : null,
      tokenAccessType,
      codeChallenge,
      codeChallengeMethod,
      forceReapprove: params.get('force_reapprove') === 'true',
      query: params.toString(),
    },
  };
}

function csp(pending: PendingAuthorization | null): string {
  return contentSecurityPolicy(pending === null ? [] : cspSourceFor(pending.redirectUri));
}

function showError(
  res: ServerResponse,
  error: PageError,
  pending: PendingAuthorization | null = null,
): void {
  sendHtml(res, error.status, errorPage(error), csp(pending));
}

function switchAccountHref(pending: PendingAuthorization): string {
  const params = new URLSearchParams(pending.query);
  params.set('force_reauthentication', 'true');
  return `/oauth2/authorize?${params.toString()}`;
}

function sessionCookie(sid: string): string {
  return `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`;
}

/** Routes the www OAuth paths. Returns false when the path is not one of them. */
export async function handleAuthorizePaths(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  switch (url.pathname) {
    case '/oauth2/authorize':
    case '/1/oauth2/authorize':
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res);
      startAuthorize(state, req, res, url);
      return true;
    case '/oauth2/authorize/sign-in':
    case '/oauth2/authorize/continue':
    case '/oauth2/authorize/decision': {
      if (method !== 'POST') return methodNotAllowed(res);
      const form = await readForm(req, res);
      if (form === null) return true;
      const pending = state.getPending(form.get('request_id') ?? '');
      if (pending === undefined) {
        showError(res, { status: 400, kind: 'bad_request', detail: AUTHORIZE_ERRORS.staleRequest });
        return true;
      }
      const app = state.app(pending.appKey);
      if (app === undefined || app.status === 'disabled') {
        state.deletePending(pending.id);
        showError(res, {
          status: 400,
          kind: 'app_state',
          detail:
            app === undefined
              ? AUTHORIZE_ERRORS.invalidClientId(pending.appKey)
              : AUTHORIZE_ERRORS.appDisabled,
        });
        return true;
      }
      if (url.pathname.endsWith('/sign-in')) signIn(state, res, pending, app, form);
      else if (url.pathname.endsWith('/continue')) continueStep(state, res, pending, app);
      else decide(state, res, pending, app, form.get('decision') ?? '');
      return true;
    }
    default:
      return false;
  }
}

function methodNotAllowed(res: ServerResponse): true {
  sendHtml(
    res,
    405,
    errorPage({ status: 405, kind: 'bad_request', detail: 'Method not allowed.' }),
    contentSecurityPolicy(),
    { Allow: 'GET, POST' },
  );
  return true;
}

async function readForm(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<URLSearchParams | null> {
  try {
    const body = await readBody(req, 64 * 1024);
    return new URLSearchParams(body.toString('utf8'));
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      showError(res, { status: 413, kind: 'bad_request', detail: 'Request body too large.' });
      return null;
    }
    throw err;
  }
}

function startAuthorize(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const validated = validateAuthorizeQuery(state, url.searchParams);
  if (!validated.ok) {
    showError(res, validated.error);
    return;
  }
  const pending = state.createPending(validated.fields);
  const app = state.app(pending.appKey) as SeedApp;
  const sid = parseCookies(req).get(SESSION_COOKIE);
  if (url.searchParams.get('force_reauthentication') === 'true') {
    // "users will be signed out if they are currently signed in" (dropbox-sdk-dotnet docs)
    state.endSession(sid);
    sendHtml(res, 200, signInPage({ app, requestId: pending.id }), csp(pending), {
      'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    });
    return;
  }
  const account = state.sessionAccount(sid);
  if (account !== undefined) {
    afterSignIn(state, res, pending, app, account);
    return;
  }
  sendHtml(res, 200, signInPage({ app, requestId: pending.id }), csp(pending));
}

function signIn(
  state: EmulatorState,
  res: ServerResponse,
  pending: PendingAuthorization,
  app: SeedApp,
  form: URLSearchParams,
): void {
  const email = form.get('email') ?? '';
  const account = state.accountByEmail(email);
  if (account === undefined || account.password !== (form.get('password') ?? '')) {
    sendHtml(
      res,
      200,
      signInPage({ app, requestId: pending.id, email, error: 'Invalid email or password.' }),
      csp(pending),
    );
    return;
  }
  if (account.status === 'suspended' || account.status === 'removed') {
    const error =
      account.status === 'suspended'
        ? 'This account has been suspended by a team admin.'
        : 'This account has been removed from its team.';
    sendHtml(res, 200, signInPage({ app, requestId: pending.id, email, error }), csp(pending));
    return;
  }
  const sid = state.createSession(account.accountId);
  afterSignIn(state, res, pending, app, account, { 'Set-Cookie': sessionCookie(sid) });
}

function afterSignIn(
  state: EmulatorState,
  res: ServerResponse,
  pending: PendingAuthorization,
  app: SeedApp,
  account: SeedAccount,
  headers: Record<string, string> = {},
): void {
  pending.accountId = account.accountId;
  if (isTeamGrant(pending.scopes) && account.teamId === null) {
    // DJaeger/files_external_dropbox#24: a personal account asked for team scopes. The text is
    // observed; that it is an Error (400) page shown after sign-in is a GUESS.
    state.deletePending(pending.id);
    sendHtml(
      res,
      400,
      errorPage({ status: 400, kind: 'app_state', detail: AUTHORIZE_ERRORS.workAccountRequired }),
      csp(pending),
      headers,
    );
    return;
  }
  if (isTeamGrant(pending.scopes) && !state.isActiveTeamAdmin(account)) {
    const detail = teamAdminRequiredText(app, pending.scopes, account);
    sendHtml(
      res,
      403,
      refusalPage({ app, account, detail, switchAccountHref: switchAccountHref(pending) }),
      csp(pending),
      headers,
    );
    return;
  }
  if (
    app.teamLimitReached &&
    app.status === 'development' &&
    isTeamGrant(pending.scopes) &&
    account.teamId !== null &&
    !state.hasTeamLinked(app.key, account.teamId)
  ) {
    state.deletePending(pending.id);
    const detail =
      state.options.teamLimitText === 'development'
        ? AUTHORIZE_ERRORS.teamLimitDevelopment
        : AUTHORIZE_ERRORS.teamLimitReached;
    sendHtml(
      res,
      400,
      errorPage({ status: 400, kind: 'app_state', detail }),
      csp(pending),
      headers,
    );
    return;
  }
  if ((app.userLimitReached || app.frozen) && !state.hasLinked(app.key, account.accountId)) {
    state.deletePending(pending.id);
    sendHtml(
      res,
      400,
      errorPage({
        status: 400,
        kind: 'app_state',
        detail: app.frozen ? AUTHORIZE_ERRORS.frozen : AUTHORIZE_ERRORS.userLimit,
      }),
      csp(pending),
      headers,
    );
    return;
  }
  if (isReturningApproval(state, pending, app, account)) {
    // Dropbox: with force_reapprove false, "a user who has already approved the application may
    // be automatically redirected" (dropbox-sdk-dotnet docs). Whether it does is UNCONFIRMED, hence
    // the option.
    state.deletePending(pending.id);
    approve(state, res, pending, app, account, headers);
    return;
  }
  if (app.status === 'development') {
    pending.stage = 'continue';
    sendHtml(
      res,
      200,
      continuePage({ app, requestId: pending.id, account }),
      csp(pending),
      headers,
    );
    return;
  }
  showConsent(state, res, pending, app, account, headers);
}

/** skipConsentForReturningUser: this account already approved this app for every requested scope. */
function isReturningApproval(
  state: EmulatorState,
  pending: PendingAuthorization,
  app: SeedApp,
  account: SeedAccount,
): boolean {
  if (!state.options.skipConsentForReturningUser || pending.forceReapprove) return false;
  const team = isTeamGrant(pending.scopes);
  if (!state.hasApproved(app.key, account.accountId, team)) return false;
  const before = new Set(state.previousGrant(app.key, account.accountId, team));
  // New scopes need the user's say-so: only a request within the earlier approval skips consent.
  return pending.scopes.every((s) => before.has(s));
}

function showConsent(
  state: EmulatorState,
  res: ServerResponse,
  pending: PendingAuthorization,
  app: SeedApp,
  account: SeedAccount,
  headers: Record<string, string> = {},
): void {
  pending.stage = 'consent';
  const team =
    isTeamGrant(pending.scopes) && account.teamId !== null
      ? (state.team(account.teamId) ?? null)
      : null;
  sendHtml(
    res,
    200,
    consentPage({
      app,
      requestId: pending.id,
      account,
      team,
      scopes: pending.scopes,
      switchAccountHref: switchAccountHref(pending),
    }),
    csp(pending),
    headers,
  );
}

function continueStep(
  state: EmulatorState,
  res: ServerResponse,
  pending: PendingAuthorization,
  app: SeedApp,
): void {
  const account = pending.accountId === null ? undefined : state.account(pending.accountId);
  if (pending.stage !== 'continue' || account === undefined) {
    showError(
      res,
      { status: 400, kind: 'bad_request', detail: AUTHORIZE_ERRORS.staleRequest },
      pending,
    );
    return;
  }
  showConsent(state, res, pending, app, account);
}

function appendParams(
  base: string,
  params: Record<string, string | null>,
  separator: '?' | '#',
): string {
  const encoded = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  if (separator === '#') return `${base.split('#')[0]}#${encoded}`;
  return `${base}${base.includes('?') ? '&' : '?'}${encoded}`;
}

function decide(
  state: EmulatorState,
  res: ServerResponse,
  pending: PendingAuthorization,
  app: SeedApp,
  decision: string,
): void {
  if (decision === 'cancel' && pending.stage !== 'sign_in') {
    state.deletePending(pending.id);
    if (pending.redirectUri === null) {
      sendHtml(res, 200, accessDeniedPage({ app }), csp(pending));
      return;
    }
    const params = {
      error: 'access_denied',
      error_description: state.options.accessDeniedDescription,
      state: pending.state,
    };
    redirect(
      res,
      appendParams(pending.redirectUri, params, pending.responseType === 'token' ? '#' : '?'),
    );
    return;
  }
  const account = pending.accountId === null ? undefined : state.account(pending.accountId);
  if (decision !== 'allow' || pending.stage !== 'consent' || account === undefined) {
    showError(
      res,
      { status: 400, kind: 'bad_request', detail: AUTHORIZE_ERRORS.staleRequest },
      pending,
    );
    return;
  }
  state.deletePending(pending.id);
  approve(state, res, pending, app, account);
}

/** Allow: record the grant, then redirect with a code (or token), or show the access-code page. */
function approve(
  state: EmulatorState,
  res: ServerResponse,
  pending: PendingAuthorization,
  app: SeedApp,
  account: SeedAccount,
  headers: Record<string, string> = {},
): void {
  let scopes = pending.scopes;
  if (pending.includeGrantedScopes !== null) {
    scopes = normalizeScopes([
      ...scopes,
      ...state.previousGrant(app.key, account.accountId, pending.includeGrantedScopes === 'team'),
    ]);
  }
  const team = isTeamGrant(scopes);
  const teamId = team ? account.teamId : null;
  state.recordGrant(app.key, account.accountId, team, scopes);

  if (pending.responseType === 'token') {
    // Implicit grant (legacy, dropbox-sdk-rust Oauth2Type docs): the token rides in the fragment.
    const { access } = state.issueTokens({
      appKey: app.key,
      accountId: account.accountId,
      teamId,
      scopes,
      offline: false,
      publicClient: true,
    });
    const params: Record<string, string | null> = {
      access_token: access.value,
      token_type: 'bearer',
      expires_in: String(state.options.accessTokenLifetimeSeconds),
      state: pending.state,
      uid: teamId === null ? state.uid(account) : '',
      ...(teamId === null ? { account_id: account.accountId } : { team_id: teamId }),
      scope: app.legacy ? null : scopes.join(' '),
    };
    redirect(res, appendParams(pending.redirectUri as string, params, '#'), headers);
    return;
  }

  const code = state.issueCode({
    appKey: app.key,
    accountId: account.accountId,
    teamId,
    scopes,
    redirectUri: pending.redirectUri,
    codeChallenge: pending.codeChallenge,
    codeChallengeMethod: pending.codeChallengeMethod,
    tokenAccessType: pending.tokenAccessType,
  });
  if (pending.redirectUri === null) {
    sendHtml(res, 200, accessCodePage({ app, code: code.value }), csp(pending), headers);
    return;
  }
  redirect(
    res,
    appendParams(pending.redirectUri, { code: code.value, state: pending.state }, '?'),
    headers,
  );
}

/**
 * Sign-in attempts. At most one is open; it is a value of a small state union, and every path
 * that ends it goes through `settle`, so "which attempt delivered" never depends on flags set in
 * several places:
 *
 *   open ──(redirect with the right state, pasted code, window closed, timeout, cancel)──▶ settled
 *
 * Three ways in (internal window, system browser + loopback listener, pasted code), one exchange
 * (exactly once: codes are single-use), PKCE S256 wherever the app allows it, bound to the
 * attempt. App-only targets get a test sign-in with online access (no refresh token).
 */
import type {
  AuthorizationStart,
  AuthorizationSummary,
  AuthorizationWait,
  AuthorizeMethod,
  BridgeEvent,
} from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { DropboxContext } from '../dropbox/context';
import type { DropboxEndpoints } from '../dropbox/endpoints';
import { toWizardError } from '../failure';
import {
  buildAuthorizeUrl,
  createPkce,
  createState,
  parseAuthorizationRedirect,
} from '../dropbox/authorize-request';
import { preflightAuthorize, preflightScopes } from '../dropbox/preflight';
import { catalogueError } from '../errors';
import { cleanPastedValue } from '../input/paste-hygiene';
import { startLoopbackListener, type LoopbackListener } from '../loopback/loopback-listener';
import type { HostShell, SignInWindowHandle } from '../platform';
import { redirectUriForPort } from '../targets/redirect-ports';
import type { Session } from './session';
import { exchangeAndRecord, type PendingHolder } from './code-exchange';
import type { TokenKeeper } from './tokens';

interface OpenAttempt {
  readonly phase: 'open';
  readonly id: string;
  readonly method: AuthorizeMethod;
  readonly state: string | null;
  readonly redirectUri: string | null;
  readonly authorizeUrl: string;
  readonly codeVerifier: string | null;
  readonly done: Promise<Result<AuthorizationSummary>>;
  readonly resolve: (result: Result<AuthorizationSummary>) => void;
  listener: LoopbackListener | null;
  window: SignInWindowHandle | null;
}

type AttemptState = { readonly phase: 'none' } | OpenAttempt;

export interface AuthorizationDeps {
  readonly session: Session;
  readonly tokens: TokenKeeper;
  readonly ctx: DropboxContext;
  readonly endpoints: DropboxEndpoints;
  readonly shell: HostShell;
  readonly ports: readonly number[];
  readonly emit: (event: BridgeEvent) => void;
  readonly log: (line: string) => void;
  readonly longPollMs: number;
  readonly timeoutMs: number;
  /** A refresh token replaced by a new sign-in: revoke it in the background. */
  readonly onReplaced: (appKey: string, appSecret: string, refreshToken: string) => void;
  /** A sign-in as another account or team, held until the admin decides. */
  readonly pending: PendingHolder;
}

export interface Authorizations {
  start(args: {
    method: AuthorizeMethod;
    port?: number;
    forceReauthentication?: boolean;
  }): Promise<Result<AuthorizationStart>>;
  wait(attemptId: string): Promise<Result<AuthorizationWait>>;
  submitCode(code: string): Promise<Result<AuthorizationSummary>>;
  cancel(reason?: 'cancelled' | 'replaced'): void;
  pending(): AuthorizationStart | null;
}

export function createAuthorizations(deps: AuthorizationDeps): Authorizations {
  const { session } = deps;
  let current: AttemptState = { phase: 'none' };
  /**
   * The last attempt that ended, so a long poll that arrives after the end (the browser tab was
   * faster than the next poll, or the page reloaded) still learns the real outcome.
   */
  let ended: { readonly id: string; readonly result: Result<AuthorizationSummary> } | null = null;
  let counter = 0;

  /** The one way an attempt ends. Later calls for the same attempt change nothing. */
  function settle(attempt: OpenAttempt, result: Result<AuthorizationSummary>): void {
    if (current !== attempt) return;
    current = { phase: 'none' };
    ended = { id: attempt.id, result };
    attempt.resolve(result);
    deps.emit({
      type: 'authorization',
      attemptId: attempt.id,
      status: result.ok ? 'arrived' : 'failed',
    });
    void attempt.listener?.close();
    attempt.window?.close();
  }

  function cancel(reason: 'cancelled' | 'replaced' = 'cancelled'): void {
    if (current.phase !== 'open') return;
    settle(
      current,
      fail({
        ...catalogueError('attempt_gone'),
        code: 'authorization_cancelled',
        message:
          reason === 'replaced'
            ? 'A newer sign-in replaced this one.'
            : 'The sign-in was cancelled.',
      }),
    );
  }

  const exchange = (code: string, redirectUri: string | null, codeVerifier: string | null) =>
    exchangeAndRecord(deps, code, redirectUri, codeVerifier);

  /** A redirect arrived (loopback or sign-in window): check state, exchange the code. */
  async function onRedirect(
    attempt: OpenAttempt,
    redirectUrl: string,
  ): Promise<Result<AuthorizationSummary>> {
    if (current !== attempt) return fail(catalogueError('attempt_gone'));
    let code: string;
    try {
      ({ code } = parseAuthorizationRedirect(redirectUrl, attempt.state ?? ''));
    } catch (error) {
      const result = fail<AuthorizationSummary>(toWizardError(error));
      settle(attempt, result);
      return result;
    }
    const result = await exchange(code, attempt.redirectUri, attempt.codeVerifier);
    settle(attempt, result);
    return result;
  }

  return {
    async start({ method, port, forceReauthentication }) {
      const creds = session.needsCredentials();
      if (!creds.ok) return creds;
      if (method === 'internal' && !deps.shell.openSignInWindow) {
        return fail({
          code: 'invalid_input',
          message: 'The internal sign-in window exists only in the desktop app.',
          remedy: 'Choose "Sign in in a new browser tab" or "Dropbox showed me a code".',
        });
      }
      cancel('replaced');
      const chosenPort = port ?? deps.ports[0]!;
      if (method === 'browser' && !deps.ports.includes(chosenPort)) {
        return fail({
          code: 'invalid_input',
          message: `Port ${chosenPort} is not one of the wizard's redirect ports.`,
          remedy: `Use one of ${deps.ports.join(', ')} (set WIZARD_REDIRECT_PORTS to change them).`,
        });
      }
      const redirectUri =
        method === 'manual'
          ? null
          : redirectUriForPort(method === 'browser' ? chosenPort : deps.ports[0]!);
      // Dropbox passes `state` back only through a redirect; the shown-code flow has none, so
      // there PKCE is what binds the pasted code to this attempt.
      const state = redirectUri ? createState() : null;
      const target = session.target();
      const progress = session.progress();
      const usePkce = target?.pkce !== 'never' && progress.pkceAllowed !== false;
      let pkce = usePkce ? await createPkce() : null;
      const urlFor = (challenge: string | null): string =>
        buildAuthorizeUrl(deps.endpoints, {
          appKey: creds.value.appKey,
          redirectUri,
          state,
          forceReauthentication: forceReauthentication ?? false,
          ...(challenge ? { codeChallenge: challenge } : {}),
          ...(session.plan()?.authorization === 'test' ? { accessType: 'online' as const } : {}),
          // A team product: Dropbox asks for a work account itself (a personal one cannot link).
          ...(session.plan()?.accountType === 'team_admin' ? { requireRole: 'work' as const } : {}),
        });
      let authorizeUrl = urlFor(pkce?.challenge ?? null);
      // Pre-flight: read Dropbox's answer ourselves before the admin spends a sign-in on it.
      try {
        await preflightAuthorize(deps.ctx, authorizeUrl);
      } catch (error) {
        const wizardError = toWizardError(error);
        if (wizardError.code !== 'public_clients_disallowed' || !pkce) return fail(wizardError);
        // Learned from the first Error (400): this app refuses PKCE. Record it and go without.
        session.save({ pkceAllowed: false });
        pkce = null;
        authorizeUrl = urlFor(null);
        try {
          await preflightAuthorize(deps.ctx, authorizeUrl);
        } catch (retryError) {
          return fail(toWizardError(retryError));
        }
      }
      if (pkce && progress.pkceAllowed === null) session.save({ pkceAllowed: true });
      // The same page with the product's required scope= list: a scope not ticked on the app is
      // named now, before the admin signs in (no extra step for the admin).
      try {
        await preflightScopes(
          deps.ctx,
          authorizeUrl,
          (session.plan()?.requiredScopes ?? []).map((s) => s.id),
        );
      } catch (error) {
        return fail(toWizardError(error));
      }

      counter += 1;
      let resolve!: (result: Result<AuthorizationSummary>) => void;
      const done = new Promise<Result<AuthorizationSummary>>((r) => (resolve = r));
      const attempt: OpenAttempt = {
        phase: 'open',
        id: `attempt-${counter}-${Date.now().toString(36)}`,
        method,
        state,
        redirectUri,
        authorizeUrl,
        codeVerifier: pkce?.verifier ?? null,
        done,
        resolve,
        listener: null,
        window: null,
      };
      if (method === 'browser') {
        try {
          attempt.listener = await startLoopbackListener({
            port: chosenPort,
            expectedState: state ?? '',
            timeoutMs: deps.timeoutMs,
            alternatePorts: deps.ports.filter((p) => p !== chosenPort),
            // The browser's page waits for the exchange, so it reports the real outcome.
            complete: async (redirectUrl) => {
              const result = await onRedirect(attempt, redirectUrl);
              return result.ok
                ? { ok: true as const }
                : {
                    ok: false as const,
                    message: result.error.message,
                    remedy: result.error.remedy,
                  };
            },
          });
        } catch (error) {
          return fail(toWizardError(error));
        }
        // Timeout or a listener failure; a delivered answer settles through `complete` first.
        attempt.listener.result.catch((error: unknown) =>
          settle(attempt, fail(toWizardError(error))),
        );
      }
      current = attempt;

      let opened: boolean;
      if (method === 'internal' && deps.shell.openSignInWindow) {
        attempt.window = deps.shell.openSignInWindow({
          url: authorizeUrl,
          redirectUri,
          onRedirect: (redirectUrl) => void onRedirect(attempt, redirectUrl),
          onClosed: () =>
            settle(
              attempt,
              fail({
                code: 'authorization_cancelled',
                message: 'The sign-in window was closed before Dropbox answered.',
                remedy: 'Choose "Sign in with Dropbox" again, or sign in in your browser instead.',
                action: 'authorize_again',
              }),
            ),
        });
        opened = true;
      } else {
        opened = await deps.shell.openExternal(authorizeUrl);
      }
      deps.log(
        `[wizard] authorization started (${method}${redirectUri ? `, port ${new URL(redirectUri).port}` : ''}${pkce ? ', PKCE' : ''})`,
      );
      return ok({ attemptId: attempt.id, method, authorizeUrl, redirectUri, opened });
    },

    async wait(attemptId) {
      const attempt = current;
      if (attempt.phase !== 'open' || attempt.id !== attemptId) {
        if (ended?.id !== attemptId) return fail(catalogueError('attempt_gone'));
        const result = ended.result;
        return result.ok
          ? ok<AuthorizationWait>({ status: 'authorized', summary: result.value })
          : result;
      }
      // Cleared when the attempt settles first, so a settled poll leaves no timer behind.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const pending = new Promise<'pending'>((resolve) => {
        timer = setTimeout(() => resolve('pending'), deps.longPollMs);
        timer.unref?.();
      });
      const outcome = await Promise.race([attempt.done, pending]).finally(() =>
        clearTimeout(timer),
      );
      if (outcome === 'pending') return ok<AuthorizationWait>({ status: 'pending' });
      return outcome.ok
        ? ok<AuthorizationWait>({ status: 'authorized', summary: outcome.value })
        : outcome;
    },

    async submitCode(code) {
      const creds = session.needsCredentials();
      if (!creds.ok) return creds;
      const cleaned = cleanPastedValue('authorization_code', code);
      if (cleaned.problem) return fail(cleaned.problem);
      if (!cleaned.value) {
        return fail({
          code: 'invalid_input',
          message: 'The Authorization code is empty.',
          remedy: 'Copy the code Dropbox shows after you press Allow, and paste it here.',
          field: 'authorization_code',
        });
      }
      const attempt = current.phase === 'open' ? current : null;
      if (cleaned.state !== undefined) {
        // The whole redirect URL was pasted (its tab never reached the loopback listener): it
        // belongs to the attempt whose state it carries, and must use that attempt's redirect URI.
        if (!attempt || attempt.state === null || attempt.state !== cleaned.state) {
          return fail({
            code: 'state_mismatch',
            message: 'That sign-in response does not belong to the current attempt.',
            remedy:
              'Sign in again and paste the address from the new tab, or the code Dropbox shows.',
            action: 'authorize_again',
            field: 'authorization_code',
          });
        }
      }
      // A bare code belongs to the open shown-code attempt (its PKCE verifier binds it); with
      // none, the admin opened the shown-code page some other way: exchange it as a no-redirect code.
      const owner =
        attempt && (attempt.method === 'manual' || cleaned.state !== undefined) ? attempt : null;
      const redirectUri = owner ? owner.redirectUri : null;
      const verifier = owner ? owner.codeVerifier : null;
      if (owner) current = { phase: 'none' };
      else cancel('cancelled');
      const result = await exchange(cleaned.value, redirectUri, verifier);
      if (owner) {
        ended = { id: owner.id, result };
        owner.resolve(result);
        void owner.listener?.close();
        owner.window?.close();
      }
      return result;
    },

    cancel,

    pending() {
      if (current.phase !== 'open') return null;
      const { id, method, authorizeUrl, redirectUri } = current;
      return { attemptId: id, method, authorizeUrl, redirectUri, opened: true };
    },
  };
}

/**
 * The wizard service: the one implementation of the bridge contract. Both transports (IPC and
 * loopback HTTP) call it through `dispatchBridgeCall`, so every rule here holds in both modes.
 *
 * What it keeps where:
 * - Progress (non-secret: target, step, app key, check results, identity) → ProgressStore.
 * - App secret and refresh token → SecretVault (memory, or encrypted where the host can).
 * - Access token, OAuth state, PKCE verifier, pending attempt → this closure only, never persisted.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type {
  AppCheckReport,
  AuthorizationStart,
  AuthorizationSummary,
  AuthorizationWait,
  AuthorizeMethod,
  BridgeApi,
  BridgeEvent,
  CheckResult,
  CopyResult,
  ExportResult,
  Progress,
  SecretField,
  SessionSnapshot,
  TargetProfile,
  VerifyReport,
} from '../../shared/contract';
import { fail, ok, type Result, type WizardError } from '../../shared/result';
import { type StepId, stepIndex } from '../../shared/steps';
import { checkAppCredentials as checkAppOnDropbox, runVerifyChecks } from '../dropbox/checks';
import { resolveEndpoints, type DropboxEndpoints } from '../dropbox/endpoints';
import { toWizardError, WizardFailure } from '../dropbox/failure';
import {
  buildAuthorizeUrl,
  createState,
  exchangeCode,
  parseAuthorizationRedirect,
  refreshAccessToken,
  revokeAccessToken,
  type TokenSet,
} from '../dropbox/oauth';
import { preflightAuthorize } from '../dropbox/preflight';
import type { DropboxContext } from '../dropbox/rpc';
import { writeSecretFileAtomic } from '../export/atomic-write';
import {
  defaultExportPath,
  redactedExportPath,
  resolveExportPath,
} from '../export/default-export-path';
import { buildExportDocument, redactExportDocument } from '../export/export-format';
import { cleanPastedValue } from '../input/paste-hygiene';
import { startLoopbackListener, type LoopbackListener } from '../loopback/loopback-listener';
import type {
  EventSink,
  HostShell,
  ProgressStore,
  SecretVault,
  SignInWindowHandle,
} from '../platform';
import { redirectPortsFromEnv, redirectUriForPort } from '../targets/redirect-ports';
import { isKnownScope, SCOPES } from '../targets/scopes';
import { getTarget, requiredScopesFor, TARGETS } from '../targets/targets';
import {
  canOpenStep,
  completedBefore,
  initialProgress,
  parseProgress,
  withCompleted,
} from './progress';

export interface WizardServiceDeps {
  readonly shell: HostShell;
  readonly progress: ProgressStore;
  readonly vault: SecretVault;
  readonly events: EventSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dataDir: string;
  /** Receives one line per event worth keeping; callers must not pass secrets (none are). */
  readonly log?: (line: string) => void;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** How long one waitForAuthorization call may hold before answering "pending". */
  readonly longPollMs?: number;
  /** How long a loopback listener stays open for one attempt. */
  readonly authorizationTimeoutMs?: number;
}

/** The clipboard is cleared this long after a copy (the UI says so). */
export const CLIPBOARD_CLEAR_SECONDS = 60;

interface Attempt {
  readonly id: string;
  readonly method: AuthorizeMethod;
  readonly state: string | null;
  readonly redirectUri: string | null;
  readonly authorizeUrl: string;
  readonly done: Promise<Result<AuthorizationSummary>>;
  readonly settle: (result: Result<AuthorizationSummary>) => void;
  settled: boolean;
  listener: LoopbackListener | null;
  window: SignInWindowHandle | null;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function errorOf(error: unknown): WizardError {
  return error instanceof WizardFailure ? error.error : toWizardError(error);
}

function check(
  id: string,
  label: string,
  status: CheckResult['status'],
  detail: string,
  error?: WizardError,
): CheckResult {
  return error ? { id, label, status, detail, error } : { id, label, status, detail };
}

export function createWizardService(deps: WizardServiceDeps): BridgeApi {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? (() => undefined);
  const endpoints: DropboxEndpoints = resolveEndpoints(deps.env);
  const ports = redirectPortsFromEnv(deps.env);
  const redirectUris = ports.map(redirectUriForPort);
  const longPollMs = deps.longPollMs ?? 25_000;
  const authorizationTimeoutMs = deps.authorizationTimeoutMs ?? 10 * 60_000;

  let progress: Progress = parseProgress(deps.progress.load());
  let accessToken: { value: string; expiresAt: number } | null = null;
  let attempt: Attempt | null = null;
  let attemptCounter = 0;

  const emit = (event: BridgeEvent): void => deps.events.emit(event);
  const ctx: DropboxContext = {
    endpoints,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    onWait: (wait) => emit({ type: 'waiting', ...wait }),
  };

  function save(patch: Partial<Progress>): Progress {
    const next = { ...progress, ...patch };
    // A patch that changes nothing (Continue with the same key, a step already recorded) costs no
    // disk write: every write is a synchronous atomic rename on the bridge's request path.
    if (isDeepStrictEqual(next, progress)) return progress;
    progress = { ...next, updatedAt: now().toISOString() };
    deps.progress.save(progress);
    return progress;
  }

  function currentTarget(): TargetProfile | null {
    return progress.targetId ? (getTarget(progress.targetId) ?? null) : null;
  }

  function requiredScopes(target: TargetProfile): string[] {
    return requiredScopesFor(target, progress.customScopes);
  }

  function snapshot(): SessionSnapshot {
    return {
      mode: deps.shell.mode,
      progress,
      secrets: {
        appSecret: deps.vault.state('appSecret'),
        refreshToken: deps.vault.state('refreshToken'),
      },
      storage: deps.vault.info(),
      redirectUris,
      appConsoleUrl: endpoints.appConsoleUrl,
      dataDir: deps.dataDir,
      defaultExportPath: defaultExportPath(deps.dataDir, progress.targetId ?? 'custom', now()),
      pendingAuthorization:
        attempt && !attempt.settled
          ? {
              attemptId: attempt.id,
              method: attempt.method,
              authorizeUrl: attempt.authorizeUrl,
              redirectUri: attempt.redirectUri,
              opened: true,
            }
          : null,
    };
  }

  function needsTarget(): Result<TargetProfile> {
    const target = currentTarget();
    return target
      ? ok(target)
      : fail({
          code: 'invalid_input',
          message: 'No connector is chosen yet.',
          remedy: 'Go to "Choose connector" and pick the product you are connecting.',
          action: 'start_over',
        });
  }

  function needsCredentials(): Result<{ appKey: string; appSecret: string }> {
    const appSecret = deps.vault.get('appSecret');
    if (!progress.appKey || !appSecret) {
      return fail({
        code: 'no_credentials',
        message: progress.appKey
          ? 'The app secret is no longer held (it is kept in memory only and the wizard restarted).'
          : 'The app key and secret have not been entered yet.',
        remedy: 'Go back to "Create app", paste the App secret again and press Continue.',
        action: 'edit_credentials',
      });
    }
    return ok({ appKey: progress.appKey, appSecret });
  }

  /** A fresh access token: the one from the exchange while valid, else one from the refresh token. */
  async function freshAccessToken(appKey: string, appSecret: string): Promise<string> {
    if (accessToken && accessToken.expiresAt - 5 * 60_000 > Date.now()) return accessToken.value;
    const refreshToken = deps.vault.get('refreshToken');
    if (!refreshToken) {
      throw new WizardFailure({
        code: 'no_credentials',
        message: 'There is no Dropbox authorization to check yet.',
        remedy: 'Go to "Authorize" and sign in to Dropbox.',
        action: 'authorize_again',
      });
    }
    const refreshed = await refreshAccessToken(ctx, { appKey, appSecret, refreshToken });
    // Dropbox does not rotate refresh tokens today; if it ever does, keep the new one (RFC 9700 §2.2.2).
    if (refreshed.newRefreshToken) deps.vault.set('refreshToken', refreshed.newRefreshToken);
    accessToken = {
      value: refreshed.accessToken,
      expiresAt: Date.now() + (refreshed.expiresIn ?? 14_400) * 1000,
    };
    return refreshed.accessToken;
  }

  function endAttempt(reason: 'cancelled' | 'replaced' | 'done'): void {
    const current = attempt;
    if (!current) return;
    attempt = null;
    void current.listener?.close();
    current.window?.close();
    if (!current.settled) {
      current.settled = true;
      current.settle(
        fail({
          code: 'authorization_cancelled',
          message:
            reason === 'replaced'
              ? 'A newer sign-in replaced this one.'
              : 'The sign-in was cancelled.',
          remedy: 'Choose one of the ways to authorize to start again.',
          action: 'authorize_again',
        }),
      );
    }
  }

  /** Turns a code into tokens (exactly once: codes are single-use) and records the result. */
  async function completeWithCode(
    current: Attempt,
    code: string,
    appKey: string,
    appSecret: string,
  ): Promise<Result<AuthorizationSummary>> {
    let tokens: TokenSet;
    try {
      tokens = await exchangeCode(ctx, {
        appKey,
        appSecret,
        code,
        redirectUri: current.redirectUri,
      });
    } catch (error) {
      return fail(errorOf(error));
    }
    const replaced = deps.vault.get('refreshToken');
    if (tokens.refreshToken) deps.vault.set('refreshToken', tokens.refreshToken);
    if (replaced && tokens.refreshToken && replaced !== tokens.refreshToken) {
      // The admin authorized again: the old grant is no use to anyone, so it should not stay
      // live at Dropbox. Best effort and in the background; a failure changes nothing here.
      void revokeReplacedGrant(appKey, appSecret, replaced);
    }
    accessToken = {
      value: tokens.accessToken,
      expiresAt: Date.now() + (tokens.expiresIn ?? 14_400) * 1000,
    };
    const summary: AuthorizationSummary = {
      tokenKind: tokens.tokenKind,
      grantedScopes: [...tokens.scopes].sort(),
      accountId: tokens.accountId,
      teamId: tokens.teamId,
      hasRefreshToken: tokens.refreshToken !== null,
    };
    if (!tokens.refreshToken) {
      return fail({
        code: 'unexpected_reply',
        message:
          'Dropbox did not return a refresh token, so the connector could not stay signed in.',
        remedy:
          'Choose Authorize again. If it repeats, the app may be a legacy app: migrate it on the App Console Permissions tab.',
        action: 'authorize_again',
      });
    }
    save({
      grantedScopes: summary.grantedScopes,
      tokenKind: summary.tokenKind,
      identity: null,
      verifyChecks: [],
      exportedPath: null,
      completed: withCompleted(completedBefore(progress.completed, 'verify'), 'authorize'),
      step: 'verify',
    });
    log(
      `[wizard] authorization complete (${tokens.tokenKind} token, ${summary.grantedScopes.length} scopes)`,
    );
    return ok(summary);
  }

  function settleAttempt(current: Attempt, result: Result<AuthorizationSummary>): void {
    if (current.settled) return;
    current.settled = true;
    current.settle(result);
    emit({
      type: 'authorization',
      attemptId: current.id,
      status: result.ok ? 'arrived' : 'failed',
    });
    void current.listener?.close();
    current.window?.close();
    if (attempt === current) attempt = null;
  }

  /** A redirect arrived (loopback or sign-in window): check state, exchange the code. */
  async function onRedirect(current: Attempt, redirectUrl: string): Promise<void> {
    if (current.settled) return;
    const creds = needsCredentials();
    if (!creds.ok) return settleAttempt(current, creds);
    let code: string;
    try {
      ({ code } = parseAuthorizationRedirect(redirectUrl, current.state ?? ''));
    } catch (error) {
      return settleAttempt(current, fail(errorOf(error)));
    }
    settleAttempt(
      current,
      await completeWithCode(current, code, creds.value.appKey, creds.value.appSecret),
    );
  }

  async function revokeReplacedGrant(
    appKey: string,
    appSecret: string,
    refreshToken: string,
  ): Promise<void> {
    try {
      const { accessToken: token } = await refreshAccessToken(ctx, {
        appKey,
        appSecret,
        refreshToken,
      });
      await revokeAccessToken(ctx, token);
      log('[wizard] revoked the authorization this one replaced');
    } catch {
      log('[wizard] could not revoke the replaced authorization (it may already be gone)');
    }
  }

  const service: BridgeApi = {
    async getSession() {
      return ok(snapshot());
    },

    async listTargets() {
      return ok(TARGETS);
    },

    async listScopes() {
      return ok(SCOPES);
    },

    async selectTarget({ targetId }) {
      const target = getTarget(targetId);
      if (!target) {
        return fail({
          code: 'invalid_input',
          message: `There is no connector called "${targetId}".`,
          remedy: 'Pick one of the connectors in the list.',
        });
      }
      const changed = progress.targetId !== target.id;
      if (changed && progress.targetId !== null) {
        // Another product needs other scopes: this authorization no longer applies in the wizard
        // (the token itself stays valid at Dropbox; the UI says so before the admin confirms).
        endAttempt('cancelled');
        accessToken = null;
        deps.vault.delete('refreshToken');
      }
      save({
        targetId: target.id,
        // A different product needs different checks: later steps must be done again.
        completed: withCompleted(changed ? [] : progress.completed, 'target'),
        ...(changed
          ? {
              identity: null,
              tokenKind: null,
              appChecks: [],
              verifyChecks: [],
              grantedScopes: [],
              exportedPath: null,
            }
          : {}),
        step: 'create-app',
      });
      log(`[wizard] target selected: ${target.id}`);
      return ok(snapshot());
    },

    async setCustomScopes({ scopes }) {
      const unknown = scopes.filter((scope) => !isKnownScope(scope));
      if (unknown.length > 0) {
        return fail({
          code: 'invalid_input',
          message: `Unknown scope: ${unknown.join(', ')}.`,
          remedy: 'Tick scopes from the list only.',
        });
      }
      save({ customScopes: [...new Set(scopes)].sort() });
      return ok(snapshot());
    },

    async goToStep({ step }) {
      // Permissions has no check of its own (Verify proves it after authorization): moving
      // forward past it marks it reviewed; going back does not.
      const reviewed =
        progress.step === 'permissions' &&
        stepIndex(step) > stepIndex('permissions') &&
        canOpenStep(withCompleted(progress.completed, 'permissions'), step)
          ? withCompleted(progress.completed, 'permissions')
          : progress.completed;
      if (reviewed === progress.completed && !canOpenStep(progress.completed, step)) {
        return fail({
          code: 'invalid_input',
          message: 'That step is not open yet.',
          remedy: 'Finish the current step first; each step is checked before the next one opens.',
        });
      }
      save({ step, completed: reviewed });
      return ok(snapshot());
    },

    async saveAppKey({ appKey }) {
      const cleaned = cleanPastedValue('app_key', appKey);
      // A token or URL pasted into the key field is never written to disk.
      if (cleaned.problem) return fail(cleaned.problem);
      if (cleaned.value !== progress.appKey) {
        // The held secret belonged to the previous app; its checks no longer say anything.
        deps.vault.delete('appSecret');
        save({
          appKey: cleaned.value,
          appChecks: [],
          completed: completedBefore(progress.completed, 'create-app'),
        });
      }
      return ok(snapshot());
    },

    async checkAppCredentials({ appKey, appSecret, redirectMode }) {
      const target = needsTarget();
      if (!target.ok) return target;
      const key = cleanPastedValue('app_key', appKey);
      if (key.problem) return fail(key.problem);
      const secretInput =
        appSecret === undefined ? null : cleanPastedValue('app_secret', appSecret);
      if (secretInput?.problem) return fail(secretInput.problem);
      const secret =
        secretInput?.value || (key.value === progress.appKey ? deps.vault.get('appSecret') : null);
      if (secret && secret === key.value) {
        return fail({
          code: 'wrong_field',
          message: 'You pasted the App key into App secret.',
          remedy:
            'In the App Console (your app → Settings), press Show next to App secret and copy that value.',
          action: 'edit_credentials',
        });
      }
      if (!key.value || !secret) {
        return fail({
          code: 'no_credentials',
          message: key.value ? 'The App secret is empty.' : 'The App key is empty.',
          remedy:
            'Copy both from App Console → your app → Settings (press "Show" next to App secret).',
          action: 'edit_credentials',
        });
      }
      // The key is saved even when the check fails: it is not secret, and it must survive a restart.
      const keyChanged = key.value !== progress.appKey;
      if (keyChanged) deps.vault.delete('appSecret');
      save({
        appKey: key.value,
        redirectMode: redirectMode ?? 'loopback',
        ...(keyChanged ? { completed: completedBefore(progress.completed, 'create-app') } : {}),
      });

      const checks: CheckResult[] = [];
      const appCheck = await checkAppOnDropbox(ctx, { appKey: key.value, appSecret: secret });
      checks.push(appCheck);
      if (appCheck.status === 'pass') {
        deps.vault.set('appSecret', secret);
        checks.push(...(await redirectChecks(key.value, redirectMode ?? 'loopback')));
      }
      const passed = checks.every((c) => c.status !== 'fail');
      save({
        appChecks: checks,
        completed: passed
          ? withCompleted(progress.completed, 'create-app')
          : completedBefore(progress.completed, 'create-app'),
        ...(passed ? { step: 'permissions' as StepId } : {}),
      });
      log(`[wizard] app check: ${checks.map((c) => `${c.id}=${c.status}`).join(' ')}`);
      const report: AppCheckReport = { checks, passed };
      return ok(report);
    },

    async openAppConsole() {
      const url = endpoints.appConsoleUrl;
      const opened = deps.shell.openAppConsole
        ? await deps.shell.openAppConsole(url)
        : await deps.shell.openExternal(url);
      return ok({ url, opened });
    },

    async startAuthorization({ method, port, forceReauthentication }) {
      const creds = needsCredentials();
      if (!creds.ok) return creds;
      if (method === 'internal' && !deps.shell.openSignInWindow) {
        return fail({
          code: 'invalid_input',
          message: 'The internal sign-in window exists only in the desktop app.',
          remedy: 'Use "Use my browser instead" or "Dropbox showed me a code".',
        });
      }
      endAttempt('replaced');

      const chosenPort = port ?? ports[0]!;
      if (method === 'browser' && !ports.includes(chosenPort)) {
        return fail({
          code: 'invalid_input',
          message: `Port ${chosenPort} is not one of the wizard's redirect ports.`,
          remedy: `Use one of ${ports.join(', ')} (set WIZARD_REDIRECT_PORTS to change them).`,
        });
      }
      const redirectUri =
        method === 'manual'
          ? null
          : redirectUriForPort(method === 'browser' ? chosenPort : ports[0]!);
      // Dropbox passes `state` back only through a redirect; the shown-code flow has none.
      const state = redirectUri ? createState() : null;
      const authorizeUrl = buildAuthorizeUrl(endpoints, {
        appKey: creds.value.appKey,
        redirectUri,
        state,
        forceReauthentication: forceReauthentication ?? false,
      });
      // Pre-flight: read Dropbox's answer ourselves before the admin spends a sign-in on it.
      try {
        await preflightAuthorize(ctx, authorizeUrl);
      } catch (error) {
        return fail(errorOf(error));
      }

      attemptCounter += 1;
      const { promise, resolve } = deferred<Result<AuthorizationSummary>>();
      const current: Attempt = {
        id: `attempt-${attemptCounter}-${Date.now().toString(36)}`,
        method,
        state,
        redirectUri,
        authorizeUrl,
        done: promise,
        settle: resolve,
        settled: false,
        listener: null,
        window: null,
      };

      if (method === 'browser') {
        try {
          current.listener = await startLoopbackListener({
            port: chosenPort,
            expectedState: state ?? '',
            timeoutMs: authorizationTimeoutMs,
            alternatePorts: ports.filter((p) => p !== chosenPort),
          });
        } catch (error) {
          return fail(errorOf(error));
        }
        current.listener.result.then(
          ({ redirectUrl }) => void onRedirect(current, redirectUrl),
          (error: unknown) => settleAttempt(current, fail(errorOf(error))),
        );
      }
      attempt = current;

      let opened: boolean;
      if (method === 'internal' && deps.shell.openSignInWindow) {
        current.window = deps.shell.openSignInWindow({
          url: authorizeUrl,
          redirectUri,
          onRedirect: (redirectUrl) => void onRedirect(current, redirectUrl),
          onClosed: () => {
            if (!current.settled && attempt === current) {
              settleAttempt(
                current,
                fail({
                  code: 'authorization_cancelled',
                  message: 'The sign-in window was closed before Dropbox answered.',
                  remedy: 'Choose "Sign in with Dropbox" again, or use your browser instead.',
                  action: 'authorize_again',
                }),
              );
            }
          },
        });
        opened = true;
      } else {
        opened = await deps.shell.openExternal(authorizeUrl);
      }
      log(
        `[wizard] authorization started (${method}${redirectUri ? `, port ${new URL(redirectUri).port}` : ''})`,
      );
      const start: AuthorizationStart = {
        attemptId: current.id,
        method,
        authorizeUrl,
        redirectUri,
        opened,
      };
      return ok(start);
    },

    async waitForAuthorization({ attemptId }) {
      const current = attempt;
      if (!current || current.id !== attemptId) {
        return fail({
          code: 'authorization_cancelled',
          message: 'This sign-in attempt is no longer active.',
          remedy: 'Choose one of the ways to authorize to start again.',
          action: 'authorize_again',
        });
      }
      // Cleared when the attempt settles first, so a settled poll leaves no timer behind.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const pending = new Promise<'pending'>((resolve) => {
        timer = setTimeout(() => resolve('pending'), longPollMs);
        timer.unref?.();
      });
      const outcome = await Promise.race([current.done, pending]).finally(() =>
        clearTimeout(timer),
      );
      if (outcome === 'pending') return ok<AuthorizationWait>({ status: 'pending' });
      return outcome.ok
        ? ok<AuthorizationWait>({ status: 'authorized', summary: outcome.value })
        : outcome;
    },

    async submitAuthorizationCode({ code }) {
      const creds = needsCredentials();
      if (!creds.ok) return creds;
      const cleaned = cleanPastedValue('authorization_code', code);
      if (cleaned.problem) return fail(cleaned.problem);
      if (!cleaned.value) {
        return fail({
          code: 'invalid_input',
          message: 'The Authorization code is empty.',
          remedy: 'Copy the code Dropbox shows after you press Allow, and paste it here.',
        });
      }
      if (cleaned.state !== undefined) {
        // The whole redirect URL was pasted (its tab never reached the loopback listener): it
        // belongs to the attempt whose state it carries, and must use that attempt's redirect URI.
        if (!attempt || attempt.state === null || attempt.state !== cleaned.state) {
          return fail({
            code: 'state_mismatch',
            message: 'That sign-in response does not belong to the current attempt.',
            remedy:
              'Choose Authorize again and paste the address from the new tab, or the code Dropbox shows.',
            action: 'authorize_again',
          });
        }
      }
      // A pasted code belongs to the current attempt; with none, the admin opened the shown-code
      // page some other way: exchange it as a no-redirect code all the same.
      const current: Attempt =
        attempt && (attempt.method === 'manual' || cleaned.state !== undefined)
          ? attempt
          : {
              id: `manual-${Date.now().toString(36)}`,
              method: 'manual',
              state: null,
              redirectUri: null,
              authorizeUrl: '',
              done: Promise.resolve(fail({ code: 'internal', message: '', remedy: '' })),
              settle: () => undefined,
              settled: false,
              listener: null,
              window: null,
            };
      endAttempt('done');
      const result = await completeWithCode(
        current,
        cleaned.value,
        creds.value.appKey,
        creds.value.appSecret,
      );
      current.settled = true;
      current.settle(result);
      return result;
    },

    async cancelAuthorization() {
      endAttempt('cancelled');
      return ok(null);
    },

    async runVerify() {
      const target = needsTarget();
      if (!target.ok) return target;
      const creds = needsCredentials();
      if (!creds.ok) return creds;
      const refreshToken = deps.vault.get('refreshToken');
      if (!refreshToken) {
        return fail({
          code: 'no_credentials',
          message: 'There is no Dropbox authorization to verify yet.',
          remedy: 'Go to "Authorize" and sign in to Dropbox.',
          action: 'authorize_again',
        });
      }
      let token: string;
      try {
        token = await freshAccessToken(creds.value.appKey, creds.value.appSecret);
      } catch (error) {
        return fail(errorOf(error));
      }
      const report: VerifyReport = await runVerifyChecks(ctx, {
        appKey: creds.value.appKey,
        appSecret: creds.value.appSecret,
        refreshToken,
        accessToken: token,
        tokenKind: progress.tokenKind ?? 'user',
        grantedScopes: [...progress.grantedScopes],
        requiredScopes: requiredScopes(target.value),
        expectTeamAdmin: target.value.accountType === 'team_admin',
        scopeCatalogue: [...SCOPES],
      });
      save({
        identity: report.identity,
        verifyChecks: report.checks,
        completed: report.passed
          ? withCompleted(progress.completed, 'verify')
          : completedBefore(progress.completed, 'verify'),
        ...(report.passed ? { step: 'export' as StepId } : {}),
      });
      log(`[wizard] verify: ${report.checks.map((c) => `${c.id}=${c.status}`).join(' ')}`);
      return ok(report);
    },

    async revealSecret({ field }) {
      const value = secretValue(field);
      return value === null ? fail(missingSecret(field)) : ok({ value });
    },

    async copySecret({ field }) {
      const value = secretValue(field);
      if (value === null) return fail(missingSecret(field));
      if (deps.shell.writeClipboard) {
        deps.shell.writeClipboard(value, CLIPBOARD_CLEAR_SECONDS);
        return ok<CopyResult>({ copiedBy: 'main', clearsAfterSeconds: CLIPBOARD_CLEAR_SECONDS });
      }
      return ok<CopyResult>({
        copiedBy: 'renderer',
        value,
        clearsAfterSeconds: CLIPBOARD_CLEAR_SECONDS,
      });
    },

    async exportConfig({ path, redacted, overwrite }) {
      const target = needsTarget();
      if (!target.ok) return target;
      const creds = needsCredentials();
      if (!creds.ok) return creds;
      const refreshToken = deps.vault.get('refreshToken');
      if (!refreshToken || !progress.identity || !progress.completed.includes('verify')) {
        return fail({
          code: 'invalid_input',
          message: 'Only a verified credential set can be exported.',
          remedy: 'Finish "Verify" first: every check must pass.',
        });
      }
      const fallback = defaultExportPath(deps.dataDir, target.value.id, now());
      const chosen = deps.shell.chooseExportPath
        ? await deps.shell.chooseExportPath(fallback)
        : (path ?? fallback);
      if (chosen === null) {
        return fail({
          code: 'export_failed',
          message: 'Export cancelled: no file was chosen.',
          remedy: 'Press Export… again and choose where to save the file.',
        });
      }
      const full = resolveExportPath(chosen, deps.dataDir, os.homedir());
      const destination = redacted ? redactedExportPath(full) : full;
      // The native save dialog already asked about replacing a file; a typed path has not.
      if (!overwrite && !deps.shell.chooseExportPath && existsSync(destination)) {
        return fail({
          code: 'file_exists',
          message: `${destination} already exists.`,
          remedy: 'Replace it, or change the file name and export again.',
          action: 'replace_file',
          // The path alone, for the "Replace the existing file?" dialog.
          detail: destination,
        });
      }
      const document = buildExportDocument({
        target: target.value,
        appKey: creds.value.appKey,
        appSecret: creds.value.appSecret,
        refreshToken,
        scopes: [...progress.grantedScopes],
        identity: progress.identity,
        checks: [...progress.appChecks, ...progress.verifyChecks],
        now: now(),
      });
      try {
        // The support copy is written alone: it must never bring the real secrets along.
        const contents = redacted ? redactExportDocument(document) : document;
        const written = await writeSecretFileAtomic(
          destination,
          `${JSON.stringify(contents, null, 2)}\n`,
        );
        if (!redacted) {
          save({ exportedPath: written, completed: withCompleted(progress.completed, 'export') });
        }
        log(
          `[wizard] exported ${redacted ? 'a redacted support copy of the ' : ''}${target.value.id} configuration`,
        );
        const result: ExportResult = {
          path: written,
          redacted: redacted ?? false,
          format: document.format,
        };
        return ok(result);
      } catch (error) {
        return fail(errorOf(error));
      }
    },

    async revokeToken() {
      const creds = needsCredentials();
      if (!creds.ok) return creds;
      try {
        const token = await freshAccessToken(creds.value.appKey, creds.value.appSecret);
        await revokeAccessToken(ctx, token);
      } catch (error) {
        const wizardError = errorOf(error);
        // An already-dead token is the outcome the admin asked for.
        if (wizardError.code !== 'refresh_failed' && wizardError.code !== 'token_invalid')
          return fail(wizardError);
      }
      accessToken = null;
      deps.vault.delete('refreshToken');
      save({
        identity: null,
        tokenKind: null,
        grantedScopes: [],
        verifyChecks: [],
        exportedPath: null,
        completed: completedBefore(progress.completed, 'authorize'),
        step: 'authorize',
      });
      log('[wizard] token revoked');
      return ok(null);
    },

    async setSecretPersistence({ optIn }) {
      deps.vault.setOptIn(optIn);
      return ok(snapshot());
    },

    async startOver() {
      endAttempt('cancelled');
      accessToken = null;
      deps.vault.clear();
      deps.progress.clear();
      progress = initialProgress(now());
      log('[wizard] started over');
      return ok(snapshot());
    },
  };

  async function redirectChecks(
    appKey: string,
    mode: 'loopback' | 'manual',
  ): Promise<CheckResult[]> {
    if (mode === 'manual') {
      // No redirect URI: still pre-flight the bare authorize URL (app disabled, user limit…).
      const url = buildAuthorizeUrl(endpoints, {
        appKey,
        redirectUri: null,
        state: null,
        forceReauthentication: false,
      });
      try {
        await preflightAuthorize(ctx, url);
      } catch (error) {
        const e = errorOf(error);
        return [check('authorize_page', 'Dropbox sign-in page', 'fail', e.message, e)];
      }
      return [
        check(
          'redirect_uri',
          'Redirect URI registered',
          'info',
          'Skipped: this app uses no redirect URI. You will paste the code Dropbox shows after you press Allow.',
        ),
      ];
    }
    // The default URI must work; alternates only matter when the default port is busy.
    const results = await Promise.all(
      redirectUris.map(async (uri) => {
        const url = buildAuthorizeUrl(endpoints, {
          appKey,
          redirectUri: uri,
          state: 'preflight',
          forceReauthentication: false,
        });
        try {
          await preflightAuthorize(ctx, url);
          return { uri, error: null };
        } catch (error) {
          return { uri, error: errorOf(error) };
        }
      }),
    );
    const [first, ...rest] = results;
    const checks: CheckResult[] = [];
    if (first) {
      checks.push(
        first.error
          ? check(
              'redirect_uri',
              'Redirect URI registered',
              'fail',
              first.error.message,
              first.error,
            )
          : check(
              'redirect_uri',
              'Redirect URI registered',
              'pass',
              `Dropbox accepts ${first.uri}.`,
            ),
      );
    }
    const missingAlternates = rest
      .filter((r) => r.error?.code === 'redirect_uri_not_registered')
      .map((r) => r.uri);
    if (first && !first.error && missingAlternates.length > 0) {
      checks.push(
        check(
          'redirect_uri_alternates',
          'Alternate redirect URIs',
          'warn',
          `Not registered: ${missingAlternates.join(', ')}. If port ${new URL(first.uri).port} is busy when you sign in, the wizard needs one of these; add them under App Console → Settings → OAuth 2 → Redirect URIs.`,
        ),
      );
    }
    return checks;
  }

  function secretValue(field: SecretField): string | null {
    if (field === 'app_key') return progress.appKey || null;
    return deps.vault.get(field === 'app_secret' ? 'appSecret' : 'refreshToken');
  }

  function missingSecret(field: SecretField): WizardError {
    const names: Record<SecretField, string> = {
      app_key: 'App key',
      app_secret: 'App secret',
      refresh_token: 'Refresh token',
    };
    return {
      code: 'no_credentials',
      message: `The ${names[field]} is not held by the wizard right now.`,
      remedy:
        field === 'refresh_token'
          ? 'Go to "Authorize" and sign in again to get a new refresh token.'
          : 'Go back to "Create app" and enter it again.',
      action: field === 'refresh_token' ? 'authorize_again' : 'edit_credentials',
    };
  }

  return service;
}

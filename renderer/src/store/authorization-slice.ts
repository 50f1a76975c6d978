/**
 * The authorization slice: the three sign-in paths, the wait for Dropbox's answer, a pasted code
 * or address, and a sign-in picked up again after a reload. One attempt at a time: starting,
 * cancelling or leaving the connector bumps the attempt generation, and a wait loop that sees a
 * newer one stops without touching the screen.
 */
import type {
  AuthorizationStart,
  AuthorizationSummary,
  AuthorizeMethod,
  SessionSnapshot,
} from '../../../electron/shared/contract';
import type { WizardError } from '../../../electron/shared/result';
import { bridge } from '../bridge/bridge';
import { openInNewTab } from '../lib/open-in-new-tab';
import { runCall } from './call-runner';
import type { WizardSlice, WizardState } from './wizard-store';

export type AuthorizationState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting'; readonly method: AuthorizeMethod }
  /**
   * internal/browser: the wait loop is running. `resumed`: picked up after a reload, so the page
   * that opened Dropbox is gone and the admin may have closed that tab too.
   */
  | { readonly phase: 'waiting'; readonly start: AuthorizationStart; readonly resumed?: true }
  /** manual: the URL is open, the admin pastes the code. */
  | { readonly phase: 'code'; readonly start: AuthorizationStart; readonly resumed?: true }
  | { readonly phase: 'authorized'; readonly summary: AuthorizationSummary };

export interface AuthorizationSlice {
  readonly authorization: AuthorizationState;
  /** Port of the last browser attempt, so "Try the next port" knows where to go on. */
  readonly lastAuthorizePort: number | null;
  /**
   * A sign-in as a different account or team than the connector had (`wrong_account`), held by
   * core until the admin replaces the account or keeps the old one.
   */
  readonly accountChange: WizardError | null;

  /** A sign-in path was chosen; whatever attempt was running is cancelled first. */
  authorizationRequested(input: {
    method: AuthorizeMethod;
    port?: number;
    forceReauthentication: boolean;
  }): Promise<void>;
  /** A sign-in core still runs (the page was reloaded while waiting): wait for it again. */
  authorizationResumed(start: AuthorizationStart): void;
  authorizationCancelled(): Promise<void>;
  /** A code, or the whole redirect address, pasted by the admin. */
  authorizationCodeSubmitted(code: string): Promise<void>;
  /** "Sign in again" (or "Reconnect") from anywhere: back to Authorize with a clean slate. */
  authorizeAgainRequested(): Promise<void>;
  authorizationConfirmed(): Promise<void>;
  /**
   * The connector's work on screen no longer applies (another target, another connector, start
   * over): stops any wait loop and forgets the checks and the authorization shown.
   */
  connectorWorkForgotten(): void;
}

/** Bumped whenever an attempt starts or is cancelled; a wait loop that sees a newer value stops. */
let attemptGeneration = 0;

function portOf(uri: string | null | undefined): number | null {
  if (!uri) return null;
  try {
    const port = Number(new URL(uri).port);
    return Number.isInteger(port) && port > 0 ? port : null;
  } catch {
    return null;
  }
}

/** The next loopback port after the last one tried, from the registered redirect URI list. */
export function nextAuthorizePort(state: WizardState): number | null {
  const ports = (state.session?.redirectUris ?? [])
    .map(portOf)
    .filter((p): p is number => p !== null);
  const tried = state.lastAuthorizePort ?? ports[0] ?? null;
  const index = tried === null ? -1 : ports.indexOf(tried);
  return ports[index + 1] ?? null;
}

/**
 * Whether core took a new authorization while `start` was running: it holds Authorize as done,
 * no longer runs that attempt, and the authorization changed since the attempt began (a reconnect
 * held Authorize as done before it, so "done" alone proves nothing).
 */
function deliveredElsewhere(
  start: AuthorizationStart,
  before: SessionSnapshot | null,
  now: SessionSnapshot,
): boolean {
  if (!now.progress.completed.includes('authorize')) return false;
  if (now.pendingAuthorization?.attemptId === start.attemptId) return false;
  if (!before || !before.progress.completed.includes('authorize')) return true;
  return before.progress.updatedAt !== now.progress.updatedAt;
}

export const createAuthorizationSlice: WizardSlice<AuthorizationSlice> = (set, get) => {
  async function succeeded(summary: AuthorizationSummary): Promise<void> {
    set({ authorization: { phase: 'authorized', summary }, verifyReport: null, stepError: null });
    // Nothing to read on Authorize once Dropbox answered: go on to Verify, which checks at once
    // (the admin pressed Allow; a Continue here would be a click that decides nothing).
    await get().advancedFrom('authorize');
  }

  /** A sign-in as someone else: core holds it until the admin decides (AccountChangeDialog). */
  function signInFailed(error: WizardError): void {
    if (error.code === 'wrong_account') set({ accountChange: error, stepError: null });
    else set({ stepError: error });
  }

  async function waitLoop(start: AuthorizationStart, generation: number): Promise<void> {
    const before = get().session;
    while (generation === attemptGeneration) {
      const result = await bridge.waitForAuthorization({ attemptId: start.attemptId });
      if (generation !== attemptGeneration) return;
      if (!result.ok) {
        // The attempt may have delivered just before this poll (e.g. right after a reload, or
        // the code was pasted): then core holds the new authorization, and that is what the
        // admin should see, not "no longer active".
        const session = await get().refreshSession();
        if (generation !== attemptGeneration) return;
        set({ authorization: { phase: 'idle' } });
        if (result.error.code === 'wrong_account') signInFailed(result.error);
        else if (!session || !deliveredElsewhere(start, before, session))
          set({ stepError: result.error });
        return;
      }
      if (result.value.status === 'authorized') {
        attemptGeneration += 1;
        await succeeded(result.value.summary);
        return;
      }
    }
  }

  return {
    authorization: { phase: 'idle' },
    lastAuthorizePort: null,
    accountChange: null,

    async authorizationRequested(input) {
      const busy = get().authorization.phase;
      attemptGeneration += 1;
      const generation = attemptGeneration;
      if (busy === 'waiting' || busy === 'code' || busy === 'starting')
        await bridge.cancelAuthorization({});
      set({ authorization: { phase: 'starting', method: input.method } });
      const args: { method: AuthorizeMethod; port?: number; forceReauthentication?: boolean } = {
        method: input.method,
      };
      if (input.port !== undefined) args.port = input.port;
      if (input.forceReauthentication) args.forceReauthentication = true;
      if (input.method === 'browser') {
        set({ lastAuthorizePort: input.port ?? portOf(get().session?.redirectUris[0]) });
      }
      const start = await runCall(
        set,
        'start_authorization',
        () => bridge.startAuthorization(args),
        () => generation === attemptGeneration,
      );
      if (generation !== attemptGeneration) return;
      if (!start) {
        set({ authorization: { phase: 'idle' } });
        return;
      }
      if (start.method === 'browser')
        set({ lastAuthorizePort: portOf(start.redirectUri) ?? get().lastAuthorizePort });
      // A tab the page opened is as open as one main opened: "No new tab?" is for a blocked one.
      const shown: AuthorizationStart =
        !start.opened && openInNewTab(start.authorizeUrl) ? { ...start, opened: true } : start;
      if (start.method === 'manual') {
        set({ authorization: { phase: 'code', start: shown } });
        return;
      }
      set({ authorization: { phase: 'waiting', start: shown } });
      await waitLoop(shown, generation);
    },

    authorizationResumed(start) {
      attemptGeneration += 1;
      const generation = attemptGeneration;
      if (start.method === 'browser') set({ lastAuthorizePort: portOf(start.redirectUri) });
      if (start.method === 'manual') {
        set({ authorization: { phase: 'code', start, resumed: true } });
        return;
      }
      set({ authorization: { phase: 'waiting', start, resumed: true } });
      void waitLoop(start, generation);
    },

    async authorizationCancelled() {
      attemptGeneration += 1;
      set({ authorization: { phase: 'idle' }, stepError: null });
      await bridge.cancelAuthorization({});
    },

    async authorizationCodeSubmitted(code) {
      // A code pasted while a redirect sign-in waits ends that attempt in core: its wait loop
      // stops here, so its late "cancelled" answer cannot land over this outcome.
      const before = get().authorization;
      const waited = before.phase === 'waiting' ? before.start : null;
      if (waited) attemptGeneration += 1;
      set({ pending: 'submit_code', stepError: null });
      const result = await bridge.submitAuthorizationCode({ code });
      set({ pending: null, waiting: null });
      if (!result.ok) {
        signInFailed(result.error);
        if (waited) {
          // Refused before it ended the attempt (an address from another attempt): wait on.
          const session = await get().refreshSession();
          if (session?.pendingAuthorization?.attemptId === waited.attemptId) {
            attemptGeneration += 1;
            void waitLoop(waited, attemptGeneration);
          } else {
            set({ authorization: { phase: 'idle' } });
          }
        }
        return;
      }
      attemptGeneration += 1;
      await succeeded(result.value);
    },

    async authorizeAgainRequested() {
      attemptGeneration += 1;
      set({ authorization: { phase: 'idle' }, stepError: null });
      await get().stepRequested('authorize');
    },

    authorizationConfirmed: () => get().advancedFrom('authorize'),

    connectorWorkForgotten() {
      attemptGeneration += 1;
      set({
        appReport: null,
        appChecksStale: false,
        authorization: { phase: 'idle' },
        lastAuthorizePort: null,
        verifyReport: null,
      });
    },
  };
};

/**
 * The wizard's one store. State only lives here; actions are module-level functions named after
 * what happened ("targetChosen", "appCredentialsChecked"), so bridge event listeners and React
 * handlers call the same code without a hook.
 *
 * Nothing here is persisted in the browser: progress lives on the Node side and comes back with
 * `getSession` on reload. Secrets are never put in this store; screens hold them in component
 * state while the admin types, and pass them straight to the bridge call.
 */
import { create } from 'zustand';
import type {
  AppCheckReport,
  AuthorizationStart,
  AuthorizationSummary,
  AuthorizeMethod,
  BridgeEvent,
  ConnectorHealth,
  ConnectorSummary,
  ExportResult,
  RedirectMode,
  ScopeInfo,
  SecretField,
  SessionSnapshot,
  TargetProfile,
  VerifyReport,
} from '../../../electron/shared/contract';
import type { Result, WizardError } from '../../../electron/shared/result';
import { STEP_IDS, type StepId } from '../../../electron/shared/steps';
import { bridge, onBridgeEvent } from '../bridge/bridge';
import {
  type ClipboardClearOutcome,
  scheduleClipboardClear,
  writeClipboard,
} from '../lib/clipboard';

export type BootState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready' }
  | { readonly status: 'failed'; readonly error: WizardError };

/** Which call the wizard is waiting for; drives spinners and disables double submits. */
export type PendingOperation =
  | 'select_target'
  | 'go_to_step'
  | 'check_app'
  | 'start_authorization'
  | 'submit_code'
  | 'verify'
  | 'export'
  | 'revoke'
  | 'start_over';

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

export type WaitingNotice = Extract<BridgeEvent, { type: 'waiting' }>;

/**
 * Which screen shows: the wizard (one connector's steps), the home screen (every saved
 * connector), or a saved connector's page. A connector page always shows core's active
 * connector (opening it makes it active).
 */
export type View =
  | { readonly screen: 'wizard' }
  | { readonly screen: 'home' }
  | { readonly screen: 'connector'; readonly connectorId: string };

/** Which saved-connector call runs (home screen and connector page); separate from the wizard's. */
export type ConnectorOperation =
  | 'open'
  | 'new'
  | 'check'
  | 'check_all'
  | 'reconnect'
  | 'rename'
  | 'delete'
  | 'import'
  | 'report'
  | 'decode'
  | 'account_change';

export interface WizardState {
  readonly boot: BootState;
  readonly session: SessionSnapshot | null;
  readonly targets: readonly TargetProfile[];
  readonly scopes: readonly ScopeInfo[];
  readonly pending: PendingOperation | null;
  /** The last failure on the current step; cleared when the step changes or the admin retries. */
  readonly stepError: WizardError | null;
  /** Latest app check (also mirrored into progress.appChecks by core when it persists it). */
  readonly appReport: AppCheckReport | null;
  /**
   * The app checks core persisted are out of date: a new check started, or the key changed. Create
   * app then shows no checks until the new report arrives (a reload shows core's again).
   */
  readonly appChecksStale: boolean;
  readonly authorization: AuthorizationState;
  /** Port of the last browser attempt, so "Try the next port" knows where to go on. */
  readonly lastAuthorizePort: number | null;
  readonly verifyReport: VerifyReport | null;
  readonly waiting: WaitingNotice | null;
  /** A one-off success message for the next step shown (e.g. "The token is revoked."). */
  readonly notice: string | null;
  readonly view: View;
  /** The saved connectors as core lists them; null before the first list arrived. */
  readonly connectors: readonly ConnectorSummary[] | null;
  /** Connectors whose health check is running (a spinner on their row). */
  readonly checking: readonly string[];
  /** The latest health check of each connector in this session (with what changed). */
  readonly health: Readonly<Record<string, ConnectorHealth>>;
  readonly connectorPending: ConnectorOperation | null;
  /** The last failure on the home screen or a connector page. */
  readonly connectorError: WizardError | null;
  /** A one-off success line for the home screen or connector page. */
  readonly connectorNotice: string | null;
  /**
   * A sign-in as a different account or team than the connector had (`wrong_account`), held by
   * core until the admin replaces the account or keeps the old one.
   */
  readonly accountChange: WizardError | null;
}

const initialState: WizardState = {
  boot: { status: 'loading' },
  session: null,
  targets: [],
  scopes: [],
  pending: null,
  stepError: null,
  appReport: null,
  appChecksStale: false,
  authorization: { phase: 'idle' },
  lastAuthorizePort: null,
  verifyReport: null,
  waiting: null,
  notice: null,
  view: { screen: 'wizard' },
  connectors: null,
  checking: [],
  health: {},
  connectorPending: null,
  connectorError: null,
  connectorNotice: null,
  accountChange: null,
};

/** Shown on Permissions when the app check passed and the wizard moved on by itself. */
export const APP_ACCEPTED_NOTICE = 'Dropbox accepted the App key and secret.';

export const useWizardStore = create<WizardState>()(() => initialState);

const set = useWizardStore.setState;
const get = useWizardStore.getState;

// ---------------------------------------------------------------------------------------------
// Helpers

function currentStep(): StepId {
  return get().session?.progress.step ?? 'target';
}

/** The steps of this connector's flow, from core's plan. */
function stepIds(): StepId[] {
  const plan = get().session?.plan;
  return plan ? plan.steps.map((step) => step.id) : STEP_IDS.filter((id) => id !== 'checklist');
}

function nextStepOf(step: StepId): StepId | null {
  const ids = stepIds();
  return ids[ids.indexOf(step) + 1] ?? null;
}

/**
 * A new session snapshot; a change of the shown step resets per-step transient state, and a
 * change of the active connector (opened, new, deleted) everything the screen held for the other.
 */
export function sessionReceived(session: SessionSnapshot): void {
  const before = currentStep();
  const previous = get().session?.connectorId;
  set({ session });
  if (previous !== undefined && previous !== session.connectorId) {
    attemptGeneration += 1;
    set({
      appReport: null,
      appChecksStale: false,
      authorization: { phase: 'idle' },
      lastAuthorizePort: null,
      verifyReport: null,
      accountChange: null,
      stepError: null,
      notice: null,
    });
    return;
  }
  if (currentStep() !== before) set({ stepError: null, notice: null });
}

/**
 * Where the wizard opens: the home screen once a connector is saved, unless the admin was inside
 * a run (a sign-in still running, or an unfinished connector past its first step).
 */
function openingView(session: SessionSnapshot, connectors: readonly ConnectorSummary[]): View {
  if (session.pendingAuthorization) return { screen: 'wizard' };
  if (!connectors.some((row) => row.status !== 'setup')) return { screen: 'wizard' };
  const active = connectors.find((row) => row.id === session.connectorId);
  if (active?.status === 'setup' && session.progress.step !== 'target') return { screen: 'wizard' };
  return { screen: 'home' };
}

/**
 * Runs one bridge call with the pending/error bookkeeping. `isCurrent`: a call superseded while
 * it ran (a newer sign-in attempt) must leave the screen alone when it finally answers.
 */
async function run<T>(
  op: PendingOperation,
  call: () => Promise<Result<T>>,
  isCurrent: () => boolean = () => true,
): Promise<T | null> {
  set({ pending: op, stepError: null });
  const result = await call();
  if (!isCurrent()) return null;
  // Whatever retry countdown the call showed is over once it answers.
  if (result.ok) {
    set({ pending: null, waiting: null });
    return result.value;
  }
  set({ pending: null, waiting: null, stepError: result.error });
  return null;
}

export async function refreshSession(): Promise<SessionSnapshot | null> {
  const result = await bridge.getSession({});
  if (result.ok) sessionReceived(result.value);
  return result.ok ? result.value : null;
}

/**
 * After a step's check passed: core usually records the step as done and moves on; if it did not,
 * ask for the next step explicitly so the renderer never decides progress on its own.
 */
async function advanceFrom(step: StepId, snapshot?: SessionSnapshot | null): Promise<void> {
  const session = snapshot ?? (await refreshSession());
  if (!session) return;
  if (snapshot) sessionReceived(snapshot);
  const next = nextStepOf(step);
  if (next && session.progress.step === step) await stepRequested(next);
}

// ---------------------------------------------------------------------------------------------
// Actions

let unsubscribeEvents: (() => void) | null = null;

/** The page loaded (or reloaded): fetch session, targets and scopes, and listen for events. */
export async function wizardOpened(): Promise<void> {
  set({ boot: { status: 'loading' } });
  const [session, targets, scopes, connectors] = await Promise.all([
    bridge.getSession({}),
    bridge.listTargets({}),
    bridge.listScopes({}),
    bridge.listConnectors({}),
  ]);
  const failure = [session, targets, scopes].find((r) => !r.ok);
  if (failure && !failure.ok) {
    set({ boot: { status: 'failed', error: failure.error } });
    return;
  }
  if (!session.ok || !targets.ok || !scopes.ok) return;
  // Without the list the wizard still works: it opens on the current connector's step.
  const saved = connectors.ok ? connectors.value : [];
  set({
    boot: { status: 'ready' },
    session: session.value,
    targets: targets.value,
    scopes: scopes.value,
    verifyReport: null,
    appChecksStale: false,
    connectors: connectors.ok ? connectors.value : null,
    view: openingView(session.value, saved),
  });
  unsubscribeEvents ??= onBridgeEvent(bridgeEventReceived);
  // A reload while a sign-in was running: pick up that attempt (its tab or window is already
  // open) instead of offering the choices again. If core has moved on, its step shows as is.
  const running = session.value.pendingAuthorization;
  if (running && session.value.progress.step === 'authorize') authorizationResumed(running);
}

export function bridgeEventReceived(event: BridgeEvent): void {
  if (event.type === 'waiting') set({ waiting: event });
  // 'authorization' events are hints; the wait loop gets the same outcome from its long poll.
}

/** The countdown reached zero or the operation it belonged to finished. */
export function waitingEnded(): void {
  set({ waiting: null });
}

export function stepErrorDismissed(): void {
  set({ stepError: null });
}

export async function stepRequested(step: StepId): Promise<void> {
  if (step === currentStep()) return;
  const session = await run('go_to_step', () => bridge.goToStep({ step }));
  if (session) sessionReceived(session);
}

export async function backPressed(): Promise<void> {
  const ids = stepIds();
  const previous = ids[ids.indexOf(currentStep()) - 1];
  if (previous) await stepRequested(previous);
}

/** Step 1 Continue: the admin picked a connector (and, for Custom, its scopes). */
export async function targetChosen(
  targetId: string,
  customScopes?: readonly string[],
  inputs?: Readonly<Record<string, string>>,
): Promise<void> {
  const previous = get().session?.progress.targetId ?? null;
  let session = await run('select_target', () => bridge.selectTarget({ targetId }));
  if (!session) return;
  if (previous !== null && previous !== targetId) {
    // Core discarded the authorization and every check of the other connector; so does the
    // screen (a stale passed app check must not let Continue skip Create app's check).
    attemptGeneration += 1;
    set({
      appReport: null,
      appChecksStale: false,
      authorization: { phase: 'idle' },
      lastAuthorizePort: null,
      verifyReport: null,
    });
  }
  if (customScopes) {
    session = await run('select_target', () =>
      bridge.setCustomScopes({ scopes: [...customScopes] }),
    );
    if (!session) return;
  }
  if (inputs && Object.keys(inputs).length > 0) {
    session = await run('select_target', () => bridge.setInputs({ inputs: { ...inputs } }));
    if (!session) return;
  }
  await advanceFrom('target', session);
}

/**
 * Remembers the app key as typed (non-secret), so a reload keeps it. Returns core's refusal (e.g.
 * `wrong_field`: a token or URL pasted as the key, which core does not save) for the screen to
 * show beside the field; null once saved. A different key makes core drop the held secret (it
 * belonged to the other app) and the app checks; the screen forgets its report too.
 */
export async function appKeyEdited(appKey: string): Promise<WizardError | null> {
  const before = get().session?.progress.appKey;
  if (appKey === before) return null;
  const result = await bridge.saveAppKey({ appKey });
  if (!result.ok) return result.error;
  sessionReceived(result.value);
  if (result.value.progress.appKey !== before) set({ appReport: null, appChecksStale: true });
  return null;
}

/** Step 2 Continue. `appSecret` omitted means "use the one already held". */
export async function appCredentialsChecked(input: {
  appKey: string;
  appSecret?: string;
  /** The app has no redirect URI (the admin will paste the shown code): skip that pre-flight. */
  noRedirectUri?: boolean;
}): Promise<boolean> {
  const args: { appKey: string; appSecret?: string; redirectMode?: RedirectMode } = {
    appKey: input.appKey,
  };
  if (input.appSecret !== undefined) args.appSecret = input.appSecret;
  if (input.noRedirectUri) args.redirectMode = 'manual';
  // The last report says nothing about this attempt: never show it beside the new one.
  set({ appReport: null, appChecksStale: true });
  const report = await run('check_app', () => bridge.checkAppCredentials(args));
  if (!report) {
    // A refused call (e.g. wrong_field) may still have changed what core holds.
    await refreshSession();
    return false;
  }
  set({ appReport: report });
  if (report.passed && !report.checks.some((c) => c.status === 'warn')) {
    await advanceFrom('create-app');
    // The admin may not have pressed anything (the check starts when the secret is pasted):
    // say on the next screen why it changed.
    if (currentStep() === 'permissions') set({ notice: APP_ACCEPTED_NOTICE });
  } else if (report.passed) {
    // Passed with a warning (e.g. alternate redirect URIs missing): let the admin read it first.
    await refreshSession();
  } else {
    // The held-secret state may have changed (a rejected secret may be dropped by core).
    await refreshSession();
  }
  return report.passed;
}

/** "Open App Console": main opens it in Electron; in browser mode the page opens a new tab. */
export async function appConsoleRequested(): Promise<void> {
  const result = await bridge.openAppConsole({});
  if (!result.ok) {
    set({ stepError: result.error });
    return;
  }
  if (!result.value.opened) openInNewTab(result.value.url);
}

/** Shows a held secret on purpose; the value goes back to the caller's component state only. */
export async function secretRevealRequested(field: SecretField): Promise<string | null> {
  const result = await bridge.revealSecret({ field });
  if (result.ok) return result.value.value;
  set({ stepError: result.error });
  return null;
}

export async function secretPersistenceChanged(optIn: boolean): Promise<void> {
  const result = await bridge.setSecretPersistence({ optIn });
  if (result.ok) sessionReceived(result.value);
  else set({ stepError: result.error });
}

/** Continue after a passed app check whose warnings the admin has now seen. */
export async function appCredentialsAccepted(): Promise<void> {
  await advanceFrom('create-app');
}

/** Prerequisites Continue: the admin ticked every item; core marks the page done on the way. */
export async function checklistReviewed(): Promise<void> {
  const next = nextStepOf('checklist');
  if (next) await stepRequested(next);
}

/** Step 3 Continue: nothing to check yet (Verify proves the scopes). */
export async function permissionsReviewed(): Promise<void> {
  await stepRequested('authorize');
}

// --- Authorization ----------------------------------------------------------------------------

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

async function authorizationSucceeded(summary: AuthorizationSummary): Promise<void> {
  set({ authorization: { phase: 'authorized', summary }, verifyReport: null, stepError: null });
  // Nothing to read on Authorize once Dropbox answered: go on to Verify, which checks at once
  // (the admin pressed Allow; a Continue here would be a click that decides nothing).
  await advanceFrom('authorize');
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

/** A sign-in as someone else: core holds it until the admin decides (see AccountChangeDialog). */
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
      // The attempt may have delivered just before this poll (e.g. right after a reload, or the
      // code was pasted): then core holds the new authorization, and that is what the admin
      // should see, not "no longer active". Core stays on Authorize after a sign-in, so the step
      // says nothing; whether core holds a new authorization does.
      const session = await refreshSession();
      if (generation !== attemptGeneration) return;
      set({ authorization: { phase: 'idle' } });
      if (result.error.code === 'wrong_account') signInFailed(result.error);
      else if (!session || !deliveredElsewhere(start, before, session))
        set({ stepError: result.error });
      return;
    }
    if (result.value.status === 'authorized') {
      attemptGeneration += 1;
      await authorizationSucceeded(result.value.summary);
      return;
    }
  }
}

/**
 * Opens a URL in a new tab when the Node side could not (browser mode). Returns whether a tab
 * came back: with `noopener` window.open always answers null, so the page could not tell an
 * opened tab from a blocked one; instead the new tab's handle on this one is cut by hand.
 */
function openInNewTab(url: string): boolean {
  const opened = window.open(url, '_blank');
  if (!opened) return false;
  try {
    opened.opener = null;
  } catch {
    // Some browsers make it read-only once navigated; the tab is open either way.
  }
  return true;
}

/**
 * One of the three sign-in paths was chosen. Starting a new one cancels whatever was running,
 * so only one attempt can deliver.
 */
export async function authorizationRequested(input: {
  method: AuthorizeMethod;
  port?: number;
  forceReauthentication: boolean;
}): Promise<void> {
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
  const start = await run(
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
}

/** A sign-in core still runs (the page was reloaded while waiting): wait for it again. */
function authorizationResumed(start: AuthorizationStart): void {
  attemptGeneration += 1;
  const generation = attemptGeneration;
  if (start.method === 'browser') set({ lastAuthorizePort: portOf(start.redirectUri) });
  if (start.method === 'manual') {
    set({ authorization: { phase: 'code', start, resumed: true } });
    return;
  }
  set({ authorization: { phase: 'waiting', start, resumed: true } });
  void waitLoop(start, generation);
}

export async function authorizationCancelled(): Promise<void> {
  attemptGeneration += 1;
  set({ authorization: { phase: 'idle' }, stepError: null });
  await bridge.cancelAuthorization({});
}

export async function authorizationCodeSubmitted(code: string): Promise<void> {
  // A code pasted while a redirect sign-in waits ends that attempt in core: its wait loop stops
  // here, so its late "cancelled" answer cannot land over this outcome.
  const before = get().authorization;
  const waited = before.phase === 'waiting' ? before.start : null;
  if (waited) attemptGeneration += 1;
  set({ pending: 'submit_code', stepError: null });
  const result = await bridge.submitAuthorizationCode({ code });
  set({ pending: null, waiting: null });
  if (!result.ok) {
    signInFailed(result.error);
    if (waited) {
      // Refused before it ended the attempt (an address from another attempt): wait on for it.
      const session = await refreshSession();
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
  await authorizationSucceeded(result.value);
}

/** "Authorize again" from anywhere: back to step 4 with a clean slate. */
export async function authorizeAgainRequested(): Promise<void> {
  attemptGeneration += 1;
  set({ authorization: { phase: 'idle' }, stepError: null });
  await stepRequested('authorize');
}

export async function authorizationConfirmed(): Promise<void> {
  await advanceFrom('authorize');
}

// --- Verify, export ---------------------------------------------------------------------------

export async function verifyRequested(): Promise<void> {
  const report = await run('verify', () => bridge.runVerify({}));
  if (!report) return;
  set({ verifyReport: report });
  // Core records the result and stays on Verify: the admin confirms the identity, then Continue.
  await refreshSession();
}

export async function verifiedContinued(): Promise<void> {
  await advanceFrom('verify');
}

/**
 * Copy button on the export step. In Electron main writes (and later clears) the clipboard; in
 * browser mode the value comes back once, goes straight to the clipboard, and is dropped.
 * Returns the seconds until the clipboard is cleared, or null on failure.
 */
export async function secretCopyRequested(
  field: SecretField,
  /** Hears when the clipboard no longer holds the value (cleared, or replaced by the admin). */
  onCleared?: (outcome: ClipboardClearOutcome) => void,
): Promise<number | null> {
  set({ stepError: null });
  const result = await bridge.copySecret({ field });
  if (!result.ok) {
    set({ stepError: result.error });
    return null;
  }
  const copy = result.value;
  if (copy.copiedBy === 'renderer') {
    if (!(await writeClipboard(copy.value))) {
      set({
        stepError: {
          code: 'internal',
          message: 'The browser did not let the wizard write to the clipboard.',
          remedy:
            'Click into the wizard page so it has focus and press Copy again, or use Export instead.',
        },
      });
      return null;
    }
    scheduleClipboardClear(copy.value, copy.clearsAfterSeconds, onCleared);
  } else if (onCleared) {
    // Main clears it on its own clock; the page only mirrors the moment.
    window.setTimeout(() => onCleared('cleared'), copy.clearsAfterSeconds * 1000);
  }
  return copy.clearsAfterSeconds;
}

/**
 * Export… or the redacted support copy. The Result comes back whole instead of landing in
 * `stepError`: the export panel shows its own failures beside its buttons, and `file_exists`
 * becomes a question (Replace / Cancel) rather than an error.
 */
export async function exportRequested(input: {
  format?: string;
  path?: string;
  redacted?: boolean;
  /** The one-time confirmation core sent with its `file_exists` answer. */
  replace?: string;
}): Promise<Result<ExportResult>> {
  const args: { format?: string; path?: string; redacted?: boolean; replace?: string } = {};
  if (input.format !== undefined) args.format = input.format;
  if (input.path !== undefined) args.path = input.path;
  if (input.redacted) args.redacted = true;
  if (input.replace) args.replace = input.replace;
  set({ pending: 'export', stepError: null });
  const result = await bridge.exportConfig(args);
  set({ pending: null, waiting: null });
  if (result.ok) await refreshSession();
  return result;
}

export async function tokenRevoked(): Promise<boolean> {
  const done = await run('revoke', () => bridge.revokeToken({}));
  if (done === null && get().stepError) return false;
  set({ authorization: { phase: 'idle' }, verifyReport: null });
  await refreshSession();
  set({
    notice: 'The token is revoked: Dropbox no longer accepts it. Authorize again to get a new one.',
  });
  return true;
}

export async function startOverConfirmed(): Promise<void> {
  attemptGeneration += 1;
  const session = await run('start_over', () => bridge.startOver({}));
  if (!session) return;
  set({
    session,
    appReport: null,
    appChecksStale: false,
    authorization: { phase: 'idle' },
    lastAuthorizePort: null,
    verifyReport: null,
    stepError: null,
  });
}

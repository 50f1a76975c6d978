/**
 * The session slice: loading the wizard, core's snapshot, moving between steps, the step error
 * and the one-off notice. Where the admin may go comes from core (`session.navigation`); the
 * renderer keeps no copy of that rule.
 */
import type {
  BridgeEvent,
  ConnectorSummary,
  ScopeInfo,
  SessionSnapshot,
  TargetProfile,
} from '../../../electron/shared/contract';
import type { WizardError } from '../../../electron/shared/result';
import type { StepId } from '../../../electron/shared/steps';
import { bridge, onBridgeEvent } from '../bridge/bridge';
import { getConnectionState, onConnectionChange } from '../bridge/connection';
import { runCall } from './call-runner';
import type { View } from './saved-connectors-slice';
import type { WizardSlice } from './wizard-store';

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

export type WaitingNotice = Extract<BridgeEvent, { type: 'waiting' }>;

export interface SessionSlice {
  readonly boot: BootState;
  readonly session: SessionSnapshot | null;
  readonly targets: readonly TargetProfile[];
  readonly scopes: readonly ScopeInfo[];
  readonly pending: PendingOperation | null;
  /** The last failure on the current step; cleared when the step changes or the admin retries. */
  readonly stepError: WizardError | null;
  readonly waiting: WaitingNotice | null;
  /** A one-off success message for the next step shown (e.g. "The token is revoked."). */
  readonly notice: string | null;

  /** The page loaded (or reloaded): fetch session, targets and scopes, and listen for events. */
  wizardOpened(): Promise<void>;
  /**
   * A new snapshot; a change of the shown step resets per-step transient state, and a change of
   * the active connector (opened, new, deleted) everything the screen held for the other.
   */
  sessionReceived(session: SessionSnapshot): void;
  refreshSession(): Promise<SessionSnapshot | null>;
  bridgeEventReceived(event: BridgeEvent): void;
  /** The countdown reached zero or the operation it belonged to finished. */
  waitingEnded(): void;
  stepErrorDismissed(): void;
  stepRequested(step: StepId): Promise<void>;
  backPressed(): Promise<void>;
  /**
   * After a step's check passed: core usually records the step as done; if it is still on
   * `step`, ask core for its next step, so the renderer never decides progress on its own.
   */
  advancedFrom(step: StepId, snapshot?: SessionSnapshot | null): Promise<void>;
  startOverConfirmed(): Promise<void>;
}

/**
 * Where the wizard opens: the home screen once a connector is saved (or when something saved
 * could not be read), unless the admin was inside a run (a sign-in still running, or an unfinished connector past its first step).
 */
function openingView(session: SessionSnapshot, connectors: readonly ConnectorSummary[]): View {
  if (session.pendingAuthorization) return { screen: 'wizard' };
  // Something saved could not be read: the home screen says what, where it is kept and the fix.
  if (session.savedStateNotices.length > 0) return { screen: 'home' };
  if (!connectors.some((row) => row.status !== 'setup')) return { screen: 'wizard' };
  const active = connectors.find((row) => row.id === session.connectorId);
  if (active?.status === 'setup' && session.progress.step !== 'target') return { screen: 'wizard' };
  return { screen: 'home' };
}

let unsubscribeEvents: (() => void) | null = null;
let unsubscribeConnection: (() => void) | null = null;

export const createSessionSlice: WizardSlice<SessionSlice> = (set, get) => {
  const currentStep = (): StepId => get().session?.progress.step ?? 'target';
  return {
    boot: { status: 'loading' },
    session: null,
    targets: [],
    scopes: [],
    pending: null,
    stepError: null,
    waiting: null,
    notice: null,

    async wizardOpened() {
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
      unsubscribeEvents ??= onBridgeEvent((event) => get().bridgeEventReceived(event));
      // Browser mode's service came back (a new address pasted or the old one answering): the
      // step's "lost contact" error is over, and the banner that said so goes. One message, and
      // no "Try again" to press: the admin's next Continue simply works.
      unsubscribeConnection ??= onConnectionChange(() => {
        if (getConnectionState().status === 'connected' && get().stepError?.code === 'offline')
          set({ stepError: null });
      });
      // A reload while a sign-in was running: pick up that attempt (its tab or window is already
      // open) instead of offering the choices again. If core has moved on, its step shows as is.
      const running = session.value.pendingAuthorization;
      if (running && session.value.progress.step === 'authorize')
        get().authorizationResumed(running);
    },

    sessionReceived(session) {
      const before = currentStep();
      const previous = get().session?.connectorId;
      set({ session });
      if (previous !== undefined && previous !== session.connectorId) {
        get().connectorWorkForgotten();
        set({ accountChange: null, stepError: null, notice: null });
        return;
      }
      if (currentStep() !== before) set({ stepError: null, notice: null });
    },

    async refreshSession() {
      const result = await bridge.getSession({});
      if (result.ok) get().sessionReceived(result.value);
      return result.ok ? result.value : null;
    },

    bridgeEventReceived(event) {
      if (event.type === 'waiting') set({ waiting: event });
      // 'authorization' events are hints; the wait loop gets the same outcome from its long poll.
    },

    waitingEnded: () => set({ waiting: null }),
    stepErrorDismissed: () => set({ stepError: null }),

    async stepRequested(step) {
      if (step === currentStep()) return;
      const session = await runCall(set, 'go_to_step', () => bridge.goToStep({ step }));
      if (session) get().sessionReceived(session);
    },

    async backPressed() {
      const previous = get().session?.navigation.previous;
      if (previous) await get().stepRequested(previous);
    },

    async advancedFrom(step, snapshot) {
      const session = snapshot ?? (await get().refreshSession());
      if (!session) return;
      if (snapshot) get().sessionReceived(snapshot);
      const next = session.navigation.next;
      if (next && session.progress.step === step) await get().stepRequested(next);
    },

    async startOverConfirmed() {
      get().connectorWorkForgotten();
      const session = await runCall(set, 'start_over', () => bridge.startOver({}));
      if (!session) return;
      get().connectorWorkForgotten();
      set({ session, stepError: null });
    },
  };
};

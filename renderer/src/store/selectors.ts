/**
 * Named selectors: components read the store's state only through these, so derived facts (the
 * chosen target, the scopes a token lacks) are computed in one place.
 */
import type { PlanStep, ScopeInfo, TargetProfile } from '../../../electron/shared/contract';
import { STEP_IDS, STEP_TITLES, type StepId } from '../../../electron/shared/steps';
import type { WizardState } from './wizard-store';

// Stable empty value: selectors must return the same reference for the same state, or React's
// useSyncExternalStore re-renders forever.
const NO_STEPS: readonly StepId[] = [];

const session = (s: WizardState) => s.session;
const progress = (s: WizardState) => s.session?.progress ?? null;
/** The step on screen: core's (core is the one owner of the current step). */
const currentStep = (s: WizardState): StepId => s.session?.progress.step ?? 'target';
/** Rules core derived from the chosen profile; the renderer keeps no copy of them. */
const plan = (s: WizardState) => s.session?.plan ?? null;

// Before a target is chosen the list shows the steps every app-creating flow has.
const DEFAULT_STEPS: readonly PlanStep[] = STEP_IDS.filter((id) => id !== 'checklist').map(
  (id) => ({ id, title: STEP_TITLES[id] }),
);
/** The steps of this connector's flow, titled for it. */
const planSteps = (s: WizardState): readonly PlanStep[] => s.session?.plan?.steps ?? DEFAULT_STEPS;
/** The current step's title for this connector ("Test authorization" on app-only targets). */
const currentStepTitle = (s: WizardState): string => {
  const step = currentStep(s);
  return planSteps(s).find((candidate) => candidate.id === step)?.title ?? STEP_TITLES[step];
};
const completedSteps = (s: WizardState): readonly StepId[] =>
  s.session?.progress.completed ?? NO_STEPS;
const mode = (s: WizardState) => s.session?.mode ?? 'browser';
const targets = (s: WizardState) => s.targets;
const scopes = (s: WizardState) => s.scopes;
const pending = (s: WizardState) => s.pending;
const stepError = (s: WizardState) => s.stepError;
const authorization = (s: WizardState) => s.authorization;
const verifyReport = (s: WizardState) => s.verifyReport;
const waiting = (s: WizardState) => s.waiting;
const boot = (s: WizardState) => s.boot;
const notice = (s: WizardState) => s.notice;
const appReport = (s: WizardState) => s.appReport;
const appChecksStale = (s: WizardState) => s.appChecksStale;

const selectedTarget = (s: WizardState): TargetProfile | null => {
  const id = s.session?.progress.targetId;
  return id ? (s.targets.find((t) => t.id === id) ?? null) : null;
};

const ONLY_TARGET: readonly StepId[] = ['target'];
/** Steps the list may jump to: core's rule (`session.navigation`), never a copy of it. */
const reachableSteps = (s: WizardState): readonly StepId[] =>
  s.session?.navigation.reachable ?? ONLY_TARGET;

const isStepReachable =
  (step: StepId) =>
  (s: WizardState): boolean =>
    reachableSteps(s).includes(step);

const isStepCompleted =
  (step: StepId) =>
  (s: WizardState): boolean =>
    completedSteps(s).includes(step);

const NO_SCOPES: readonly ScopeInfo[] = [];
/** The scopes core says the token must carry (Custom: the ticked ones plus what Dropbox adds). */
const requiredScopeInfos = (s: WizardState): readonly ScopeInfo[] =>
  s.session?.plan?.requiredScopes ?? NO_SCOPES;

/**
 * Required scopes the token the wizard holds was not granted (it keeps the scopes it was issued
 * with, so only a new sign-in fixes this). Empty when no token is held. Returns a new array: read
 * it with `useShallow`.
 */
const lackingScopes = (s: WizardState): readonly string[] => {
  const current = s.session;
  if (!current || current.secrets.refreshToken === 'none') return [];
  if (!current.progress.completed.includes('authorize')) return [];
  const granted = current.progress.grantedScopes;
  return requiredScopeInfos(s)
    .map((scope) => scope.id)
    .filter((id) => !granted.includes(id));
};

const view = (s: WizardState) => s.view;
const connectors = (s: WizardState) => s.connectors;
const checking = (s: WizardState) => s.checking;
const health = (s: WizardState) => s.health;
const connectorPending = (s: WizardState) => s.connectorPending;
const connectorError = (s: WizardState) => s.connectorError;
const connectorNotice = (s: WizardState) => s.connectorNotice;
const accountChange = (s: WizardState) => s.accountChange;
/** At least one connector has finished its setup (the home screen has something to show). */
const hasSavedConnectors = (s: WizardState): boolean =>
  (s.connectors ?? []).some((row) => row.status !== 'setup');
/** The home screen's row of the connector the wizard works on now. */
const activeConnector = (s: WizardState) =>
  s.connectors?.find((row) => row.id === s.session?.connectorId) ?? null;
/**
 * The one name of "get a new authorization": Reconnect once the connector is saved (as on its
 * page and in the health checks' fixes), Sign in again while it is still being set up.
 */
const signInAgainLabel = (s: WizardState): 'Reconnect' | 'Sign in again' =>
  (activeConnector(s)?.status ?? 'setup') !== 'setup' ? 'Reconnect' : 'Sign in again';

export const wizardSelectors = {
  view,
  connectors,
  checking,
  health,
  connectorPending,
  connectorError,
  connectorNotice,
  accountChange,
  hasSavedConnectors,
  activeConnector,
  signInAgainLabel,
  session,
  progress,
  currentStep,
  plan,
  planSteps,
  currentStepTitle,
  completedSteps,
  mode,
  targets,
  scopes,
  pending,
  stepError,
  authorization,
  verifyReport,
  waiting,
  boot,
  notice,
  appReport,
  appChecksStale,
  selectedTarget,
  reachableSteps,
  isStepReachable,
  isStepCompleted,
  requiredScopeInfos,
  lackingScopes,
};

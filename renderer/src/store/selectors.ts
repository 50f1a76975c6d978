/**
 * Named selectors: components read the store only through these, so derived facts (reachable
 * steps, the chosen target) are computed in one place.
 */
import type { ScopeInfo, TargetProfile } from '../../../electron/shared/contract';
import { STEP_IDS, type StepId, stepIndex } from '../../../electron/shared/steps';
import type { WizardState } from './wizard-store';

// Stable empty value: selectors must return the same reference for the same state, or React's
// useSyncExternalStore re-renders forever.
const NO_STEPS: readonly StepId[] = [];

const session = (s: WizardState) => s.session;
const progress = (s: WizardState) => s.session?.progress ?? null;
/** The step on screen: a held step (see WizardState.heldStep), else core's. */
const currentStep = (s: WizardState): StepId => s.heldStep ?? s.session?.progress.step ?? 'target';
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

/**
 * Steps the list may jump to: up to the first step not yet completed, walking in order (the same
 * rule core's goToStep applies, so the list never offers a step core would refuse).
 */
const furthestReachableIndex = (s: WizardState): number => {
  const done = completedSteps(s);
  let index = 0;
  while (index < STEP_IDS.length - 1 && done.includes(STEP_IDS[index] as StepId)) index += 1;
  return Math.max(index, stepIndex(currentStep(s)));
};

const isStepReachable =
  (step: StepId) =>
  (s: WizardState): boolean =>
    stepIndex(step) <= furthestReachableIndex(s);

const isStepCompleted =
  (step: StepId) =>
  (s: WizardState): boolean =>
    completedSteps(s).includes(step);

/**
 * Scope details for the chosen target (Custom: the ticked ones), in the catalogue's order.
 * Returns a new array: read it with `useShallow`.
 */
const requiredScopeInfos = (s: WizardState): readonly ScopeInfo[] => {
  const target = selectedTarget(s);
  if (!target) return [];
  const ids =
    target.scopesEditable && s.session ? s.session.progress.customScopes : target.requiredScopes;
  const known = s.scopes.filter((scope) => ids.includes(scope.id));
  // A scope core lists but the catalogue lacks still shows up, without a meaning.
  const unknown = ids
    .filter((id) => !s.scopes.some((scope) => scope.id === id))
    .map((id): ScopeInfo => ({
      id,
      group: id.startsWith('team') || id.startsWith('members') ? 'team' : 'user',
      meaning: '',
      probe: null,
    }));
  return [...known, ...unknown];
};

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

export const wizardSelectors = {
  session,
  progress,
  currentStep,
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
  furthestReachableIndex,
  isStepReachable,
  isStepCompleted,
  requiredScopeInfos,
  lackingScopes,
};

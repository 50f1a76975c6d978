/**
 * Rules about one connector draft's steps: which may be opened, what completing one means, and
 * the one "invalidate from step" rule every change goes through (a new key, a new sign-in, a
 * revoke, a different target all clear the same way: the steps from there on, and their data).
 */
import type { Progress, StepNavigation } from '../../shared/contract';
import { STEP_IDS, type StepId, stepIndex } from '../../shared/steps';

/** The step ids that apply; every step before a target is chosen. */
export type StepIds = readonly StepId[];

/** The furthest step the admin may open: one past the last completed step, in plan order. */
export function furthestReachable(steps: StepIds, completed: readonly StepId[]): StepId {
  let index = 0;
  while (index < steps.length - 1 && completed.includes(steps[index] as StepId)) index += 1;
  return steps[index] ?? 'target';
}

export function canOpenStep(steps: StepIds, completed: readonly StepId[], step: StepId): boolean {
  const at = steps.indexOf(step);
  return at >= 0 && at <= steps.indexOf(furthestReachable(steps, completed));
}

export function withCompleted(completed: readonly StepId[], step: StepId): StepId[] {
  return STEP_IDS.filter((id) => id === step || completed.includes(id));
}

/** The step after `step` in the plan, or `step` itself at the end. */
export function nextStep(steps: StepIds, step: StepId): StepId {
  return steps[steps.indexOf(step) + 1] ?? step;
}

/** Where the admin may go from `progress.step`: the one rule the step list and Back/Continue read. */
export function navigationOf(steps: StepIds, progress: Progress): StepNavigation {
  const at = steps.indexOf(progress.step);
  // The current step is always open, even where a change made earlier steps undone.
  const reachable = steps.filter(
    (step) => step === progress.step || canOpenStep(steps, progress.completed, step),
  );
  return {
    reachable,
    next: at >= 0 ? (steps[at + 1] ?? null) : null,
    previous: at > 0 ? (steps[at - 1] ?? null) : null,
  };
}

/** What each step's check produced; cleared when that step must be done again. */
const STEP_DATA: Partial<Record<StepId, Partial<Progress>>> = {
  'create-app': { appChecks: [] },
  authorize: { grantedScopes: [], tokenKind: null },
  verify: { identity: null, verifyChecks: [] },
  export: { exportedPath: null },
};

/**
 * The patch that makes `step` and every later step undone: their completion and the data their
 * checks produced. What the admin typed (the app key, inputs, ticked scopes) is kept.
 */
export function invalidateFrom(progress: Progress, step: StepId): Partial<Progress> {
  const from = stepIndex(step);
  const patch: Partial<Progress> = {
    completed: progress.completed.filter((id) => stepIndex(id) < from),
  };
  for (const id of STEP_IDS) {
    if (stepIndex(id) >= from) Object.assign(patch, STEP_DATA[id]);
  }
  if (stepIndex(progress.step) > from) Object.assign(patch, { step });
  return patch;
}

/**
 * Every step any target can have, in order. A target's plan (core's `targets/rules.ts`) picks the
 * ones that apply: `checklist` is for prerequisites-only targets. Ids are stable: they are
 * persisted in progress files.
 */
export const STEP_IDS = [
  'target',
  'checklist',
  'create-app',
  'permissions',
  'authorize',
  'verify',
  'export',
] as const;

export type StepId = (typeof STEP_IDS)[number];

export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  target: 'Choose connector',
  checklist: 'Prerequisites',
  'create-app': 'Create app',
  permissions: 'Permissions',
  authorize: 'Authorize',
  verify: 'Verify',
  export: 'Copy & export',
};

export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && (STEP_IDS as readonly string[]).includes(value);
}

export function stepIndex(step: StepId): number {
  return STEP_IDS.indexOf(step);
}

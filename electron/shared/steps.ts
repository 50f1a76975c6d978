/** The wizard's six steps, in order. Ids are stable: they are persisted in progress files. */
export const STEP_IDS = [
  'target',
  'create-app',
  'permissions',
  'authorize',
  'verify',
  'export',
] as const;

export type StepId = (typeof STEP_IDS)[number];

export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  target: 'Choose connector',
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

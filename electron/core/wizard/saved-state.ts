/**
 * The Progress record: its initial value, and validation of whatever a store hands back (a file
 * from an older version, or one edited by hand, must never crash the wizard).
 */
import { z } from 'zod';
import type { Progress } from '../../shared/contract';
import { STEP_IDS, type StepId, stepIndex } from '../../shared/steps';

export function initialProgress(now: Date = new Date()): Progress {
  return {
    targetId: null,
    step: 'target',
    completed: [],
    appKey: '',
    customScopes: ['account_info.read'],
    appChecks: [],
    identity: null,
    tokenKind: null,
    grantedScopes: [],
    verifyChecks: [],
    exportedPath: null,
    redirectMode: 'loopback',
    updatedAt: now.toISOString(),
  };
}

const checkSchema = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['pass', 'fail', 'warn', 'info']),
  detail: z.string(),
  error: z
    .object({ code: z.string(), message: z.string(), remedy: z.string() })
    .passthrough()
    .optional(),
});

const identitySchema = z.object({
  tokenKind: z.enum(['team', 'user']),
  accountId: z.string().nullable(),
  email: z.string().nullable(),
  emailVerified: z.boolean().nullable(),
  displayName: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  isTeamAdmin: z.boolean().nullable(),
});

const progressSchema = z.object({
  targetId: z.string().nullable(),
  step: z.enum(STEP_IDS),
  completed: z.array(z.enum(STEP_IDS)),
  appKey: z.string(),
  customScopes: z.array(z.string()),
  appChecks: z.array(checkSchema),
  identity: identitySchema.nullable(),
  tokenKind: z.enum(['team', 'user']).nullable().default(null),
  grantedScopes: z.array(z.string()),
  verifyChecks: z.array(checkSchema),
  exportedPath: z.string().nullable(),
  redirectMode: z.enum(['loopback', 'manual']).default('loopback'),
  updatedAt: z.string(),
});

export function parseProgress(raw: unknown): Progress {
  const parsed = progressSchema.safeParse(raw);
  return parsed.success ? (parsed.data as Progress) : initialProgress();
}

/** The furthest step the admin may open: one past the last completed step, in order. */
export function furthestReachable(completed: readonly StepId[]): StepId {
  let index = 0;
  while (index < STEP_IDS.length - 1 && completed.includes(STEP_IDS[index] as StepId)) index += 1;
  return STEP_IDS[index] as StepId;
}

export function canOpenStep(completed: readonly StepId[], step: StepId): boolean {
  return stepIndex(step) <= stepIndex(furthestReachable(completed));
}

export function withCompleted(completed: readonly StepId[], step: StepId): StepId[] {
  return STEP_IDS.filter((id) => id === step || completed.includes(id));
}

/** Steps after `step` are no longer trustworthy when an earlier answer changes. */
export function completedBefore(completed: readonly StepId[], step: StepId): StepId[] {
  return completed.filter((id) => stepIndex(id) < stepIndex(step));
}

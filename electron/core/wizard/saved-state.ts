/**
 * The saved, non-secret state: one Progress record (a connector's draft) per connector id, with
 * a schema version and real migrations. Whatever a store hands back (a file from an older
 * version, one edited by hand) is validated here and never crashes the wizard: a record that
 * cannot be read is set aside on its own (kept in the file under `unreadable`, never deleted), the
 * rest is loaded.
 */
import { z } from 'zod';
import type { Progress } from '../../shared/contract';
import { STEP_IDS } from '../../shared/steps';
import type { SavedState } from '../platform';

export const SAVED_STATE_VERSION = 2;
/** The longest connector name and input value the saved state keeps (import clamps or refuses). */
export const MAX_NAME_LENGTH = 80;
export const MAX_INPUT_LENGTH = 2048;
/** The id the first connector gets, and the one a version-1 file migrates to. */
export const FIRST_CONNECTOR_ID = 'connector-1';

export function initialProgress(now: Date = new Date()): Progress {
  return {
    targetId: null,
    inputs: {},
    pkceAllowed: null,
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
    name: '',
    exportedFormats: [],
    health: null,
    factsRecordedAt: null,
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

/** Version 1 (the first release): one flat Progress, without inputs or pkceAllowed. */
const progressV1Schema = z.object({
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

const healthSchema = z.object({
  checkedAt: z.string(),
  passed: z.boolean(),
  checks: z.array(checkSchema),
});

const progressSchema = progressV1Schema.extend({
  inputs: z.record(z.string(), z.string().max(MAX_INPUT_LENGTH)).default({}),
  pkceAllowed: z.boolean().nullable().default(null),
  // Added with saved connectors (still schema 2: optional fields with defaults, no reshaping).
  // Clamped, never refused: a long name (an older import) must not cost the connector at load.
  name: z
    .string()
    .default('')
    .transform((name) =>
      name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH - 1)}…` : name,
    ),
  exportedFormats: z.array(z.string()).default([]),
  health: healthSchema.nullable().default(null),
  factsRecordedAt: z.string().nullable().default(null),
});

const savedStateSchema = z.object({
  schemaVersion: z.literal(SAVED_STATE_VERSION),
  activeConnectorId: z.string().min(1).max(64),
  connectors: z.record(z.string().min(1).max(64), z.unknown()),
  unreadable: z.record(z.string(), z.unknown()).optional(),
});

function parseProgress(raw: unknown): Progress | null {
  const parsed = progressSchema.safeParse(raw);
  return parsed.success ? (parsed.data as Progress) : null;
}

/** A fresh state with one empty connector draft. */
export function initialSavedState(now: Date = new Date()): SavedState {
  return {
    schemaVersion: SAVED_STATE_VERSION,
    activeConnectorId: FIRST_CONNECTOR_ID,
    connectors: { [FIRST_CONNECTOR_ID]: initialProgress(now) },
  };
}

/** True when `raw` is a saved state some version of this wizard wrote (2, or 1 to migrate). */
export function readsAsSavedState(raw: unknown): boolean {
  return savedStateSchema.safeParse(raw).success || progressV1Schema.safeParse(raw).success;
}

/**
 * Reads any saved state: version 2 as is (unreadable connector records set aside one by one),
 * version 1 (a bare Progress) migrated to the first connector, anything else a fresh start.
 */
export function migrateSavedState(raw: unknown, now: Date = new Date()): SavedState {
  const v2 = savedStateSchema.safeParse(raw);
  if (v2.success) {
    const connectors: Record<string, Progress> = {};
    const unreadable: Record<string, unknown> = {};
    // Records kept unread last time are tried again (a newer version may have written them).
    const records = { ...v2.data.unreadable, ...v2.data.connectors };
    for (const [id, record] of Object.entries(records)) {
      const progress = parseProgress(record);
      if (progress) connectors[id] = progress;
      else unreadable[id] = record;
    }
    let active = v2.data.activeConnectorId;
    if (!connectors[active]) {
      // Never a fresh draft under an unreadable record's id: that would shadow its copy.
      if (unreadable[active] !== undefined) {
        let n = 1;
        while (connectors[`connector-${n}`] || unreadable[`connector-${n}`] !== undefined) n += 1;
        active = `connector-${n}`;
      }
      connectors[active] = initialProgress(now);
    }
    return {
      schemaVersion: SAVED_STATE_VERSION,
      activeConnectorId: active,
      connectors,
      ...(Object.keys(unreadable).length > 0 ? { unreadable } : {}),
    };
  }
  const v1 = progressV1Schema.safeParse(raw);
  if (v1.success) {
    return {
      schemaVersion: SAVED_STATE_VERSION,
      activeConnectorId: FIRST_CONNECTOR_ID,
      connectors: {
        [FIRST_CONNECTOR_ID]: {
          ...(v1.data as Omit<
            Progress,
            'inputs' | 'pkceAllowed' | 'name' | 'exportedFormats' | 'health'
          >),
          inputs: {},
          pkceAllowed: null,
          name: '',
          exportedFormats: [],
          health: null,
          factsRecordedAt: null,
        },
      },
    };
  }
  return initialSavedState(now);
}

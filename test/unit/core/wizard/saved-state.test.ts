/**
 * The saved state migrates, never resets: a progress file written by the first release (one flat
 * Progress, schema version 1) becomes the first connector's draft with every field kept; a damaged
 * connector record costs only that record; anything unreadable starts fresh without a crash.
 */
import { describe, expect, it } from 'vitest';
import {
  FIRST_CONNECTOR_ID,
  SAVED_STATE_VERSION,
  initialProgress,
  migrateSavedState,
} from '../../../../electron/core/wizard/saved-state';

const NOW = new Date('2026-12-04T10:00:00.000Z');

/** A progress file exactly as the first release (79cbb8d) wrote it: no inputs, no pkceAllowed. */
const V1_FILE = {
  targetId: 'snow-atlas',
  step: 'verify',
  completed: ['target', 'create-app', 'permissions', 'authorize'],
  appKey: 'snowatlasdemo01',
  customScopes: ['account_info.read'],
  appChecks: [
    {
      id: 'app_credentials',
      label: 'App key and secret',
      status: 'pass',
      detail: 'Dropbox accepted the app key snowatlasdemo01 and its secret.',
    },
    {
      id: 'redirect_uri_alternates',
      label: 'Alternate redirect URIs',
      status: 'warn',
      detail: 'Not registered: http://127.0.0.1:47211/oauth/callback.',
      error: {
        code: 'redirect_uri_not_registered',
        message: 'Not registered.',
        remedy: 'Add it.',
        action: 'open_app_console',
      },
    },
  ],
  identity: {
    tokenKind: 'team',
    accountId: 'dbid:AAutw7xnxczgpqHsggVo1dnx8HaXfn4GJLj',
    email: 'admin@example.test',
    emailVerified: true,
    displayName: 'Ada Admin',
    teamId: 'dbtid:AAI8TNStE1otps5WG2mihZmazj4X_PKzj1r',
    teamName: 'Example Ltd',
    isTeamAdmin: true,
  },
  tokenKind: 'team',
  grantedScopes: ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'],
  verifyChecks: [{ id: 'identity', label: 'Who authorized the app', status: 'pass', detail: 'ok' }],
  exportedPath: '/home/ada/snow.json',
  redirectMode: 'manual',
  updatedAt: '2026-11-23T08:30:00.000Z',
};

describe('migrateSavedState', () => {
  it('moves a version-1 progress file to version 2 under connector-1, keeping every field', () => {
    const state = migrateSavedState(structuredClone(V1_FILE), NOW);
    expect(state.schemaVersion).toBe(SAVED_STATE_VERSION);
    expect(state.activeConnectorId).toBe(FIRST_CONNECTOR_ID);
    expect(Object.keys(state.connectors)).toEqual([FIRST_CONNECTOR_ID]);
    const migrated = state.connectors[FIRST_CONNECTOR_ID];
    // Every v1 field survives unchanged (the admin resumes at Verify with the same answers) …
    for (const [field, value] of Object.entries(V1_FILE)) {
      expect(migrated, `field ${field}`).toHaveProperty(field, value);
    }
    // … and the fields v1 did not have start empty, not guessed.
    expect(migrated).toMatchObject({ inputs: {}, pkceAllowed: null });
  });

  it('a v1 file from before tokenKind and redirectMode existed still migrates', () => {
    const { tokenKind: _kind, redirectMode: _mode, ...older } = V1_FILE;
    const migrated = migrateSavedState(older, NOW).connectors[FIRST_CONNECTOR_ID];
    expect(migrated).toMatchObject({
      appKey: 'snowatlasdemo01',
      step: 'verify',
      tokenKind: null,
      redirectMode: 'loopback',
    });
  });

  it('reads a version-2 state back unchanged', () => {
    const v2 = migrateSavedState(structuredClone(V1_FILE), NOW);
    expect(migrateSavedState(JSON.parse(JSON.stringify(v2)), NOW)).toEqual(v2);
  });

  it('drops a corrupt connector record alone and keeps the others', () => {
    const good = migrateSavedState(structuredClone(V1_FILE), NOW).connectors[FIRST_CONNECTOR_ID];
    const state = migrateSavedState(
      {
        schemaVersion: 2,
        activeConnectorId: FIRST_CONNECTOR_ID,
        connectors: {
          [FIRST_CONNECTOR_ID]: good,
          'connector-2': { ...good, step: 'no-such-step' },
          'connector-3': 'garbage',
        },
      },
      NOW,
    );
    expect(Object.keys(state.connectors)).toEqual([FIRST_CONNECTOR_ID]);
    expect(state.connectors[FIRST_CONNECTOR_ID]).toEqual(good);
  });

  it('keeps a corrupt ACTIVE record as the file had it and opens a fresh draft beside it', () => {
    const good = migrateSavedState(structuredClone(V1_FILE), NOW).connectors[FIRST_CONNECTOR_ID];
    const state = migrateSavedState(
      {
        schemaVersion: 2,
        activeConnectorId: 'connector-2',
        connectors: { [FIRST_CONNECTOR_ID]: good, 'connector-2': { appKey: 42 } },
      },
      NOW,
    );
    expect(state.unreadable).toEqual({ 'connector-2': { appKey: 42 } });
    expect(state.activeConnectorId).toBe('connector-3');
    expect(state.connectors['connector-3']).toEqual(initialProgress(NOW));
    expect(state.connectors['connector-2']).toBeUndefined();
    expect(state.connectors[FIRST_CONNECTOR_ID]).toEqual(good);
  });

  it('an unreadable record survives the next save and load (never deleted), and comes back once readable', () => {
    const good = migrateSavedState(structuredClone(V1_FILE), NOW).connectors[FIRST_CONNECTOR_ID];
    const broken = { ...good, step: 'a step from a newer version' };
    const first = migrateSavedState(
      {
        schemaVersion: 2,
        activeConnectorId: FIRST_CONNECTOR_ID,
        connectors: { [FIRST_CONNECTOR_ID]: good, 'connector-7': broken },
      },
      NOW,
    );
    // What the store writes back is the state as loaded: the copy rides along.
    const again = migrateSavedState(JSON.parse(JSON.stringify(first)), NOW);
    expect(again.unreadable).toEqual({ 'connector-7': broken });
    const repaired = migrateSavedState(
      { ...JSON.parse(JSON.stringify(again)), unreadable: { 'connector-7': good } },
      NOW,
    );
    expect(repaired.connectors['connector-7']).toEqual(good);
    expect(repaired.unreadable).toBeUndefined();
  });

  it('a name longer than 80 characters is shortened at load, never a reason to drop the connector', () => {
    const good = migrateSavedState(structuredClone(V1_FILE), NOW).connectors[FIRST_CONNECTOR_ID];
    const state = migrateSavedState(
      {
        schemaVersion: 2,
        activeConnectorId: FIRST_CONNECTOR_ID,
        connectors: { [FIRST_CONNECTOR_ID]: { ...good, name: `rclone — ${'r'.repeat(90)}` } },
      },
      NOW,
    );
    const name = state.connectors[FIRST_CONNECTOR_ID]?.name ?? '';
    expect(name).toHaveLength(80);
    expect(name.endsWith('…')).toBe(true);
    expect(state.unreadable).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['a string', 'not a state'],
    ['an array', [1, 2, 3]],
    ['an unknown version', { schemaVersion: 99, activeConnectorId: 'x', connectors: {} }],
    ['a half v1 record', { targetId: 'snow-atlas', appKey: 'k' }],
  ])('starts fresh from %s', (_name, raw) => {
    expect(migrateSavedState(raw, NOW)).toEqual({
      schemaVersion: SAVED_STATE_VERSION,
      activeConnectorId: FIRST_CONNECTOR_ID,
      connectors: { [FIRST_CONNECTOR_ID]: initialProgress(NOW) },
    });
  });
});

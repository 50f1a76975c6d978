import { describe, expect, it } from 'vitest';
import type { TargetProfile } from '../../../../electron/shared/contract';
import { isKnownScope, isTeamScope } from '../../../../electron/core/targets/scopes';
import {
  PLANNED_TARGETS,
  TARGETS,
  accountTypeFor,
  getTarget,
  requiredScopesFor,
} from '../../../../electron/core/targets/targets';

const ALL: readonly TargetProfile[] = [...TARGETS, ...PLANNED_TARGETS];

function target(id: string): TargetProfile {
  const found = getTarget(id);
  if (!found) throw new Error(`missing target ${id}`);
  return found;
}

describe('TARGETS', () => {
  it('serves exactly snow-atlas and custom', () => {
    expect(TARGETS.map((t) => t.id)).toEqual(['snow-atlas', 'custom']);
  });

  it('keeps planned targets out of getTarget', () => {
    expect(PLANNED_TARGETS.map((t) => t.id)).toEqual([
      'certero',
      'cerb',
      'visualcron',
      'defender-for-cloud-apps',
    ]);
    for (const planned of PLANNED_TARGETS) expect(getTarget(planned.id)).toBeUndefined();
  });

  it('has unique kebab-case ids across served and planned targets', () => {
    const ids = ALL.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(ALL.map((t) => [t.id, t] as const))(
    '%s: required scopes are known, sorted and unique',
    (_id, t) => {
      for (const scope of t.requiredScopes) expect(isKnownScope(scope), scope).toBe(true);
      expect([...t.requiredScopes]).toEqual([...new Set(t.requiredScopes)].sort());
    },
  );

  it.each(ALL.map((t) => [t.id, t] as const))('%s: team scopes imply team_admin', (_id, t) => {
    if (t.requiredScopes.some(isTeamScope)) expect(t.accountType).toBe('team_admin');
  });

  it.each(ALL.map((t) => [t.id, t] as const))('%s: outputs are well formed', (_id, t) => {
    const keys = t.outputs.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const output of t.outputs) {
      expect(['app_key', 'app_secret', 'refresh_token']).toContain(output.key);
      expect(output.secret).toBe(output.key !== 'app_key');
    }
    expect(t.handoff.length).toBeGreaterThan(20);
  });

  it('describes Snow Atlas exactly as its procedure does', () => {
    const snow = target('snow-atlas');
    expect(snow.name).toBe('Snow Atlas');
    expect([...snow.requiredScopes].sort()).toEqual(
      ['account_info.read', 'team_info.read', 'members.read', 'sessions.list'].sort(),
    );
    expect(snow.accountType).toBe('team_admin');
    expect(snow.access).toBe('full_dropbox');
    expect(snow.scopesEditable).toBe(false);
    expect(snow.outputs.map((o) => o.label)).toEqual(['App key', 'App secret', 'Refresh token']);
    expect(snow.handoff).toContain('Settings');
    expect(snow.suggestedAppName).toBe('Snow Atlas connector');
    expect(snow.productRedirectUris).toEqual([]);
  });

  it('describes Custom as editable with account_info.read pre-ticked', () => {
    const custom = target('custom');
    expect(custom.scopesEditable).toBe(true);
    expect(custom.requiredScopes).toEqual(['account_info.read']);
    expect(custom.accountType).toBe('user');
    expect(custom.outputs.map((o) => o.label)).toEqual(['App key', 'App secret', 'Refresh token']);
  });

  it('carries the seed redirect URIs and labels for planned targets', () => {
    const byId = new Map(PLANNED_TARGETS.map((t) => [t.id, t]));
    expect(byId.get('certero')?.productRedirectUris).toEqual([
      'https://cc.certero.com/cmp/AuthorizeDropboxConnector',
    ]);
    expect(byId.get('certero')?.outputs.map((o) => o.label)).toEqual([
      'Client ID',
      'Client Secret',
    ]);
    expect(byId.get('cerb')?.productRedirectUris).toEqual([
      'https://YOUR-CERB-HOST/oauth/callback',
    ]);
    expect(byId.get('visualcron')?.productRedirectUris).toEqual([
      'http://localhost',
      'http://localhost:9999',
    ]);
    expect(byId.get('defender-for-cloud-apps')?.outputs).toEqual([]);
    for (const planned of PLANNED_TARGETS) expect(planned.openQuestions.length).toBeGreaterThan(0);
  });
});

describe('requiredScopesFor', () => {
  it('ignores custom ticks for fixed targets', () => {
    expect(requiredScopesFor(target('snow-atlas'), ['files.content.write'])).toEqual([
      'account_info.read',
      'members.read',
      'sessions.list',
      'team_info.read',
    ]);
  });

  it('sorts, dedupes and always includes account_info.read for Custom', () => {
    expect(requiredScopesFor(target('custom'), [])).toEqual(['account_info.read']);
    expect(
      requiredScopesFor(target('custom'), ['members.read', 'events.read', 'members.read']),
    ).toEqual(['account_info.read', 'events.read', 'members.read']);
  });

  it('drops strings that are not Dropbox scopes', () => {
    expect(
      requiredScopesFor(target('custom'), ['members.read', 'not.a.scope', 'private:sharing.write']),
    ).toEqual(['account_info.read', 'members.read']);
  });

  it('adds App Console dependencies of ticked scopes', () => {
    expect(requiredScopesFor(target('custom'), ['files.content.read'])).toEqual([
      'account_info.read',
      'files.content.read',
      'files.metadata.read',
    ]);
  });
});

describe('accountTypeFor', () => {
  it('follows the scopes for Custom', () => {
    expect(accountTypeFor(target('custom'), ['account_info.read', 'files.metadata.read'])).toBe(
      'user',
    );
    expect(accountTypeFor(target('custom'), ['account_info.read', 'members.read'])).toBe(
      'team_admin',
    );
  });

  it('is fixed for fixed targets', () => {
    expect(accountTypeFor(target('snow-atlas'), [])).toBe('team_admin');
  });
});

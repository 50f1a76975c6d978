import { describe, expect, it } from 'vitest';
import {
  SCOPES,
  getScope,
  isKnownScope,
  isTeamScope,
} from '../../../../electron/core/targets/scopes';

// Every scope string dropbox/dropbox-api-spec names (private:sharing.write deliberately left out).
const USER_SCOPES = [
  'account_info.read',
  'account_info.write',
  'files.metadata.read',
  'files.metadata.write',
  'files.content.read',
  'files.content.write',
  'files.permanent_delete',
  'sharing.read',
  'sharing.write',
  'file_requests.read',
  'file_requests.write',
  'contacts.read',
  'contacts.write',
  'openid',
];
const TEAM_SCOPES = [
  'team_info.read',
  'team_info.write',
  'members.read',
  'members.write',
  'members.delete',
  'groups.read',
  'groups.write',
  'sessions.list',
  'sessions.modify',
  'events.read',
  'team_data.member',
  'team_data.team_space',
  'team_data.content.read',
  'team_data.content.write',
  'team_data.governance.read',
  'team_data.governance.write',
  'files.team_metadata.read',
  'files.team_metadata.write',
];

// One harmless read call per scope that has one.
const PROBES: Record<string, string> = {
  'account_info.read': 'users/get_current_account',
  'team_info.read': 'team/get_info',
  'members.read': 'team/members/list_v2',
  'groups.read': 'team/groups/list',
  'sessions.list': 'team/devices/list_members_devices',
  'events.read': 'team_log/get_events',
  'team_data.member': 'team/namespaces/list',
  'files.metadata.read': 'files/list_folder',
};

describe('SCOPES catalogue', () => {
  it('contains every user and team scope the API spec names', () => {
    const ids = SCOPES.map((scope) => scope.id);
    for (const id of USER_SCOPES) expect(ids, id).toContain(id);
    for (const id of TEAM_SCOPES) expect(ids, id).toContain(id);
  });

  it('leaves out private:sharing.write', () => {
    expect(isKnownScope('private:sharing.write')).toBe(false);
  });

  it('has unique ids and a meaning for each scope', () => {
    const ids = SCOPES.map((scope) => scope.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const scope of SCOPES) expect(scope.meaning.length, scope.id).toBeGreaterThan(10);
  });

  it('puts each scope in the right group', () => {
    for (const id of USER_SCOPES) expect(getScope(id)?.group, id).toBe('user');
    for (const id of TEAM_SCOPES) expect(getScope(id)?.group, id).toBe('team');
  });

  it('probes exactly the scopes in the probe table, with the listed routes', () => {
    for (const scope of SCOPES) {
      expect(scope.probe, scope.id).toBe(PROBES[scope.id] ?? null);
    }
  });

  it('answers getScope / isKnownScope / isTeamScope', () => {
    expect(getScope('members.read')?.meaning).toBe('View your team membership');
    expect(getScope('nope')).toBeUndefined();
    expect(isKnownScope('account_info.read')).toBe(true);
    expect(isKnownScope('ACCOUNT_INFO.READ')).toBe(false);
    expect(isTeamScope('events.read')).toBe(true);
    expect(isTeamScope('files.team_metadata.read')).toBe(true);
    expect(isTeamScope('files.content.read')).toBe(false);
    expect(isTeamScope('unknown.scope')).toBe(false);
  });
});

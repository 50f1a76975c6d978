/**
 * The Dropbox scope catalogue the wizard knows: every scope string an admin can tick on the App
 * Console's Permissions tab (dropbox/dropbox-api-spec names each route's scope), with the wording shown there and the
 * one harmless read call Verify makes to prove the scope works.
 *
 * `private:sharing.write` is left out on purpose: it appears on a single internal-looking route in
 * the API spec and is not something an admin can tick, so offering it would only confuse.
 *
 * Meanings follow the App Console wording as reproduced by third parties (watermint/toolbox's
 * messages; the exact text is UNCONFIRMED); where even that is missing, the text says what the scope's routes do.
 */
import type { ScopeInfo } from '../../shared/contract';

export const SCOPES: readonly ScopeInfo[] = [
  // Individual (user) scopes.
  {
    id: 'account_info.read',
    group: 'user',
    meaning:
      'View basic information about your Dropbox account such as your username, email, and country',
    probe: 'users/get_current_account',
  },
  {
    id: 'account_info.write',
    group: 'user',
    meaning:
      'View and edit basic information about your Dropbox account such as your profile photo',
    probe: null,
  },
  {
    id: 'files.metadata.read',
    group: 'user',
    meaning: 'View information about your Dropbox files and folders',
    probe: 'files/list_folder',
  },
  {
    id: 'files.metadata.write',
    group: 'user',
    meaning: 'View and edit information about your Dropbox files and folders',
    probe: null,
  },
  {
    id: 'files.content.read',
    group: 'user',
    meaning: 'View content of your Dropbox files and folders',
    probe: null,
  },
  {
    id: 'files.content.write',
    group: 'user',
    meaning: 'Edit content of your Dropbox files and folders',
    probe: null,
  },
  {
    id: 'files.permanent_delete',
    group: 'user',
    meaning: 'Permanently delete files and folders',
    probe: null,
  },
  {
    id: 'sharing.read',
    group: 'user',
    meaning: 'View your Dropbox sharing settings and collaborators',
    probe: null,
  },
  {
    id: 'sharing.write',
    group: 'user',
    meaning: 'View and manage your Dropbox sharing settings and collaborators',
    probe: null,
  },
  {
    id: 'file_requests.read',
    group: 'user',
    meaning: 'View your Dropbox file requests',
    probe: null,
  },
  {
    id: 'file_requests.write',
    group: 'user',
    meaning: 'View and manage your Dropbox file requests',
    probe: null,
  },
  {
    id: 'contacts.read',
    group: 'user',
    meaning: 'View your manually added Dropbox contacts',
    probe: null,
  },
  {
    id: 'contacts.write',
    group: 'user',
    meaning: 'View and manage your manually added Dropbox contacts',
    probe: null,
  },
  // OpenID Connect sign-in. `email` and `profile` are its companions (list UNCONFIRMED);
  // they are kept so a token that carries them is not reported as holding unknown scopes.
  {
    id: 'openid',
    group: 'user',
    meaning: 'Sign in with Dropbox (OpenID Connect): confirm who you are',
    probe: null,
  },
  {
    id: 'email',
    group: 'user',
    meaning: 'OpenID Connect: view your email address',
    probe: null,
  },
  {
    id: 'profile',
    group: 'user',
    meaning: 'OpenID Connect: view your name and profile',
    probe: null,
  },

  // Team scopes: authorizing any of these yields a team access token, which only a team admin
  // can grant (Dropbox's auth-types page; dropbox-sdk-dotnet#22).
  {
    id: 'team_info.read',
    group: 'team',
    meaning:
      'View basic information about your team including names, user count, and team settings',
    probe: 'team/get_info',
  },
  {
    id: 'team_info.write',
    group: 'team',
    meaning:
      "View and edit basic information about your team, such as the team's sharing allowlist",
    probe: null,
  },
  {
    id: 'members.read',
    group: 'team',
    meaning: 'View your team membership',
    probe: 'team/members/list_v2',
  },
  {
    id: 'members.write',
    group: 'team',
    meaning: 'View and manage your team membership',
    probe: null,
  },
  {
    id: 'members.delete',
    group: 'team',
    meaning: "Remove and recover your team members' accounts",
    probe: null,
  },
  {
    id: 'groups.read',
    group: 'team',
    meaning: 'View your team group membership',
    probe: 'team/groups/list',
  },
  {
    id: 'groups.write',
    group: 'team',
    meaning: 'View and manage your team group membership',
    probe: null,
  },
  {
    id: 'sessions.list',
    group: 'team',
    meaning: "View your team's sessions, devices, and apps",
    probe: 'team/devices/list_members_devices',
  },
  {
    id: 'sessions.modify',
    group: 'team',
    meaning: "View and manage your team's sessions, devices, and apps",
    probe: null,
  },
  {
    id: 'events.read',
    group: 'team',
    meaning: "View your team's activity log",
    probe: 'team_log/get_events',
  },
  {
    id: 'team_data.member',
    group: 'team',
    meaning:
      "View structure of your team's and members' folders (needed to act as a team member or admin)",
    probe: 'team/namespaces/list',
  },
  {
    id: 'team_data.team_space',
    group: 'team',
    meaning: "View and edit content of your team's team space",
    probe: null,
  },
  {
    id: 'team_data.content.read',
    group: 'team',
    meaning: "View content of your team's files and folders",
    probe: null,
  },
  {
    id: 'team_data.content.write',
    group: 'team',
    meaning: "View and edit content of your team's files and folders",
    probe: null,
  },
  {
    id: 'team_data.governance.read',
    group: 'team',
    meaning: "View your team's data governance settings, such as legal holds",
    probe: null,
  },
  {
    id: 'team_data.governance.write',
    group: 'team',
    meaning: "View and manage your team's data governance settings, such as legal holds",
    probe: null,
  },
  {
    id: 'files.team_metadata.read',
    group: 'team',
    meaning: "View your team's file property templates and team file metadata",
    probe: null,
  },
  {
    id: 'files.team_metadata.write',
    group: 'team',
    meaning: "View and manage your team's file property templates and team file metadata",
    probe: null,
  },
];

const BY_ID: ReadonlyMap<string, ScopeInfo> = new Map(SCOPES.map((scope) => [scope.id, scope]));

/**
 * Scopes the App Console ticks together with another one (seen in public setup guides, e.g.
 * d0ugal/hassio-dropbox-upload#65; not a complete list):
 * ticking the key also needs every listed scope. Used to pre-tick dependencies for Custom targets
 * so Verify does not later report a scope the admin could not have left out.
 */
export const SCOPE_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  'files.content.read': ['files.metadata.read'],
};

export function getScope(id: string): ScopeInfo | undefined {
  return BY_ID.get(id);
}

export function isKnownScope(id: string): boolean {
  return BY_ID.has(id);
}

/** True only for known team scopes; an unknown string is never treated as a team scope. */
export function isTeamScope(id: string): boolean {
  return BY_ID.get(id)?.group === 'team';
}

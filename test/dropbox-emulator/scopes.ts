/**
 * Scope strings and their App Console meanings (dropbox-api-spec scope attributes; the App Console
 * Permissions tab). Team scopes make a grant a team grant, which yields a team access token
 * (Dropbox's auth-types docs).
 */
export interface ScopeDescription {
  readonly scope: string;
  readonly team: boolean;
  readonly meaning: string;
}

const USER_SCOPES: ReadonlyArray<[string, string]> = [
  [
    'account_info.read',
    'View basic information about your Dropbox account such as your username, email, and country',
  ],
  [
    'account_info.write',
    'View and edit basic information about your Dropbox account such as your profile photo',
  ],
  ['files.metadata.read', 'View information about your Dropbox files and folders'],
  ['files.metadata.write', 'View and edit information about your Dropbox files and folders'],
  ['files.content.read', 'View content of your Dropbox files and folders'],
  ['files.content.write', 'Edit content of your Dropbox files and folders'],
  ['files.permanent_delete', 'Permanently delete files and folders'],
  ['sharing.read', 'View your Dropbox sharing settings and collaborators'],
  ['sharing.write', 'View and manage your Dropbox sharing settings and collaborators'],
  ['file_requests.read', 'View your Dropbox file requests'],
  ['file_requests.write', 'View and manage your Dropbox file requests'],
  ['contacts.read', 'View your manually added Dropbox contacts'],
  ['contacts.write', 'View and manage your manually added Dropbox contacts'],
  ['openid', 'Sign in to the app with your Dropbox account (OpenID Connect)'],
  ['email', 'View your email address (OpenID Connect)'],
  ['profile', 'View your name (OpenID Connect)'],
];

const TEAM_SCOPES: ReadonlyArray<[string, string]> = [
  [
    'team_info.read',
    'View basic information about your team including names, user count, and team settings',
  ],
  ['team_info.write', 'View and edit basic information about your team'],
  ['members.read', 'View your team membership'],
  ['members.write', 'View and manage your team membership'],
  ['members.delete', "Remove and recover your team members' accounts"],
  ['groups.read', 'View your team group membership'],
  ['groups.write', 'View and manage your team group membership'],
  ['sessions.list', "View your team's sessions, devices, and apps"],
  ['sessions.modify', "View and manage your team's sessions, devices, and apps"],
  ['events.read', "View your team's activity log"],
  ['team_data.member', "View structure of your team's and members' folders"],
  ['team_data.team_space', "View and edit content of your team's files and folders"],
  ['team_data.content.read', "View content of your team's files and folders"],
  ['team_data.content.write', "View and edit content of your team's files and folders"],
  ['team_data.governance.read', "View your team's governance data"],
  ['team_data.governance.write', "View and manage your team's governance data (legal holds)"],
  ['files.team_metadata.read', "View your team's file metadata and property templates"],
  ['files.team_metadata.write', "View and edit your team's file metadata and property templates"],
];

const TABLE = new Map<string, ScopeDescription>([
  ...USER_SCOPES.map(([scope, meaning]): [string, ScopeDescription] => [
    scope,
    { scope, team: false, meaning },
  ]),
  ...TEAM_SCOPES.map(([scope, meaning]): [string, ScopeDescription] => [
    scope,
    { scope, team: true, meaning },
  ]),
]);

export function isTeamScope(scope: string): boolean {
  return TABLE.get(scope)?.team ?? false;
}

export function describeScope(scope: string): ScopeDescription {
  return TABLE.get(scope) ?? { scope, team: false, meaning: scope };
}

/** Sorted, de-duplicated scope list (observed token replies list scopes alphabetically). */
export function normalizeScopes(scopes: Iterable<string>): string[] {
  return [...new Set(scopes)].sort();
}

/** Splits a space-separated `scope` parameter (empty or absent → null). */
export function parseScopeParam(value: string | null | undefined): string[] | null {
  if (value === null || value === undefined) return null;
  const parts = value.split(/\s+/).filter((s) => s.length > 0);
  return parts.length === 0 ? null : parts;
}

/**
 * Response shapes for the RPC routes, following the structs in dropbox-api-spec and the Stone
 * JSON rules of stone docs/json_serializer.rst (unset optional fields omitted, unions as
 * `{".tag": …}`, timestamps
 * `%Y-%m-%dT%H:%M:%SZ`).
 */
import { stableHex, stableUrlSafe } from './ids';
import type {
  SeedAccount,
  SeedApp,
  SeedDevice,
  SeedEvent,
  SeedFile,
  SeedGroup,
  SeedTeam,
} from './seed';
import type { EmulatorState } from './state';

type Json = Record<string, unknown>;

const DEFAULT_JOINED_ON = '2024-03-04T09:30:00Z';
const DEFAULT_MODIFIED = '2026-10-01T08:00:00Z';

export function nameOf(account: SeedAccount): Json {
  const parts = account.name.trim().split(/\s+/);
  const given = parts[0] ?? account.name;
  const surname = parts.slice(1).join(' ');
  const abbreviated = parts
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 2);
  return {
    given_name: given,
    surname,
    familiar_name: given,
    display_name: account.name,
    abbreviated_name: abbreviated,
  };
}

export function sharingPolicies(): Json {
  return {
    shared_folder_member_policy: { '.tag': 'team' },
    shared_folder_join_policy: { '.tag': 'from_anyone' },
    shared_link_create_policy: { '.tag': 'team_only' },
    group_creation_policy: { '.tag': 'admins_only' },
    shared_folder_link_restriction_policy: { '.tag': 'anyone' },
    enforce_link_password_policy: { '.tag': 'optional' },
    default_link_expiration_days_policy: { '.tag': 'none' },
    shared_link_default_permissions_policy: { '.tag': 'default' },
  };
}

/** users/get_current_account → FullAccount (dropbox-api-spec). */
export function fullAccount(state: EmulatorState, account: SeedAccount): Json {
  const team = account.teamId === null ? undefined : state.team(account.teamId);
  const ns = state.homeNamespaceId(account);
  const accountType = account.accountType ?? (team !== undefined ? 'business' : 'basic');
  return {
    account_id: account.accountId,
    name: nameOf(account),
    email: account.email,
    email_verified: account.emailVerified,
    disabled: false,
    country: account.country,
    locale: account.locale,
    referral_link: `https://www.dropbox.com/referrals/${stableUrlSafe(12, 'referral', account.accountId)}`,
    ...(team !== undefined
      ? {
          team: {
            id: team.id,
            name: team.name,
            sharing_policies: sharingPolicies(),
            office_addin_policy: { '.tag': 'disabled' },
            top_level_content_policy: { '.tag': 'admin_only' },
          },
          team_member_id: account.teamMemberId,
        }
      : {}),
    is_paired: false,
    account_type: { '.tag': accountType },
    root_info: { '.tag': 'user', root_namespace_id: ns, home_namespace_id: ns },
  };
}

/** users/get_space_usage → SpaceUsage (dropbox-api-spec). */
export function spaceUsage(state: EmulatorState, account: SeedAccount): Json {
  const team = account.teamId === null ? undefined : state.team(account.teamId);
  if (team === undefined) {
    return {
      used: account.spaceUsedBytes,
      allocation: { '.tag': 'individual', allocated: account.spaceAllocatedBytes },
    };
  }
  const teamUsed = state.teamMembers(team.id).reduce((sum, m) => sum + m.spaceUsedBytes, 0);
  return {
    used: account.spaceUsedBytes,
    allocation: {
      '.tag': 'team',
      used: teamUsed,
      allocated: team.spaceAllocatedBytes,
      user_within_team_space_allocated: 0,
      user_within_team_space_limit_type: { '.tag': 'off' },
      user_within_team_space_used_cached: account.spaceUsedBytes,
    },
  };
}

/** team/get_info → TeamGetInfoResult (dropbox-api-spec). */
export function teamInfo(state: EmulatorState, team: SeedTeam): Json {
  const members = state.teamMembers(team.id);
  return {
    name: team.name,
    team_id: team.id,
    num_licensed_users: team.licensedUsers,
    num_provisioned_users: members.filter((m) => m.status === 'active' || m.status === 'invited')
      .length,
    num_used_licenses: members.filter((m) => m.status === 'active').length,
    policies: {
      sharing: sharingPolicies(),
      emm_state: { '.tag': 'disabled' },
      office_addin: { '.tag': 'disabled' },
      suggest_members_policy: { '.tag': 'enabled' },
      top_level_content_policy: { '.tag': 'admin_only' },
    },
  };
}

function memberStatus(account: SeedAccount): Json {
  if (account.status === 'removed')
    return { '.tag': 'removed', is_recoverable: true, is_disconnected: false };
  return { '.tag': account.status };
}

/**
 * TeamMemberProfile = MemberProfile + groups, member_folder_id, root_folder_id (dropbox-api-spec).
 */
export function memberProfile(state: EmulatorState, team: SeedTeam, account: SeedAccount): Json {
  const ns = state.homeNamespaceId(account);
  const invited = account.status === 'invited';
  return {
    team_member_id: account.teamMemberId,
    ...(account.externalId !== undefined ? { external_id: account.externalId } : {}),
    // Presumably absent until an invite is accepted (dropbox-api-spec, inference).
    ...(invited ? {} : { account_id: account.accountId }),
    email: account.email,
    email_verified: account.emailVerified,
    secondary_emails: [],
    status: memberStatus(account),
    name: nameOf(account),
    membership_type: { '.tag': 'full' },
    ...(invited
      ? { invited_on: account.joinedOn ?? DEFAULT_JOINED_ON }
      : { joined_on: account.joinedOn ?? DEFAULT_JOINED_ON }),
    persistent_id: stableHex('persistent', account.accountId).slice(0, 16),
    is_directory_restricted: false,
    groups: team.groups
      .filter((g) => account.teamMemberId !== null && g.memberIds.includes(account.teamMemberId))
      .map((g) => g.id),
    member_folder_id: ns,
    root_folder_id: ns,
  };
}

const TEAM_ADMIN_ROLE = {
  role_id: 'pid_dbtmr:AAAAAHTbVgM4KsEe1R1mQxJyL8c3v3Z8b4SBs3XhW7gQ',
  name: 'Team',
  description: 'Manage everything and access all permissions',
};

/** TeamMemberInfoV2 (dropbox-api-spec): `{"profile": …, "roles": […]}`. */
export function memberInfoV2(state: EmulatorState, team: SeedTeam, account: SeedAccount): Json {
  return {
    profile: memberProfile(state, team, account),
    roles: account.role === 'team_admin' ? [TEAM_ADMIN_ROLE] : [],
  };
}

export function groupSummary(group: SeedGroup): Json {
  return {
    group_name: group.name,
    group_id: group.id,
    ...(group.externalId !== undefined ? { group_external_id: group.externalId } : {}),
    member_count: group.memberIds.length,
    group_management_type: { '.tag': group.managementType },
  };
}

function sessionBase(d: SeedDevice): Json {
  return {
    session_id: d.sessionId,
    ...(d.ipAddress !== undefined ? { ip_address: d.ipAddress } : {}),
    ...(d.country !== undefined ? { country: d.country } : {}),
    ...(d.created !== undefined ? { created: d.created } : {}),
    ...(d.updated !== undefined ? { updated: d.updated } : {}),
  };
}

/** MemberDevices for one member (dropbox-api-spec). Only the kinds asked for are listed. */
export function memberDevices(
  teamMemberId: string,
  devices: readonly SeedDevice[],
  include: { web: boolean; desktop: boolean; mobile: boolean },
): Json {
  const of = (kind: SeedDevice['kind']): SeedDevice[] => devices.filter((d) => d.kind === kind);
  return {
    team_member_id: teamMemberId,
    ...(include.web
      ? {
          web_sessions: of('web').map((d) => ({
            ...sessionBase(d),
            user_agent: d.userAgent ?? '',
            os: d.os ?? 'Unknown',
            browser: d.browser ?? 'Unknown',
            ...(d.expires !== undefined ? { expires: d.expires } : {}),
          })),
        }
      : {}),
    ...(include.desktop
      ? {
          desktop_clients: of('desktop').map((d) => ({
            ...sessionBase(d),
            host_name: d.hostName ?? 'unknown',
            client_type: { '.tag': d.clientType ?? 'other' },
            client_version: d.clientVersion ?? '0',
            platform: d.platform ?? '',
            is_delete_on_unlink_supported: true,
          })),
        }
      : {}),
    ...(include.mobile
      ? {
          mobile_clients: of('mobile').map((d) => ({
            ...sessionBase(d),
            device_name: d.deviceName ?? '',
            client_type: { '.tag': d.clientType ?? 'other' },
            ...(d.clientVersion !== undefined ? { client_version: d.clientVersion } : {}),
            ...(d.osVersion !== undefined ? { os_version: d.osVersion } : {}),
            ...(d.lastCarrier !== undefined ? { last_carrier: d.lastCarrier } : {}),
          })),
        }
      : {}),
  };
}

function teamMemberLogInfo(account: SeedAccount): Json {
  return {
    '.tag': 'team_member',
    account_id: account.accountId,
    display_name: account.name,
    email: account.email,
    team_member_id: account.teamMemberId,
  };
}

/**
 * TeamEvent (dropbox-api-spec): nested unions for actor (ActorLogInfo → UserLogInfo) per Stone's
 * JSON rules.
 */
export function teamEvent(state: EmulatorState, team: SeedTeam, event: SeedEvent): Json {
  const actor =
    event.actorTeamMemberId === undefined
      ? undefined
      : state.memberByTeamMemberId(team.id, event.actorTeamMemberId);
  const kind =
    event.actorKind ??
    (actor === undefined ? 'dropbox' : actor.role === 'team_admin' ? 'admin' : 'user');
  let actorInfo: Json;
  if ((kind === 'admin' || kind === 'user') && actor !== undefined)
    actorInfo = { '.tag': kind, [kind]: teamMemberLogInfo(actor) };
  else actorInfo = { '.tag': kind === 'anonymous' ? 'anonymous' : 'dropbox' };
  const geo =
    event.ipAddress !== undefined
      ? {
          geo_location: {
            ...(event.city !== undefined ? { city: event.city } : {}),
            ...(event.region !== undefined ? { region: event.region } : {}),
            ...(event.country !== undefined ? { country: event.country } : {}),
            ip_address: event.ipAddress,
          },
        }
      : {};
  return {
    timestamp: event.timestamp,
    event_category: { '.tag': event.category },
    actor: actorInfo,
    origin: {
      ...geo,
      access_method: {
        '.tag': 'end_user',
        end_user: {
          '.tag': 'web',
          session_id: `dbwsid:${stableHex('session', event.timestamp, event.type).slice(0, 30)}`,
        },
      },
    },
    involve_non_team_member: false,
    context: actor !== undefined ? teamMemberLogInfo(actor) : { '.tag': 'team' },
    participants: [],
    assets: [],
    event_type: { '.tag': event.type, description: event.description },
    details: { '.tag': `${event.type}_details`, ...event.details },
  };
}

/** Namespaces of a team: one team_member_folder per active member, plus team folders. */
export function teamNamespaces(state: EmulatorState, team: SeedTeam): Json[] {
  const members = state.teamMembers(team.id).filter((m) => m.status === 'active');
  return [
    ...members.map((m) => ({
      name: m.name,
      namespace_id: state.homeNamespaceId(m),
      namespace_type: { '.tag': 'team_member_folder' },
      team_member_id: m.teamMemberId,
    })),
    ...team.teamFolders.map((f) => ({
      name: f.name,
      namespace_id: f.namespaceId,
      namespace_type: { '.tag': 'team_folder' },
    })),
  ];
}

export interface TreeEntry {
  type: 'file' | 'folder';
  /** Display path relative to the root the caller sees (app folder apps: their folder). */
  pathDisplay: string;
  size: number;
  modified: string;
}

/**
 * The tree an app sees for an account: all of it for Full Dropbox, or `/Apps/<app name>` re-rooted
 * at `/` for App folder apps (Dropbox's developer guide). Parent folders of every seeded entry
 * are implied.
 */
export function visibleTree(account: SeedAccount, app: SeedApp): Map<string, TreeEntry> {
  const prefix = app.access === 'app_folder' ? `/apps/${app.name.toLowerCase()}` : '';
  const tree = new Map<string, TreeEntry>();
  const add = (
    file: SeedFile | { path: string; type: 'folder'; size: number; modified?: string },
  ): void => {
    const lower = file.path.toLowerCase();
    if (prefix !== '' && !lower.startsWith(`${prefix}/`)) return;
    const display = prefix === '' ? file.path : file.path.slice(prefix.length);
    const segments = display.split('/').filter((s) => s.length > 0);
    for (let i = 1; i < segments.length; i += 1) {
      const parent = `/${segments.slice(0, i).join('/')}`;
      if (!tree.has(parent.toLowerCase()))
        tree.set(parent.toLowerCase(), {
          type: 'folder',
          pathDisplay: parent,
          size: 0,
          modified: DEFAULT_MODIFIED,
        });
    }
    const path = `/${segments.join('/')}`;
    tree.set(path.toLowerCase(), {
      type: file.type,
      pathDisplay: path,
      size: file.size,
      modified: file.modified ?? DEFAULT_MODIFIED,
    });
  };
  account.files.forEach(add);
  return tree;
}

/**
 * Metadata for one entry (dropbox-api-spec): `file` or `folder`, with stable ids, revs and content
 * hashes.
 */
export function entryMetadata(account: SeedAccount, entry: TreeEntry): Json {
  const name = entry.pathDisplay.split('/').pop() ?? '';
  const lower = entry.pathDisplay.toLowerCase();
  const id = `id:${stableUrlSafe(22, 'file', account.accountId, lower)}`;
  if (entry.type === 'folder')
    return { '.tag': 'folder', name, path_lower: lower, path_display: entry.pathDisplay, id };
  return {
    '.tag': 'file',
    name,
    path_lower: lower,
    path_display: entry.pathDisplay,
    id,
    client_modified: entry.modified,
    server_modified: entry.modified,
    rev: stableHex('rev', account.accountId, lower).slice(0, 15),
    size: entry.size,
    is_downloadable: true,
    content_hash: stableHex('content', account.accountId, lower),
  };
}

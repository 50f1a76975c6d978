/**
 * `POST /2/<route>` (dropbox-api-spec). Each route declares its auth type (user, team, app), its
 * scope, whether it accepts Dropbox-API-Select-Admin, whether App-folder apps may call it, and how
 * to parse its argument. The pipeline in `handleRpc` applies them in one order for every route:
 *
 *   route known → POST → Content-Type → Authorization present and well-formed → token valid (401)
 *   → token kind fits the route (400) → Select-User/Admin format (400) → App-folder app on a team
 *   route (400) → scope: app lacks it (400) / token lacks it (401 missing_scope) → selected member
 *   exists (401) → body decodes and validates (400) → handler (200 or 409).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  entryMetadata,
  fullAccount,
  groupSummary,
  memberDevices,
  memberInfoV2,
  memberProfile,
  spaceUsage,
  teamEvent,
  teamInfo,
  teamNamespaces,
  visibleTree,
} from './api-shapes';
import { BodyTooLargeError, errorSummary, header, readBody, sendJson, sendText } from './http-util';
import { PROBE_ROUTES } from './probe-routes';
import { ArgError, isObject, parseUnion, parseVoid, Struct } from './rpc-args';
import {
  EVENT_CATEGORIES,
  TEAM_MEMBER_ID_RE,
  type SeedAccount,
  type SeedApp,
  type SeedTeam,
} from './seed';
import type { AccessTokenRecord, EmulatorState } from './state';

type Json = Record<string, unknown>;

/** What a handler returns: a 200 result or a 409 route error (tags → error_summary). */
type Outcome = { result: unknown } | { routeError: { tags: string[]; error: Json } };

interface CallContext {
  state: EmulatorState;
  app: SeedApp;
  /** null for app-auth routes. */
  token: AccessTokenRecord | null;
  /** The team of a team token. */
  team: SeedTeam | null;
  /** The user a user route acts for (the token's user, or the selected member). */
  account: SeedAccount | null;
}

interface RouteDef {
  auth: 'user' | 'team' | 'app';
  scope: string | null;
  /** dropbox-api-spec select_admin_mode whole_team (stone_cfg.stone). */
  selectAdmin: boolean;
  /**
   * dropbox-api-spec allow_app_folder_app: true for user/check/revoke/list_folder, false for team
   * routes.
   */
  allowAppFolder: boolean;
  parse: (body: unknown) => unknown;
  handle: (ctx: CallContext, arg: never) => Outcome;
}

/** For the probe routes kept in their own file (probe-routes.ts). */
export type RouteDefinition = RouteDef;

const ok = (result: unknown): Outcome => ({ result });
const routeError = (tags: string[], error: Json): Outcome => ({ routeError: { tags, error } });

/**
 * Texts after `Error in call to API function "<route>": ` (observed, e.g. dropbox-sdk-dotnet#22,
 * watermint/toolbox#18, dbxcli#184).
 */
export const RPC_ERRORS = {
  missingAuth: 'Must provide HTTP header "Authorization" or URL parameter "authorization".',
  badBearer: (shown: string): string =>
    `Invalid authorization value in HTTP header "Authorization": "${shown}".  Expecting "Bearer <oauth2-access-token>".`,
  /** UNCONFIRMED wording for the app-auth variant. */
  badBasic: (shown: string): string =>
    `Invalid authorization value in HTTP header "Authorization": "${shown}".  Expecting "Basic <base64(APP_KEY:APP_SECRET)>".`,
  userTokenOnTeamRoute:
    'This is a DfB team management function.  The OAuth 2 access token you provided is for a specific Dropbox user account and does not work with this function.',
  teamTokenOnUserRoute:
    'This API function operates on a single Dropbox account, but the OAuth 2 access token you provided is for an entire Dropbox Business team.  Since your API app key has team member file access permissions, you can operate on a team member\'s Dropbox by providing the "Dropbox-API-Select-User" HTTP header or "select_user" URL parameter to specify the exact user <https://www.dropbox.com/developers/documentation/http/teams>.',
  badSelectUser: 'Invalid select user id format',
  /** UNCONFIRMED wording, by analogy. */
  badSelectAdmin: 'Invalid select admin id format',
  /** UNCONFIRMED wording. */
  selectAdminNotSupported:
    'This API function does not support the "Dropbox-API-Select-Admin" HTTP header.',
  appLacksScope: (scope: string): string =>
    `Your app is not permitted to access this endpoint because it does not have the required scope '${scope}'. The owner of the app can enable the scope for the app using the Permissions tab on the App Console.`,
  /** UNCONFIRMED wording (dropbox-api-spec: team routes are not allow_app_folder_app). */
  appFolderOnTeamRoute:
    'Your app is not permitted to access this endpoint because it is an App folder app. Team functions need a Full Dropbox app.',
  /** UNCONFIRMED wording (400_text option for check/app). */
  badAppCredentials: 'Invalid app key or secret.',
  /**
   * check/app with a wrong key or secret: 400 with `invalid_client` in the body
   * (microsoft/sarif-pattern-matcher SEC101_021); the rest of the text is a GUESS, borrowed from
   * the token endpoint's folded error (dbxcli#127).
   */
  invalidClient: 'invalid_client: Invalid client_id or client_secret',
  /** App auth for a disabled app: "App has been disabled" (SEC101_021); the full text is a GUESS. */
  appAuthDisabled: 'App has been disabled.',
  /** A disabled app's bearer call (dbxcli#184, observed). */
  appDisabled: 'This app is currently disabled.',
  badJson: 'request body: could not decode input as JSON',
  badContentType: (value: string): string =>
    `Bad HTTP "Content-Type" header: "${value}".  Expecting one of "application/json", "text/plain; charset=dropbox-cors-hack".`,
  /** UNCONFIRMED wording. */
  notPost: (method: string): string => `Expecting a POST request, got ${method}.`,
  unknownRoute: (path: string): string => `Unknown API function: ${path}`,
} as const;

// ---- cursors ----------------------------------------------------------------------------------

function encodeCursor(data: Json): string {
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

function decodeCursor(cursor: string, kind: string, teamId: string | null): Json | null {
  try {
    const data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    const obj = data as Json;
    if (obj.k !== kind || (teamId !== null && obj.t !== teamId) || typeof obj.o !== 'number')
      return null;
    return obj;
  } catch {
    return null;
  }
}

function page<T>(
  items: T[],
  offset: number,
  limit: number,
): { slice: T[]; next: number; hasMore: boolean } {
  const slice = items.slice(offset, offset + limit);
  const next = offset + slice.length;
  return { slice, next, hasMore: next < items.length };
}

// ---- argument parsers ---------------------------------------------------------------------------

const voidArg = (body: unknown): null => {
  parseVoid(body);
  return null;
};

const echoArg = (body: unknown): string =>
  Struct.root(body, true).string('query', { max: 500, default: '' });

const limitArg =
  (max: number) =>
  (body: unknown): number =>
    Struct.root(body, true).int('limit', { min: 1, max, default: max });

const cursorArg = (body: unknown): string => Struct.root(body, false).string('cursor', { min: 1 });

const LIST_FOLDER_PATH = '(/(.|[\\r\\n])*)?|id:.*|(ns:[0-9]+(/.*)?)';

interface ListFolderArg {
  path: string;
  recursive: boolean;
  limit: number;
}

function listFolderArg(body: unknown): ListFolderArg {
  const s = Struct.root(body, false);
  const path = s.string('path', { pattern: LIST_FOLDER_PATH });
  if (path === '/')
    throw new ArgError(['path'], 'Specify the root folder as an empty string rather than as "/".');
  const recursive = s.bool('recursive', false);
  s.bool('include_deleted', false);
  s.bool('include_has_explicit_shared_members', false);
  s.bool('include_mounted_folders', true);
  s.bool('include_non_downloadable_files', true);
  const limit = s.optionalInt('limit', { min: 1, max: 2000 }) ?? 2000;
  return { path, recursive, limit };
}

interface EventsArg {
  limit: number;
  accountId: string | undefined;
  start: string | undefined;
  end: string | undefined;
  category: string | undefined;
  eventType: string | undefined;
}

const TIMESTAMP = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z';

function eventsArg(body: unknown): EventsArg {
  const s = Struct.root(body, true);
  const time = s.struct('time');
  const eventType = s.has('event_type') ? parseEventType(s) : undefined;
  return {
    limit: s.int('limit', { min: 1, max: 1000, default: 1000 }),
    accountId: s.optionalString('account_id', { min: 40, max: 40 }),
    start: time?.optionalString('start_time', { pattern: TIMESTAMP }),
    end: time?.optionalString('end_time', { pattern: TIMESTAMP }),
    category: s.union('category', EVENT_CATEGORIES)?.tag,
    eventType,
  };
}

/** EventTypeArg has hundreds of void members: any snake_case tag is accepted. */
function parseEventType(s: Struct): string {
  const raw = s.raw('event_type');
  const tag = typeof raw === 'string' ? raw : isObject(raw) ? raw['.tag'] : undefined;
  if (typeof tag === 'string' && /^[a-z0-9_]+$/.test(tag)) return tag;
  return parseUnion(raw, [], ['event_type']).tag; // throws the matching Stone message
}

interface DevicesArg {
  cursor: string | undefined;
  web: boolean;
  desktop: boolean;
  mobile: boolean;
}

function devicesArg(body: unknown): DevicesArg {
  const s = Struct.root(body, true);
  return {
    cursor: s.optionalString('cursor'),
    web: s.bool('include_web_sessions', true),
    desktop: s.bool('include_desktop_clients', true),
    mobile: s.bool('include_mobile_clients', true),
  };
}

type Selector = { tag: 'team_member_id' | 'external_id' | 'email'; value: string };

function getInfoArg(body: unknown): Selector[] {
  const s = Struct.root(body, false);
  return s.list('members').map((item, i) => {
    const { tag, fields } = parseUnion(
      item,
      ['team_member_id', 'external_id', 'email'],
      ['members', String(i)],
    );
    return { tag: tag as Selector['tag'], value: fields.string(tag) };
  });
}

// ---- handlers -----------------------------------------------------------------------------------

function membersPage(
  ctx: CallContext,
  offset: number,
  limit: number,
  includeRemoved: boolean,
): Outcome {
  const team = ctx.team as SeedTeam;
  const members = ctx.state.teamMembers(team.id, includeRemoved);
  const { slice, next, hasMore } = page(members, offset, limit);
  return ok({
    members: slice.map((m) => memberInfoV2(ctx.state, team, m)),
    cursor: encodeCursor({ k: 'members', t: team.id, o: next, l: limit, r: includeRemoved }),
    has_more: hasMore,
  });
}

function groupsPage(ctx: CallContext, offset: number, limit: number): Outcome {
  const team = ctx.team as SeedTeam;
  const { slice, next, hasMore } = page(team.groups, offset, limit);
  return ok({
    groups: slice.map(groupSummary),
    cursor: encodeCursor({ k: 'groups', t: team.id, o: next, l: limit }),
    has_more: hasMore,
  });
}

function namespacesPage(ctx: CallContext, offset: number, limit: number): Outcome {
  const team = ctx.team as SeedTeam;
  const { slice, next, hasMore } = page(teamNamespaces(ctx.state, team), offset, limit);
  return ok({
    namespaces: slice,
    cursor: encodeCursor({ k: 'namespaces', t: team.id, o: next, l: limit }),
    has_more: hasMore,
  });
}

function eventsPage(ctx: CallContext, arg: EventsArg, offset: number): Outcome {
  const team = ctx.team as SeedTeam;
  const events = team.events.filter((e) => {
    if (arg.category !== undefined && e.category !== arg.category) return false;
    if (arg.eventType !== undefined && e.type !== arg.eventType) return false;
    if (arg.start !== undefined && e.timestamp < arg.start) return false;
    if (arg.end !== undefined && e.timestamp >= arg.end) return false;
    if (arg.accountId !== undefined) {
      const actor =
        e.actorTeamMemberId === undefined
          ? undefined
          : ctx.state.memberByTeamMemberId(team.id, e.actorTeamMemberId);
      if (actor?.accountId !== arg.accountId) return false;
    }
    return true;
  });
  const { slice, next, hasMore } = page(events, offset, arg.limit);
  return ok({
    events: slice.map((e) => teamEvent(ctx.state, team, e)),
    cursor: encodeCursor({ k: 'events', t: team.id, o: next, a: arg as unknown as Json }),
    has_more: hasMore,
  });
}

function listFolderPage(ctx: CallContext, arg: ListFolderArg, offset: number): Outcome {
  const account = ctx.account as SeedAccount;
  const tree = visibleTree(account, ctx.app);
  let folder = arg.path.toLowerCase();
  if (folder.startsWith('ns:')) {
    const [ns, ...rest] = folder.slice(3).split('/');
    if (ns !== ctx.state.homeNamespaceId(account))
      return routeError(['path', 'not_found'], { '.tag': 'path', path: { '.tag': 'not_found' } });
    folder = rest.length > 0 ? `/${rest.join('/')}` : '';
  } else if (folder.startsWith('id:')) {
    const found = [...tree.values()].find(
      (e) => (entryMetadata(account, e).id as string).toLowerCase() === folder,
    );
    if (found === undefined)
      return routeError(['path', 'not_found'], { '.tag': 'path', path: { '.tag': 'not_found' } });
    folder = found.pathDisplay.toLowerCase();
  }
  folder = folder.replace(/\/+$/, '');
  if (folder !== '') {
    const entry = tree.get(folder);
    if (entry === undefined)
      return routeError(['path', 'not_found'], { '.tag': 'path', path: { '.tag': 'not_found' } });
    if (entry.type !== 'folder')
      return routeError(['path', 'not_folder'], { '.tag': 'path', path: { '.tag': 'not_folder' } });
  }
  const entries = [...tree.entries()]
    .filter(([lower]) => {
      if (!lower.startsWith(`${folder}/`)) return false;
      return arg.recursive || !lower.slice(folder.length + 1).includes('/');
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => entryMetadata(account, e));
  if (arg.recursive && folder !== '') {
    const self = tree.get(folder);
    if (self !== undefined) entries.unshift(entryMetadata(account, self));
  }
  const { slice, next, hasMore } = page(entries, offset, arg.limit);
  return ok({
    entries: slice,
    cursor: encodeCursor({
      k: 'list_folder',
      t: null,
      u: account.accountId,
      o: next,
      a: arg as unknown as Json,
    }),
    has_more: hasMore,
  });
}

const ROUTES = new Map<string, RouteDef>([
  [
    'auth/token/revoke',
    {
      auth: 'user',
      scope: null,
      // dropbox-api-spec auth.stone gives token/revoke no select_admin_mode, so Select-Admin is
      // refused (400) like on every such route. Select-User is still accepted: GUESS (team tokens
      // with team_data.member may act as a member on user routes, per the auth-types page).
      selectAdmin: false,
      allowAppFolder: true,
      parse: voidArg,
      handle: (ctx) => {
        // The token is what gets revoked, even when a member is selected: for a team token that
        // is the whole team grant (dropbox-api-spec auth.stone token/revoke: the refresh token and
        // every access token from it).
        ctx.state.revokeAccess(ctx.token as AccessTokenRecord);
        return ok(null);
      },
    },
  ],
  [
    'check/app',
    {
      auth: 'app',
      scope: null,
      selectAdmin: false,
      allowAppFolder: true,
      parse: echoArg,
      handle: (_ctx, q: string) => ok({ result: q }),
    },
  ],
  [
    'check/user',
    {
      auth: 'user',
      scope: 'account_info.read',
      selectAdmin: false,
      allowAppFolder: true,
      parse: echoArg,
      handle: (_ctx, q: string) => ok({ result: q }),
    },
  ],
  [
    'users/get_current_account',
    {
      auth: 'user',
      scope: 'account_info.read',
      selectAdmin: true,
      allowAppFolder: true,
      parse: voidArg,
      handle: (ctx) => ok(fullAccount(ctx.state, ctx.account as SeedAccount)),
    },
  ],
  [
    'users/get_space_usage',
    {
      auth: 'user',
      scope: 'account_info.read',
      selectAdmin: false,
      allowAppFolder: true,
      parse: voidArg,
      handle: (ctx) => ok(spaceUsage(ctx.state, ctx.account as SeedAccount)),
    },
  ],
  [
    'team/get_info',
    {
      auth: 'team',
      scope: 'team_info.read',
      selectAdmin: false,
      allowAppFolder: false,
      parse: voidArg,
      handle: (ctx) => ok(teamInfo(ctx.state, ctx.team as SeedTeam)),
    },
  ],
  [
    'team/token/get_authenticated_admin',
    {
      auth: 'team',
      scope: 'team_info.read',
      selectAdmin: false,
      allowAppFolder: false,
      parse: voidArg,
      handle: (ctx) => {
        const team = ctx.team as SeedTeam;
        const admin = ctx.state.account((ctx.token as AccessTokenRecord).accountId);
        if (admin === undefined || admin.teamId !== team.id)
          return routeError(['mapping_not_found'], { '.tag': 'mapping_not_found' });
        if (!ctx.state.isActiveTeamAdmin(admin))
          return routeError(['admin_not_active'], { '.tag': 'admin_not_active' });
        return ok({ admin_profile: memberProfile(ctx.state, team, admin) });
      },
    },
  ],
  [
    'team/members/list_v2',
    {
      auth: 'team',
      scope: 'members.read',
      selectAdmin: false,
      allowAppFolder: false,
      parse: (body) => {
        const s = Struct.root(body, true);
        return {
          limit: s.int('limit', { min: 1, max: 1000, default: 1000 }),
          includeRemoved: s.bool('include_removed', false),
        };
      },
      handle: (ctx, arg: { limit: number; includeRemoved: boolean }) =>
        membersPage(ctx, 0, arg.limit, arg.includeRemoved),
    },
  ],
  [
    'team/members/list/continue_v2',
    {
      auth: 'team',
      scope: 'members.read',
      selectAdmin: false,
      allowAppFolder: false,
      parse: cursorArg,
      handle: (ctx, cursor: string) => {
        const c = decodeCursor(cursor, 'members', (ctx.team as SeedTeam).id);
        if (c === null) return routeError(['invalid_cursor'], { '.tag': 'invalid_cursor' });
        return membersPage(ctx, c.o as number, c.l as number, c.r === true);
      },
    },
  ],
  [
    'team/members/get_info_v2',
    {
      auth: 'team',
      scope: 'members.read',
      selectAdmin: false,
      allowAppFolder: false,
      parse: getInfoArg,
      handle: (ctx, selectors: Selector[]) => {
        const team = ctx.team as SeedTeam;
        const members = ctx.state.teamMembers(team.id, true);
        return ok({
          members_info: selectors.map(({ tag, value }) => {
            const found = members.find((m) =>
              tag === 'team_member_id'
                ? m.teamMemberId === value
                : tag === 'email'
                  ? m.email.toLowerCase() === value.toLowerCase()
                  : m.externalId === value,
            );
            if (found === undefined) return { '.tag': 'id_not_found', id_not_found: value };
            return { '.tag': 'member_info', ...memberInfoV2(ctx.state, team, found) };
          }),
        });
      },
    },
  ],
  [
    'team/groups/list',
    {
      auth: 'team',
      scope: 'groups.read',
      selectAdmin: false,
      allowAppFolder: false,
      parse: limitArg(1000),
      handle: (ctx, limit: number) => groupsPage(ctx, 0, limit),
    },
  ],
  [
    'team/groups/list/continue',
    {
      auth: 'team',
      scope: 'groups.read',
      selectAdmin: false,
      allowAppFolder: false,
      parse: cursorArg,
      handle: (ctx, cursor: string) => {
        const c = decodeCursor(cursor, 'groups', (ctx.team as SeedTeam).id);
        if (c === null) return routeError(['invalid_cursor'], { '.tag': 'invalid_cursor' });
        return groupsPage(ctx, c.o as number, c.l as number);
      },
    },
  ],
  [
    'team_log/get_events',
    {
      auth: 'team',
      scope: 'events.read',
      selectAdmin: false,
      allowAppFolder: false,
      parse: eventsArg,
      handle: (ctx, arg: EventsArg) => {
        if (arg.category !== undefined && arg.eventType !== undefined)
          return routeError(['invalid_filters'], { '.tag': 'invalid_filters' });
        if (arg.start !== undefined && arg.end !== undefined && arg.start > arg.end)
          return routeError(['invalid_time_range'], { '.tag': 'invalid_time_range' });
        if (
          arg.accountId !== undefined &&
          !ctx.state
            .teamMembers((ctx.team as SeedTeam).id, true)
            .some((m) => m.accountId === arg.accountId)
        ) {
          return routeError(['account_id_not_found'], { '.tag': 'account_id_not_found' });
        }
        return eventsPage(ctx, arg, 0);
      },
    },
  ],
  [
    'team_log/get_events/continue',
    {
      auth: 'team',
      scope: 'events.read',
      selectAdmin: false,
      allowAppFolder: false,
      parse: cursorArg,
      handle: (ctx, cursor: string) => {
        const c = decodeCursor(cursor, 'events', (ctx.team as SeedTeam).id);
        if (c === null) return routeError(['bad_cursor'], { '.tag': 'bad_cursor' });
        return eventsPage(ctx, c.a as unknown as EventsArg, c.o as number);
      },
    },
  ],
  [
    'team/devices/list_members_devices',
    {
      auth: 'team',
      scope: 'sessions.list',
      selectAdmin: false,
      allowAppFolder: false,
      parse: devicesArg,
      handle: (ctx, arg: DevicesArg) => {
        const team = ctx.team as SeedTeam;
        if (arg.cursor !== undefined && decodeCursor(arg.cursor, 'devices', team.id) === null)
          return routeError(['reset'], { '.tag': 'reset' });
        const byMember = new Map<string, SeedTeam['devices']>();
        for (const d of team.devices)
          byMember.set(d.teamMemberId, [...(byMember.get(d.teamMemberId) ?? []), d]);
        const devices = [...byMember.entries()].map(([id, list]) => memberDevices(id, list, arg));
        return ok({ devices, has_more: false });
      },
    },
  ],
  [
    'team/namespaces/list',
    {
      auth: 'team',
      scope: 'team_data.member',
      selectAdmin: false,
      allowAppFolder: false,
      parse: limitArg(1000),
      handle: (ctx, limit: number) => namespacesPage(ctx, 0, limit),
    },
  ],
  [
    'team/namespaces/list/continue',
    {
      auth: 'team',
      scope: 'team_data.member',
      selectAdmin: false,
      allowAppFolder: false,
      parse: cursorArg,
      handle: (ctx, cursor: string) => {
        const c = decodeCursor(cursor, 'namespaces', (ctx.team as SeedTeam).id);
        if (c === null) return routeError(['invalid_cursor'], { '.tag': 'invalid_cursor' });
        return namespacesPage(ctx, c.o as number, c.l as number);
      },
    },
  ],
  [
    'files/list_folder',
    {
      auth: 'user',
      scope: 'files.metadata.read',
      selectAdmin: true,
      allowAppFolder: true,
      parse: listFolderArg,
      handle: (ctx, arg: ListFolderArg) => listFolderPage(ctx, arg, 0),
    },
  ],
  [
    'files/list_folder/continue',
    {
      auth: 'user',
      scope: 'files.metadata.read',
      selectAdmin: true,
      allowAppFolder: true,
      parse: cursorArg,
      handle: (ctx, cursor: string) => {
        const c = decodeCursor(cursor, 'list_folder', null);
        if (c === null || c.u !== (ctx.account as SeedAccount).accountId)
          return routeError(['reset'], { '.tag': 'reset' });
        return listFolderPage(ctx, c.a as unknown as ListFolderArg, c.o as number);
      },
    },
  ],
  // Health-probe routes (saved connectors), kept in their own file.
  ...PROBE_ROUTES,
]);

export const RPC_ROUTE_NAMES: readonly string[] = [...ROUTES.keys()];

// ---- pipeline -----------------------------------------------------------------------------------

const CORS_HACK = 'text/plain;charset=dropbox-cors-hack';

function contentTypeOk(value: string | undefined, bodyEmpty: boolean): boolean {
  if (value === undefined || value.trim() === '') return bodyEmpty;
  const normalized = value.toLowerCase().replace(/\s+/g, '');
  return normalized.split(';')[0] === 'application/json' || normalized === CORS_HACK;
}

/** How an Authorization value is shown in a 400 text: the scheme alone, never the credential. */
function shownAuthorization(value: string): string {
  const trimmed = value.trim();
  const space = trimmed.search(/\s/);
  return space < 0 ? trimmed : `${trimmed.slice(0, space)} <…>`;
}

/** Why a call was refused before its handler ran: a 400 text or a 401 AuthError. */
type Rejection = { text: string; status?: number } | { authError: string; extra?: Json };

const reject400 = (text: string, status?: number): Rejection =>
  status === undefined ? { text } : { text, status };
const reject401 = (authError: string, extra?: Json): Rejection =>
  extra === undefined ? { authError } : { authError, extra };

/**
 * App lacks the scope → 400 text; token lacks it → 401 missing_scope (observed texts and
 * kunalvarma05/dropbox-php-sdk#87). Legacy apps have no scopes.
 */
function checkScopes(
  app: SeedApp,
  token: AccessTokenRecord,
  scopes: readonly (string | null)[],
): Rejection | null {
  if (app.legacy) return null;
  for (const scope of scopes) {
    if (scope === null) continue;
    if (!app.scopes.includes(scope)) return reject400(RPC_ERRORS.appLacksScope(scope));
    if (!token.scopes.includes(scope)) return reject401('missing_scope', { required_scope: scope });
  }
  return null;
}

/** Authenticates the caller for `route` and works out whom the call acts for. */
function authenticate(
  state: EmulatorState,
  req: IncomingMessage,
  url: URL,
  name: string,
  route: RouteDef,
): CallContext | Rejection {
  const authorization =
    header(req, 'authorization') ?? url.searchParams.get('authorization') ?? undefined;
  if (authorization === undefined || authorization.trim() === '')
    return reject400(RPC_ERRORS.missingAuth);

  if (route.auth === 'app') {
    const m = /^basic\s+(\S+)$/i.exec(authorization.trim());
    if (m === null) return reject400(RPC_ERRORS.badBasic(shownAuthorization(authorization)));
    const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const app = colon > 0 ? state.app(decoded.slice(0, colon)) : undefined;
    const option = state.options.checkAppBadCredentials;
    if (app !== undefined && app.secret === decoded.slice(colon + 1) && app.status === 'disabled') {
      // SEC101_021 reads "App has been disabled" as a disabled app (right key and secret).
      return option === '401_invalid_access_token'
        ? reject401('invalid_access_token')
        : reject400(RPC_ERRORS.appAuthDisabled);
    }
    if (app === undefined || app.secret !== decoded.slice(colon + 1)) {
      if (option === '400_text') return reject400(RPC_ERRORS.badAppCredentials);
      if (option === '401_invalid_access_token') return reject401('invalid_access_token');
      return reject400(RPC_ERRORS.invalidClient);
    }
    return { state, app, token: null, team: null, account: null };
  }

  const m = /^bearer\s+(\S+)$/i.exec(authorization.trim());
  if (m === null) return reject400(RPC_ERRORS.badBearer(shownAuthorization(authorization)));
  const token = state.accessToken(m[1] as string);
  const app = token === undefined ? undefined : state.app(token.appKey);
  const owner = token === undefined ? undefined : state.account(token.accountId);
  const team = token === undefined || token.teamId === null ? undefined : state.team(token.teamId);
  if (token === undefined || token.revoked || app === undefined || owner === undefined) {
    return reject401('invalid_access_token');
  }
  // dbxcli#184: a disabled app's bearer call is a 400 text, not 401 invalid_access_token.
  if (app.status === 'disabled') return reject400(RPC_ERRORS.appDisabled);
  if (token.teamId !== null && team === undefined) return reject401('invalid_access_token');
  if (state.now() >= token.expiresAt) return reject401('expired_access_token');

  if (route.auth === 'team') {
    if (team === undefined) return reject400(RPC_ERRORS.userTokenOnTeamRoute);
    if (app.access === 'app_folder' && !route.allowAppFolder)
      return reject400(RPC_ERRORS.appFolderOnTeamRoute);
    return checkScopes(app, token, [route.scope]) ?? { state, app, token, team, account: null };
  }

  if (team === undefined) {
    if (owner.status === 'suspended') return reject401('user_suspended');
    return (
      checkScopes(app, token, [route.scope]) ?? { state, app, token, team: null, account: owner }
    );
  }

  // A team token on a user route (Dropbox's auth-types docs): it needs Dropbox-API-Select-User (or
  // -Select-Admin).
  const selectUser =
    header(req, 'dropbox-api-select-user') ?? url.searchParams.get('select_user') ?? undefined;
  const selectAdmin =
    header(req, 'dropbox-api-select-admin') ?? url.searchParams.get('select_admin') ?? undefined;
  if (selectUser === undefined && selectAdmin === undefined) {
    // auth/token/revoke: refused with this 400 in 2017 (watermint/toolbox#18); today's answer is
    // UNCONFIRMED, so `allow` restores a permissive Dropbox.
    if (name === 'auth/token/revoke' && state.options.teamTokenRevoke === 'allow')
      return { state, app, token, team, account: null };
    return reject400(RPC_ERRORS.teamTokenOnUserRoute);
  }
  if (selectUser !== undefined && !TEAM_MEMBER_ID_RE.test(selectUser))
    return reject400(RPC_ERRORS.badSelectUser);
  if (selectUser === undefined) {
    if (!route.selectAdmin) return reject400(RPC_ERRORS.selectAdminNotSupported);
    if (!TEAM_MEMBER_ID_RE.test(selectAdmin as string)) return reject400(RPC_ERRORS.badSelectAdmin);
  }
  const scopeRejection = checkScopes(app, token, [route.scope, 'team_data.member']);
  if (scopeRejection !== null) return scopeRejection;
  if (selectUser !== undefined) {
    const account = state.memberByTeamMemberId(team.id, selectUser);
    if (account === undefined || account.status !== 'active')
      return reject401('invalid_select_user');
    return { state, app, token, team, account };
  }
  const admin = state.memberByTeamMemberId(team.id, selectAdmin as string);
  if (admin === undefined || !state.isActiveTeamAdmin(admin))
    return reject401('invalid_select_admin');
  return { state, app, token, team, account: admin };
}

export async function handleRpc(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const name = url.pathname.slice('/2/'.length);
  const dots = state.options.errorSummaryDots;
  const refuse = (rejection: Rejection): void => {
    if ('text' in rejection) {
      sendText(
        res,
        rejection.status ?? 400,
        `Error in call to API function "${name}": ${rejection.text}`,
      );
      return;
    }
    sendJson(
      res,
      401,
      {
        error_summary: errorSummary([rejection.authError], dots),
        error: { '.tag': rejection.authError, ...rejection.extra },
      },
      { 'WWW-Authenticate': 'Bearer realm="Dropbox-API"' },
    );
  };

  let body: Buffer;
  try {
    body = await readBody(req, 1024 * 1024);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return refuse(reject400('request body: too large', 413));
    throw err;
  }

  const route = ROUTES.get(name);
  if (route === undefined)
    return refuse(
      reject400(RPC_ERRORS.unknownRoute(url.pathname), state.options.unknownRouteStatus),
    );
  if (req.method !== 'POST') return refuse(reject400(RPC_ERRORS.notPost(req.method ?? '')));
  const contentType = header(req, 'content-type');
  if (!contentTypeOk(contentType, body.length === 0))
    return refuse(reject400(RPC_ERRORS.badContentType(contentType ?? '')));

  const ctx = authenticate(state, req, url, name, route);
  if ('text' in ctx || 'authError' in ctx) return refuse(ctx);

  let decoded: unknown;
  const raw = body.toString('utf8');
  if (raw.trim() !== '') {
    try {
      decoded = JSON.parse(raw);
    } catch {
      return refuse(reject400(RPC_ERRORS.badJson));
    }
  }
  let arg: unknown;
  try {
    arg = route.parse(decoded);
  } catch (err) {
    if (err instanceof ArgError) return refuse(reject400(err.text));
    throw err;
  }

  const outcome = route.handle(ctx, arg as never);
  if ('result' in outcome) {
    sendJson(res, 200, outcome.result);
    return;
  }
  sendJson(res, 409, {
    error_summary: errorSummary(outcome.routeError.tags, dots),
    error: outcome.routeError.error,
  });
}

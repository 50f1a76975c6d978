/**
 * Seed data: the apps, accounts and teams the emulator starts with, plus `options` for the
 * behaviours no public source confirms (marked UNCONFIRMED). The zod schema below is the single
 * source of truth; `seed.schema.json` is generated from it
 * (`npx tsx test/dropbox-emulator/write-seed-schema.ts`) and a test keeps the two in step.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const DEFAULT_SEED_PATH: string = fileURLToPath(
  new URL('./seeds/default.json', import.meta.url),
);
export const SEED_SCHEMA_PATH: string = fileURLToPath(
  new URL('./seed.schema.json', import.meta.url),
);

/** `dbid:` + 35 chars, 40 in all (dropbox-api-spec users_common.stone AccountId). */
export const ACCOUNT_ID_RE = /^dbid:[A-Za-z0-9_-]{35}$/;
/** `dbtid:` + 35 chars, 41 in all (observed; dropbox-api-spec examples). */
export const TEAM_ID_RE = /^dbtid:[A-Za-z0-9_-]{35}$/;
/**
 * `dbmid:` + an opaque id (35 chars observed; the dropbox-api-spec examples are shorter).
 */
export const TEAM_MEMBER_ID_RE = /^dbmid:[A-Za-z0-9_-]+$/;

const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
    'expected a DropboxTimestamp such as 2026-11-20T09:12:00Z',
  );

const AppSchema = z
  .object({
    key: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .describe('App key (client_id); real ones are 15 lowercase alphanumerics.'),
    secret: z.string().min(1).describe('App secret (client_secret).'),
    name: z.string().min(1).max(100),
    access: z
      .enum(['full_dropbox', 'app_folder'])
      .describe('Content access type, fixed at creation.'),
    scopes: z
      .array(z.string().min(1))
      .default([])
      .describe("Scopes ticked on the app's Permissions tab."),
    redirectUris: z
      .array(z.string().min(1))
      .default([])
      .describe('OAuth 2 redirect URIs; matched exactly (dropbox-sdk-python#203, rclone#3815).'),
    allowPublicClients: z
      .boolean()
      .default(false)
      .describe('"Allow public clients (Implicit Grant & PKCE)".'),
    status: z.enum(['development', 'production', 'disabled']).default('development'),
    legacy: z
      .boolean()
      .default(false)
      .describe('Legacy (non-scoped) app: rejects any `scope` parameter.'),
    userLimitReached: z
      .boolean()
      .default(false)
      .describe('New users see the user-limit error page.'),
    frozen: z
      .boolean()
      .default(false)
      .describe('New users see the "frozen pending review" error page.'),
    teamLimitReached: z
      .boolean()
      .default(false)
      .describe(
        'Development team app: a team that never linked it gets the team-limit error page (options.teamLimitText picks the observed wording).',
      ),
  })
  .strict();

const FileEntrySchema = z
  .object({
    path: z.string().regex(/^\/.+/, 'expected an absolute path such as /Projects/plan.docx'),
    type: z.enum(['file', 'folder']).default('file'),
    size: z.number().int().nonnegative().default(1024),
    modified: timestamp.optional(),
  })
  .strict();

const AccountSchema = z
  .object({
    accountId: z.string().regex(ACCOUNT_ID_RE, 'expected dbid: followed by 35 characters'),
    email: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'expected an email address'),
    password: z.string().min(1),
    name: z.string().min(1).describe('Display name, e.g. "Ada Admin".'),
    teamId: z
      .string()
      .regex(TEAM_ID_RE, 'expected dbtid: followed by 35 characters')
      .nullable()
      .default(null),
    role: z.enum(['team_admin', 'member']).default('member'),
    teamMemberId: z.string().regex(TEAM_MEMBER_ID_RE, 'expected dbmid:…').nullable().default(null),
    uid: z
      .string()
      .regex(/^\d+$/)
      .optional()
      .describe('Legacy numeric uid; derived from accountId when absent.'),
    status: z
      .enum(['active', 'invited', 'suspended', 'removed'])
      .default('active')
      .describe('Team membership status.'),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default('GB'),
    locale: z.string().default('en'),
    emailVerified: z.boolean().default(true),
    accountType: z
      .enum(['basic', 'pro', 'business'])
      .optional()
      .describe('Default: business if in a team, else basic.'),
    externalId: z.string().optional(),
    joinedOn: timestamp.optional(),
    spaceUsedBytes: z.number().int().nonnegative().default(2_147_483_648),
    spaceAllocatedBytes: z.number().int().nonnegative().default(2_199_023_255_552),
    files: z
      .array(FileEntrySchema)
      .default([])
      .describe('Entries for files/list_folder; parent folders are implied.'),
  })
  .strict();

const GroupSchema = z
  .object({
    id: z.string().regex(/^g:[0-9a-zA-Z]+$/, 'expected g: followed by hex'),
    name: z.string().min(1),
    externalId: z.string().optional(),
    managementType: z
      .enum(['user_managed', 'company_managed', 'system_managed'])
      .default('company_managed'),
    memberIds: z
      .array(z.string().regex(TEAM_MEMBER_ID_RE))
      .default([])
      .describe('teamMemberIds of the members.'),
  })
  .strict();

const DeviceSchema = z
  .object({
    teamMemberId: z.string().regex(TEAM_MEMBER_ID_RE),
    kind: z.enum(['web', 'desktop', 'mobile']),
    sessionId: z.string().min(1).describe('dbwsid:… (web), dbdsid:… (desktop), dbmsid:… (mobile).'),
    ipAddress: z.string().optional(),
    country: z.string().optional(),
    created: timestamp.optional(),
    updated: timestamp.optional(),
    userAgent: z.string().optional(),
    os: z.string().optional(),
    browser: z.string().optional(),
    expires: timestamp.optional(),
    hostName: z.string().optional(),
    clientType: z
      .string()
      .optional()
      .describe(
        'desktop: windows|mac|linux; mobile: iphone|ipad|android|windows_phone|blackberry.',
      ),
    clientVersion: z.string().optional(),
    platform: z.string().optional(),
    deviceName: z.string().optional(),
    osVersion: z.string().optional(),
    lastCarrier: z.string().optional(),
  })
  .strict();

export const EVENT_CATEGORIES = [
  'admin_alerting',
  'apps',
  'comments',
  'dash',
  'data_governance',
  'devices',
  'domains',
  'encryption',
  'file_operations',
  'file_requests',
  'groups',
  'logins',
  'members',
  'paper',
  'passwords',
  'protect',
  'reports',
  'sharing',
  'showcase',
  'signatures',
  'sso',
  'team_folders',
  'team_policies',
  'team_profile',
  'tfa',
  'trusted_teams',
] as const;

const EventSchema = z
  .object({
    timestamp,
    category: z.enum(EVENT_CATEGORIES),
    type: z
      .string()
      .regex(/^[a-z0-9_]+$/)
      .describe('EventType tag, e.g. login_success.'),
    description: z.string().describe('EventType description, e.g. "Signed in".'),
    actorTeamMemberId: z.string().regex(TEAM_MEMBER_ID_RE).optional(),
    actorKind: z
      .enum(['user', 'admin', 'dropbox', 'anonymous'])
      .optional()
      .describe(
        'Default: admin if the actor is a team admin, user otherwise, dropbox without an actor.',
      ),
    ipAddress: z.string().optional(),
    city: z.string().optional(),
    region: z.string().optional(),
    country: z.string().optional(),
    details: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Fields of the <type>_details struct.'),
  })
  .strict();

const TeamSchema = z
  .object({
    id: z.string().regex(TEAM_ID_RE, 'expected dbtid: followed by 35 characters'),
    name: z.string().min(1),
    licensedUsers: z.number().int().nonnegative().default(10),
    spaceAllocatedBytes: z.number().int().nonnegative().default(5_497_558_138_880),
    groups: z.array(GroupSchema).default([]),
    devices: z.array(DeviceSchema).default([]),
    events: z.array(EventSchema).default([]),
    teamFolders: z
      .array(
        z.object({ name: z.string().min(1), namespaceId: z.string().regex(/^[0-9]+$/) }).strict(),
      )
      .default([]),
  })
  .strict();

export const OptionsSchema = z
  .object({
    checkAppBadCredentials: z
      .enum(['400_invalid_client', '401_invalid_access_token', '400_text'])
      .default('400_invalid_client')
      .describe(
        'Answer to /2/check/app with a wrong key or secret. 400_invalid_client = 400 with invalid_client in the body (microsoft/sarif-pattern-matcher SEC101_021; the exact body is UNCONFIRMED); 401_invalid_access_token has no public support and is kept only for old seeds; 400_text = the older emulator wording.',
      ),
    partlyEnabledScopes: z
      .enum(['refuse', 'grant_enabled'])
      .default('refuse')
      .describe(
        'UNCONFIRMED: authorize with a scope list of which only some are ticked on the app. refuse = Error (400) naming the first missing scope; grant_enabled = the sign-in goes ahead and the grant carries the ticked ones only.',
      ),
    refreshWithRedirectUri: z
      .enum(['refuse', 'allow'])
      .default('refuse')
      .describe(
        'grant_type=refresh_token carrying redirect_uri (what league/oauth2-client 2.7.0, hence Cerb, sends). refuse = 400 invalid_request unknown field "redirect_uri", as observed (react-native-app-auth#687); allow = a lenient Dropbox, for contrast tests.',
      ),
    teamLimitText: z
      .enum(['reached', 'development'])
      .default('reached')
      .describe(
        'Which observed team-limit text an app with teamLimitReached shows: reached = "This app has reached its team limit…" (dbxcli#47); development = "This app is in development mode and can\'t be authorized by more teams…" (dbxcli#58).',
      ),
    accessDeniedDescription: z
      .string()
      .default('The user chose not to give your app access to their Dropbox account.')
      .describe('UNCONFIRMED: error_description sent with error=access_denied.'),
    refreshIncludesScope: z
      .boolean()
      .default(false)
      .describe('UNCONFIRMED: whether refresh responses carry `scope`.'),
    unknownRouteStatus: z
      .number()
      .int()
      .min(400)
      .max(599)
      .default(400)
      .describe('UNCONFIRMED: status of "Unknown API function".'),
    codeLifetimeSeconds: z
      .number()
      .int()
      .positive()
      .default(600)
      .describe('UNCONFIRMED: authorization code lifetime.'),
    accessTokenLifetimeSeconds: z
      .number()
      .int()
      .positive()
      .default(14400)
      .describe('4 hours (Greg-DB on the Dropbox forum; dropbox-sdk-java DbxRefreshTest).'),
    autoAddAccountInfoRead: z
      .boolean()
      .default(true)
      .describe(
        'UNCONFIRMED: add account_info.read to an explicit authorize `scope` when the app has it.',
      ),
    pkcePlainAllowed: z
      .boolean()
      .default(true)
      .describe('UNCONFIRMED: accept code_challenge_method=plain.'),
    teamTokenRevoke: z
      .enum(['refuse', 'allow'])
      .default('refuse')
      .describe(
        'UNCONFIRMED: a team token on auth/token/revoke without Dropbox-API-Select-User/-Select-Admin. refuse = the observed 400 "operates on a single Dropbox account" text; allow = it revokes itself.',
      ),
    skipConsentForReturningUser: z
      .boolean()
      .default(false)
      .describe(
        'UNCONFIRMED (force_reapprove in the Dropbox authorize parameter docs): an account that already approved the app (same scopes or fewer) is redirected right after sign-in, without the consent page, unless force_reapprove=true.',
      ),
    errorSummaryDots: z
      .union([z.literal('random'), z.number().int().min(0).max(3)])
      .default('random')
      .describe(
        'Observed (e.g. andreafabrizi/Dropbox-Uploader#514): trailing dots after error_summary tags; clients must not parse them.',
      ),
  })
  .strict();

export const SeedSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    apps: z.array(AppSchema).default([]),
    accounts: z.array(AccountSchema).default([]),
    teams: z.array(TeamSchema).default([]),
    options: OptionsSchema.default(OptionsSchema.parse({})),
  })
  .strict()
  .superRefine((seed, ctx) => {
    const issue = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };
    const dup = <T>(
      items: T[],
      pick: (t: T) => string | null,
      label: string,
      path: string,
    ): void => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        const v = pick(item);
        if (v === null) return;
        if (seen.has(v.toLowerCase())) issue([path, i], `duplicate ${label} ${v}`);
        seen.add(v.toLowerCase());
      });
    };
    dup(seed.apps, (a) => a.key, 'app key', 'apps');
    dup(seed.accounts, (a) => a.accountId, 'accountId', 'accounts');
    dup(seed.accounts, (a) => a.email, 'email', 'accounts');
    dup(seed.accounts, (a) => a.teamMemberId, 'teamMemberId', 'accounts');
    dup(seed.teams, (t) => t.id, 'team id', 'teams');
    const teamIds = new Set(seed.teams.map((t) => t.id));
    seed.accounts.forEach((a, i) => {
      if (a.teamId !== null && !teamIds.has(a.teamId))
        issue(['accounts', i, 'teamId'], `unknown team ${a.teamId}`);
      if (a.teamId !== null && a.teamMemberId === null)
        issue(['accounts', i, 'teamMemberId'], 'a team member needs a teamMemberId');
      if (a.teamId === null && a.teamMemberId !== null)
        issue(['accounts', i, 'teamMemberId'], 'a personal account has no teamMemberId');
      if (a.teamId === null && a.role === 'team_admin')
        issue(['accounts', i, 'role'], 'a personal account cannot be a team_admin');
    });
    seed.teams.forEach((t, ti) => {
      const members = new Set(
        seed.accounts.filter((a) => a.teamId === t.id).map((a) => a.teamMemberId),
      );
      t.groups.forEach((g, gi) =>
        g.memberIds.forEach((m, mi) => {
          if (!members.has(m))
            issue(['teams', ti, 'groups', gi, 'memberIds', mi], `${m} is not a member of ${t.id}`);
        }),
      );
      t.devices.forEach((d, di) => {
        if (!members.has(d.teamMemberId))
          issue(
            ['teams', ti, 'devices', di, 'teamMemberId'],
            `${d.teamMemberId} is not a member of ${t.id}`,
          );
      });
      t.events.forEach((e, ei) => {
        if (e.actorTeamMemberId !== undefined && !members.has(e.actorTeamMemberId)) {
          issue(
            ['teams', ti, 'events', ei, 'actorTeamMemberId'],
            `${e.actorTeamMemberId} is not a member of ${t.id}`,
          );
        }
      });
    });
  });

/** A seed as written in a JSON file (optional fields may be left out). */
export type Seed = z.input<typeof SeedSchema>;
/** A seed after defaults are applied. */
export type NormalizedSeed = z.output<typeof SeedSchema>;
export type SeedApp = NormalizedSeed['apps'][number];
export type SeedAccount = NormalizedSeed['accounts'][number];
export type SeedTeam = NormalizedSeed['teams'][number];
export type SeedGroup = SeedTeam['groups'][number];
export type SeedDevice = SeedTeam['devices'][number];
export type SeedEvent = SeedTeam['events'][number];
export type SeedFile = SeedAccount['files'][number];
export type EmulatorOptions = z.output<typeof OptionsSchema>;
export type AppPatch = Partial<Omit<z.input<typeof AppSchema>, 'key'>>;
export type AccountPatch = Partial<Omit<z.input<typeof AccountSchema>, 'accountId'>>;

export class SeedError extends Error {
  readonly issues: string[];
  constructor(message: string, issues: string[]) {
    super(`${message}:\n  ${issues.join('\n  ')}`);
    this.name = 'SeedError';
    this.issues = issues;
  }
}

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map(
    (i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`,
  );
}

/** Validates and normalizes a seed object; throws SeedError listing every problem. */
export function parseSeed(input: unknown, source = 'seed'): NormalizedSeed {
  const result = SeedSchema.safeParse(input);
  if (!result.success) throw new SeedError(`Invalid ${source}`, formatIssues(result.error));
  return result.data;
}

/** Reads, validates and normalizes a seed file. */
export async function loadSeed(path: string): Promise<NormalizedSeed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SeedError(`Cannot read seed ${path}`, [(err as Error).message]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeedError(`Seed ${path} is not valid JSON`, [(err as Error).message]);
  }
  return parseSeed(json, `seed ${path}`);
}

/** Validates a patch for one app; `key` cannot change. */
export function parseAppPatch(current: SeedApp, patch: unknown): SeedApp {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new SeedError('Invalid app patch', ['(root): expected an object']);
  }
  if ('key' in patch && (patch as { key: unknown }).key !== current.key) {
    throw new SeedError('Invalid app patch', ['key: the app key cannot be changed']);
  }
  const result = AppSchema.safeParse({ ...current, ...patch });
  if (!result.success) throw new SeedError('Invalid app patch', formatIssues(result.error));
  return result.data;
}

export function parseApp(input: unknown): SeedApp {
  const result = AppSchema.safeParse(input);
  if (!result.success) throw new SeedError('Invalid app', formatIssues(result.error));
  return result.data;
}

/** Validates a patch for one account; `accountId` cannot change. */
export function parseAccountPatch(current: SeedAccount, patch: unknown): SeedAccount {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new SeedError('Invalid account patch', ['(root): expected an object']);
  }
  if ('accountId' in patch && (patch as { accountId: unknown }).accountId !== current.accountId) {
    throw new SeedError('Invalid account patch', ['accountId: the account id cannot be changed']);
  }
  const result = AccountSchema.safeParse({ ...current, ...patch });
  if (!result.success) throw new SeedError('Invalid account patch', formatIssues(result.error));
  return result.data;
}

/** The JSON Schema for seed files, generated from the zod schema (input shape: defaults optional). */
export function seedJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SeedSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    $id: 'https://dropbox-connector-wizard.invalid/test/dropbox-emulator/seed.schema.json',
    title: 'Dropbox emulator seed',
    description:
      'Apps, accounts and teams the local Dropbox emulator starts with. Generated from test/dropbox-emulator/seed.ts; do not edit by hand.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

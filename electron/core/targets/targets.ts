/**
 * Connector targets as data. A target fixes what the admin must produce: scopes, account type,
 * content access, the product's own redirect URIs, and the fields (named the way the product's
 * UI names them) that end up in the export. Target ids are stable interfaces: progress files,
 * exports and tests refer to them, so never rename one.
 *
 * Served now: Snow Atlas and Custom. The other seed products are described in PLANNED_TARGETS
 * so the issue that switches them on only has to move them, after checking the open questions
 * noted on each.
 */
import type { AccountType, ExportField, TargetProfile } from '../../shared/contract';
import { SCOPE_DEPENDENCIES, isKnownScope, isTeamScope } from './scopes';

/** Dropbox requires this scope on every user-linked app (reference §7.2), so Custom always has it. */
export const ALWAYS_REQUIRED_SCOPE = 'account_info.read';

const APP_KEY: ExportField = { key: 'app_key', label: 'App key', secret: false };
const APP_SECRET: ExportField = { key: 'app_secret', label: 'App secret', secret: true };
const REFRESH_TOKEN: ExportField = { key: 'refresh_token', label: 'Refresh token', secret: true };

export const TARGETS: readonly TargetProfile[] = [
  {
    id: 'snow-atlas',
    name: 'Snow Atlas',
    summary:
      "The App key, App secret and Refresh token Snow Atlas's Dropbox connector needs to read your " +
      "team's users and user activity. Sign in with a Dropbox team admin account.",
    accountType: 'team_admin',
    access: 'full_dropbox',
    // Exactly the four the Snow Atlas procedure lists (seed 002, step 3), sorted.
    requiredScopes: ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'],
    scopesEditable: false,
    suggestedAppName: 'Snow Atlas connector',
    // Snow's own procedure uses no redirect URI (the code is shown on a Dropbox page); only the
    // wizard's loopback URI needs registering.
    productRedirectUris: [],
    // Labels exactly as Snow Atlas's Settings form names them (seed 002, step 8).
    outputs: [APP_KEY, APP_SECRET, REFRESH_TOKEN],
    handoff:
      'In Snow Atlas, add the Dropbox connector (this needs the Snow Atlas Administrator role). ' +
      'When adding the connector, in Settings, enter the values in App key, App secret, and ' +
      'Refresh token, then follow the general procedure to add connectors. The connector imports ' +
      'on its schedule (by default daily at 23:00).',
  },
  {
    id: 'custom',
    name: 'Custom',
    summary:
      'An App key, App secret and Refresh token for any connector or script that asks for them. ' +
      'You choose the scopes; ticking any team scope means a Dropbox team admin must sign in.',
    // The default with only account_info.read ticked; accountTypeFor() gives the real answer
    // for the scopes the admin ticks.
    accountType: 'user',
    access: 'full_dropbox',
    requiredScopes: [ALWAYS_REQUIRED_SCOPE],
    scopesEditable: true,
    suggestedAppName: 'Dropbox connector',
    productRedirectUris: [],
    outputs: [APP_KEY, APP_SECRET, REFRESH_TOKEN],
    handoff:
      "Paste the App key, App secret and Refresh token into your connector's settings. It gets " +
      'short-lived access tokens itself by POSTing grant_type=refresh_token to ' +
      'https://api.dropboxapi.com/oauth2/token with HTTP Basic authentication (App key : App secret).',
  },
];

/** A target described from its seed but not served yet, with what still needs confirming. */
export interface PlannedTargetProfile extends TargetProfile {
  /** Seed ambiguities and gaps to resolve before the target is switched on. */
  readonly openQuestions: readonly string[];
}

export const PLANNED_TARGETS: readonly PlannedTargetProfile[] = [
  {
    id: 'certero',
    name: 'Certero',
    summary:
      "The App key and App secret Certero's Dropbox for Business connector asks for as Client ID " +
      'and Client Secret. Certero then signs in to Dropbox itself and keeps its own token.',
    accountType: 'team_admin',
    access: 'full_dropbox',
    // Seed 004: "Account Info: account_info.read; Team: team_info.read, team_data.member,
    // members.read, groups.read, events.read".
    requiredScopes: [
      'account_info.read',
      'events.read',
      'groups.read',
      'members.read',
      'team_data.member',
      'team_info.read',
    ],
    scopesEditable: false,
    suggestedAppName: 'Certero connector',
    productRedirectUris: ['https://cc.certero.com/cmp/AuthorizeDropboxConnector'],
    outputs: [
      { key: 'app_key', label: 'Client ID', secret: false },
      { key: 'app_secret', label: 'Client Secret', secret: true },
    ],
    handoff:
      "In Certero > Administration > Endpoint Servers, open the endpoint server's properties, " +
      'enable the Dropbox Connector feature and save. Then in Certero > Connectors > Dropbox ' +
      'Connectors click New, paste the App key into Client ID and the App secret into Client ' +
      'Secret, click Authorize, Continue and Allow, copy the Token shown into the Token field, ' +
      'and click Save. Repeat with a separate app for each Dropbox account.',
    openQuestions: [
      "Certero mints its own token through its redirect URI, so the wizard's refresh token is not " +
        'an output; confirm Certero has no field for one.',
      'The seed asks for "Allow public clients: Disallow" (the wizard must not send PKCE) and ' +
        '"Access token expiration: No expiration", which new apps no longer offer (§8); confirm ' +
        'Certero works with short-lived tokens.',
      'The seed lists events.read, groups.read and team_data.member that Certero reads; nothing ' +
        'says whether fewer would do.',
    ],
  },
  {
    id: 'cerb',
    name: 'Cerb',
    summary:
      'The App key and App secret for the Cerb "Dropbox Connected Service" package (Client ID and ' +
      'Client Secret). Cerb links the account itself through its own redirect URI.',
    accountType: 'user',
    access: 'full_dropbox',
    // Cerb's package sends `scope: ""`, so the token carries whatever the app has ticked; what
    // is needed depends on the admin's bots, hence editable with the Dropbox minimum.
    requiredScopes: [ALWAYS_REQUIRED_SCOPE],
    scopesEditable: true,
    suggestedAppName: 'Cerb',
    // YOUR-CERB-HOST is a placeholder the admin must replace with their Cerb host name.
    productRedirectUris: ['https://YOUR-CERB-HOST/oauth/callback'],
    outputs: [
      { key: 'app_key', label: 'Client ID', secret: false },
      { key: 'app_secret', label: 'Client Secret', secret: true },
    ],
    handoff:
      'In Cerb, go to Setup >> Configure >> Import Package, paste the Dropbox Connected Service ' +
      'package, click Import, enter the Client ID and Client Secret, and click Import again. Then ' +
      'open the Dropbox bubble under Connected Accounts, click Edit, click Link to Dropbox, accept ' +
      'on Dropbox, and click Save Changes.',
    openQuestions: [
      "The redirect URI needs the admin's real Cerb host; the profile only has the placeholder, so " +
        'the wizard must ask for the host before showing the URI to register.',
      "Cerb's package never sends token_access_type=offline, so its link probably yields a 4-hour " +
        'token with no refresh token (connector-anchors §2.9, untested).',
      'The seed guide describes the pre-2020 App Console ("Select the folders"): Full Dropbox vs ' +
        'App folder is not stated.',
      'The package prompts say "Client ID"/"Client Secret" while the guide says "App key"/"App ' +
        'secret"; the labels follow the package prompts the admin fills in.',
    ],
  },
  {
    id: 'visualcron',
    name: 'VisualCron',
    summary:
      'The App key and App secret for a VisualCron Dropbox Connection that uses your own app ' +
      'instead of the VisualCron registered app. VisualCron signs in to Dropbox itself.',
    accountType: 'user',
    access: 'full_dropbox',
    // Seed 001 lists no scopes. VisualCron's Cloud tasks upload, list, download, create folders
    // and delete, so this is a reading of those tasks, not a documented list.
    requiredScopes: [
      'account_info.read',
      'files.content.read',
      'files.content.write',
      'files.metadata.read',
      'files.metadata.write',
    ],
    scopesEditable: false,
    suggestedAppName: 'VisualCron connector',
    // Seed 001 troubleshooting: "use http://localhost and http://localhost:9999".
    productRedirectUris: ['http://localhost', 'http://localhost:9999'],
    outputs: [APP_KEY, APP_SECRET],
    handoff:
      'In VisualCron, go to Manage Connections > Add > Dropbox. On the Authentication tab, clear ' +
      'Use VisualCron registered app and enter the App key and App secret. Make sure the Redirect ' +
      'URL on the Extra settings tab matches a redirect URI registered on the app, then click ' +
      'Authenticate and sign in to Dropbox.',
    openQuestions: [
      'The seed documents no scopes; the list is inferred from the Cloud tasks (upload, list, ' +
        'download, create folder, delete).',
      'Business (team) accounts are "supported", but the seed does not say whether VisualCron ' +
        'expects a user or a team token; the profile assumes a user token.',
      'Which of the two redirect URIs VisualCron uses by default (Extra settings tab) is not ' +
        'stated; both are listed.',
    ],
  },
  {
    id: 'defender-for-cloud-apps',
    name: 'Microsoft Defender for Cloud Apps',
    summary:
      "Defender for Cloud Apps uses Microsoft's own Dropbox app: there is no app to create and no " +
      'key, secret or token to export. The wizard can only check the prerequisites: a Dropbox ' +
      'team and a team admin account.',
    accountType: 'team_admin',
    access: 'full_dropbox',
    // Microsoft's app fixes its own scopes; the admin ticks nothing.
    requiredScopes: [],
    scopesEditable: false,
    suggestedAppName: '',
    productRedirectUris: [],
    outputs: [],
    handoff:
      'In the Defender for Cloud Apps portal, open the app connectors, add Dropbox, enter the team ' +
      'admin account email on the API tab, click Generate link, click Follow this link, sign in to ' +
      'Dropbox and click Allow. Back in the portal, click Test API and wait for the success notice.',
    openQuestions: [
      'No credentials to export: the target needs a "prerequisites only" flow (team admin check) ' +
        'that the current step list does not have.',
      'The seed is the 2016 Cloud App Security page (Investigate > Sanctioned apps); current ' +
        'portal menu names differ (connector-anchors §2.9: Connected apps > App connectors).',
    ],
  },
];

const TARGETS_BY_ID: ReadonlyMap<string, TargetProfile> = new Map(
  TARGETS.map((target) => [target.id, target]),
);

/** A served target by id; planned targets are deliberately not found here. */
export function getTarget(id: string): TargetProfile | undefined {
  return TARGETS_BY_ID.get(id);
}

function sortedUnique(scopes: Iterable<string>): string[] {
  return [...new Set(scopes)].sort();
}

/**
 * The scopes the token must carry, sorted and deduplicated. Fixed targets ignore
 * `customScopes`. Editable targets take the admin's ticks, drop strings that are not Dropbox
 * scopes (they could never be granted, so Verify would fail forever), and add account_info.read
 * (Dropbox registers it on every app: the Snow Atlas seed notes it comes back ticked even when
 * cleared) plus the App Console dependencies of what was ticked.
 */
export function requiredScopesFor(
  target: TargetProfile,
  customScopes: readonly string[],
): string[] {
  if (!target.scopesEditable) return sortedUnique(target.requiredScopes);
  const chosen = new Set<string>([ALWAYS_REQUIRED_SCOPE, ...target.requiredScopes]);
  for (const scope of customScopes) {
    if (isKnownScope(scope)) chosen.add(scope);
  }
  for (const scope of [...chosen]) {
    for (const dependency of SCOPE_DEPENDENCIES[scope] ?? []) chosen.add(dependency);
  }
  return sortedUnique(chosen);
}

/**
 * Who must sign in. For editable targets it follows the scopes: any team scope makes Dropbox
 * issue a team token, which only a team admin can authorize (reference §1.3).
 */
export function accountTypeFor(target: TargetProfile, scopes: readonly string[]): AccountType {
  if (!target.scopesEditable) return target.accountType;
  return scopes.some(isTeamScope) ? 'team_admin' : target.accountType;
}

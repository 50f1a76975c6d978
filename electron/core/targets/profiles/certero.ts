/**
 * Certero (its guide "Create a new Certero Dropbox Connector"): Certero signs in to Dropbox itself from its Authorize button, through its
 * own redirect URI, and keeps the token it gets. The wizard's outputs are the App key and App
 * secret under Certero's labels; its own sign-in is only a test.
 */
import type { TargetProfile } from '../../../shared/contract';

export const CERTERO: TargetProfile = {
  id: 'certero',
  name: 'Certero',
  gets: 'Client ID and Client Secret for a Certero Dropbox Connector.',
  summary:
    "Certero's Dropbox Connector reads your team's members, groups and activity. You create one " +
    'Dropbox app for it; Certero then signs in to Dropbox itself with a Dropbox team admin account.',
  flow: 'app-only',
  account: 'team_admin',
  access: 'full_dropbox',
  // Certero's guide, Permissions: "Account Info: account_info.read; Team: team_info.read,
  // team_data.member, members.read, groups.read, events.read". Certero's own list, so fixed.
  scopes: {
    required: [
      'account_info.read',
      'events.read',
      'groups.read',
      'members.read',
      'team_data.member',
      'team_info.read',
    ],
    editable: false,
    presets: [],
  },
  // The guide says to disallow public clients, and Dropbox then refuses any PKCE request
  // (cyberduck#13836 met that Error (400) and had to allow public clients), so the test sign-in never sends it.
  pkce: 'never',
  appConsole: {
    suggestedName: 'Certero',
    productRedirectUris: ['https://cc.certero.com/cmp/AuthorizeDropboxConnector'],
    settings: [
      { name: 'Choose an API', value: 'Scoped access' },
      { name: 'Choose the type of access you need', value: 'Full Dropbox' },
      {
        name: 'Allow public clients (Implicit Grant & PKCE)',
        value: 'Disallow',
        why:
          "Certero's guide asks for it. With it, Dropbox refuses sign-ins that use PKCE, so this " +
          "wizard's test sign-in won't use PKCE either.",
      },
    ],
    notes: [
      // Certero's guide asks for "Access token expiration: No expiration"; Dropbox stopped offering it to
      // apps created after 30 September 2021 (hassio-dropbox-upload#66; Dropbox forum, Greg-DB).
      "Certero's guide also asks for 'Access token expiration: No expiration'. Apps created since " +
        '30 September 2021 no longer have that setting, so there is nothing to look for: skip it.',
      'One app per Dropbox account: create a separate app for each Dropbox account Certero connects.',
    ],
  },
  inputs: [],
  // Labels exactly as Certero's New Dropbox Connector dialog names them (the guide's steps 2-3).
  outputs: [
    { key: 'app_key', label: 'Client ID', secret: false },
    { key: 'app_secret', label: 'Client Secret', secret: true },
  ],
  formats: ['field-sheet'],
  // Certero's own steps (the guide's "Create a new Certero Dropbox Connector").
  handoff: [
    'In Certero > Administration > Endpoint Servers, right-click the endpoint server the Dropbox connector will run on and choose Properties.',
    'Click Features, enable the Dropbox Connector row and click Save.',
    "In Certero > Connectors > Dropbox Connectors, click 'New'.",
    'Paste the App key into Client ID and the App secret into Client Secret.',
    'Click Authorize. On the Dropbox page, sign in as a Dropbox team admin, click Continue, then Allow.',
    'A Token is displayed: copy it into Token in the connector dialog, then click Save.',
  ],
  checklist: [],
};

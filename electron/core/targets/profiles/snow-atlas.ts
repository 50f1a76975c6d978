/** Snow Atlas (Snow's Dropbox connector procedure): the wizard signs in as a team admin; Snow gets key, secret and refresh token. */
import type { TargetProfile } from '../../../shared/contract';
import { APP_KEY, APP_SECRET, REFRESH_TOKEN } from './shared-fields';

export const SNOW_ATLAS: TargetProfile = {
  id: 'snow-atlas',
  name: 'Snow Atlas',
  gets: 'App key, App secret and Refresh token for the Snow Atlas Dropbox connector.',
  summary:
    "Snow Atlas's Dropbox connector reads your team's users and user activity. A Dropbox team " +
    'admin signs in once; Snow keeps the refresh token.',
  flow: 'full',
  account: 'team_admin',
  access: 'full_dropbox',
  // Exactly the four the Snow Atlas procedure lists (step 3), sorted.
  scopes: {
    required: ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'],
    editable: false,
    presets: [],
  },
  pkce: 'when_allowed',
  appConsole: {
    suggestedName: 'Snow Atlas connector',
    // Snow's own procedure uses no redirect URI (the code is shown on a Dropbox page); only the
    // wizard's loopback URI needs registering.
    productRedirectUris: [],
    settings: [
      { name: 'Choose an API', value: 'Scoped access' },
      { name: 'Choose the type of access you need', value: 'Full Dropbox' },
    ],
    notes: [],
  },
  inputs: [],
  // Labels exactly as Snow Atlas's Settings form names them (the procedure's step 8).
  outputs: [APP_KEY, APP_SECRET, REFRESH_TOKEN],
  // The generic JSON stays the default: the first release exported it, and scripts read it.
  formats: ['generic-json', 'field-sheet', 'env'],
  handoff: [
    'In Snow Atlas, add the Dropbox connector (this needs the Snow Atlas Administrator role).',
    'In the connector Settings, enter the values in App key, App secret and Refresh token.',
    'Follow the general procedure to add connectors. The connector imports on its schedule (by default daily at 23:00).',
  ],
  checklist: [],
};

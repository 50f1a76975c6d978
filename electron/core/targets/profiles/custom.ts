/** Custom: any connector or script that takes an app key, secret and refresh token. */
import type { TargetProfile } from '../../../shared/contract';
import { ALWAYS_REQUIRED_SCOPE, APP_KEY, APP_SECRET, REFRESH_TOKEN } from './shared-fields';

export const CUSTOM: TargetProfile = {
  id: 'custom',
  name: 'Custom',
  noun: 'your product',
  gets: 'App key, App secret and Refresh token with the scopes you choose.',
  summary:
    'For any connector or script that asks for an App key, App secret and Refresh token. You ' +
    'choose the scopes; any team scope means a Dropbox team admin must sign in.',
  flow: 'full',
  // Any team scope makes Dropbox issue a team token, which only a team admin can authorize.
  account: 'by_scopes',
  access: 'full_dropbox',
  scopes: { required: [ALWAYS_REQUIRED_SCOPE], editable: true, presets: [] },
  pkce: 'when_allowed',
  appConsole: {
    suggestedName: 'Dropbox connector',
    productRedirectUris: [],
    settings: [
      { name: 'Choose an API', value: 'Scoped access' },
      { name: 'Choose the type of access you need', value: 'Full Dropbox' },
    ],
    notes: [],
  },
  inputs: [],
  outputs: [APP_KEY, APP_SECRET, REFRESH_TOKEN],
  formats: ['generic-json', 'env', 'field-sheet'],
  handoff: [
    "Paste the App key, App secret and Refresh token into your connector's settings.",
    'The connector gets short-lived access tokens itself by POSTing grant_type=refresh_token to https://api.dropboxapi.com/oauth2/token with HTTP Basic authentication (App key : App secret).',
  ],
  checklist: [],
};

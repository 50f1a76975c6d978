/**
 * VisualCron (its guide to a Dropbox Connection), with the customer's own Dropbox app: VisualCron signs in itself from its
 * Authenticate link, through a localhost redirect URI. The wizard's outputs are the App key, App
 * secret and the Redirect URL to set on VisualCron's Extra settings tab.
 */
import type { TargetProfile } from '../../../shared/contract';
import { APP_KEY, APP_SECRET } from './shared-fields';

export const VISUALCRON: TargetProfile = {
  id: 'visualcron',
  name: 'VisualCron',
  gets: 'App key, App secret and Redirect URL for a VisualCron Dropbox Connection using your own app.',
  summary:
    'For a VisualCron Dropbox Connection that uses your own Dropbox app instead of the VisualCron ' +
    'registered app. Personal and Business accounts both work; VisualCron signs in itself.',
  flow: 'app-only',
  // VisualCron's guide: "VisualCron supports Personal and Business service of Dropbox".
  account: 'user',
  access: 'full_dropbox',
  // Inferred, not documented: VisualCron's guide lists no scopes. The Connection is used by the Cloud tasks
  // Upload, List, Download, Create folder and Delete, and those Dropbox routes need exactly the
  // four file scopes (dropbox-api-spec); account_info.read is on every app.
  scopes: {
    required: [
      'account_info.read',
      'files.content.read',
      'files.content.write',
      'files.metadata.read',
      'files.metadata.write',
    ],
    editable: false,
    presets: [],
  },
  pkce: 'when_allowed',
  appConsole: {
    suggestedName: 'VisualCron',
    // VisualCron's guide, Troubleshooting "400 Invalid Redirect URI": register both. Dropbox compares
    // redirect URIs exactly, localhost and 127.0.0.1 apart (rclone#3815).
    productRedirectUris: ['http://localhost', 'http://localhost:9999'],
    settings: [
      { name: 'Choose an API', value: 'Scoped access' },
      {
        name: 'Choose the type of access you need',
        value: 'Full Dropbox',
        why: "So VisualCron's Cloud tasks can reach any folder you name in them.",
      },
    ],
    notes: [
      // VisualCron's guide: "Use VisualCron registered app" is checked by default and needs no app.
      "Using 'Use VisualCron registered app'? Then you need no Dropbox app at all: sign in from VisualCron's Authenticate button.",
      'Register http://localhost and http://localhost:9999 exactly as written: Dropbox treats localhost and 127.0.0.1 as different addresses.',
    ],
  },
  inputs: [],
  // Labels as VisualCron's Authentication and Extra settings tabs name them.
  outputs: [
    { ...APP_KEY, where: 'Authentication tab' },
    { ...APP_SECRET, where: 'Authentication tab' },
    { key: 'redirect_uri', label: 'Redirect URL', secret: false, where: 'Extra settings tab' },
  ],
  formats: ['field-sheet'],
  // VisualCron's guide, "How to create a connection using your own Dropbox app" and "Authentication".
  handoff: [
    'In VisualCron, go to Manage Connections > Add > Dropbox and give the Connection a Name on the Main settings tab.',
    'On the Authentication tab, clear Use VisualCron registered app, then enter the App key and App secret.',
    'On the Extra settings tab, set Redirect URL to the one shown here. It must match a redirect URI registered on the app exactly.',
    'Back on the Authentication tab, choose whether to Authenticate in internal browser, click Authenticate, and sign in to Dropbox to allow access.',
    'Save the Connection and pick it in your Cloud tasks (Upload, List, Download, Create folder, Delete).',
  ],
  checklist: [],
};

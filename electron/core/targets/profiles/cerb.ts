/**
 * Cerb (its Dropbox guide): Cerb links the account itself from Link to Dropbox, through its own redirect
 * URI, which depends on where Cerb is installed. The wizard asks for the Cerb base URL, derives
 * that URI, and exports a ready-to-import package carrying the Client ID and Client Secret.
 */
import type { TargetProfile } from '../../../shared/contract';

const READ_ONLY_FILES = ['account_info.read', 'files.content.read', 'files.metadata.read'];
const READ_WRITE_FILES = [...READ_ONLY_FILES, 'files.content.write', 'files.metadata.write'].sort();

export const CERB: TargetProfile = {
  id: 'cerb',
  name: 'Cerb',
  gets: 'A Cerb package (Dropbox Connected Service) with your Client ID and Client Secret.',
  summary:
    "Cerb's bots use a Dropbox connected account to call the Dropbox API. Any Dropbox account can " +
    'be linked, personal or team member; Cerb signs in itself when you click Link to Dropbox.',
  flow: 'app-only',
  // Cerb links whatever account signs in; team scopes are not needed for file work. A team scope
  // ticked here still makes rules.ts ask for a team admin (Dropbox then issues a team token).
  account: 'user',
  access: 'full_dropbox',
  // Cerb lists no scopes (its package sends scope ""), so the admin picks what the bots need;
  // the read-only files preset is the starting ticks. The exported package names these scopes
  // explicitly: Dropbox can refuse an empty scope= ("If the scope is provided, but is empty,
  // then a 400 error message is displayed", community.dropbox.com comment 491406).
  scopes: {
    required: READ_ONLY_FILES,
    editable: true,
    presets: [
      { id: 'files-read', label: 'Read-only files', scopes: READ_ONLY_FILES },
      { id: 'files-write', label: 'Read-write files', scopes: READ_WRITE_FILES },
    ],
  },
  // Only the wizard's own test sign-in may use PKCE. The package keeps grant_type
  // authorization_code (Client Secret, no PKCE), which works whether or not public clients are
  // allowed.
  pkce: 'when_allowed',
  appConsole: {
    suggestedName: 'Cerb',
    // Cerb's redirect URI is its base URL plus /oauth/callback (jstanden/cerb,
    // ServiceProvider_OAuth2::_getProvider); rules.ts fills in the base URL the admin gave.
    productRedirectUris: ['{input:cerb_base_url}/oauth/callback'],
    settings: [
      { name: 'Choose an API', value: 'Scoped access' },
      {
        name: 'Choose the type of access you need',
        value: 'Full Dropbox',
        why: "So Cerb's bots can reach any folder in the linked account.",
      },
    ],
    // league/oauth2-client 2.7.0 always posts redirect_uri, refresh included (inferred from code;
    // react-native-app-auth#687 shows Dropbox refusing it).
    warning:
      'Expect Cerb\'s Dropbox link to stop working about four hours after Link to Dropbox. Cerb (up to 10.4.10) sends redirect_uri when it renews its access token, and Dropbox refuses that (unknown field "redirect_uri"). No Cerb setting avoids it. The wizard\'s Check now on this connector sends the same request and says whether Dropbox accepts it. If it does not, click Link to Dropbox again in Cerb whenever the link stops, and ask Cerb support for a release that leaves redirect_uri out of refresh requests.',
    notes: [
      // Without token_access_type=offline Dropbox issues only a short-lived token (dropbox.tech,
      // "Using OAuth 2.0 with offline access").
      "The package this wizard exports asks Dropbox for a refresh token (token_access_type=offline on the authorization URL). Cerb's published package leaves it out, so Cerb never even tries to renew its token.",
      // An empty scope= can be refused (community.dropbox.com comment 491406).
      "The package also lists the scopes you ticked here. Cerb's published package leaves the scope empty, so Cerb sends an empty scope= and Dropbox can refuse the sign-in.",
      'If you change the ticked scopes later, export and import the package again, then click Link to Dropbox again: a link keeps the scopes it was made with.',
    ],
  },
  inputs: [
    {
      id: 'cerb_base_url',
      label: 'Cerb base URL',
      help:
        'The start of the address you see in your browser when Cerb is open, e.g. ' +
        'https://cerb.example.com. If your Cerb addresses contain /index.php (no URL rewriting), ' +
        'include it: https://cerb.example.com/index.php.',
      placeholder: 'https://cerb.example.com',
      kind: 'url',
      defaultValue: '',
    },
  ],
  // Labels as the package's prompts name them ("Client ID", "Client Secret").
  outputs: [
    { key: 'app_key', label: 'Client ID', secret: false },
    { key: 'app_secret', label: 'Client Secret', secret: true },
  ],
  formats: ['cerb-package', 'field-sheet'],
  // Cerb's guide, "Create the Dropbox service in Cerb" and "Link the connected account".
  handoff: [
    'In Cerb, go to Setup » Configure » Import Package.',
    'Paste the package this wizard exported and click Import. It already holds your Client ID and Client Secret, so nothing is left to fill in.',
    'Under Connected Accounts, click the Dropbox bubble, then Edit in the card popup.',
    'Click Link to Dropbox, sign in to Dropbox and click Allow.',
    'Click Save Changes.',
    // league/oauth2-client 2.7.0 (Cerb up to 10.4.10) sends redirect_uri on a refresh, which
    // Dropbox refuses (react-native-app-auth#687; stevenmaguire/oauth2-dropbox#11).
    "Expect the link to stop about four hours later: Cerb sends redirect_uri when it renews its token, and Dropbox refuses that. In the wizard, press Check now on this connector to see whether Dropbox accepts Cerb's renewal; if it does not, click Link to Dropbox again whenever the link stops, and ask Cerb support for a fix.",
  ],
  checklist: [],
};

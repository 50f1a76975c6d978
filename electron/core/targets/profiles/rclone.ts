/**
 * rclone: the wizard signs in and exports a ready `[remote]` section for rclone.conf with
 * `type = dropbox`, `client_id`, `client_secret` and the `token` JSON (rclone's Dropbox backend docs).
 */
import type { TargetProfile } from '../../../shared/contract';

export const RCLONE: TargetProfile = {
  id: 'rclone',
  name: 'rclone',
  gets: 'A ready rclone.conf section (client_id, client_secret, token) for a Dropbox remote.',
  summary:
    'A Dropbox remote for rclone using your own Dropbox app. Any Dropbox account can sign in; ' +
    'rclone then refreshes the token itself.',
  flow: 'full',
  account: 'user',
  access: 'full_dropbox',
  // What rclone itself requests (rclone backend/dropbox/dropbox.go, dropboxConfig.Scopes:
  // files.metadata.write files.content.write files.content.read sharing.write account_info.read),
  // plus files.metadata.read and sharing.read, which the App Console ticks together with the write
  // scopes. Without impersonate rclone asks for no team scope.
  scopes: {
    required: [
      'account_info.read',
      'files.content.read',
      'files.content.write',
      'files.metadata.read',
      'files.metadata.write',
      'sharing.read',
      'sharing.write',
    ],
    editable: false,
    presets: [],
  },
  pkce: 'when_allowed',
  appConsole: {
    suggestedName: 'rclone',
    // A wizard-made token needs no redirect URI of rclone's.
    productRedirectUris: [],
    settings: [
      { name: 'Choose an API', value: 'Scoped access' },
      {
        name: 'Choose the type of access you need',
        value: 'Full Dropbox',
        why: 'rclone works on any path in the Dropbox you give it.',
      },
    ],
    notes: [
      // rclone's own sign-in uses oauthutil.RedirectLocalhostURL.
      'Only if you later run rclone config reconnect with this app: add http://localhost:53682/ to its redirect URIs too. The remote this wizard makes does not need it.',
      // rclone dropbox.go getOauthConfig: impersonate adds members.read and team_data.member.
      "Team folders of other members (rclone's impersonate = <email> option) need two more scopes, members.read and team_data.member, and a Dropbox team admin to sign in. This remote doesn't ask for them: for impersonate, run rclone config with impersonate set.",
    ],
  },
  inputs: [
    {
      id: 'remote_name',
      label: 'Remote name',
      help:
        "The name you will type before the colon, as in dropbox:folder. rclone's rule: letters, " +
        'numbers, _ - . and spaces (rclone 1.62 and later also + and @); it may not start with ' +
        '- or a space, or end with a space. Names are case sensitive.',
      placeholder: 'dropbox',
      kind: 'text',
      defaultValue: 'dropbox',
    },
  ],
  // Labels are rclone.conf's key names. The conf's third key, token, is a JSON object
  // ({"access_token","token_type","refresh_token","expiry"}, lib/oauthutil) that the rclone-conf
  // exporter builds from the refresh token and the current access token. A bare refresh token
  // pasted as `token = …` would be read as an old-style access token and fail, so the copyable
  // value is labelled for what it is: the refresh_token member inside `token`.
  outputs: [
    { key: 'app_key', label: 'client_id', secret: false },
    { key: 'app_secret', label: 'client_secret', secret: true },
    {
      key: 'refresh_token',
      label: 'refresh_token',
      secret: true,
      where: 'inside the token = {…} line; the rclone.conf export writes that whole line for you',
    },
  ],
  formats: ['rclone-conf', 'generic-json', 'env'],
  handoff: [
    'Run rclone config file to see where your rclone.conf is.',
    'Append the exported section to the end of that file. If a remote with the same name is already there, remove or rename one of them first.',
    'Test it: rclone lsd <remote name>: (for example rclone lsd dropbox:) lists your top-level Dropbox folders.',
    'rclone refreshes the token itself and writes the new one back into rclone.conf, so keep that file writable and private.',
  ],
  checklist: [],
};

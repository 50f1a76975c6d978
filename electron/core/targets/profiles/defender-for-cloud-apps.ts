/**
 * Microsoft Defender for Cloud Apps (Microsoft's guide was written for its former name, Microsoft
 * Cloud App Security). Microsoft's own Dropbox app is used: the customer creates no app, and the
 * wizard never sees a key or token, so nothing can be checked against Dropbox. What the wizard
 * offers is what must be true first, confirmed once, and a printable summary with the team
 * admin's email for the portal's sign-in link.
 */
import type { TargetProfile } from '../../../shared/contract';

export const DEFENDER_FOR_CLOUD_APPS: TargetProfile = {
  id: 'defender-for-cloud-apps',
  name: 'Microsoft Defender for Cloud Apps',
  gets: "A printable summary for the Defender portal with your team admin's email. There is no app to create and nothing to paste.",
  summary:
    "Defender for Cloud Apps connects to Dropbox with Microsoft's own app. You need a Dropbox team " +
    'admin to sign in and allow it from the Defender portal; this wizard helps you get ready.',
  flow: 'prerequisites-only',
  account: 'team_admin',
  // Not chosen by the customer: Microsoft's app decides. Kept as the closest value.
  access: 'full_dropbox',
  // Microsoft's app fixes its own scopes; the admin ticks nothing.
  scopes: { required: [], editable: false, presets: [] },
  pkce: 'when_allowed',
  appConsole: { suggestedName: '', productRedirectUris: [], settings: [], notes: [] },
  // Asked once, on the connector's card: the portal wants it before it generates the sign-in
  // link, so the summary prints it where that step is.
  inputs: [
    {
      id: 'admin_email',
      label: "Dropbox team admin's email",
      help:
        'The Dropbox account that is a team admin and will allow the connection. You enter it in ' +
        'the Defender for Cloud Apps portal to generate the sign-in link.',
      placeholder: 'admin@example.com',
      kind: 'email',
      defaultValue: '',
    },
  ],
  outputs: [],
  formats: ['printable-summary'],
  // The original guide's "How to connect Dropbox to Cloud App Security", with the admin's email.
  handoff: [
    'In the Defender for Cloud Apps portal, open the app connectors: Investigate › Sanctioned apps in the original guide, Settings › Cloud Apps › App connectors in newer portals.',
    'In the Dropbox row, click Connect (or Connect an app, then Dropbox).',
    'On the API tab of the Dropbox settings page, enter {input:admin_email} and click Generate link.',
    'Click Follow this link, sign in to Dropbox as that admin, and click Allow.',
    'Back in the portal, wait for the message that Dropbox was successfully connected, then click Test API. Testing may take a couple of minutes; after the success notice, click Close.',
  ],
  // What must be true before connecting; the admin confirms them once, together.
  checklist: [
    {
      id: 'dropbox-team',
      title: 'A Dropbox team with a team admin account',
      detail:
        'The connection reads a whole Dropbox team, so you need a Dropbox team plan (such as ' +
        'Business or Advanced) and the team admin account above. A personal Dropbox account ' +
        'cannot be connected.',
    },
    {
      id: 'consent',
      title: 'What Dropbox will ask',
      detail:
        'Dropbox asks whether to allow access to your team information and activity log, and to ' +
        'perform any activity as any team member. Only a team admin can allow this; other ' +
        'accounts cannot.',
    },
    {
      id: 'history',
      title: 'Events from 60 days before',
      detail:
        'Once connected, Defender for Cloud Apps receives Dropbox events from the 60 days before ' +
        'the connection, then new events as they happen.',
    },
    {
      // The original guide gives the 2016 menu; the newer path is from later Microsoft docs;
      // neither is confirmed for today's portal, so both are given and said to be unconfirmed.
      id: 'portal-path',
      title: 'Where Dropbox is in the portal',
      detail:
        "Microsoft's original guide says Investigate › Sanctioned apps. Newer portals have it " +
        'under Settings › Cloud Apps › App connectors. Microsoft renames these menus from time ' +
        "to time and this wizard can't confirm today's names: if neither matches, search " +
        "Microsoft's documentation for the Dropbox app connector.",
    },
  ],
};

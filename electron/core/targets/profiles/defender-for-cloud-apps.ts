/**
 * Microsoft Defender for Cloud Apps (seed 000, written for its former name Microsoft Cloud App
 * Security). Microsoft's own Dropbox app is used: the customer creates no app, and the wizard
 * never sees a key or token, so nothing can be checked against Dropbox. What the wizard offers is
 * a guided checklist and a printable summary (products.md, "Prerequisites only").
 */
import type { TargetProfile } from '../../../shared/contract';

export const DEFENDER_FOR_CLOUD_APPS: TargetProfile = {
  id: 'defender-for-cloud-apps',
  name: 'Microsoft Defender for Cloud Apps',
  gets: 'A checklist and a printable summary. There is no app to create and nothing to paste.',
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
  inputs: [],
  outputs: [],
  formats: ['printable-summary'],
  // Seed 000, "How to connect Dropbox to Cloud App Security".
  handoff: [
    'In the Defender for Cloud Apps portal, open the app connectors: Investigate › Sanctioned apps in the original guide, Settings › Cloud Apps › App connectors in newer portals.',
    'In the Dropbox row, click Connect (or Connect an app, then Dropbox).',
    "On the API tab of the Dropbox settings page, enter the Dropbox team admin's email address and click Generate link.",
    'Click Follow this link, sign in to Dropbox as that admin, and click Allow.',
    'Back in the portal, wait for the message that Dropbox was successfully connected, then click Test API. Testing may take a couple of minutes; after the success notice, click Close.',
  ],
  checklist: [
    {
      id: 'dropbox-team',
      title: 'A Dropbox team with a team admin account',
      detail:
        'The connection reads a whole Dropbox team, so you need a Dropbox team plan (such as ' +
        'Business or Advanced) and an account that is a team admin on it. A personal Dropbox ' +
        'account cannot be connected.',
    },
    {
      id: 'admin-email',
      title: "The team admin's email address",
      detail:
        'You type this address into the portal before generating the sign-in link. Use the email ' +
        'of the Dropbox account that is the team admin.',
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
      id: 'test-api',
      title: 'Test API after connecting',
      detail:
        'After the portal says Dropbox was successfully connected, click Test API. Testing may ' +
        'take a couple of minutes.',
    },
    {
      id: 'history',
      title: 'Events from 60 days before',
      detail:
        'Once connected, Defender for Cloud Apps receives Dropbox events from the 60 days before ' +
        'the connection, then new events as they happen.',
    },
    {
      // Seed 000 gives the 2016 menu; the newer path is from later Microsoft docs (products.md);
      // neither is confirmed for today's portal, so both are given and said to be unconfirmed.
      id: 'portal-path',
      title: 'Where Dropbox is in the portal',
      detail:
        "Microsoft's original guide says Investigate › Sanctioned apps. Newer portals have it " +
        'under Settings › Cloud Apps › App connectors. Microsoft renames these menus from time ' +
        "to time and this wizard can't confirm today's names: if neither matches, search " +
        "Microsoft's documentation for the Dropbox app connector.",
    },
    {
      id: 'nothing-checked',
      title: 'Nothing here is checked against Dropbox',
      detail:
        "Defender for Cloud Apps uses Microsoft's own Dropbox app, so this wizard never sees a " +
        'key or token and cannot test the connection. The Test API button in the portal is the ' +
        'check.',
    },
  ],
};

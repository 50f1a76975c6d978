import { describe, expect, it } from 'vitest';
import type { TargetProfile } from '../../../../electron/shared/contract';
import { getTarget, TARGETS } from '../../../../electron/core/targets/registry';
import {
  accountTypeFor,
  handoffFor,
  missingInputsFor,
  productRedirectUrisFor,
} from '../../../../electron/core/targets/rules';
import { isKnownScope, isTeamScope } from '../../../../electron/core/targets/scopes';

/** The exporter ids that exist (electron/core/export/formats). */
const EXPORTER_IDS = [
  'generic-json',
  'env',
  'rclone-conf',
  'cerb-package',
  'field-sheet',
  'printable-summary',
];

function target(id: string): TargetProfile {
  const found = getTarget(id);
  if (!found) throw new Error(`missing target ${id}`);
  return found;
}

const EACH = TARGETS.map((t) => [t.id, t] as const);

describe('registry', () => {
  it('lists every target in Choose connector order, with stable ids', () => {
    expect(TARGETS.map((t) => t.id)).toEqual([
      'snow-atlas',
      'certero',
      'cerb',
      'visualcron',
      'defender-for-cloud-apps',
      'rclone',
      'custom',
    ]);
  });

  it('has unique kebab-case ids, each found by getTarget', () => {
    const ids = TARGETS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(getTarget(id)?.id).toBe(id);
    }
    expect(getTarget('nope')).toBeUndefined();
  });
});

describe.each(EACH)('%s', (_id, t) => {
  it('has a name, a one-line gets and a summary', () => {
    expect(t.name.trim()).not.toBe('');
    expect(t.gets.trim()).not.toBe('');
    expect(t.summary.length).toBeGreaterThan(40);
  });

  it('requires only catalogue scopes, sorted and unique', () => {
    // Every profile's scopes are in the catalogue; a scope left out of it would need a comment here.
    for (const scope of t.scopes.required) expect(isKnownScope(scope), scope).toBe(true);
    expect([...t.scopes.required]).toEqual([...new Set(t.scopes.required)].sort());
    for (const preset of t.scopes.presets) {
      for (const scope of preset.scopes) expect(isKnownScope(scope), scope).toBe(true);
    }
  });

  it('has presets only when the scopes are editable', () => {
    if (!t.scopes.editable) expect(t.scopes.presets).toEqual([]);
    const presetIds = t.scopes.presets.map((p) => p.id);
    expect(new Set(presetIds).size).toBe(presetIds.length);
  });

  it('needs a team admin when its fixed scopes hold a team scope', () => {
    if (t.scopes.required.some(isTeamScope)) {
      expect(accountTypeFor(t, t.scopes.required)).toBe('team_admin');
      expect(t.account).toBe('team_admin');
    }
  });

  it('has well-formed outputs: unique keys, secret exactly for the secret values', () => {
    const keys = t.outputs.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const output of t.outputs) {
      expect(output.label.trim()).not.toBe('');
      expect(output.secret, output.key).toBe(
        output.key === 'app_secret' || output.key === 'refresh_token',
      );
    }
  });

  it('offers only exporters that exist, the default first', () => {
    expect(t.formats.length).toBeGreaterThan(0);
    expect(new Set(t.formats).size).toBe(t.formats.length);
    for (const format of t.formats) expect(EXPORTER_IDS).toContain(format);
  });

  it('tells the admin what to do in the product afterwards', () => {
    expect(t.handoff.length).toBeGreaterThan(0);
    for (const step of t.handoff) expect(step.trim().length).toBeGreaterThan(10);
  });

  it('fills in only inputs it has: every {input:id} in its steps and redirect URIs names one', () => {
    const ids = new Set(t.inputs.map((input) => input.id));
    const templates = [...t.handoff, ...t.appConsole.productRedirectUris].join(' ');
    for (const [, id] of templates.matchAll(/\{input:([a-z0-9_]+)\}/g)) {
      expect(ids.has(id as string), id).toBe(true);
    }
  });

  it('fits its flow', () => {
    if (t.flow === 'prerequisites-only') {
      expect(t.checklist.length).toBeGreaterThan(0);
      expect(t.outputs).toEqual([]);
      expect(t.appConsole.productRedirectUris).toEqual([]);
    } else {
      expect(t.checklist).toEqual([]);
      expect(t.outputs.map((o) => o.key)).toEqual(
        expect.arrayContaining(['app_key', 'app_secret']),
      );
    }
    if (t.flow === 'app-only') {
      // The product signs in itself through its own redirect URI, and its form has no token.
      expect(t.appConsole.productRedirectUris.length).toBeGreaterThan(0);
      expect(t.outputs.map((o) => o.key)).not.toContain('refresh_token');
    }
    if (t.flow === 'full') {
      expect(t.outputs.map((o) => o.key)).toContain('refresh_token');
      expect(t.appConsole.productRedirectUris).toEqual([]);
    }
  });

  it('uses only its own inputs in redirect URI templates', () => {
    const ids = t.inputs.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_]+$/);
    for (const uri of t.appConsole.productRedirectUris) {
      for (const [, id] of uri.matchAll(/\{input:([a-z0-9_]+)\}/g)) expect(ids).toContain(id);
    }
  });

  it('has unique checklist ids', () => {
    const ids = t.checklist.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('flow, account and PKCE per product', () => {
  it.each([
    ['snow-atlas', 'full', 'team_admin', 'when_allowed'],
    ['certero', 'app-only', 'team_admin', 'never'],
    ['cerb', 'app-only', 'user', 'when_allowed'],
    ['visualcron', 'app-only', 'user', 'when_allowed'],
    ['defender-for-cloud-apps', 'prerequisites-only', 'team_admin', 'when_allowed'],
    ['rclone', 'full', 'user', 'when_allowed'],
    ['custom', 'full', 'by_scopes', 'when_allowed'],
  ] as const)('%s: %s, %s, PKCE %s', (id, flow, account, pkce) => {
    const t = target(id);
    expect(t.flow).toBe(flow);
    expect(t.account).toBe(account);
    expect(t.pkce).toBe(pkce);
  });

  it("puts every target on Full Dropbox (Defender: Microsoft's app decides)", () => {
    for (const t of TARGETS) expect(t.access, t.id).toBe('full_dropbox');
  });
});

describe('output labels exactly as each product names them', () => {
  it.each([
    ['snow-atlas', ['App key', 'App secret', 'Refresh token']],
    ['certero', ['Client ID', 'Client Secret']],
    ['cerb', ['Client ID', 'Client Secret']],
    ['visualcron', ['App key', 'App secret', 'Redirect URL']],
    ['defender-for-cloud-apps', []],
    ['rclone', ['client_id', 'client_secret', 'refresh_token']],
    ['custom', ['App key', 'App secret', 'Refresh token']],
  ] as const)('%s', (id, labels) => {
    expect(target(id).outputs.map((o) => o.label)).toEqual(labels);
  });
});

describe('Snow Atlas', () => {
  it('is described exactly as its procedure does', () => {
    const snow = target('snow-atlas');
    expect(snow.name).toBe('Snow Atlas');
    expect(snow.scopes).toEqual({
      required: ['account_info.read', 'members.read', 'sessions.list', 'team_info.read'],
      editable: false,
      presets: [],
    });
    expect(snow.outputs.map((o) => o.key)).toEqual(['app_key', 'app_secret', 'refresh_token']);
    expect(snow.handoff.join(' ')).toContain('Settings');
    expect(snow.appConsole.suggestedName).toBe('Snow Atlas connector');
    expect(snow.appConsole.productRedirectUris).toEqual([]);
    // The first release's generic JSON stays Snow Atlas's default; its field sheet is offered too.
    expect(snow.formats[0]).toBe('generic-json');
    expect(snow.formats).toContain('field-sheet');
  });
});

describe('Custom', () => {
  it('is editable with account_info.read pre-ticked and no presets', () => {
    const custom = target('custom');
    expect(custom.scopes).toEqual({
      required: ['account_info.read'],
      editable: true,
      presets: [],
    });
    expect(custom.inputs).toEqual([]);
  });
});

describe('Certero', () => {
  const certero = target('certero');

  it('asks for exactly the six scopes of the guide', () => {
    expect(certero.scopes.editable).toBe(false);
    expect([...certero.scopes.required].sort()).toEqual(
      [
        'account_info.read',
        'team_info.read',
        'team_data.member',
        'members.read',
        'groups.read',
        'events.read',
      ].sort(),
    );
  });

  it("registers Certero's redirect URI and disallows public clients", () => {
    expect(certero.appConsole.productRedirectUris).toEqual([
      'https://cc.certero.com/cmp/AuthorizeDropboxConnector',
    ]);
    const publicClients = certero.appConsole.settings.find((s) =>
      s.name.startsWith('Allow public clients'),
    );
    expect(publicClients?.value).toBe('Disallow');
    expect(publicClients?.why).toMatch(/PKCE/);
    expect(certero.appConsole.settings.map((s) => s.value)).toEqual(
      expect.arrayContaining(['Scoped access', 'Full Dropbox']),
    );
  });

  it('says No expiration is gone and one app per Dropbox account', () => {
    const notes = certero.appConsole.notes.join(' ');
    expect(notes).toContain('No expiration');
    expect(notes).toContain('30 September 2021');
    expect(notes).toContain('create a separate app for each Dropbox account');
  });

  it("hands off with Certero's own steps", () => {
    const steps = certero.handoff.join(' ');
    for (const words of ['Endpoint Servers', 'Features', 'Dropbox Connectors', 'Authorize']) {
      expect(steps).toContain(words);
    }
    expect(steps).toMatch(/Token.*Save/);
    expect(certero.formats).toEqual(['field-sheet']);
  });
});

describe('Cerb', () => {
  const cerb = target('cerb');

  it('starts from the read-only files preset and offers read-write', () => {
    expect(cerb.scopes.editable).toBe(true);
    const byId = new Map(cerb.scopes.presets.map((p) => [p.id, p]));
    expect(byId.get('files-read')?.label).toBe('Read-only files');
    expect([...(byId.get('files-read')?.scopes ?? [])].sort()).toEqual([
      'account_info.read',
      'files.content.read',
      'files.metadata.read',
    ]);
    expect(byId.get('files-write')?.label).toBe('Read-write files');
    expect([...(byId.get('files-write')?.scopes ?? [])].sort()).toEqual([
      'account_info.read',
      'files.content.read',
      'files.content.write',
      'files.metadata.read',
      'files.metadata.write',
    ]);
    expect([...cerb.scopes.required]).toEqual([...(byId.get('files-read')?.scopes ?? [])].sort());
  });

  it('exports the package first, and says which two fixes it carries', () => {
    expect(cerb.formats).toEqual(['cerb-package', 'field-sheet']);
    const notes = cerb.appConsole.notes.join(' ');
    expect(notes).toContain('token_access_type=offline');
    expect(notes).toContain('scope=');
    expect(cerb.handoff.join(' ')).toContain('Setup » Configure » Import Package');
    expect(cerb.handoff.join(' ')).toContain('Link to Dropbox');
  });

  it.each([
    ['https://cerb.example.com', 'https://cerb.example.com/oauth/callback'],
    ['https://cerb.example.com/', 'https://cerb.example.com/oauth/callback'],
    ['  https://cerb.example.com//  ', 'https://cerb.example.com/oauth/callback'],
    ['https://cerb.example.com/index.php', 'https://cerb.example.com/index.php/oauth/callback'],
    ['https://cerb.example.com/index.php/', 'https://cerb.example.com/index.php/oauth/callback'],
    ['https://example.com/cerb', 'https://example.com/cerb/oauth/callback'],
    ['https://cerb.example.com:8443/?x=1#top', 'https://cerb.example.com:8443/oauth/callback'],
    ['http://localhost:8080', 'http://localhost:8080/oauth/callback'],
  ])('derives the redirect URI from %j', (base, uri) => {
    expect(productRedirectUrisFor(cerb, { cerb_base_url: base })).toEqual([uri]);
    expect(missingInputsFor(cerb, { cerb_base_url: base })).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['no scheme', 'cerb.example.com'],
    ['not a web address', 'ftp://cerb.example.com'],
    ['http on a real host (Dropbox refuses it)', 'http://cerb.example.com'],
    ['credentials in it', 'https://user:pw@cerb.example.com'],
    ['garbage', 'not a url'],
  ])('leaves the URI out and reports the input missing when %s', (_why, base) => {
    expect(productRedirectUrisFor(cerb, { cerb_base_url: base })).toEqual([]);
    expect(missingInputsFor(cerb, { cerb_base_url: base })).toEqual(['cerb_base_url']);
  });

  it('reports the base URL missing before the admin gives one', () => {
    expect(productRedirectUrisFor(cerb, {})).toEqual([]);
    expect(missingInputsFor(cerb, {})).toEqual(['cerb_base_url']);
  });
});

describe('VisualCron', () => {
  const visualcron = target('visualcron');

  it('registers both localhost redirect URIs', () => {
    expect(visualcron.appConsole.productRedirectUris).toEqual([
      'http://localhost',
      'http://localhost:9999',
    ]);
  });

  it('says first that the VisualCron registered app needs no Dropbox app', () => {
    expect(visualcron.appConsole.notes[0]).toContain('Use VisualCron registered app');
  });

  it('puts the Redirect URL on the Extra settings tab', () => {
    const redirect = visualcron.outputs.find((o) => o.key === 'redirect_uri');
    expect(redirect).toEqual({
      key: 'redirect_uri',
      label: 'Redirect URL',
      secret: false,
      where: 'Extra settings tab',
    });
  });

  it('asks for the four file scopes its Cloud tasks need', () => {
    expect(visualcron.scopes.required).toEqual([
      'account_info.read',
      'files.content.read',
      'files.content.write',
      'files.metadata.read',
      'files.metadata.write',
    ]);
  });
});

describe('Microsoft Defender for Cloud Apps', () => {
  const mda = target('defender-for-cloud-apps');

  it('has no scopes, outputs or app, asks the team admin email once and prints a summary', () => {
    expect(mda.name).toBe('Microsoft Defender for Cloud Apps');
    expect(mda.scopes).toEqual({ required: [], editable: false, presets: [] });
    expect(mda.outputs).toEqual([]);
    expect(mda.inputs.map((i) => [i.id, i.kind])).toEqual([['admin_email', 'email']]);
    expect(mda.formats).toEqual(['printable-summary']);
    expect(accountTypeFor(mda, [])).toBe('team_admin');
  });

  it('lists what must be true first, without repeating the email or the portal steps', () => {
    expect(mda.checklist.map((c) => c.id)).toEqual([
      'dropbox-team',
      'consent',
      'history',
      'portal-path',
    ]);
    const text = (id: string): string => {
      const item = mda.checklist.find((c) => c.id === id);
      return `${item?.title ?? ''} ${item?.detail ?? ''}`;
    };
    expect(text('consent')).toContain('perform any activity as any team member');
    expect(text('history')).toContain('60 days');
    expect(text('portal-path')).toContain('Investigate › Sanctioned apps');
    expect(text('portal-path')).toContain('Settings › Cloud Apps › App connectors');
    expect(text('portal-path')).toMatch(/can't confirm/);
  });

  it('hands off with the portal steps, the email where the portal asks for it', () => {
    const steps = handoffFor(mda, { admin_email: 'it-admin@example.com' }).join(' ');
    for (const words of [
      'Generate link',
      'Follow this link',
      'Allow',
      'Test API',
      'couple of minutes',
    ]) {
      expect(steps).toContain(words);
    }
    expect(steps).toContain('enter it-admin@example.com and click Generate link');
    // Not given yet: the step names what to enter instead of showing a placeholder.
    expect(handoffFor(mda, {}).join(' ')).toContain(
      "enter the Dropbox team admin's email and click Generate link",
    );
  });
});

describe('rclone', () => {
  const rclone = target('rclone');

  it("asks for rclone's own scopes plus the read scopes Dropbox requires alongside", () => {
    expect(rclone.scopes).toEqual({
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
    });
  });

  it('has a remote name that defaults to dropbox', () => {
    expect(rclone.inputs.map((i) => [i.id, i.kind, i.label, i.defaultValue])).toEqual([
      ['remote_name', 'text', 'Remote name', 'dropbox'],
    ]);
    expect(missingInputsFor(rclone, {})).toEqual([]);
    expect(missingInputsFor(rclone, { remote_name: '' })).toEqual(['remote_name']);
    expect(missingInputsFor(rclone, { remote_name: 'x\n[evil]' })).toEqual(['remote_name']);
  });

  it('exports rclone.conf first and says how to test it', () => {
    expect(rclone.formats).toEqual(['rclone-conf', 'generic-json', 'env']);
    const steps = rclone.handoff.join(' ');
    expect(steps).toContain('rclone config file');
    expect(steps).toContain('rclone lsd');
    expect(rclone.appConsole.notes.join(' ')).toContain('impersonate');
  });
});

import { describe, expect, it } from 'vitest';
import type { ExportFormatInfo, TargetProfile } from '../../../../electron/shared/contract';
import { STEP_IDS, STEP_TITLES } from '../../../../electron/shared/steps';
import { getTarget } from '../../../../electron/core/targets/registry';
import {
  accountTypeFor,
  derivePlan,
  initialCustomScopes,
  inputProblem,
  requiredScopesFor,
  stepPlan,
} from '../../../../electron/core/targets/rules';
import { ALWAYS_REQUIRED_SCOPE } from '../../../../electron/core/targets/profiles/shared-fields';

function target(id: string): TargetProfile {
  const found = getTarget(id);
  if (!found) throw new Error(`missing target ${id}`);
  return found;
}

const FORMATS: Readonly<Record<string, ExportFormatInfo>> = {
  'field-sheet': { id: 'field-sheet', label: 'Field sheet', extension: 'txt', description: '' },
  'cerb-package': { id: 'cerb-package', label: 'Cerb', extension: 'json', description: '' },
};
const formatInfo = (id: string): ExportFormatInfo | undefined => FORMATS[id];

describe('requiredScopesFor', () => {
  it('ignores custom ticks for fixed targets', () => {
    expect(requiredScopesFor(target('snow-atlas'), ['files.content.write'])).toEqual([
      'account_info.read',
      'members.read',
      'sessions.list',
      'team_info.read',
    ]);
    expect(requiredScopesFor(target('defender-for-cloud-apps'), ['members.read'])).toEqual([]);
  });

  it('sorts, dedupes and always includes account_info.read for Custom', () => {
    expect(ALWAYS_REQUIRED_SCOPE).toBe('account_info.read');
    expect(requiredScopesFor(target('custom'), [])).toEqual(['account_info.read']);
    expect(
      requiredScopesFor(target('custom'), ['members.read', 'events.read', 'members.read']),
    ).toEqual(['account_info.read', 'events.read', 'members.read']);
  });

  it('drops strings that are not Dropbox scopes', () => {
    expect(
      requiredScopesFor(target('custom'), ['members.read', 'not.a.scope', 'private:sharing.write']),
    ).toEqual(['account_info.read', 'members.read']);
  });

  it('adds App Console dependencies of ticked scopes', () => {
    expect(requiredScopesFor(target('custom'), ['files.content.read'])).toEqual([
      'account_info.read',
      'files.content.read',
      'files.metadata.read',
    ]);
  });

  it("takes Cerb's ticks, like Custom's", () => {
    expect(requiredScopesFor(target('cerb'), ['files.content.write'])).toEqual([
      'account_info.read',
      'files.content.write',
    ]);
  });
});

describe('initialCustomScopes', () => {
  it('starts editable targets from their required scopes', () => {
    expect(initialCustomScopes(target('cerb'))).toEqual([
      'account_info.read',
      'files.content.read',
      'files.metadata.read',
    ]);
    expect(initialCustomScopes(target('custom'))).toEqual(['account_info.read']);
  });

  it('is empty for fixed targets', () => {
    expect(initialCustomScopes(target('certero'))).toEqual([]);
  });
});

describe('accountTypeFor', () => {
  it('follows the scopes for Custom', () => {
    expect(accountTypeFor(target('custom'), ['account_info.read', 'files.metadata.read'])).toBe(
      'user',
    );
    expect(accountTypeFor(target('custom'), ['account_info.read', 'members.read'])).toBe(
      'team_admin',
    );
  });

  it('is fixed for fixed targets', () => {
    expect(accountTypeFor(target('snow-atlas'), [])).toBe('team_admin');
    expect(accountTypeFor(target('certero'), [])).toBe('team_admin');
    expect(accountTypeFor(target('rclone'), ['files.content.read'])).toBe('user');
    // Defender has no scopes of its own, yet only a team admin can allow Microsoft's app.
    expect(accountTypeFor(target('defender-for-cloud-apps'), [])).toBe('team_admin');
  });

  it('needs a team admin when a team scope is ticked on a user target (Cerb)', () => {
    const cerb = target('cerb');
    expect(accountTypeFor(cerb, requiredScopesFor(cerb, initialCustomScopes(cerb)))).toBe('user');
    expect(accountTypeFor(cerb, requiredScopesFor(cerb, ['members.read']))).toBe('team_admin');
  });
});

describe('stepPlan', () => {
  it('has every step but the checklist on full targets, with the usual titles', () => {
    const steps = stepPlan(target('snow-atlas'));
    expect(steps.map((s) => s.id)).toEqual(STEP_IDS.filter((id) => id !== 'checklist'));
    for (const step of steps) expect(step.title).toBe(STEP_TITLES[step.id]);
    expect(stepPlan(target('rclone'))).toEqual(steps);
    expect(stepPlan(target('custom'))).toEqual(steps);
  });

  it('calls the sign-in a test authorization on app-only targets', () => {
    for (const id of ['certero', 'cerb', 'visualcron']) {
      const steps = stepPlan(target(id));
      expect(steps.map((s) => s.id)).toEqual(STEP_IDS.filter((step) => step !== 'checklist'));
      expect(steps.find((s) => s.id === 'authorize')?.title).toBe('Test authorization');
    }
  });

  it('is target, checklist, export on prerequisites-only targets', () => {
    const steps = stepPlan(target('defender-for-cloud-apps'));
    expect(steps.map((s) => s.id)).toEqual(['target', 'checklist', 'export']);
    expect(steps.map((s) => s.title)).toEqual([
      STEP_TITLES.target,
      STEP_TITLES.checklist,
      'Summary',
    ]);
  });
});

describe('inputProblem', () => {
  const url = target('cerb').inputs[0];
  const text = target('rclone').inputs[0];
  if (!url || !text) throw new Error('missing inputs');

  it('accepts a usable value', () => {
    expect(inputProblem(url, 'https://cerb.example.com')).toBeNull();
    expect(inputProblem(url, 'http://127.0.0.1:8080/index.php')).toBeNull();
    expect(inputProblem(text, 'my dropbox')).toBeNull();
  });

  it('refuses an email address with a slip in it, naming the input', () => {
    const email = target('defender-for-cloud-apps').inputs[0];
    if (!email) throw new Error('missing email input');
    expect(inputProblem(email, 'it-admin@example.com')).toBeNull();
    for (const slip of ['it-admin', 'it-admin@example', 'it admin@example.com', '@example.com']) {
      expect(inputProblem(email, slip), slip).toBe(
        "Dropbox team admin's email must be an email address, like admin@example.com.",
      );
    }
  });

  it('names the problem with the input label', () => {
    expect(inputProblem(text, '   ')).toBe('Remote name is empty.');
    expect(inputProblem(text, 'x'.repeat(513))).toBe('Remote name is too long.');
    expect(inputProblem(text, 'a\nb')).toBe('Remote name must be on one line.');
    expect(inputProblem(url, 'http://cerb.example.com')).toMatch(/^Cerb base URL must be/);
  });
});

describe('derivePlan', () => {
  it('plans a full target: the connector token is the output', () => {
    const plan = derivePlan(target('snow-atlas'), { customScopes: [], inputs: {} }, formatInfo);
    expect(plan).toMatchObject({
      targetId: 'snow-atlas',
      flow: 'full',
      accountType: 'team_admin',
      productRedirectUris: [],
      missingInputs: [],
      authorization: 'connector',
    });
    expect(plan.requiredScopes.map((s) => [s.id, s.group])).toEqual([
      ['account_info.read', 'user'],
      ['members.read', 'team'],
      ['sessions.list', 'team'],
      ['team_info.read', 'team'],
    ]);
    // Exporters not (yet) registered are left out rather than offered.
    expect(plan.formats.map((f) => f.id)).toEqual(['field-sheet']);
    expect(plan.steps).toEqual(stepPlan(target('snow-atlas')));
  });

  it('plans an app-only target: a test sign-in and the product redirect URI', () => {
    const cerb = target('cerb');
    const draft = {
      customScopes: initialCustomScopes(cerb),
      inputs: { cerb_base_url: 'https://cerb.example.com/index.php/' },
    };
    const plan = derivePlan(cerb, draft, formatInfo);
    expect(plan.authorization).toBe('test');
    expect(plan.accountType).toBe('user');
    expect(plan.productRedirectUris).toEqual(['https://cerb.example.com/index.php/oauth/callback']);
    expect(plan.missingInputs).toEqual([]);
    expect(plan.formats.map((f) => f.id)).toEqual(['cerb-package', 'field-sheet']);
    expect(plan.steps.find((s) => s.id === 'authorize')?.title).toBe('Test authorization');

    const empty = derivePlan(cerb, { ...draft, inputs: {} }, formatInfo);
    expect(empty.productRedirectUris).toEqual([]);
    expect(empty.missingInputs).toEqual(['cerb_base_url']);
  });

  it('plans a prerequisites-only target: no sign-in, no scopes, the admin email asked', () => {
    const plan = derivePlan(
      target('defender-for-cloud-apps'),
      { customScopes: ['members.read'], inputs: {} },
      formatInfo,
    );
    expect(plan).toMatchObject({
      flow: 'prerequisites-only',
      authorization: 'none',
      accountType: 'team_admin',
      requiredScopes: [],
      productRedirectUris: [],
      missingInputs: ['admin_email'],
    });
    const given = derivePlan(
      target('defender-for-cloud-apps'),
      { customScopes: [], inputs: { admin_email: ' it-admin@example.com ' } },
      formatInfo,
    );
    expect(given.missingInputs).toEqual([]);
    expect(given.handoff.join(' ')).toContain('enter it-admin@example.com and click Generate link');
    expect(plan.steps.map((s) => s.id)).toEqual(['target', 'checklist', 'export']);
  });

  it('plans Custom with a team scope for a team admin', () => {
    const plan = derivePlan(
      target('custom'),
      { customScopes: ['events.read'], inputs: {} },
      formatInfo,
    );
    expect(plan.accountType).toBe('team_admin');
    expect(plan.requiredScopes.map((s) => s.id)).toEqual(['account_info.read', 'events.read']);
  });
});

describe('the test sign-in of app-only products leaves nothing on the app', () => {
  const APP_ONLY = ['certero', 'cerb', 'visualcron'];
  const draft = { customScopes: [], inputs: { cerb_base_url: 'https://cerb.example.com' } };

  it('shows a code by default on app-only products, and redirects on the others', () => {
    for (const id of APP_ONLY) {
      expect(derivePlan(target(id), draft, formatInfo).defaultRedirectMode, id).toBe('manual');
    }
    for (const id of ['snow-atlas', 'rclone', 'custom']) {
      expect(derivePlan(target(id), draft, formatInfo).defaultRedirectMode, id).toBe('loopback');
    }
  });

  it("says the wizard's redirect URIs can be removed only where the admin chose the loopback way", () => {
    for (const id of APP_ONLY) {
      const plan = (redirectMode?: 'loopback' | 'manual') =>
        derivePlan(target(id), { ...draft, ...(redirectMode ? { redirectMode } : {}) }, formatInfo);
      expect(plan('loopback').wizardRedirectUrisRemovable, id).toBe(true);
      expect(plan('manual').wizardRedirectUrisRemovable, id).toBe(false);
      expect(plan().wizardRedirectUrisRemovable, id).toBe(false);
    }
    // A full-flow connector's token comes through them: they stay.
    const snow = derivePlan(
      target('snow-atlas'),
      { ...draft, redirectMode: 'loopback' },
      formatInfo,
    );
    expect(snow.wizardRedirectUrisRemovable).toBe(false);
  });
});

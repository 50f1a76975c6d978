import { describe, expect, it } from 'vitest';
import { canOpenStep } from '../../../electron/core/wizard/progress';
import { STEP_IDS, type StepId } from '../../../electron/shared/steps';
import { wizardSelectors } from '../../../renderer/src/store/selectors';
import { useWizardStore, type WizardState } from '../../../renderer/src/store/wizard-store';
import { SCOPES, TARGETS, fakeCore } from './support/fake-core';

function stateWith(
  progress: Parameters<ReturnType<typeof fakeCore>['update']>[0],
  extra: Partial<WizardState> = {},
): WizardState {
  const core = fakeCore();
  core.update(progress);
  // The store's own initial state, so a field added to the store needs no copy here.
  return {
    ...useWizardStore.getInitialState(),
    boot: { status: 'ready' },
    session: core.snapshot(),
    targets: TARGETS,
    scopes: SCOPES,
    ...extra,
  };
}

describe('wizard selectors', () => {
  it("show a held step instead of core's step", () => {
    const held = stateWith({ step: 'export' }, { heldStep: 'verify' });
    expect(wizardSelectors.currentStep(held)).toBe('verify');
    expect(wizardSelectors.currentStep({ ...held, heldStep: null })).toBe('export');
  });

  it('show step 1 before the session has loaded', () => {
    expect(wizardSelectors.currentStep({ ...stateWith({}), session: null })).toBe('target');
  });

  it('let the step list offer exactly the steps core would open', () => {
    const histories: StepId[][] = STEP_IDS.map((_, n) => STEP_IDS.slice(0, n));
    histories.push(['target', 'permissions'], ['create-app']);
    for (const completed of histories) {
      const state = stateWith({ completed, step: 'target' });
      for (const step of STEP_IDS) {
        expect(
          wizardSelectors.isStepReachable(step)(state),
          `${step} after [${completed.join(', ')}]`,
        ).toBe(canOpenStep(completed, step));
      }
    }
  });

  it('keep the step on screen reachable even if it is past the completed ones', () => {
    const state = stateWith({ completed: ['target'], step: 'target' }, { heldStep: 'verify' });
    expect(wizardSelectors.isStepReachable('verify')(state)).toBe(true);
    expect(wizardSelectors.isStepReachable('export')(state)).toBe(false);
  });

  it('return the same completed-steps reference while nothing changed (no render loop)', () => {
    const state = { ...stateWith({}), session: null };
    expect(wizardSelectors.completedSteps(state)).toBe(wizardSelectors.completedSteps(state));
  });

  it('list the scopes of the chosen connector, and for Custom the ticked ones', () => {
    const rclone = stateWith({ targetId: 'rclone' });
    expect(wizardSelectors.selectedTarget(rclone)?.id).toBe('rclone');
    expect(wizardSelectors.requiredScopeInfos(rclone).map((s) => s.id)).toEqual([
      'account_info.read',
      'files.content.read',
    ]);

    const custom = stateWith({ targetId: 'custom', customScopes: ['files.content.read'] });
    expect(wizardSelectors.requiredScopeInfos(custom).map((s) => s.id)).toEqual([
      'files.content.read',
    ]);
  });

  it('still list a scope the catalogue lacks, grouped by its name', () => {
    const custom = stateWith({
      targetId: 'custom',
      customScopes: ['team_data.member', 'files.content.read'],
    });
    expect(wizardSelectors.requiredScopeInfos(custom)).toEqual([
      SCOPES[1],
      { id: 'team_data.member', group: 'team', meaning: '', probe: null },
    ]);
  });

  it('have no chosen connector before one is picked', () => {
    const state = stateWith({});
    expect(wizardSelectors.selectedTarget(state)).toBeNull();
    expect(wizardSelectors.requiredScopeInfos(state)).toEqual([]);
  });

  it('name the required scopes a held token was not granted, and nothing without a token', () => {
    const authorized = {
      targetId: 'rclone',
      completed: ['target', 'create-app', 'permissions', 'authorize'] as StepId[],
      grantedScopes: ['account_info.read'],
    };
    const held = stateWith(authorized);
    const withToken: WizardState = {
      ...held,
      session: held.session && {
        ...held.session,
        secrets: { appSecret: 'memory', refreshToken: 'memory' },
      },
    };
    expect(wizardSelectors.lackingScopes(withToken)).toEqual(['files.content.read']);
    // No token held: nothing to warn about (the admin simply has not signed in).
    expect(wizardSelectors.lackingScopes(held)).toEqual([]);
    const granted: WizardState = {
      ...withToken,
      session: withToken.session && {
        ...withToken.session,
        progress: {
          ...withToken.session.progress,
          grantedScopes: ['account_info.read', 'files.content.read'],
        },
      },
    };
    expect(wizardSelectors.lackingScopes(granted)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { canOpenStep } from '../../../electron/core/wizard/draft';
import type { ConnectorPlan } from '../../../electron/shared/contract';
import { STEP_IDS, STEP_TITLES, type StepId } from '../../../electron/shared/steps';
import { wizardSelectors } from '../../../renderer/src/store/selectors';
import { useWizardStore, type WizardState } from '../../../renderer/src/store/wizard-store';
import { RCLONE_SCOPES, SCOPES, TARGETS, fakeCore, planFor } from './support/fake-core';

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

/** A state whose snapshot carries exactly `plan`, whatever the rules would derive. */
function withPlan(state: WizardState, plan: ConnectorPlan | null): WizardState {
  return { ...state, session: state.session && { ...state.session, plan } };
}

/** A plan as core might send it; deliberately unlike anything the profiles would derive. */
function sentPlan(overrides: Partial<ConnectorPlan>): ConnectorPlan {
  return {
    targetId: 'custom',
    flow: 'full',
    steps: [
      { id: 'target', title: 'Choose connector' },
      { id: 'create-app', title: 'Create app' },
      { id: 'permissions', title: 'Permissions' },
      { id: 'authorize', title: 'Authorize' },
      { id: 'verify', title: 'Verify' },
      { id: 'export', title: 'Copy & export' },
    ],
    accountType: 'team_admin',
    requiredScopes: [],
    productRedirectUris: [],
    missingInputs: [],
    authorization: 'connector',
    defaultRedirectMode: 'loopback',
    wizardRedirectUrisRemovable: false,
    handoff: [],
    formats: [],
    ...overrides,
  };
}

describe('wizard selectors', () => {
  it("show core's step: the renderer keeps no step of its own", () => {
    const state = stateWith({ step: 'export' });
    expect(wizardSelectors.currentStep(state)).toBe('export');
    expect(state).not.toHaveProperty('heldStep');
    expect(wizardSelectors.currentStep(stateWith({ step: 'verify' }))).toBe('verify');
  });

  it('show step 1 before the session has loaded', () => {
    expect(wizardSelectors.currentStep({ ...stateWith({}), session: null })).toBe('target');
  });

  it('let the step list offer exactly the steps core would open, for each flow', () => {
    // No connector yet, a full flow, an app-only flow and a prerequisites-only flow.
    for (const targetId of [null, 'rclone', 'certero', 'defender-for-cloud-apps']) {
      const steps =
        planFor(targetId)?.steps.map((step) => step.id) ??
        STEP_IDS.filter((id) => id !== 'checklist');
      const histories: StepId[][] = steps.map((_, n) => steps.slice(0, n));
      histories.push(['target', 'permissions'], ['create-app']);
      for (const completed of histories) {
        const state = stateWith({ targetId, completed, step: 'target' });
        for (const step of STEP_IDS) {
          expect(
            wizardSelectors.isStepReachable(step)(state),
            `${targetId ?? 'no target'}: ${step} after [${completed.join(', ')}]`,
          ).toBe(canOpenStep(steps, completed, step));
        }
      }
    }
  });

  it('keep the step on screen reachable even if it is past the completed ones', () => {
    const state = stateWith({ targetId: 'rclone', completed: ['target'], step: 'verify' });
    expect(wizardSelectors.isStepReachable('verify')(state)).toBe(true);
    expect(wizardSelectors.isStepReachable('export')(state)).toBe(false);
  });

  it('never offer a step the plan leaves out', () => {
    const state = stateWith({
      targetId: 'defender-for-cloud-apps',
      completed: ['target', 'checklist'],
      step: 'export',
    });
    expect(wizardSelectors.isStepReachable('checklist')(state)).toBe(true);
    expect(wizardSelectors.isStepReachable('create-app')(state)).toBe(false);
    expect(wizardSelectors.isStepReachable('verify')(state)).toBe(false);
    // And a plan-less state never offers the prerequisites page.
    expect(wizardSelectors.isStepReachable('checklist')(stateWith({}))).toBe(false);
  });

  it('return the same completed-steps reference while nothing changed (no render loop)', () => {
    const state = { ...stateWith({}), session: null };
    expect(wizardSelectors.completedSteps(state)).toBe(wizardSelectors.completedSteps(state));
    expect(wizardSelectors.requiredScopeInfos(state)).toBe(
      wizardSelectors.requiredScopeInfos(state),
    );
    expect(wizardSelectors.planSteps(state)).toBe(wizardSelectors.planSteps(state));
  });

  it('list the scopes of the chosen connector, and for Custom what core derived from the ticks', () => {
    const rclone = stateWith({ targetId: 'rclone' });
    expect(wizardSelectors.selectedTarget(rclone)?.id).toBe('rclone');
    expect(wizardSelectors.requiredScopeInfos(rclone).map((s) => s.id)).toEqual(RCLONE_SCOPES);
    expect(wizardSelectors.requiredScopeInfos(rclone)).toBe(rclone.session?.plan?.requiredScopes);

    const custom = stateWith({ targetId: 'custom', customScopes: ['files.content.read'] });
    expect(wizardSelectors.requiredScopeInfos(custom)).toEqual(
      planFor('custom', { customScopes: ['files.content.read'], inputs: {} })?.requiredScopes,
    );
    expect(wizardSelectors.requiredScopeInfos(custom).map((s) => s.id)).toContain(
      'files.content.read',
    );
  });

  it('return exactly the scopes, steps and titles the snapshot plan carries (no copy of the rules)', () => {
    // The progress says rclone, a fixed user target; the plan core sent says something else.
    // The renderer must show the plan, not what it could work out from the profile.
    const members = {
      id: 'members.read',
      group: 'team' as const,
      meaning: 'View your team membership',
      probe: 'team/members/list_v2',
    };
    const plan = sentPlan({ requiredScopes: [members] });
    const state = withPlan(stateWith({ targetId: 'rclone', step: 'permissions' }), plan);

    expect(wizardSelectors.plan(state)).toBe(plan);
    expect(wizardSelectors.requiredScopeInfos(state)).toBe(plan.requiredScopes);
    expect(wizardSelectors.requiredScopeInfos(state)).toEqual([members]);
    expect(wizardSelectors.planSteps(state)).toBe(plan.steps);
    expect(wizardSelectors.currentStepTitle(state)).toBe('Permissions');
  });

  it('title a step the way the plan does ("Test authorization" for an app-only plan)', () => {
    const appOnly = sentPlan({
      flow: 'app-only',
      authorization: 'test',
      steps: [
        { id: 'target', title: 'Choose connector' },
        { id: 'create-app', title: 'Create app' },
        { id: 'authorize', title: 'Test authorization' },
        { id: 'export', title: 'Hand over' },
      ],
    });
    const onAuthorize = withPlan(stateWith({ targetId: 'custom', step: 'authorize' }), appOnly);
    expect(wizardSelectors.currentStepTitle(onAuthorize)).toBe('Test authorization');
    const onExport = withPlan(stateWith({ targetId: 'custom', step: 'export' }), appOnly);
    expect(wizardSelectors.currentStepTitle(onExport)).toBe('Hand over');
    expect(wizardSelectors.planSteps(onExport).map((step) => step.id)).toEqual([
      'target',
      'create-app',
      'authorize',
      'export',
    ]);
    // Which steps open is core's answer (`navigation`), whatever was completed.
    const done = stateWith({ targetId: 'custom', step: 'export', completed: [...STEP_IDS] });
    const sent = {
      ...done,
      session: done.session && {
        ...done.session,
        plan: appOnly,
        navigation: { reachable: ['target', 'authorize', 'export'], next: null, previous: null },
      },
    } as WizardState;
    expect(wizardSelectors.isStepReachable('permissions')(sent)).toBe(false);
    expect(wizardSelectors.isStepReachable('create-app')(sent)).toBe(false);
    expect(wizardSelectors.isStepReachable('authorize')(sent)).toBe(true);
  });

  it("title the real profiles' steps as core's rules do", () => {
    const certero = stateWith({ targetId: 'certero', step: 'authorize' });
    expect(certero.session?.plan?.flow).toBe('app-only');
    expect(wizardSelectors.currentStepTitle(certero)).toBe('Test authorization');
    const defender = stateWith({ targetId: 'defender-for-cloud-apps', step: 'export' });
    expect(wizardSelectors.currentStepTitle(defender)).toBe('Summary');
    expect(wizardSelectors.planSteps(defender).map((step) => step.id)).toEqual([
      'target',
      'checklist',
      'export',
    ]);
  });

  it('show every app-creating step with its plain title before a connector is chosen', () => {
    const state = stateWith({});
    expect(wizardSelectors.plan(state)).toBeNull();
    expect(wizardSelectors.planSteps(state)).toEqual(
      STEP_IDS.filter((id) => id !== 'checklist').map((id) => ({ id, title: STEP_TITLES[id] })),
    );
    expect(wizardSelectors.currentStepTitle(state)).toBe('Choose connector');
  });

  it('still list a scope the catalogue lacks, as core sent it', () => {
    const unknown = { id: 'team_data.member', group: 'team' as const, meaning: '', probe: null };
    const state = withPlan(
      stateWith({ targetId: 'custom' }),
      sentPlan({ requiredScopes: [SCOPES[0]!, unknown] }),
    );
    expect(wizardSelectors.requiredScopeInfos(state)).toEqual([SCOPES[0], unknown]);
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
    expect(wizardSelectors.lackingScopes(withToken)).toEqual(
      RCLONE_SCOPES.filter((id) => id !== 'account_info.read'),
    );
    // Measured against the plan core sent, not a list of the renderer's own.
    const teamPlan = withPlan(
      withToken,
      sentPlan({ requiredScopes: [SCOPES[0]!, { ...SCOPES[0]!, id: 'members.read' }] }),
    );
    expect(wizardSelectors.lackingScopes(teamPlan)).toEqual(['members.read']);
    // No token held: nothing to warn about (the admin simply has not signed in).
    expect(wizardSelectors.lackingScopes(held)).toEqual([]);
    const granted: WizardState = {
      ...withToken,
      session: withToken.session && {
        ...withToken.session,
        progress: { ...withToken.session.progress, grantedScopes: [...RCLONE_SCOPES] },
      },
    };
    expect(wizardSelectors.lackingScopes(granted)).toEqual([]);
  });
});

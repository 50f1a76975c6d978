/**
 * The draft's step rules: which step may be opened (in the plan's order, so a prerequisites-only
 * target never opens Create app), and the one "invalidate from step" rule.
 */
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../../electron/shared/contract';
import {
  canOpenStep,
  furthestReachable,
  invalidateFrom,
  navigationOf,
  nextStep,
  withCompleted,
} from '../../../../electron/core/wizard/draft';
import { initialProgress } from '../../../../electron/core/wizard/saved-state';
import { getTarget } from '../../../../electron/core/targets/registry';
import { stepPlan } from '../../../../electron/core/targets/rules';

const CHECK = { id: 'x', label: 'x', status: 'pass' as const, detail: 'x' };

function verified(): Progress {
  return {
    ...initialProgress(new Date('2026-12-04T00:00:00Z')),
    targetId: 'snow-atlas',
    step: 'export',
    completed: ['target', 'create-app', 'permissions', 'authorize', 'verify', 'export'],
    appKey: 'snowatlasdemo01',
    customScopes: ['account_info.read', 'members.read'],
    inputs: { remote_name: 'dropbox' },
    appChecks: [CHECK],
    identity: {
      tokenKind: 'team',
      accountId: null,
      email: 'admin@example.test',
      emailVerified: true,
      displayName: 'Ada',
      teamId: null,
      teamName: 'Example Ltd',
      isTeamAdmin: true,
    },
    tokenKind: 'team',
    grantedScopes: ['account_info.read'],
    verifyChecks: [CHECK],
    exportedPath: '/tmp/x.json',
  };
}

describe('invalidateFrom', () => {
  it('from authorize: clears authorize, verify and export and their data, keeps what was typed', () => {
    const patch = invalidateFrom(verified(), 'authorize');
    const next = { ...verified(), ...patch };
    expect(next.completed).toEqual(['target', 'create-app', 'permissions']);
    expect(next).toMatchObject({
      step: 'authorize',
      grantedScopes: [],
      tokenKind: null,
      identity: null,
      verifyChecks: [],
      exportedPath: null,
      // Kept: the app check and everything the admin entered.
      appChecks: [CHECK],
      appKey: 'snowatlasdemo01',
      customScopes: ['account_info.read', 'members.read'],
      inputs: { remote_name: 'dropbox' },
    });
  });

  it('from create-app: the app checks go too', () => {
    const next = { ...verified(), ...invalidateFrom(verified(), 'create-app') };
    expect(next.completed).toEqual(['target']);
    expect(next.appChecks).toEqual([]);
    expect(next.step).toBe('create-app');
    expect(next.appKey).toBe('snowatlasdemo01');
  });

  it('leaves the current step alone when it is before the invalidated one', () => {
    const atPermissions = { ...verified(), step: 'permissions' as const };
    expect(invalidateFrom(atPermissions, 'verify').step).toBeUndefined();
    expect({ ...atPermissions, ...invalidateFrom(atPermissions, 'verify') }.step).toBe(
      'permissions',
    );
  });
});

describe('canOpenStep', () => {
  const full = stepPlan(getTarget('snow-atlas')!).map((s) => s.id);
  const prerequisites = stepPlan(getTarget('defender-for-cloud-apps')!).map((s) => s.id);

  it('a prerequisites-only plan is target → checklist → export, nothing else opens', () => {
    expect(prerequisites).toEqual(['target', 'checklist', 'export']);
    expect(canOpenStep(prerequisites, [], 'target')).toBe(true);
    expect(canOpenStep(prerequisites, [], 'checklist')).toBe(false);
    expect(canOpenStep(prerequisites, ['target'], 'checklist')).toBe(true);
    expect(canOpenStep(prerequisites, ['target'], 'export')).toBe(false);
    expect(canOpenStep(prerequisites, ['target', 'checklist'], 'export')).toBe(true);
    // Steps outside the plan never open, however much is completed.
    for (const step of ['create-app', 'permissions', 'authorize', 'verify'] as const) {
      expect(canOpenStep(prerequisites, ['target', 'checklist', 'export'], step)).toBe(false);
    }
    expect(furthestReachable(prerequisites, ['target'])).toBe('checklist');
    expect(nextStep(prerequisites, 'checklist')).toBe('export');
  });

  it('a full plan skips the checklist and opens one step past the last completed', () => {
    expect(full).not.toContain('checklist');
    expect(canOpenStep(full, ['target'], 'create-app')).toBe(true);
    expect(canOpenStep(full, ['target'], 'permissions')).toBe(false);
    expect(canOpenStep(full, ['target', 'create-app'], 'permissions')).toBe(true);
    expect(canOpenStep(full, ['target', 'create-app'], 'checklist')).toBe(false);
    // A gap (create-app undone again) closes everything after it.
    expect(canOpenStep(full, ['target', 'permissions', 'authorize'], 'verify')).toBe(false);
  });

  it('withCompleted keeps the canonical step order without duplicates', () => {
    expect(withCompleted(['authorize', 'target'], 'create-app')).toEqual([
      'target',
      'create-app',
      'authorize',
    ]);
    expect(withCompleted(['target'], 'target')).toEqual(['target']);
  });
});

describe('navigationOf (the snapshot the step list and Back/Continue follow)', () => {
  const full = stepPlan(getTarget('snow-atlas')!).map((s) => s.id);
  const at = (step: Progress['step'], completed: Progress['completed']): Progress => ({
    ...initialProgress(new Date('2026-12-04T00:00:00Z')),
    step,
    completed,
  });

  it('opens up to one past the last completed step, with the next and previous in plan order', () => {
    expect(navigationOf(full, at('create-app', ['target']))).toEqual({
      reachable: ['target', 'create-app'],
      next: 'permissions',
      previous: 'target',
    });
    expect(navigationOf(full, at('target', []))).toEqual({
      reachable: ['target'],
      next: 'create-app',
      previous: null,
    });
    expect(navigationOf(full, at('export', [...full])).next).toBeNull();
  });

  it('keeps the step on screen open even where an earlier step was undone', () => {
    const nav = navigationOf(full, at('verify', ['target']));
    expect(nav.reachable).toEqual(['target', 'create-app', 'verify']);
    expect(nav.reachable).not.toContain('export');
  });
});

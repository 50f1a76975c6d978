/**
 * What the admin chooses on the way (the connector, its scopes and inputs, which step to show):
 * each is checked against the profile and recorded through the one `invalidateFrom` rule, so a
 * change clears exactly the checks it makes stale.
 */
import { fail, ok, type Result } from '../../shared/result';
import { type StepId, stepIndex } from '../../shared/steps';
import { catalogueError } from '../errors';
import { getTarget } from '../targets/registry';
import { nameProblem } from '../input/name-guard';
import { defaultRedirectMode, initialCustomScopes, inputProblem } from '../targets/rules';
import { isKnownScope } from '../targets/scopes';
import { canOpenStep, invalidateFrom, withCompleted } from './draft';
import type { Session } from './session';

export interface DraftActionDeps {
  readonly session: Session;
  readonly log: (line: string) => void;
  /** Forgets the authorization held for the previous connector. */
  readonly dropAuthorization: () => void;
}

export function createDraftActions({ session, log, dropAuthorization }: DraftActionDeps) {
  return {
    selectTarget(targetId: string): Result<null> {
      const target = getTarget(targetId);
      if (!target) {
        return fail({
          code: 'invalid_input',
          message: `There is no connector called "${targetId}".`,
          remedy: 'Pick one of the connectors in the list.',
        });
      }
      const progress = session.progress();
      const changed = progress.targetId !== target.id;
      // Another product needs other scopes and checks: its authorization no longer applies here
      // (the token itself stays valid at Dropbox; the UI says so before the admin confirms).
      if (changed && progress.targetId !== null) dropAuthorization();
      const base = changed ? invalidateFrom(progress, 'create-app') : {};
      session.save({
        ...base,
        targetId: target.id,
        ...(changed
          ? {
              customScopes: initialCustomScopes(target),
              inputs: {},
              // App-only: the test sign-in shows a code unless the admin picks the loopback way.
              redirectMode: defaultRedirectMode(target),
            }
          : {}),
        completed: withCompleted(base.completed ?? progress.completed, 'target'),
      });
      log(`[wizard] target selected: ${target.id}`);
      return ok(null);
    },

    setCustomScopes(scopes: readonly string[]): Result<null> {
      const unknown = scopes.filter((scope) => !isKnownScope(scope));
      if (unknown.length > 0) {
        return fail({
          code: 'invalid_input',
          message: `Unknown scope: ${unknown.join(', ')}.`,
          remedy: 'Tick scopes from the list only.',
          field: 'scopes',
        });
      }
      session.save({ customScopes: [...new Set(scopes)].sort() });
      return ok(null);
    },

    setInputs(inputs: Readonly<Record<string, string>>): Result<null> {
      const target = session.needsTarget();
      if (!target.ok) return target;
      for (const [id, value] of Object.entries(inputs)) {
        const input = target.value.inputs.find((candidate) => candidate.id === id);
        if (!input) {
          return fail({
            code: 'invalid_input',
            message: `${target.value.name} has no setting "${id}".`,
            remedy: 'Reload the wizard window.',
          });
        }
        // A secret pasted as the rclone remote name would be stored in plain text: refused.
        const unsafe = nameProblem(input.label.toLowerCase(), value, [
          session.secret('appSecret'),
          session.secret('refreshToken'),
        ]);
        if (unsafe) return fail({ code: 'invalid_input', ...unsafe, field: `input:${id}` });
        const problem = inputProblem(input, value);
        if (problem) {
          return fail({
            code: 'invalid_input',
            message: problem,
            remedy: input.help,
            field: `input:${id}`,
          });
        }
      }
      const progress = session.progress();
      const next = { ...progress.inputs, ...inputs };
      const changed = Object.keys(next).some((id) => next[id] !== progress.inputs[id]);
      // A different base URL means a different redirect URI: the app check must run again.
      if (changed) session.save({ ...invalidateFrom(progress, 'create-app'), inputs: next });
      return ok(null);
    },

    goToStep(step: StepId): Result<null> {
      const progress = session.progress();
      // Pages with no check of their own (Permissions, Prerequisites) are marked done by moving
      // forward past them; going back does not.
      const reviewable = progress.step === 'permissions' || progress.step === 'checklist';
      const reviewed =
        reviewable && stepIndex(step) > stepIndex(progress.step)
          ? withCompleted(progress.completed, progress.step)
          : progress.completed;
      if (!canOpenStep(session.stepIds(), reviewed, step))
        return fail(catalogueError('step_not_open'));
      session.save({ step, completed: reviewed });
      return ok(null);
    },
  };
}

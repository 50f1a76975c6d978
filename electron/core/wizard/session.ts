/**
 * The wizard's state holder: the saved state (every connector's draft, keyed by id), the active
 * connector's secrets, and the snapshot the renderer gets. Every module of the wizard reads and
 * writes through one Session, so there is one owner of the current step and one place that
 * persists.
 */
import { isDeepStrictEqual } from 'node:util';
import type {
  ConnectorPlan,
  Progress,
  SessionSnapshot,
  TargetProfile,
  TransportMode,
} from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import { STEP_IDS, type StepId } from '../../shared/steps';
import { catalogueError } from '../errors';
import { getExporter } from '../export/registry';
import type { ProgressStore, SavedState, SecretName, SecretVault } from '../platform';
import { getTarget } from '../targets/registry';
import { derivePlan, requiredScopesFor } from '../targets/rules';
import { initialProgress, migrateSavedState } from './saved-state';

export interface Session {
  readonly connectorId: () => string;
  progress(): Progress;
  /** Applies a patch; a patch that changes nothing costs no disk write. */
  save(patch: Partial<Progress>): Progress;
  target(): TargetProfile | null;
  needsTarget(): Result<TargetProfile>;
  plan(): ConnectorPlan | null;
  /** Step ids that apply (every step before a target is chosen). */
  stepIds(): readonly StepId[];
  requiredScopes(target: TargetProfile): string[];
  secret(name: SecretName): string | null;
  setSecret(name: SecretName, value: string): void;
  deleteSecret(name: SecretName): void;
  needsCredentials(): Result<{ appKey: string; appSecret: string }>;
  /** Forgets the active connector's draft and secrets. */
  reset(): void;
}

export interface SessionDeps {
  readonly store: ProgressStore;
  readonly vault: SecretVault;
  readonly now: () => Date;
}

export function createSession(deps: SessionDeps): Session {
  let state: SavedState = migrateSavedState(deps.store.load(), deps.now());
  const active = (): Progress =>
    state.connectors[state.activeConnectorId] ?? initialProgress(deps.now());

  function write(progress: Progress): void {
    state = {
      ...state,
      connectors: { ...state.connectors, [state.activeConnectorId]: progress },
    };
    deps.store.save(state);
  }

  const session: Session = {
    connectorId: () => state.activeConnectorId,
    progress: active,
    save(patch) {
      const current = active();
      const next = { ...current, ...patch };
      // Continue with the same key, a step already recorded: no synchronous write on the request path.
      if (isDeepStrictEqual(next, current)) return current;
      const saved = { ...next, updatedAt: deps.now().toISOString() };
      write(saved);
      return saved;
    },
    target() {
      const id = active().targetId;
      return id ? (getTarget(id) ?? null) : null;
    },
    needsTarget() {
      const target = session.target();
      return target ? ok(target) : fail(catalogueError('no_target'));
    },
    plan() {
      const target = session.target();
      return target ? derivePlan(target, active(), (id) => getExporter(id)) : null;
    },
    stepIds() {
      const plan = session.plan();
      return plan ? plan.steps.map((step) => step.id) : STEP_IDS.filter((id) => id !== 'checklist');
    },
    requiredScopes(target) {
      return requiredScopesFor(target, active().customScopes);
    },
    // Secrets of the active connector. One connector today: the vault's names are the connector's.
    secret: (name) => deps.vault.get(name),
    setSecret: (name, value) => deps.vault.set(name, value),
    deleteSecret: (name) => deps.vault.delete(name),
    needsCredentials() {
      const { appKey } = active();
      const appSecret = deps.vault.get('appSecret');
      if (!appKey || !appSecret) {
        return fail(catalogueError(appKey ? 'secret_not_held' : 'no_app_credentials'));
      }
      return ok({ appKey, appSecret });
    },
    reset() {
      deps.vault.clear();
      deps.store.clear();
      state = migrateSavedState(null, deps.now());
    },
  };
  return session;
}

export interface SnapshotExtras {
  readonly mode: TransportMode;
}

/** Builds the renderer's view: progress, the derived plan, where secrets are, and host facts. */
export function snapshotOf(
  session: Session,
  vault: SecretVault,
  extras: Omit<SessionSnapshot, 'connectorId' | 'progress' | 'plan' | 'secrets' | 'storage'>,
): SessionSnapshot {
  return {
    ...extras,
    connectorId: session.connectorId(),
    progress: session.progress(),
    plan: session.plan(),
    secrets: { appSecret: vault.state('appSecret'), refreshToken: vault.state('refreshToken') },
    storage: vault.info(),
  };
}

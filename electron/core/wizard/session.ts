/**
 * The wizard's state holder: the saved state (every connector's record, keyed by id), each
 * connector's secrets (vault names `<connectorId>.<kind>`), which connector is active, and the
 * snapshot the renderer gets. Every module of the wizard reads and writes through one Session,
 * so there is one owner of the current step and one place that persists.
 */
import { isDeepStrictEqual } from 'node:util';
import type {
  ConnectorPlan,
  Progress,
  SessionSnapshot,
  TargetProfile,
} from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import { STEP_IDS, type StepId } from '../../shared/steps';
import { catalogueError } from '../errors';
import { getExporter } from '../export/registry';
import type { ProgressStore, SavedState, SecretKind, SecretName, SecretVault } from '../platform';
import { getTarget } from '../targets/registry';
import { derivePlan, requiredScopesFor } from '../targets/rules';
import { navigationOf } from './draft';
import { loadSavedState } from './load-saved-state';
import { FIRST_CONNECTOR_ID, initialProgress } from './saved-state';

export interface Session {
  readonly connectorId: () => string;
  progress(): Progress;
  /** Applies a patch to the active connector; a patch that changes nothing costs no disk write. */
  save(patch: Partial<Progress>): Progress;
  target(): TargetProfile | null;
  needsTarget(): Result<TargetProfile>;
  plan(): ConnectorPlan | null;
  /** Step ids that apply (every step before a target is chosen). */
  stepIds(): readonly StepId[];
  requiredScopes(target: TargetProfile): string[];
  secret(kind: SecretKind): string | null;
  setSecret(kind: SecretKind, value: string): void;
  deleteSecret(kind: SecretKind): void;
  needsCredentials(): Result<{ appKey: string; appSecret: string }>;
  /** Forgets the active connector's draft and secrets (the others stay). */
  reset(): void;

  // Saved connectors.
  ids(): string[];
  record(id: string): Progress | null;
  update(id: string, patch: Partial<Progress>): void;
  secretOf(id: string, kind: SecretKind): string | null;
  setSecretOf(id: string, kind: SecretKind, value: string): void;
  /** Makes `id` the active connector. */
  activate(id: string): boolean;
  /** A new, empty connector, made active; returns its id. */
  create(): string;
  /** Deletes a connector and its secrets; another one (or a fresh draft) becomes active. */
  remove(id: string): void;
  /** What could not be read from the saved state at start, for the home screen. */
  notices(): readonly string[];
}

export interface SessionDeps {
  readonly store: ProgressStore;
  readonly vault: SecretVault;
  readonly now: () => Date;
  readonly log?: (line: string) => void;
}

const KINDS: readonly SecretKind[] = ['appSecret', 'refreshToken'];

export function secretName(connectorId: string, kind: SecretKind): SecretName {
  return `${connectorId}.${kind}`;
}

export function createSession(deps: SessionDeps): Session {
  const { vault } = deps;
  const loaded = loadSavedState(deps.store, deps.now(), deps.log);
  let state: SavedState = loaded.state;
  // The first release kept one connector's secrets under bare names: move them under it.
  for (const kind of KINDS) {
    const legacy = vault.get(kind);
    if (legacy === null) continue;
    if (vault.get(secretName(FIRST_CONNECTOR_ID, kind)) === null) {
      vault.set(secretName(FIRST_CONNECTOR_ID, kind), legacy);
    }
    vault.delete(kind);
  }

  const id = (): string => state.activeConnectorId;
  const record = (connectorId: string): Progress | null => state.connectors[connectorId] ?? null;
  const active = (): Progress => record(id()) ?? initialProgress(deps.now());

  function persist(): void {
    // An unreadable file that could not be kept aside is never overwritten.
    if (!loaded.readOnly) deps.store.save(state);
  }

  function write(connectorId: string, progress: Progress): void {
    state = { ...state, connectors: { ...state.connectors, [connectorId]: progress } };
    persist();
  }

  function update(connectorId: string, patch: Partial<Progress>): Progress {
    const current = record(connectorId) ?? initialProgress(deps.now());
    const next = { ...current, ...patch };
    // Continue with the same key, a step already recorded: no synchronous write on the request path.
    if (isDeepStrictEqual(next, current)) return current;
    const saved = { ...next, updatedAt: deps.now().toISOString() };
    write(connectorId, saved);
    return saved;
  }

  function nextId(): string {
    let n = 1;
    // Never an id an unreadable record keeps: the new connector would shadow (and lose) its copy.
    while (
      state.connectors[`connector-${n}`] ||
      state.unreadable?.[`connector-${n}`] !== undefined
    ) {
      n += 1;
    }
    return `connector-${n}`;
  }

  const session: Session = {
    connectorId: id,
    progress: active,
    save: (patch) => update(id(), patch),
    target() {
      const targetId = active().targetId;
      return targetId ? (getTarget(targetId) ?? null) : null;
    },
    needsTarget() {
      const target = session.target();
      return target ? ok(target) : fail(catalogueError('no_target'));
    },
    plan() {
      const target = session.target();
      return target ? derivePlan(target, active(), (formatId) => getExporter(formatId)) : null;
    },
    stepIds() {
      const plan = session.plan();
      return plan ? plan.steps.map((step) => step.id) : STEP_IDS.filter((s) => s !== 'checklist');
    },
    requiredScopes(target) {
      return requiredScopesFor(target, active().customScopes);
    },
    secret: (kind) => vault.get(secretName(id(), kind)),
    setSecret: (kind, value) => vault.set(secretName(id(), kind), value),
    deleteSecret: (kind) => vault.delete(secretName(id(), kind)),
    needsCredentials() {
      const { appKey } = active();
      const appSecret = session.secret('appSecret');
      if (!appKey || !appSecret) {
        return fail(catalogueError(appKey ? 'secret_not_held' : 'no_app_credentials'));
      }
      return ok({ appKey, appSecret });
    },
    reset() {
      for (const kind of KINDS) session.deleteSecret(kind);
      write(id(), initialProgress(deps.now()));
    },

    ids: () => Object.keys(state.connectors),
    record,
    update: (connectorId, patch) => void update(connectorId, patch),
    secretOf: (connectorId, kind) => vault.get(secretName(connectorId, kind)),
    setSecretOf: (connectorId, kind, value) => vault.set(secretName(connectorId, kind), value),
    activate(connectorId) {
      if (!state.connectors[connectorId]) return false;
      if (connectorId !== id()) {
        state = { ...state, activeConnectorId: connectorId };
        persist();
      }
      return true;
    },
    create() {
      const connectorId = nextId();
      state = {
        ...state,
        activeConnectorId: connectorId,
        connectors: { ...state.connectors, [connectorId]: initialProgress(deps.now()) },
      };
      persist();
      return connectorId;
    },
    notices: () => loaded.notices,
    remove(connectorId) {
      for (const kind of KINDS) vault.delete(secretName(connectorId, kind));
      const connectors = { ...state.connectors };
      delete connectors[connectorId];
      const remaining = Object.keys(connectors);
      if (remaining.length === 0) {
        state = { ...state, connectors: {} };
        const fresh = nextId();
        state = {
          ...state,
          activeConnectorId: fresh,
          connectors: { [fresh]: initialProgress(deps.now()) },
        };
      } else {
        const activeId = connectorId === id() ? (remaining[0] as string) : id();
        state = { ...state, activeConnectorId: activeId, connectors };
      }
      persist();
    },
  };
  return session;
}

/** Builds the renderer's view: progress, the derived plan, where secrets are, and host facts. */
export function snapshotOf(
  session: Session,
  vault: SecretVault,
  extras: Omit<
    SessionSnapshot,
    'connectorId' | 'progress' | 'plan' | 'secrets' | 'storage' | 'navigation'
  >,
): SessionSnapshot {
  const connectorId = session.connectorId();
  const progress = session.progress();
  return {
    ...extras,
    connectorId,
    progress,
    navigation: navigationOf(session.stepIds(), progress),
    plan: session.plan(),
    secrets: {
      appSecret: vault.state(secretName(connectorId, 'appSecret')),
      refreshToken: vault.state(secretName(connectorId, 'refreshToken')),
    },
    storage: vault.info(),
  };
}

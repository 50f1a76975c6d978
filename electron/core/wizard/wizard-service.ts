/**
 * The wizard service: the one implementation of the bridge contract, as a thin facade over the
 * modules that do the work (session, app check, authorizations, verify, export, tokens). Both
 * transports call it through `dispatchBridgeCall`; it is built only by `compose.ts`.
 *
 * Where things live: non-secret progress → ProgressStore (via Session); app secret and refresh
 * token → SecretVault; access token, OAuth state, PKCE verifier, open attempt → memory only.
 */
import type { BridgeApi, SessionSnapshot } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { DropboxContext } from '../dropbox/context';
import type { DropboxEndpoints } from '../dropbox/endpoints';
import { cleanPastedValue } from '../input/paste-hygiene';
import type { EventSink, HostShell, ProgressStore, SecretVault } from '../platform';
import { TARGETS } from '../targets/registry';
import { redirectUriForPort } from '../targets/redirect-ports';
import { SCOPES } from '../targets/scopes';
import { checkApp } from './app-check';
import { createAuthorizations } from './authorization';
import { invalidateFrom, navigationOf } from './draft';
import { createPendingHolder } from './code-exchange';
import { connectorApi } from './connector-api';
import { createConnectors } from './connectors';
import { createDraftActions } from './draft-actions';
import { createExports } from './export';
import { createSession, snapshotOf } from './session';
import { createTokenKeeper, revokeHeld, revokeReplaced } from './tokens';
import { runVerify } from './verify';

export interface WizardServiceDeps {
  readonly shell: HostShell;
  readonly progress: ProgressStore;
  readonly vault: SecretVault;
  readonly events: EventSink;
  readonly endpoints: DropboxEndpoints;
  readonly redirectPorts: readonly number[];
  readonly ctx: DropboxContext;
  readonly dataDir: string;
  readonly log: (line: string) => void;
  readonly now: () => Date;
  readonly longPollMs: number;
  readonly authorizationTimeoutMs: number;
  /** The wizard's version, for reports. */
  readonly version: string;
}

export function createWizardService(deps: WizardServiceDeps): BridgeApi {
  const { log, now, endpoints, ctx } = deps;
  const session = createSession({ store: deps.progress, vault: deps.vault, now, log });
  const tokens = createTokenKeeper(ctx, (rotated) => session.setSecret('refreshToken', rotated));
  const redirectUris = deps.redirectPorts.map(redirectUriForPort);
  // A key typed but not yet accepted by Dropbox: shown back on reload, never written to disk
  // (it may be a secret pasted into the wrong field).
  let typedKey: string | null = null;
  // A reconnect that signed in as someone else waits here for the admin's decision.
  const pending = createPendingHolder();
  const replacedRevoker = (appKey: string, appSecret: string, token: string): void =>
    void revokeReplaced(ctx, { appKey, appSecret }, token, session, log);

  const authorizations = createAuthorizations({
    session,
    tokens,
    ctx,
    endpoints,
    shell: deps.shell,
    ports: deps.redirectPorts,
    emit: (event) => deps.events.emit(event),
    log,
    longPollMs: deps.longPollMs,
    timeoutMs: deps.authorizationTimeoutMs,
    pending,
    onReplaced: replacedRevoker,
  });
  const exports = createExports({
    session,
    tokens,
    shell: deps.shell,
    dataDir: deps.dataDir,
    endpoints,
    now,
    log,
  });

  function snapshot(): SessionSnapshot {
    const view = snapshotOf(session, deps.vault, {
      mode: deps.shell.mode,
      redirectUris,
      appConsoleUrl: endpoints.appConsoleUrl,
      dataDir: deps.dataDir,
      defaultExportPath: exports.defaultPath(),
      pendingAuthorization: authorizations.pending(),
      savedStateNotices: session.notices(),
    });
    if (typedKey === null) return view;
    // A typed key Dropbox has not accepted yet: shown back as a new, unchecked key (Create app
    // not done, its secret not held). Nothing is written; typing the accepted key back restores it.
    if (typedKey === view.progress.appKey) return view;
    const progress = {
      ...view.progress,
      ...invalidateFrom(view.progress, 'create-app'),
      appKey: typedKey,
    };
    return {
      ...view,
      progress,
      navigation: navigationOf(session.stepIds(), progress),
      secrets: { ...view.secrets, appSecret: 'none' },
    };
  }

  /** Forgets the authorization the wizard holds (another target, a revoke, starting over). */
  function dropAuthorization(): void {
    authorizations.cancel();
    tokens.forget();
    session.deleteSecret('refreshToken');
  }

  const drafts = createDraftActions({ session, log, dropAuthorization });
  const connectors = createConnectors({
    session,
    ctx,
    now,
    log,
    dropAuthorization,
    // Another connector becomes active: this one's secrets are its own and stay.
    leaveConnector: () => {
      authorizations.cancel();
      tokens.forget();
    },
    exchange: { session, tokens, ctx, log, pending, onReplaced: replacedRevoker },
    mode: deps.shell.mode,
    emit: (event) => deps.events.emit(event),
  });
  const withSnapshot = (result: Result<null>): Result<SessionSnapshot> =>
    result.ok ? ok(snapshot()) : result;

  return {
    ...connectorApi({ session, connectors, exports, snapshot, now, version: deps.version }),
    getSession: async () => ok(snapshot()),
    listTargets: async () => ok(TARGETS),
    listScopes: async () => ok(SCOPES),

    selectTarget: async (args) => withSnapshot(drafts.selectTarget(args.targetId)),
    setCustomScopes: async (args) => withSnapshot(drafts.setCustomScopes(args.scopes)),
    setInputs: async (args) => withSnapshot(drafts.setInputs(args.inputs)),
    goToStep: async (args) => withSnapshot(drafts.goToStep(args.step)),
    async saveAppKey({ appKey }) {
      const cleaned = cleanPastedValue('app_key', appKey);
      // A token or URL pasted into the key field is refused, and never written to disk.
      if (cleaned.problem) return fail(cleaned.problem);
      typedKey = cleaned.value === session.progress().appKey ? null : cleaned.value;
      return ok(snapshot());
    },

    // Create app's Continue is this one call: the check, on a clean pass the next step, and the
    // draft as it now stands.
    async checkAppCredentials({ advance, ...args }) {
      const deps = { session, ctx, endpoints, redirectUris, log };
      const report = await checkApp(deps, args, (key) => (typedKey = key));
      if (!report.ok) return report;
      const clean = report.value.passed && report.value.checks.every((c) => c.status !== 'warn');
      const next = snapshot().navigation.next;
      if (advance && clean && next) drafts.goToStep(next);
      return ok({ ...report.value, session: snapshot() });
    },

    async openAppConsole() {
      const url = endpoints.appConsoleUrl;
      const opened = deps.shell.openAppConsole
        ? await deps.shell.openAppConsole(url)
        : await deps.shell.openExternal(url);
      return ok({ url, opened });
    },

    startAuthorization: (args) => authorizations.start(args),
    waitForAuthorization: ({ attemptId }) => authorizations.wait(attemptId),
    submitAuthorizationCode: ({ code }) => authorizations.submitCode(code),
    async cancelAuthorization() {
      authorizations.cancel();
      return ok(null);
    },

    runVerify: () => runVerify({ session, tokens, ctx, log, now }),
    revealSecret: async ({ field }) => exports.reveal(field),
    copySecret: async ({ field }) => exports.copy(field),
    exportConfig: (args) => exports.write(args),

    async revokeToken() {
      const revoked = await revokeHeld(ctx, session, tokens);
      if (!revoked.ok) return revoked;
      dropAuthorization();
      session.save(invalidateFrom(session.progress(), 'authorize'));
      log('[wizard] token revoked');
      return ok(null);
    },

    async setSecretPersistence({ optIn }) {
      deps.vault.setOptIn(optIn);
      return ok(snapshot());
    },

    async startOver() {
      dropAuthorization();
      typedKey = null;
      session.reset();
      log('[wizard] started over');
      return ok(snapshot());
    },
  };
}

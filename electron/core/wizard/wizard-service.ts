/**
 * The wizard service: the one implementation of the bridge contract, as a thin facade over the
 * modules that do the work (session, app check, authorizations, verify, export, tokens). Both
 * transports call it through `dispatchBridgeCall`; it is built only by `compose.ts`.
 *
 * Where things live: non-secret progress → ProgressStore (via Session); app secret and refresh
 * token → SecretVault; access token, OAuth state, PKCE verifier, open attempt → memory only.
 */
import path from 'node:path';
import type { BridgeApi, SessionSnapshot, TargetProfile } from '../../shared/contract';
import { fail, ok } from '../../shared/result';
import { stepIndex } from '../../shared/steps';
import type { DropboxContext } from '../dropbox/context';
import type { DropboxEndpoints } from '../dropbox/endpoints';
import { toWizardError } from '../dropbox/failure';
import { refreshAccessToken } from '../dropbox/oauth';
import { catalogueError } from '../errors';
import { exportFileName, getExporter } from '../export/registry';
import { cleanPastedValue } from '../input/paste-hygiene';
import type { EventSink, HostShell, ProgressStore, SecretVault } from '../platform';
import { getTarget, TARGETS } from '../targets/registry';
import { redirectUriForPort } from '../targets/redirect-ports';
import { initialCustomScopes, inputProblem } from '../targets/rules';
import { isKnownScope, SCOPES } from '../targets/scopes';
import { checkApp } from './app-check';
import { createAuthorizations } from './authorization';
import { canOpenStep, invalidateFrom, withCompleted } from './draft';
import { CLIPBOARD_CLEAR_SECONDS, createExports } from './export';
import { createSession, snapshotOf } from './session';
import { createTokenKeeper, revokeGrant } from './tokens';
import { runVerify } from './verify';

export { CLIPBOARD_CLEAR_SECONDS };

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
}

export function createWizardService(deps: WizardServiceDeps): BridgeApi {
  const { log, now, endpoints, ctx } = deps;
  const session = createSession({ store: deps.progress, vault: deps.vault, now });
  const tokens = createTokenKeeper(ctx, (rotated) => session.setSecret('refreshToken', rotated));
  const redirectUris = deps.redirectPorts.map(redirectUriForPort);
  // A key typed but not yet accepted by Dropbox: shown back on reload, never written to disk
  // (it may be a secret pasted into the wrong field).
  let typedKey: string | null = null;

  async function revokeReplaced(appKey: string, appSecret: string, refreshToken: string) {
    try {
      const { accessToken } = await refreshAccessToken(ctx, { appKey, appSecret, refreshToken });
      await revokeGrant(ctx, accessToken, session.progress().tokenKind ?? 'user');
      log('[wizard] revoked the authorization this one replaced');
    } catch (error) {
      const { code } = toWizardError(error);
      // Where Dropbox refuses (a team token without team_data.member), say where the link is removed.
      const where =
        code === 'revoke_refused'
          ? '; it stays linked until removed in the Dropbox Admin Console → Apps'
          : '';
      log(`[wizard] could not revoke the replaced authorization (${code})${where}`);
    }
  }

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
    onReplaced: (key, secret, token) => void revokeReplaced(key, secret, token),
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
      defaultExportPath: defaultExportPathFor(session.target()),
      pendingAuthorization: authorizations.pending(),
    });
    if (typedKey === null) return view;
    // A typed key Dropbox has not accepted yet: shown back as a new, unchecked key (Create app
    // not done, its secret not held). Nothing is written; typing the accepted key back restores it.
    if (typedKey === view.progress.appKey) return view;
    return {
      ...view,
      progress: {
        ...view.progress,
        ...invalidateFrom(view.progress, 'create-app'),
        appKey: typedKey,
      },
      secrets: { ...view.secrets, appSecret: 'none' },
    };
  }

  /** Where the default format's file goes when the admin does not choose (browser mode shows it). */
  function defaultExportPathFor(target: TargetProfile | null): string {
    const exporter = target ? getExporter(target.formats[0] ?? '') : undefined;
    if (!target || !exporter) return '';
    return path.join(
      deps.dataDir,
      'exports',
      exportFileName(exporter, target.id, now(), { redacted: false }),
    );
  }

  /** Forgets the authorization the wizard holds (another target, a revoke, starting over). */
  function dropAuthorization(): void {
    authorizations.cancel();
    tokens.forget();
    session.deleteSecret('refreshToken');
  }

  return {
    getSession: async () => ok(snapshot()),
    listTargets: async () => ok(TARGETS),
    listScopes: async () => ok(SCOPES),

    async selectTarget({ targetId }) {
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
        ...(changed ? { customScopes: initialCustomScopes(target), inputs: {} } : {}),
        completed: withCompleted(base.completed ?? progress.completed, 'target'),
      });
      log(`[wizard] target selected: ${target.id}`);
      return ok(snapshot());
    },

    async setCustomScopes({ scopes }) {
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
      return ok(snapshot());
    },

    async setInputs({ inputs }) {
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
      // A different base URL means a different redirect URI: the app check must run again.
      session.save({
        ...invalidateFrom(progress, 'create-app'),
        inputs: { ...progress.inputs, ...inputs },
      });
      return ok(snapshot());
    },

    async goToStep({ step }) {
      const progress = session.progress();
      const steps = session.stepIds();
      // Pages with no check of their own (Permissions, Prerequisites) are marked done by moving
      // forward past them; going back does not.
      const reviewable = progress.step === 'permissions' || progress.step === 'checklist';
      const reviewed =
        reviewable && stepIndex(step) > stepIndex(progress.step)
          ? withCompleted(progress.completed, progress.step)
          : progress.completed;
      if (!canOpenStep(steps, reviewed, step)) return fail(catalogueError('step_not_open'));
      session.save({ step, completed: reviewed });
      return ok(snapshot());
    },

    async saveAppKey({ appKey }) {
      const cleaned = cleanPastedValue('app_key', appKey);
      // A token or URL pasted into the key field is refused, and never written to disk.
      if (cleaned.problem) return fail(cleaned.problem);
      typedKey = cleaned.value === session.progress().appKey ? null : cleaned.value;
      return ok(snapshot());
    },

    checkAppCredentials: (args) =>
      checkApp({ session, ctx, endpoints, redirectUris, log }, args, (key) => (typedKey = key)),

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

    runVerify: () => runVerify({ session, tokens, ctx, log }),
    revealSecret: async ({ field }) => exports.reveal(field),
    copySecret: async ({ field }) => exports.copy(field),
    exportConfig: (args) => exports.write(args),

    async revokeToken() {
      const creds = session.needsCredentials();
      if (!creds.ok) return creds;
      try {
        const token = await tokens.fresh(creds.value, session.secret('refreshToken'));
        await revokeGrant(ctx, token, session.progress().tokenKind ?? 'user');
      } catch (error) {
        const wizardError = toWizardError(error);
        // An already-dead token is the outcome the admin asked for; a refusal is not.
        if (wizardError.code !== 'refresh_failed' && wizardError.code !== 'token_invalid')
          return fail(wizardError);
      }
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

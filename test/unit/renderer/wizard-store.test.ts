/**
 * The store's event-named actions against a fake Node side reached through the real transport
 * (`window.wizardBridge`, as the preload provides it in Electron). State is module-level, so each
 * test imports fresh copies of the store and the bridge.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  AppCheckOutcome,
  AuthorizationStart,
  AuthorizationWait,
  BridgeEvent,
} from '../../../electron/shared/contract';
import { type Result, fail, ok } from '../../../electron/shared/result';
import type { StepId } from '../../../electron/shared/steps';
import {
  EXISTING_FILE,
  REDIRECT_URIS,
  SCOPES,
  SUMMARY,
  TARGETS,
  appReport,
  check,
  error,
  fakeCore,
  pending,
  type FakeCore,
} from './support/fake-core';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function openStore(core: FakeCore) {
  vi.resetModules();
  const clipboard = { text: '' };
  const window = {
    wizardBridge: core.bridge,
    open: vi.fn(),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
    addEventListener: vi.fn(),
  };
  vi.stubGlobal('window', window);
  vi.stubGlobal('navigator', {
    clipboard: {
      writeText: vi.fn(async (value: string) => {
        clipboard.text = value;
      }),
      readText: vi.fn(async () => clipboard.text),
    },
  });
  const store = await import('../../../renderer/src/store/wizard-store');
  const { wizardSelectors } = await import('../../../renderer/src/store/selectors');
  const state = () => store.useWizardStore.getState();
  const { APP_ACCEPTED_NOTICE } = await import('../../../renderer/src/store/app-slice');
  const { nextAuthorizePort } = await import('../../../renderer/src/store/authorization-slice');
  return {
    ...store,
    // The store's actions, called as the screens call them.
    ...store.useWizardStore.getState(),
    APP_ACCEPTED_NOTICE,
    nextAuthorizePort,
    window,
    clipboard,
    state,
    /** The step the admin sees. */
    screen: () => wizardSelectors.currentStep(state()),
  };
}

/**
 * Opens the wizard and walks it to `step` the way an admin would (Continue after each step, so
 * the store asks core for the next one). goToStep's record is cleared on arrival: each test
 * counts only the calls its own actions make.
 */
async function openAt(core: FakeCore, step: 'target' | 'create-app' | 'authorize' | 'verify') {
  const store = await openStore(core);
  await store.wizardOpened();
  const arrived = () => {
    expect(store.screen()).toBe(step);
    core.bridge.goToStep.mockClear();
    return store;
  };
  if (step === 'target') return arrived();
  await store.targetChosen('rclone');
  if (step === 'create-app') return arrived();
  core.update({ step: 'authorize', completed: ['target', 'create-app', 'permissions'] });
  await store.wizardOpened();
  if (step === 'authorize') return arrived();
  await store.authorizationCodeSubmitted('code-from-dropbox');
  await store.authorizationConfirmed();
  return arrived();
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const WAITING: BridgeEvent = {
  type: 'waiting',
  reason: 'rate_limited',
  operation: 'checkAppCredentials',
  retryAt: 1_700_000_030_000,
  attempt: 1,
};

// ---------------------------------------------------------------------------------------------

describe('opening the wizard', () => {
  it('loads the session, the connector list and the scope catalogue, then shows the saved step', async () => {
    const core = fakeCore();
    core.update({ targetId: 'rclone', step: 'create-app', completed: ['target'] });
    const store = await openStore(core);

    expect(store.state().boot).toEqual({ status: 'loading' });
    await store.wizardOpened();

    expect(store.state().boot).toEqual({ status: 'ready' });
    expect(store.state().session).toEqual(core.snapshot());
    expect(store.state().targets).toEqual(TARGETS);
    expect(store.state().scopes).toEqual(SCOPES);
    expect(store.screen()).toBe('create-app');
    expect(core.bridge.getSession).toHaveBeenCalledTimes(1);
    expect(core.bridge.listTargets).toHaveBeenCalledTimes(1);
    expect(core.bridge.listScopes).toHaveBeenCalledTimes(1);
  });

  it('shows the failure, not a half-loaded wizard, when any of the three calls fails', async () => {
    const core = fakeCore();
    core.bridge.listScopes.mockResolvedValueOnce(fail(error('internal', 'Catalogue missing.')));
    const store = await openStore(core);

    await store.wizardOpened();

    expect(store.state().boot).toEqual({
      status: 'failed',
      error: error('internal', 'Catalogue missing.'),
    });
    expect(store.state().session).toBeNull();
  });

  it('shows an offline failure when the main process is gone, and recovers on Try again', async () => {
    const core = fakeCore();
    core.bridge.getSession.mockRejectedValueOnce(new Error('Object has been destroyed'));
    const store = await openStore(core);

    await store.wizardOpened();
    const boot = store.state().boot;
    expect(boot.status === 'failed' && boot.error.code).toBe('offline');

    await store.wizardOpened();
    expect(store.state().boot).toEqual({ status: 'ready' });
  });

  it('subscribes to bridge events only once however often it is opened', async () => {
    const core = fakeCore();
    const store = await openStore(core);

    await store.wizardOpened();
    await store.wizardOpened();

    expect(core.bridge.onEvent).toHaveBeenCalledTimes(1);
  });
});

describe('choosing a connector (step 1)', () => {
  it('selects it on the Node side and asks core for Create app', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'target');

    await store.targetChosen('rclone');

    expect(core.bridge.selectTarget).toHaveBeenCalledWith({ targetId: 'rclone' });
    // Core records step 1 but stays on it; the renderer asks for the next step of the plan.
    expect(core.bridge.goToStep).toHaveBeenCalledTimes(1);
    expect(core.bridge.goToStep).toHaveBeenCalledWith({ step: 'create-app' });
    expect(core.progress()).toMatchObject({ step: 'create-app', completed: ['target'] });
    expect(store.screen()).toBe('create-app');
    expect(store.state().session?.progress.targetId).toBe('rclone');
    expect(store.state().session?.plan).toEqual(core.plan());
    expect(store.state().pending).toBeNull();
  });

  it('does not ask again when core already moved on by itself', async () => {
    const core = fakeCore();
    core.bridge.selectTarget.mockImplementationOnce(async ({ targetId }) => {
      core.update({ targetId, completed: ['target'], step: 'create-app' });
      return ok(core.snapshot());
    });
    const store = await openAt(core, 'target');

    await store.targetChosen('rclone');

    expect(core.bridge.goToStep).not.toHaveBeenCalled();
    expect(store.screen()).toBe('create-app');
  });

  it('saves the ticked scopes of a Custom connector before moving on', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'target');

    await store.targetChosen('custom', ['files.content.read', 'account_info.read']);

    expect(core.bridge.setCustomScopes).toHaveBeenCalledWith({
      scopes: ['files.content.read', 'account_info.read'],
    });
    expect(core.bridge.selectTarget.mock.invocationCallOrder[0]).toBeLessThan(
      core.bridge.setCustomScopes.mock.invocationCallOrder[0] ?? 0,
    );
    expect(store.state().session?.progress.customScopes).toEqual([
      'account_info.read',
      'files.content.read',
    ]);
    // The scopes shown from now on are the ones core derived from the ticks.
    expect(store.state().session?.plan?.requiredScopes.map((scope) => scope.id)).toEqual(
      core.plan()?.requiredScopes.map((scope) => scope.id),
    );
    expect(store.state().session?.plan?.requiredScopes.map((scope) => scope.id)).toContain(
      'files.content.read',
    );
    expect(store.screen()).toBe('create-app');
  });

  it("saves the product's inputs before moving on, and the plan core sends fills them in", async () => {
    const core = fakeCore();
    const store = await openAt(core, 'target');
    expect(core.plan()).toBeNull();

    await store.targetChosen('cerb', undefined, { cerb_base_url: 'https://cerb.example.com/' });

    expect(core.bridge.setInputs).toHaveBeenCalledWith({
      inputs: { cerb_base_url: 'https://cerb.example.com/' },
    });
    expect(core.bridge.selectTarget.mock.invocationCallOrder[0]).toBeLessThan(
      core.bridge.setInputs.mock.invocationCallOrder[0] ?? 0,
    );
    expect(store.state().session?.plan).toEqual(core.plan());
    expect(store.state().session?.plan?.missingInputs).toEqual([]);
    expect(store.screen()).toBe('create-app');
  });

  it("stays on step 1 with the input core refused, and core's field for focus", async () => {
    const core = fakeCore();
    const store = await openAt(core, 'target');

    await store.targetChosen('cerb', undefined, { cerb_base_url: 'http://cerb.example.com' });

    expect(store.screen()).toBe('target');
    expect(store.state().stepError?.field).toBe('input:cerb_base_url');
    expect(core.bridge.goToStep).not.toHaveBeenCalled();
  });

  it("stays on step 1 and shows core's error when the choice is refused", async () => {
    const core = fakeCore();
    const store = await openAt(core, 'target');

    await store.targetChosen('no-such-connector');

    expect(store.screen()).toBe('target');
    expect(store.state().stepError?.code).toBe('invalid_input');
    expect(store.state().pending).toBeNull();
    expect(core.bridge.goToStep).not.toHaveBeenCalled();
  });

  it('marks the call as pending while it runs, so Continue cannot be pressed twice', async () => {
    const core = fakeCore();
    const answer = deferred<Result<ReturnType<FakeCore['snapshot']>>>();
    core.bridge.selectTarget.mockReturnValueOnce(answer.promise);
    const store = await openAt(core, 'target');

    const chosen = store.targetChosen('rclone');
    expect(store.state().pending).toBe('select_target');
    core.update({ targetId: 'rclone', completed: ['target'], step: 'create-app' });
    answer.resolve(ok(core.snapshot()));
    await chosen;

    expect(store.state().pending).toBeNull();
  });
});

describe('checking the app credentials (step 2)', () => {
  it('moves on to Permissions when every check passes, in one call', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'create-app');
    core.bridge.getSession.mockClear();

    const passed = await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });

    expect(passed).toBe(true);
    // Create app's Continue is one round trip: the check moves core on and returns its draft.
    expect(core.bridge.checkAppCredentials).toHaveBeenCalledTimes(1);
    expect(core.bridge.goToStep).not.toHaveBeenCalled();
    expect(core.bridge.getSession).not.toHaveBeenCalled();
    expect(core.progress().step).toBe('permissions');
    expect(core.progress().completed).toEqual(['target', 'create-app']);
    expect(store.screen()).toBe('permissions');
    expect(store.state()).not.toHaveProperty('heldStep');
    expect(store.state().appReport).toEqual(core.nextAppReport);
    expect(store.state().session).toEqual(core.snapshot());
    expect(core.bridge.checkAppCredentials).toHaveBeenCalledWith({
      appKey: 'appkey',
      appSecret: 'S3CRET',
      advance: true,
    });
  });

  it('stays on Create app when core did not move on (the store never decides progress)', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'create-app');
    // Core answers with a pass but keeps the draft on Create app.
    core.bridge.checkAppCredentials.mockImplementationOnce(async () =>
      ok({ ...core.nextAppReport, session: core.snapshot() }),
    );

    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });

    expect(core.bridge.goToStep).not.toHaveBeenCalled();
    expect(store.screen()).toBe('create-app');
    expect(store.state().notice).toBeNull();
  });

  it('keeps Create app on screen after a pass with a warning until the admin continues', async () => {
    const core = fakeCore();
    core.nextAppReport = appReport(
      check('app_credentials', 'pass'),
      check('redirect_uri', 'warn', 'Alternate redirect URIs are not registered.'),
    );
    const store = await openAt(core, 'create-app');

    const passed = await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });

    expect(passed).toBe(true);
    // Core recorded the pass and stays on Create app; the store does not ask to move on, so
    // the warning can be read.
    expect(core.progress().step).toBe('create-app');
    expect(core.progress().completed).toContain('create-app');
    expect(store.screen()).toBe('create-app');
    expect(store.state().appReport?.checks[1]?.status).toBe('warn');
    expect(core.bridge.goToStep).not.toHaveBeenCalled();

    await store.appCredentialsAccepted();

    expect(core.bridge.goToStep).toHaveBeenCalledTimes(1);
    expect(core.bridge.goToStep).toHaveBeenCalledWith({ step: 'permissions' });
    expect(store.screen()).toBe('permissions');
  });

  it('lets Back leave Create app for step 1 after a pass with a warning', async () => {
    const core = fakeCore();
    core.nextAppReport = appReport(check('app_credentials', 'pass'), check('redirect_uri', 'warn'));
    const store = await openAt(core, 'create-app');
    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });

    await store.backPressed();

    expect(core.bridge.goToStep).toHaveBeenCalledTimes(1);
    expect(core.bridge.goToStep).toHaveBeenCalledWith({ step: 'target' });
    expect(core.progress().step).toBe('target');
    expect(store.screen()).toBe('target');
  });

  it('stays on Create app after a failing check and exposes every check for the screen', async () => {
    const core = fakeCore();
    const failed = {
      ...check('app_credentials', 'fail', 'Dropbox did not accept this App key and secret.'),
      error: error('bad_app_credentials', 'Dropbox did not accept this App key and secret.'),
    };
    core.nextAppReport = appReport(failed, check('redirect_uri', 'info', 'Not checked.'));
    const store = await openAt(core, 'create-app');

    const passed = await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'wrong' });

    expect(passed).toBe(false);
    expect(store.screen()).toBe('create-app');
    expect(core.progress().step).toBe('create-app');
    expect(core.progress().completed).not.toContain('create-app');
    expect(store.state().appReport?.checks).toEqual([
      failed,
      check('redirect_uri', 'info', 'Not checked.'),
    ]);
    expect(store.state().stepError).toBeNull();
    // The session is refreshed: a rejected secret is no longer held.
    expect(store.state().session?.secrets.appSecret).toBe('none');
    expect(core.bridge.goToStep).not.toHaveBeenCalled();
  });

  it('shows a refused call (e.g. an empty secret) as the step error and stays', async () => {
    const core = fakeCore();
    core.bridge.checkAppCredentials.mockResolvedValueOnce(
      fail(error('no_credentials', 'The App secret is empty.')),
    );
    const store = await openAt(core, 'create-app');

    const passed = await store.appCredentialsChecked({ appKey: 'appkey', appSecret: '' });

    expect(passed).toBe(false);
    expect(store.screen()).toBe('create-app');
    expect(store.state().stepError?.code).toBe('no_credentials');
    expect(store.state().pending).toBeNull();
  });

  it('asks core to reuse the held secret when none is typed, and skips the redirect check on request', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'create-app');

    await store.appCredentialsChecked({ appKey: 'appkey', noRedirectUri: true });

    const args = core.bridge.checkAppCredentials.mock.calls[0]?.[0];
    expect(args).toEqual({ appKey: 'appkey', redirectMode: 'manual', advance: true });
    expect(args).not.toHaveProperty('appSecret');
  });
});

describe('the local service lost and back (restart recovery)', () => {
  it('drops the lost-contact error once the service answers again: no "Try again" left over', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'create-app');
    const connection = await import('../../../renderer/src/bridge/connection');
    core.bridge.checkAppCredentials.mockResolvedValueOnce(
      fail(error('offline', 'The wizard lost contact with its local service.')),
    );
    connection.markLost('unreachable');
    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });
    expect(store.state().stepError?.code).toBe('offline');

    connection.markConnected();

    expect(store.state().stepError).toBeNull();
  });

  it('keeps any other step error when the service comes back', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'create-app');
    const connection = await import('../../../renderer/src/bridge/connection');
    core.bridge.checkAppCredentials.mockResolvedValueOnce(
      fail(error('no_credentials', 'The App secret is empty.')),
    );
    connection.markLost('unreachable');
    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: '' });
    connection.markConnected();
    expect(store.state().stepError?.code).toBe('no_credentials');
  });
});

describe('secrets never enter the store', () => {
  it('keeps out the app secret, the authorization code and revealed or copied tokens', async () => {
    vi.useFakeTimers();
    const core = fakeCore({ mode: 'browser' });
    const APP_SECRET = core.secretValues.app_secret;
    const CODE = 'AUTH-CODE-must-not-leak';
    const REFRESH = core.secretValues.refresh_token;
    const store = await openAt(core, 'create-app');
    const leaks = () => {
      const dump = JSON.stringify(store.state());
      return [APP_SECRET, CODE, REFRESH].filter((secret) => dump.includes(secret));
    };

    // A failing check, a pass with a warning, then a clean pass: each with the secret typed.
    core.nextAppReport = appReport(check('app_credentials', 'fail', 'Rejected.'));
    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: APP_SECRET });
    expect(leaks()).toEqual([]);
    core.nextAppReport = appReport(check('app_credentials', 'pass'), check('redirect_uri', 'warn'));
    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: APP_SECRET });
    expect(leaks()).toEqual([]);
    core.nextAppReport = appReport(check('app_credentials', 'pass'));
    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: APP_SECRET });
    expect(core.bridge.checkAppCredentials).toHaveBeenLastCalledWith({
      appKey: 'appkey',
      appSecret: APP_SECRET,
      advance: true,
    });
    expect(leaks()).toEqual([]);

    // Manual sign-in: the pasted code goes to core only.
    await store.permissionsReviewed();
    await store.authorizationRequested({ method: 'manual', forceReauthentication: false });
    expect(store.state().authorization.phase).toBe('code');
    await store.authorizationCodeSubmitted(CODE);
    expect(core.bridge.submitAuthorizationCode).toHaveBeenCalledWith({ code: CODE });
    await store.authorizationConfirmed();
    expect(store.screen()).toBe('verify');
    expect(leaks()).toEqual([]);

    // Reveal hands the value to the caller only; Copy puts it on the clipboard only.
    await expect(store.secretRevealRequested('refresh_token')).resolves.toBe(REFRESH);
    await expect(store.secretCopyRequested('app_secret')).resolves.toBe(30);
    expect(store.clipboard.text).toBe(APP_SECRET);
    expect(leaks()).toEqual([]);

    // And the copied secret does not outlive its delay on the clipboard.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(store.clipboard.text).toBe('');
  });
});

describe('the retry countdown', () => {
  it('appears when the Node side reports a wait and disappears on waitingEnded', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'target');

    core.emit(WAITING);
    expect(store.state().waiting).toEqual(WAITING);

    const later = { ...WAITING, attempt: 2, retryAt: WAITING.retryAt + 60_000 };
    core.emit(later);
    expect(store.state().waiting).toEqual(later);

    store.waitingEnded();
    expect(store.state().waiting).toBeNull();
  });

  it('disappears once the call it belonged to answers', async () => {
    const core = fakeCore();
    const answer = deferred<Result<ReturnType<FakeCore['snapshot']>>>();
    core.bridge.selectTarget.mockReturnValueOnce(answer.promise);
    const store = await openAt(core, 'target');

    const chosen = store.targetChosen('rclone');
    core.emit(WAITING);
    expect(store.state().waiting).toEqual(WAITING);
    answer.resolve(fail(error('rate_limited')));
    await chosen;

    expect(store.state().waiting).toBeNull();
    expect(store.state().stepError?.code).toBe('rate_limited');
  });

  it('ignores authorization hints, which never change what is on screen', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'target');
    const before = store.state();

    core.emit({ type: 'authorization', attemptId: 'a1', status: 'arrived' });

    expect(store.state()).toBe(before);
  });
});

describe('signing in (step 4)', () => {
  it('keeps waiting while Dropbox answers pending, then goes on to Verify by itself', async () => {
    const core = fakeCore();
    core.bridge.waitForAuthorization
      .mockResolvedValueOnce(pending())
      .mockResolvedValueOnce(pending())
      .mockImplementationOnce(async () => core.authorized());
    const store = await openAt(core, 'authorize');

    await store.authorizationRequested({ method: 'internal', forceReauthentication: false });

    expect(core.bridge.startAuthorization).toHaveBeenCalledWith({ method: 'internal' });
    expect(core.bridge.waitForAuthorization).toHaveBeenCalledTimes(3);
    expect(core.bridge.waitForAuthorization).toHaveBeenCalledWith({
      attemptId: 'attempt-internal',
    });
    expect(store.state().authorization).toEqual({ phase: 'authorized', summary: SUMMARY });
    // Core records Authorize and stays; the store asks for Verify itself (nothing to decide on
    // Authorize once Dropbox answered), so the admin lands on Verify without a click.
    expect(core.progress().completed).toContain('authorize');
    expect(core.bridge.goToStep).toHaveBeenCalledWith({ step: 'verify' });
    expect(store.screen()).toBe('verify');
    expect(store.state().stepError).toBeNull();
    // Electron opened the sign-in itself; the page must not open it a second time.
    expect(store.window.open).not.toHaveBeenCalled();
  });

  it('shows the waiting state while the long poll is open', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'authorize');

    void store.authorizationRequested({ method: 'internal', forceReauthentication: true });
    await vi.waitFor(() => expect(core.bridge.waitForAuthorization).toHaveBeenCalledTimes(1));

    expect(core.bridge.startAuthorization).toHaveBeenCalledWith({
      method: 'internal',
      forceReauthentication: true,
    });
    expect(store.state().authorization.phase).toBe('waiting');
    expect(store.screen()).toBe('authorize');
    await store.authorizationCancelled();
  });

  it('stops polling and clears the screen without an error when the admin cancels', async () => {
    const core = fakeCore();
    const longPoll = deferred<Result<AuthorizationWait>>();
    core.bridge.waitForAuthorization.mockReturnValueOnce(longPoll.promise);
    const store = await openAt(core, 'authorize');

    const attempt = store.authorizationRequested({
      method: 'internal',
      forceReauthentication: false,
    });
    await vi.waitFor(() => expect(core.bridge.waitForAuthorization).toHaveBeenCalledTimes(1));
    await store.authorizationCancelled();
    // Core ends the cancelled attempt's long poll with a failure; nobody should see it.
    longPoll.resolve(fail(error('authorization_cancelled')));
    await attempt;

    expect(core.bridge.cancelAuthorization).toHaveBeenCalledTimes(1);
    expect(core.bridge.waitForAuthorization).toHaveBeenCalledTimes(1);
    expect(store.state().authorization).toEqual({ phase: 'idle' });
    expect(store.state().stepError).toBeNull();
    expect(store.screen()).toBe('authorize');
  });

  it('ignores an authorization that arrives for a cancelled attempt', async () => {
    const core = fakeCore();
    const longPoll = deferred<Result<AuthorizationWait>>();
    core.bridge.waitForAuthorization.mockReturnValueOnce(longPoll.promise);
    const store = await openAt(core, 'authorize');

    const attempt = store.authorizationRequested({
      method: 'internal',
      forceReauthentication: false,
    });
    await vi.waitFor(() => expect(core.bridge.waitForAuthorization).toHaveBeenCalledTimes(1));
    await store.authorizationCancelled();
    longPoll.resolve(ok({ status: 'authorized', summary: SUMMARY }));
    await attempt;

    expect(store.state().authorization).toEqual({ phase: 'idle' });
  });

  it('cancels the running attempt when another sign-in method is chosen, so only the new one delivers', async () => {
    const core = fakeCore();
    const oldPoll = deferred<Result<AuthorizationWait>>();
    core.bridge.waitForAuthorization.mockReturnValueOnce(oldPoll.promise);
    const store = await openAt(core, 'authorize');

    const first = store.authorizationRequested({
      method: 'internal',
      forceReauthentication: false,
    });
    await vi.waitFor(() => expect(core.bridge.waitForAuthorization).toHaveBeenCalledTimes(1));
    await store.authorizationRequested({ method: 'manual', forceReauthentication: false });
    oldPoll.resolve(fail(error('authorization_cancelled')));
    await first;

    expect(core.bridge.cancelAuthorization).toHaveBeenCalledTimes(1);
    expect(store.state().authorization.phase).toBe('code');
    expect(store.state().stepError).toBeNull();
  });

  // A superseded start must not write its failure (or clear `pending`) over the new attempt.
  it('does not show a late failure of a superseded start over the new attempt', async () => {
    const core = fakeCore();
    const oldStart = deferred<Result<AuthorizationStart>>();
    const newStart = deferred<Result<AuthorizationStart>>();
    core.bridge.startAuthorization
      .mockReturnValueOnce(oldStart.promise)
      .mockReturnValueOnce(newStart.promise);
    const store = await openAt(core, 'authorize');

    const first = store.authorizationRequested({ method: 'browser', forceReauthentication: false });
    const second = store.authorizationRequested({ method: 'manual', forceReauthentication: false });
    await vi.waitFor(() => expect(core.bridge.startAuthorization).toHaveBeenCalledTimes(2));
    oldStart.resolve(fail(error('port_busy')));
    await first;
    expect(store.state().pending).toBe('start_authorization');
    newStart.resolve(
      ok({
        attemptId: 'attempt-manual',
        method: 'manual',
        authorizeUrl: 'https://www.dropbox.com/oauth2/authorize?client_id=appkey',
        redirectUri: null,
        opened: true,
      }),
    );
    await second;

    expect(store.state().authorization.phase).toBe('code');
    expect(store.state().stepError).toBeNull();
  });

  it('stops polling and shows the error when the wait fails', async () => {
    const core = fakeCore();
    core.bridge.waitForAuthorization
      .mockResolvedValueOnce(pending())
      .mockResolvedValueOnce(fail(error('authorization_timeout', 'Sign-in took too long.')));
    const store = await openAt(core, 'authorize');

    await store.authorizationRequested({ method: 'internal', forceReauthentication: false });

    expect(core.bridge.waitForAuthorization).toHaveBeenCalledTimes(2);
    expect(store.state().authorization).toEqual({ phase: 'idle' });
    expect(store.state().stepError?.code).toBe('authorization_timeout');
    expect(store.screen()).toBe('authorize');
  });

  it('opens the Dropbox page in a new tab, without an opener, only when the Node side could not', async () => {
    const core = fakeCore({ mode: 'browser' });
    core.bridge.waitForAuthorization.mockImplementationOnce(async () => core.authorized());
    const store = await openAt(core, 'authorize');
    const tab: { opener: unknown } = { opener: 'the wizard tab' };
    store.window.open.mockReturnValueOnce(tab);

    await store.authorizationRequested({ method: 'browser', forceReauthentication: false });

    expect(store.window.open).toHaveBeenCalledTimes(1);
    // No `noopener`: with it window.open answers null, and the page cannot tell a blocked tab.
    expect(store.window.open).toHaveBeenCalledWith(
      'https://www.dropbox.com/oauth2/authorize?client_id=appkey&state=s-browser',
      '_blank',
    );
    expect(tab.opener).toBeNull();
  });

  it('marks the attempt opened when the tab came back, so "No new tab?" stays hidden', async () => {
    const core = fakeCore({ mode: 'browser' });
    const store = await openAt(core, 'authorize');
    store.window.open.mockReturnValueOnce({ opener: null });

    void store.authorizationRequested({ method: 'browser', forceReauthentication: false });

    await vi.waitFor(() => expect(store.state().authorization.phase).toBe('waiting'));
    const auth = store.state().authorization;
    expect(auth.phase === 'waiting' && auth.start.opened).toBe(true);
  });

  it('leaves the attempt unopened when the browser blocked the tab, so the link shows', async () => {
    const core = fakeCore({ mode: 'browser' });
    const store = await openAt(core, 'authorize');
    store.window.open.mockReturnValueOnce(null);

    void store.authorizationRequested({ method: 'browser', forceReauthentication: false });

    await vi.waitFor(() => expect(store.state().authorization.phase).toBe('waiting'));
    const auth = store.state().authorization;
    expect(auth.phase === 'waiting' && auth.start.opened).toBe(false);
  });

  it('shows a refused start (port busy) and remembers the port so "Try the next port" moves on', async () => {
    const core = fakeCore();
    core.bridge.startAuthorization.mockResolvedValueOnce(fail(error('port_busy')));
    const store = await openAt(core, 'authorize');

    await store.authorizationRequested({ method: 'browser', forceReauthentication: false });

    expect(store.state().authorization).toEqual({ phase: 'idle' });
    expect(store.state().stepError?.code).toBe('port_busy');
    expect(store.state().lastAuthorizePort).toBe(53682);
    expect(store.nextAuthorizePort(store.state())).toBe(53683);

    core.bridge.waitForAuthorization.mockImplementationOnce(async () => core.authorized());
    await store.authorizationRequested({
      method: 'browser',
      port: 53683,
      forceReauthentication: false,
    });
    expect(core.bridge.startAuthorization).toHaveBeenLastCalledWith({
      method: 'browser',
      port: 53683,
    });
    expect(store.nextAuthorizePort(store.state())).toBe(53684);
  });

  it('offers no next port after the last registered one', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'authorize');
    const state = { ...store.state(), lastAuthorizePort: 53684 };

    expect(REDIRECT_URIS.at(-1)).toContain('53684');
    expect(store.nextAuthorizePort(state)).toBeNull();
  });
});

describe('Verify and after (steps 5 and 6)', () => {
  it('keeps the passed Verify report on screen until the admin continues to Export', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'verify');
    expect(store.screen()).toBe('verify');

    await store.verifyRequested();

    // Core records the pass and stays on Verify; the store does not ask to move on.
    expect(core.progress().step).toBe('verify');
    expect(core.progress().completed).toContain('verify');
    expect(store.state().session?.progress.step).toBe('verify');
    expect(store.screen()).toBe('verify');
    expect(store.state().verifyReport?.passed).toBe(true);
    expect(core.bridge.goToStep).not.toHaveBeenCalled();

    await store.verifiedContinued();

    expect(core.bridge.goToStep).toHaveBeenCalledTimes(1);
    expect(core.bridge.goToStep).toHaveBeenCalledWith({ step: 'export' });
    expect(core.progress().step).toBe('export');
    expect(store.screen()).toBe('export');
  });

  it('asking for the step already on screen does not call core again', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'verify');
    await store.verifyRequested();

    await store.stepRequested('verify');

    expect(store.screen()).toBe('verify');
    expect(core.bridge.goToStep).not.toHaveBeenCalled();

    await store.stepRequested('export');

    expect(store.screen()).toBe('export');
    expect(core.bridge.goToStep).toHaveBeenCalledTimes(1);
  });

  it('reports a revoked token as success although the bridge answers null, and shows the notice', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'verify');
    await store.verifyRequested();
    await store.verifiedContinued();

    await expect(store.tokenRevoked()).resolves.toBe(true);

    expect(store.screen()).toBe('authorize');
    expect(store.state().notice).toMatch(/revoked/);
    expect(store.state().authorization).toEqual({ phase: 'idle' });
  });

  it('reports a failed revoke as failure and stays', async () => {
    const core = fakeCore();
    core.bridge.revokeToken.mockResolvedValueOnce(fail(error('offline')));
    const store = await openAt(core, 'verify');
    await store.verifyRequested();
    await store.verifiedContinued();

    await expect(store.tokenRevoked()).resolves.toBe(false);

    expect(store.screen()).toBe('export');
    expect(store.state().stepError?.code).toBe('offline');
    expect(store.state().notice).toBeNull();
  });

  it('Start over returns to step 1 with no report, attempt or error left from the last run', async () => {
    const core = fakeCore();
    core.nextAppReport = appReport(check('app_credentials', 'pass'), check('redirect_uri', 'warn'));
    core.bridge.waitForAuthorization.mockImplementationOnce(async () => core.authorized());
    const store = await openAt(core, 'create-app');
    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });
    await store.appCredentialsAccepted();
    await store.permissionsReviewed();
    await store.authorizationRequested({ method: 'browser', forceReauthentication: false });
    await store.authorizationConfirmed();
    await store.verifyRequested();
    expect(store.screen()).toBe('verify');
    expect(store.state()).toMatchObject({ lastAuthorizePort: 53682 });
    expect(store.state().appReport).not.toBeNull();
    expect(store.state().verifyReport).not.toBeNull();

    await store.startOverConfirmed();

    expect(store.screen()).toBe('target');
    expect(store.state().session?.plan).toBeNull();
    expect(store.state()).toMatchObject({
      appReport: null,
      verifyReport: null,
      stepError: null,
      lastAuthorizePort: null,
      authorization: { phase: 'idle' },
    });
  });
});

describe('the App key as the admin types or pastes it (step 2)', () => {
  it('reports a token pasted as the key and leaves it unsaved', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'create-app');
    await store.appKeyEdited('appkey');

    const refused = await store.appKeyEdited('sl.u.AbCdEf0123456789');

    expect(refused?.code).toBe('wrong_field');
    expect(refused?.message).toMatch(/not an App key/);
    expect(store.state().session?.progress.appKey).toBe('appkey');
    // Not a step error: the screen shows it under the field.
    expect(store.state().stepError).toBeNull();
  });

  it('forgets the held secret and the app checks when the key changes', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'create-app');
    core.nextAppReport = appReport(check('app_credentials', 'pass'), check('redirect_uri', 'warn'));
    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });
    expect(store.state().session?.secrets.appSecret).toBe('memory');
    expect(store.state().appReport).not.toBeNull();

    await expect(store.appKeyEdited('otherkey')).resolves.toBeNull();

    expect(store.state().session?.secrets.appSecret).toBe('none');
    expect(store.state().session?.progress.appChecks).toEqual([]);
    expect(store.state().appReport).toBeNull();
    expect(store.state().appChecksStale).toBe(true);
  });

  it('does not call core when the key is unchanged', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'create-app');
    await store.appKeyEdited('appkey');
    core.bridge.saveAppKey.mockClear();

    await expect(store.appKeyEdited('appkey')).resolves.toBeNull();

    expect(core.bridge.saveAppKey).not.toHaveBeenCalled();
  });
});

describe('a new app check', () => {
  it('drops the previous report while it runs', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'create-app');
    core.nextAppReport = appReport(check('app_credentials', 'pass'), check('redirect_uri', 'warn'));
    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });
    const answer = deferred<Result<AppCheckOutcome>>();
    core.bridge.checkAppCredentials.mockReturnValueOnce(answer.promise);

    const checking = store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET2' });

    expect(store.state().appReport).toBeNull();
    expect(store.state().appChecksStale).toBe(true);
    answer.resolve(
      ok({ ...appReport(check('app_credentials', 'pass')), session: core.snapshot() }),
    );
    await checking;
    expect(store.state().appReport?.checks).toHaveLength(1);
  });

  it('says on Permissions what Dropbox accepted (each pre-flight) when it moved on by itself', async () => {
    const core = fakeCore();
    core.nextAppReport = appReport(
      check('app_credentials', 'pass', 'Dropbox accepted the app key appkey and its secret.'),
      check('redirect_uri', 'pass', 'Dropbox accepts http://127.0.0.1:53682/.'),
      check('redirect_uri_2', 'pass', 'Dropbox accepts http://127.0.0.1:53683/.'),
    );
    const store = await openAt(core, 'create-app');

    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });

    expect(store.screen()).toBe('permissions');
    // The notice lists each pre-flight that passed, one per line, after the headline.
    const lines = store.state().notice?.split('\n') ?? [];
    expect(lines[0]).toBe(store.APP_ACCEPTED_NOTICE);
    expect(lines.slice(1)).toEqual(core.nextAppReport.checks.map((c) => `${c.label}: ${c.detail}`));
    expect(lines.length).toBeGreaterThan(1);

    // The notice belongs to that one arrival; moving on drops it.
    await store.permissionsReviewed();
    expect(store.state().notice).toBeNull();
  });

  it('shows no such notice while Create app holds a warning', async () => {
    const core = fakeCore();
    core.nextAppReport = appReport(check('app_credentials', 'pass'), check('redirect_uri', 'warn'));
    const store = await openAt(core, 'create-app');

    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });

    expect(store.screen()).toBe('create-app');
    expect(store.state().notice).toBeNull();
  });

  it('refreshes what core holds after a refused call (secret pasted as the key)', async () => {
    const core = fakeCore();
    core.bridge.checkAppCredentials.mockResolvedValueOnce(
      fail(error('wrong_field', 'You pasted the App key into App secret.')),
    );
    const store = await openAt(core, 'create-app');
    core.bridge.getSession.mockClear();

    await expect(
      store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'appkey' }),
    ).resolves.toBe(false);

    expect(store.state().stepError?.code).toBe('wrong_field');
    expect(core.bridge.getSession).toHaveBeenCalled();
    expect(store.state().appReport).toBeNull();
  });
});

describe('changing the connector after authorization', () => {
  it('forgets the authorization, the reports and the passed app check', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'verify');
    await store.verifyRequested();
    await store.verifiedContinued();
    expect(store.state().authorization.phase).toBe('authorized');

    await store.targetChosen('custom', ['account_info.read']);

    expect(store.screen()).toBe('create-app');
    expect(store.state()).toMatchObject({
      appReport: null,
      verifyReport: null,
      authorization: { phase: 'idle' },
    });
    expect(store.state().session?.progress.completed).toEqual(['target']);
    expect(store.state().session?.secrets.refreshToken).toBe('none');
  });

  it('keeps the screen state when the same connector is confirmed again', async () => {
    const core = fakeCore();
    core.nextAppReport = appReport(check('app_credentials', 'pass'), check('redirect_uri', 'warn'));
    const store = await openAt(core, 'create-app');
    await store.appCredentialsChecked({ appKey: 'appkey', appSecret: 'S3CRET' });
    const report = store.state().appReport;

    await store.targetChosen('rclone');

    expect(store.state().appReport).toBe(report);
  });
});

describe('a reload while a sign-in is running', () => {
  const ON_AUTHORIZE: StepId[] = ['target', 'create-app', 'permissions'];
  const RUNNING: AuthorizationStart = {
    attemptId: 'attempt-7',
    method: 'browser',
    authorizeUrl: 'https://www.dropbox.com/oauth2/authorize?client_id=appkey&state=s7',
    redirectUri: 'http://127.0.0.1:53683/',
    opened: true,
  };

  it('waits for that attempt again, without opening a new tab', async () => {
    const core = fakeCore({ mode: 'browser' });
    core.update({ targetId: 'rclone', step: 'authorize', completed: ON_AUTHORIZE });
    core.setPendingAuthorization(RUNNING);
    const store = await openStore(core);

    await store.wizardOpened();

    expect(store.state().authorization).toEqual({
      phase: 'waiting',
      start: RUNNING,
      resumed: true,
    });
    expect(store.state().lastAuthorizePort).toBe(53683);
    await vi.waitFor(() =>
      expect(core.bridge.waitForAuthorization).toHaveBeenCalledWith({ attemptId: 'attempt-7' }),
    );
    expect(core.bridge.startAuthorization).not.toHaveBeenCalled();
    expect(store.window.open).not.toHaveBeenCalled();
    await store.authorizationCancelled();
  });

  it('goes on to Verify when the resumed attempt delivers', async () => {
    const core = fakeCore({ mode: 'browser' });
    core.update({ targetId: 'rclone', step: 'authorize', completed: ON_AUTHORIZE });
    core.setPendingAuthorization(RUNNING);
    const delivered = deferred<Result<AuthorizationWait>>();
    core.bridge.waitForAuthorization.mockReturnValueOnce(delivered.promise);
    const store = await openStore(core);
    await store.wizardOpened();

    delivered.resolve(core.authorized());

    await vi.waitFor(() =>
      expect(store.state().authorization).toEqual({ phase: 'authorized', summary: SUMMARY }),
    );
    expect(store.state().session?.progress.completed).toContain('authorize');
    await vi.waitFor(() => expect(store.screen()).toBe('verify'));
  });

  it('shows the code field again for a shown-code attempt', async () => {
    const core = fakeCore();
    core.update({ targetId: 'rclone', step: 'authorize', completed: ON_AUTHORIZE });
    const manual: AuthorizationStart = { ...RUNNING, method: 'manual', redirectUri: null };
    core.setPendingAuthorization(manual);
    const store = await openStore(core);

    await store.wizardOpened();

    expect(store.state().authorization).toEqual({ phase: 'code', start: manual, resumed: true });
    expect(core.bridge.waitForAuthorization).not.toHaveBeenCalled();
  });

  it('goes on to Verify when the attempt finished between the reload and the poll', async () => {
    const core = fakeCore();
    core.update({ targetId: 'rclone', step: 'authorize', completed: ON_AUTHORIZE });
    core.setPendingAuthorization(RUNNING);
    // As core: a poll arriving after the attempt ended gets that attempt's real outcome.
    core.bridge.waitForAuthorization.mockImplementationOnce(async () => {
      const outcome = core.authorized();
      core.setPendingAuthorization(null);
      return outcome;
    });
    const store = await openStore(core);

    await store.wizardOpened();

    await vi.waitFor(() =>
      expect(store.state().authorization).toEqual({ phase: 'authorized', summary: SUMMARY }),
    );
    await vi.waitFor(() => expect(store.screen()).toBe('verify'));
    expect(store.state().stepError).toBeNull();
  });

  // Core stays on Authorize after a sign-in, so the step says nothing about whether the attempt
  // delivered; waitLoop asks whether core holds a new authorization and no longer runs the attempt.
  it('shows no error when a failed poll follows a sign-in that delivered', async () => {
    const core = fakeCore();
    core.update({ targetId: 'rclone', step: 'authorize', completed: ON_AUTHORIZE });
    core.setPendingAuthorization(RUNNING);
    core.bridge.waitForAuthorization.mockImplementationOnce(async () => {
      core.authorized();
      core.setPendingAuthorization(null);
      return fail(error('authorization_cancelled', 'This sign-in attempt is no longer active.'));
    });
    const store = await openStore(core);

    await store.wizardOpened();

    await vi.waitFor(() => expect(store.state().authorization).toEqual({ phase: 'idle' }));
    expect(store.state().session?.progress.completed).toContain('authorize');
    expect(store.state().stepError).toBeNull();
  });

  it('leaves a pending attempt alone when core is not on Authorize', async () => {
    const core = fakeCore();
    core.update({ targetId: 'rclone', step: 'verify', completed: ['target', 'create-app'] });
    core.setPendingAuthorization(RUNNING);
    const store = await openStore(core);

    await store.wizardOpened();

    expect(store.state().authorization).toEqual({ phase: 'idle' });
    expect(core.bridge.waitForAuthorization).not.toHaveBeenCalled();
  });
});

describe('exporting (step 6)', () => {
  it('hands back a refusal to replace a file without making it a step error', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'verify');

    const refused = await store.exportRequested({ path: EXISTING_FILE });

    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('file_exists');
    expect(!refused.ok && refused.error.action).toBe('replace_file');
    expect(!refused.ok && refused.error.field).toBe('export_path');
    expect(store.state().stepError).toBeNull();
    expect(store.state().pending).toBeNull();
    expect(store.state().session?.progress.exportedPath).toBeNull();
  });

  it('replaces the file only with the one-time confirmation core sent with file_exists', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'verify');
    const refused = await store.exportRequested({ path: EXISTING_FILE });
    const confirmation = !refused.ok ? refused.error.confirmation : undefined;
    expect(confirmation).toEqual(expect.any(String));

    // A made-up confirmation is refused again (with a new one).
    const guessed = await store.exportRequested({ path: EXISTING_FILE, replace: 'guess' });
    expect(!guessed.ok && guessed.error.code).toBe('file_exists');
    const fresh = !guessed.ok ? guessed.error.confirmation : undefined;
    expect(fresh).not.toBe(confirmation);

    const replaced = await store.exportRequested({ path: EXISTING_FILE, replace: fresh });

    expect(replaced.ok).toBe(true);
    expect(core.bridge.exportConfig).toHaveBeenLastCalledWith({
      path: EXISTING_FILE,
      replace: fresh,
    });
    expect(store.state().session?.progress.exportedPath).toBe(EXISTING_FILE);
    expect(store.state().stepError).toBeNull();

    // One time only: the same confirmation does not replace the file again.
    const again = await store.exportRequested({ path: EXISTING_FILE, replace: fresh });
    expect(!again.ok && again.error.code).toBe('file_exists');
  });

  it('sends the chosen format and no replace when none was given', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'verify');
    const format = core.plan()?.formats.at(-1)?.id;

    const written = await store.exportRequested({ format, path: '/home/admin/new.env' });

    expect(core.bridge.exportConfig).toHaveBeenLastCalledWith({
      format,
      path: '/home/admin/new.env',
    });
    expect(written.ok && written.value.format).toBe(format);
  });

  it('asks for the support copy alone', async () => {
    const core = fakeCore();
    const store = await openAt(core, 'verify');

    const written = await store.exportRequested({ redacted: true });

    expect(core.bridge.exportConfig).toHaveBeenCalledWith({ redacted: true });
    expect(written).toEqual(
      ok({
        path: '/home/admin/dropbox-connector.redacted.json',
        redacted: true,
        // The connector's first format, from core's plan.
        format: core.plan()?.formats[0]?.id,
      }),
    );
  });
});

describe('the copy message', () => {
  it('hears when the page cleared the clipboard (browser mode)', async () => {
    vi.useFakeTimers();
    const core = fakeCore({ mode: 'browser' });
    const store = await openAt(core, 'verify');
    const onCleared = vi.fn();

    await expect(store.secretCopyRequested('refresh_token', onCleared)).resolves.toBe(30);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(onCleared).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);

    expect(onCleared).toHaveBeenCalledWith('cleared');
    expect(store.clipboard.text).toBe('');
  });

  it('hears when main is due to clear it (Electron)', async () => {
    vi.useFakeTimers();
    const core = fakeCore();
    core.bridge.copySecret.mockResolvedValueOnce(
      ok({ copiedBy: 'main' as const, clearsAfterSeconds: 60 }),
    );
    const store = await openAt(core, 'verify');
    const onCleared = vi.fn();

    await store.secretCopyRequested('app_secret', onCleared);
    await vi.advanceTimersByTimeAsync(60_000);

    expect(onCleared).toHaveBeenCalledWith('cleared');
  });
});

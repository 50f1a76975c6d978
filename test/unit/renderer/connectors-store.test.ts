/**
 * Saved connectors in the store: which screen opens, the home screen's list, Check /
 * Check all, reconnect and the different-account decision, rename, delete with an honest revoke,
 * import, the error decoder and the verification report. Same fake core and transport as
 * wizard-store.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuthorizationStart } from '../../../electron/shared/contract';
import { fail } from '../../../electron/shared/result';
import { type FakeCore, error, fakeCore, healthOf, savedProgress } from './support/fake-core';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function openStore(core: FakeCore) {
  vi.resetModules();
  vi.stubGlobal('window', {
    wizardBridge: core.bridge,
    open: vi.fn(),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
    addEventListener: vi.fn(),
  });
  const store = await import('../../../renderer/src/store/wizard-store');
  const actions = await import('../../../renderer/src/store/connector-actions');
  const { wizardSelectors } = await import('../../../renderer/src/store/selectors');
  const state = () => store.useWizardStore.getState();
  return {
    ...store,
    ...store.useWizardStore.getState(),
    ...actions,
    state,
    selectors: wizardSelectors,
  };
}

/** Two saved connectors (rclone for two teams) and the active one finished too. */
function twoSaved(): FakeCore {
  const core = fakeCore({ mode: 'browser' });
  core.update(savedProgress({ name: 'rclone — Team A' }));
  core.setSecrets({ appSecret: 'stored', refreshToken: 'stored' });
  core.addConnector('team-b', savedProgress({ name: 'rclone — Team B' }));
  return core;
}

describe('which screen opens', () => {
  it('opens the wizard while no connector is saved', async () => {
    const store = await openStore(fakeCore());
    await store.wizardOpened();
    expect(store.state().view).toEqual({ screen: 'wizard' });
    expect(store.state().connectors).toHaveLength(1);
  });

  it('opens the home screen once a connector is saved', async () => {
    const store = await openStore(twoSaved());
    await store.wizardOpened();
    expect(store.state().view).toEqual({ screen: 'home' });
    expect(store.state().connectors?.map((row) => row.name)).toEqual([
      'rclone — Team B',
      'rclone — Team A',
    ]);
    expect(store.selectors.hasSavedConnectors(store.state())).toBe(true);
  });

  it('stays in the wizard when the admin was inside a run (an unfinished connector past step 1)', async () => {
    const core = fakeCore();
    core.addConnector('saved', savedProgress());
    core.update({ targetId: 'rclone', step: 'create-app', completed: ['target'] });
    const store = await openStore(core);
    await store.wizardOpened();
    expect(store.state().view).toEqual({ screen: 'wizard' });
  });

  it('stays in the wizard while a sign-in is still running', async () => {
    const core = twoSaved();
    const running: AuthorizationStart = {
      attemptId: 'attempt-1',
      method: 'browser',
      authorizeUrl: 'https://www.dropbox.com/oauth2/authorize?state=s1',
      redirectUri: 'http://127.0.0.1:53682/',
      opened: true,
    };
    core.update({ step: 'authorize' });
    core.setPendingAuthorization(running);
    const store = await openStore(core);
    await store.wizardOpened();
    expect(store.state().view).toEqual({ screen: 'wizard' });
    await store.authorizationCancelled();
  });

  it('still opens the wizard when the list cannot be read', async () => {
    const core = twoSaved();
    core.bridge.listConnectors.mockResolvedValueOnce(fail(error('internal')));
    const store = await openStore(core);
    await store.wizardOpened();
    expect(store.state().boot).toEqual({ status: 'ready' });
    expect(store.state().view).toEqual({ screen: 'wizard' });
  });
});

describe('the home screen', () => {
  it('Connectors returns to it from the wizard and cancels a running sign-in', async () => {
    const core = fakeCore();
    core.update({ targetId: 'rclone', step: 'authorize', completed: ['target', 'create-app'] });
    const store = await openStore(core);
    await store.wizardOpened();
    void store.authorizationRequested({ method: 'internal', forceReauthentication: false });
    await vi.waitFor(() => expect(store.state().authorization.phase).toBe('waiting'));

    await store.homeRequested();

    expect(store.state().view).toEqual({ screen: 'home' });
    expect(core.bridge.cancelAuthorization).toHaveBeenCalled();
    expect(store.state().authorization).toEqual({ phase: 'idle' });
  });

  it('New connector starts a fresh wizard and keeps the others', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();

    await store.newConnectorRequested();

    expect(store.state().view).toEqual({ screen: 'wizard' });
    expect(store.state().session?.progress.step).toBe('target');
    await vi.waitFor(() => expect(store.state().connectors).toHaveLength(3));
  });

  it('opens a saved connector on its page and an unfinished one in its wizard', async () => {
    const core = twoSaved();
    core.addConnector('draft', {
      ...savedProgress(),
      completed: ['target'],
      step: 'create-app',
      health: null,
    });
    const store = await openStore(core);
    await store.wizardOpened();

    await store.connectorOpened('team-b');
    expect(store.state().view).toEqual({ screen: 'connector', connectorId: 'team-b' });
    expect(store.state().session?.connectorId).toBe('team-b');

    await store.connectorOpened('draft');
    expect(store.state().view).toEqual({ screen: 'wizard' });
    expect(store.state().session?.progress.step).toBe('create-app');
  });

  it('forgets the other connector’s sign-in state when another one is opened', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();
    store.useWizardStore.setState({
      verifyReport: {
        checks: [],
        identity: null,
        tokenKind: null,
        grantedScopes: [],
        missingScopes: [],
        extraScopes: [],
        passed: true,
      },
    });

    await store.connectorOpened('team-b');

    expect(store.state().verifyReport).toBeNull();
    expect(store.state().authorization).toEqual({ phase: 'idle' });
  });
});

describe('health checks', () => {
  it('Check now keeps the result with what changed, and the row turns failing', async () => {
    const core = twoSaved();
    const change = {
      id: 'refresh',
      kind: 'broke' as const,
      what: 'The refresh token was revoked.',
      fix: 'Press Reconnect.',
      action: 'reconnect' as const,
    };
    core.nextHealth.set('team-b', healthOf(false, [change]));
    const store = await openStore(core);
    await store.wizardOpened();
    await store.connectorOpened('team-b');

    expect(await store.connectorCheckRequested('team-b')).toBe(true);

    expect(store.state().health['team-b']?.changes).toEqual([change]);
    expect(store.state().connectors?.find((row) => row.id === 'team-b')?.status).toBe('failing');
    expect(store.state().session?.progress.health?.passed).toBe(false);
    expect(store.state().checking).toEqual([]);
  });

  it('Check all shows a spinner per row until each result lands, then every result', async () => {
    const core = twoSaved();
    core.nextHealth.set('team-b', healthOf(false));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = core.bridge.checkAllConnectors.getMockImplementation();
    core.bridge.checkAllConnectors.mockImplementationOnce(async (args) => {
      await gate;
      return real!(args);
    });
    const store = await openStore(core);
    await store.wizardOpened();

    const done = store.allConnectorsCheckRequested();
    expect([...store.state().checking].sort()).toEqual(['default', 'team-b']);
    release();
    expect(await done).toBe(true);

    expect(store.state().checking).toEqual([]);
    expect(Object.keys(store.state().health).sort()).toEqual(['default', 'team-b']);
    expect(store.state().connectorNotice).toBe('Checked 2 connectors: 1 failing.');
  });

  it('shows a refused check on the page', async () => {
    const core = twoSaved();
    core.bridge.checkConnector.mockResolvedValueOnce(fail(error('offline')));
    const store = await openStore(core);
    await store.wizardOpened();
    expect(await store.connectorCheckRequested('team-b')).toBe(false);
    expect(store.state().connectorError?.code).toBe('offline');
    expect(store.state().checking).toEqual([]);
  });
});

describe('reconnect', () => {
  it('opens the wizard on Authorize for that connector', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();

    await store.reconnectRequested('team-b');

    expect(store.state().view).toEqual({ screen: 'wizard' });
    expect(store.state().session?.connectorId).toBe('team-b');
    expect(store.state().session?.progress.step).toBe('authorize');
    expect(store.state().notice).toContain('rclone — Team B');
  });

  it('asks before replacing the account when a different one signed in (wait loop)', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();
    await store.reconnectRequested('team-b');
    core.bridge.waitForAuthorization.mockImplementationOnce(async () =>
      fail(core.holdWrongAccount()),
    );

    await store.authorizationRequested({ method: 'internal', forceReauthentication: true });

    expect(store.state().accountChange?.code).toBe('wrong_account');
    expect(store.state().stepError).toBeNull();
    expect(store.state().authorization).toEqual({ phase: 'idle' });

    await store.accountChangeResolved(true);
    expect(core.bridge.resolveAccountChange).toHaveBeenCalledWith({ replace: true });
    expect(store.state().accountChange).toBeNull();
    expect(store.state().session?.progress.completed).toContain('authorize');
    expect(store.state().session?.progress.completed).not.toContain('verify');
    expect(store.state().notice).toMatch(/now uses the account/);
  });

  it('keeps the old account when the admin says so (pasted code)', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();
    await store.reconnectRequested('team-b');
    core.bridge.submitAuthorizationCode.mockImplementationOnce(async () =>
      fail(core.holdWrongAccount()),
    );

    await store.authorizationCodeSubmitted('code-of-someone-else');
    expect(store.state().accountChange?.code).toBe('wrong_account');

    await store.accountChangeResolved(false);
    expect(core.bridge.resolveAccountChange).toHaveBeenCalledWith({ replace: false });
    expect(store.state().accountChange).toBeNull();
    expect(store.state().session?.progress.completed).toContain('verify');
    expect(store.state().notice).toMatch(/keeps its account/);
  });

  it('still shows a real sign-in failure on a reconnect, although Authorize was done before', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();
    await store.reconnectRequested('team-b');
    core.bridge.waitForAuthorization.mockResolvedValueOnce(
      fail(error('access_denied', 'You pressed Cancel on Dropbox.')),
    );

    await store.authorizationRequested({ method: 'internal', forceReauthentication: false });

    expect(store.state().stepError?.code).toBe('access_denied');
  });
});

describe('rename, delete', () => {
  it('renames through core and shows the new name in the list', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();
    expect(await store.connectorRenamed('team-b', '  Finance share  ')).toBe(true);
    expect(store.state().connectors?.find((row) => row.id === 'team-b')?.name).toBe(
      'Finance share',
    );
  });

  it('deletes with the token revoked and returns home', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();
    await store.connectorOpened('team-b');
    await store.connectorCheckRequested('team-b');

    expect(await store.connectorDeleted('team-b', true)).toBe(true);

    expect(core.bridge.deleteConnector).toHaveBeenCalledWith({
      connectorId: 'team-b',
      revoke: true,
    });
    expect(store.state().connectors?.map((row) => row.id)).toEqual(['default']);
    expect(store.state().health['team-b']).toBeUndefined();
    expect(store.state().view).toEqual({ screen: 'home' });
    expect(store.state().connectorNotice).toBe('rclone — Team B is deleted and its token revoked.');
  });

  it('keeps the connector and shows why when Dropbox refuses the revoke', async () => {
    const core = twoSaved();
    core.revokeRefused = true;
    const store = await openStore(core);
    await store.wizardOpened();
    await store.connectorOpened('team-b');

    expect(await store.connectorDeleted('team-b', true)).toBe(false);

    expect(store.state().connectorError?.code).toBe('revoke_refused');
    expect(store.state().connectors).toHaveLength(2);
    expect(store.state().view).toEqual({ screen: 'connector', connectorId: 'team-b' });
  });
});

describe('import, decode, report', () => {
  it('imports a file and lists the new connector', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();

    const result = await store.connectorImported(
      'rclone.conf',
      '[dropbox]\ntoken = {"refresh_token":"x"}',
    );

    expect(result.ok && result.value.imported.map((row) => row.name)).toEqual(['Imported 1']);
    expect(store.state().connectors).toHaveLength(3);
  });

  it("hands back core's one-line reason for a file it cannot import", async () => {
    const store = await openStore(twoSaved());
    await store.wizardOpened();
    const result = await store.connectorImported('notes.txt', 'hello');
    expect(!result.ok && result.error.message).toBe(
      'notes.txt cannot be imported: no credentials found.',
    );
  });

  it('decodes a pasted error and keeps the text out of the store; with a connector, its check lands', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();
    const pasted = 'Error: invalid_grant (refresh token sl.SECRET-TOKEN-VALUE)';

    const result = await store.errorDecoded(pasted, 'team-b');

    expect(result.ok && result.value.matches.map((m) => m.id)).toEqual(['refresh_token_revoked']);
    expect(core.bridge.decodeError).toHaveBeenCalledWith({ text: pasted, connectorId: 'team-b' });
    expect(store.state().health['team-b']).toBeDefined();
    expect(JSON.stringify(store.state())).not.toContain('SECRET-TOKEN-VALUE');
  });

  it('decodes from the home screen without a connector', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();
    const result = await store.errorDecoded('something else entirely');
    expect(result.ok && result.value.matches).toEqual([]);
    expect(core.bridge.decodeError).toHaveBeenCalledWith({ text: 'something else entirely' });
  });

  it('writes the verification report where the admin asked', async () => {
    const core = twoSaved();
    const store = await openStore(core);
    await store.wizardOpened();
    const result = await store.reportRequested({
      connectorId: 'team-b',
      format: 'html',
      path: '/tmp/report.html',
    });
    expect(result.ok && result.value.path).toBe('/tmp/report.html');
    expect(store.state().connectorPending).toBeNull();
  });

  it('Copy & export opens the connector’s own export step', async () => {
    const core = twoSaved();
    core.addConnector('team-c', savedProgress({ name: 'Team C', step: 'verify' }));
    const store = await openStore(core);
    await store.wizardOpened();

    expect(await store.connectorExportRequested('team-c')).toBe(true);

    expect(store.state().session?.connectorId).toBe('team-c');
    expect(store.state().session?.progress.step).toBe('export');
    expect(store.state().view).toEqual({ screen: 'wizard' });
  });
});

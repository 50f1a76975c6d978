import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// electron-store (imported by progress-store) loads the real `electron` package outside vi.mock;
// this makes it return a path instead of trying to download the missing binary.
vi.hoisted(() => {
  process.env['ELECTRON_OVERRIDE_DIST_PATH'] ??= '/nonexistent-electron-dist';
});
vi.mock('electron', () => import('./fake-electron').then((m) => m.electronMock));

// The real service talks to Dropbox; here only the wiring matters.
const service = vi.hoisted(() => ({ deps: null as unknown }));
vi.mock('../../../electron/core/wizard/wizard-service', () => ({
  createWizardService: (deps: unknown) => {
    service.deps = deps;
    return new Proxy({}, { get: () => async () => ({ ok: true, value: null }) });
  },
}));
// Keep electron-store off the disk in this test.
vi.mock('../../../electron/main/persistence/progress-store', async (importOriginal) => {
  const actual = await importOriginal<typeof ProgressStoreModule>();
  const data = new Map<string, unknown>();
  return {
    ...actual,
    openStateStore: () => ({
      get: (key: string) => data.get(key),
      set: (key: string, value: unknown) => void data.set(key, value),
      delete: (key: string) => void data.delete(key),
    }),
  };
});

import { resolveDataDirOverride } from '../../../electron/main/app-paths';
import type * as ProgressStoreModule from '../../../electron/main/persistence/progress-store';
import { BRIDGE_METHODS } from '../../../electron/shared/contract';
import { FakeBrowserWindow, electronMock, fakes } from './fake-electron';

describe('resolveDataDirOverride', () => {
  it('reads --data-dir DIR, --data-dir=DIR, then WIZARD_DATA_DIR', () => {
    expect(resolveDataDirOverride(['electron', '.', '--data-dir', 'x'], {}, '/cwd')).toBe(
      path.resolve('/cwd/x'),
    );
    expect(resolveDataDirOverride(['electron', '.', '--data-dir=/abs'], {}, '/cwd')).toBe(
      path.resolve('/abs'),
    );
    expect(resolveDataDirOverride(['electron', '.'], { WIZARD_DATA_DIR: '/env' }, '/cwd')).toBe(
      path.resolve('/env'),
    );
    expect(
      resolveDataDirOverride(
        ['electron', '.', '--data-dir', '/a'],
        { WIZARD_DATA_DIR: '/env' },
        '/cwd',
      ),
    ).toBe(path.resolve('/a'));
    expect(resolveDataDirOverride(['electron', '.'], {}, '/cwd')).toBeNull();
    expect(
      resolveDataDirOverride(['electron', '.', '--data-dir'], { WIZARD_DATA_DIR: ' ' }, '/cwd'),
    ).toBeNull();
  });
});

describe('electron/main/index.ts', () => {
  it('sets up before ready in the required order, then wires everything on ready', async () => {
    const argv = process.argv;
    process.argv = [...argv, '--data-dir', '/tmp/wizard-test-data'];
    try {
      await import('../../../electron/main/index');
    } finally {
      process.argv = argv;
    }
    const app = fakes.app;
    // Before ready: data dir, sandbox, privileged scheme, then the single-instance lock.
    expect(app.calls.slice(0, 4)).toEqual([
      'setPath:userData',
      'enableSandbox',
      'registerSchemesAsPrivileged',
      'requestSingleInstanceLock',
    ]);
    expect(app.getPath('userData')).toBe(path.resolve('/tmp/wizard-test-data'));
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);

    await app.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(electronMock.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fakes.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(fakes.ipcHandlers.size).toBe(BRIDGE_METHODS.length);
    expect(electronMock.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(service.deps).toMatchObject({ dataDir: path.resolve('/tmp/wizard-test-data') });

    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.webContents.loadURL).toHaveBeenCalledWith('app://wizard/index.html');
    expect(win.options.webPreferences?.preload).toBe(
      path.join('/tmp/fake-app', 'out', 'preload', 'index.cjs'),
    );

    // IPC from the wizard window's main frame is dispatched; the same origin from another window is not.
    const handler = fakes.ipcHandlers.get('bridge:getSession')!;
    const trusted = await handler(
      { sender: win.webContents, senderFrame: { url: 'app://wizard/index.html', parent: null } },
      {},
    );
    expect(trusted).toEqual({ ok: true, value: null });
    const other = new FakeBrowserWindow({});
    const refused = (await handler(
      { sender: other.webContents, senderFrame: { url: 'app://wizard/index.html', parent: null } },
      {},
    )) as { ok: boolean; error: { code: string } };
    expect(refused.error.code).toBe('unauthorized');

    // A second instance focuses the window.
    app.emit('second-instance');
    expect(win.focus).toHaveBeenCalled();

    // Closing all windows quits (not on macOS).
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });
});

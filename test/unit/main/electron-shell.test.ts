import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronMock));

import {
  createElectronShell,
  openExternalSafely,
} from '../../../electron/main/shell/electron-shell';
import { buildMenuTemplate } from '../../../electron/main/menu';
import { FakeBrowserWindow, electronMock, fakes, resetFakes } from './fake-electron';

describe('the Electron HostShell', () => {
  beforeEach(() => resetFakes());
  afterEach(() => vi.useRealTimers());

  it('opens only allow-listed URLs, normalised, through shell.openExternal', async () => {
    const shell = createElectronShell({ env: {}, getWizardWindow: () => null });
    expect(await shell.openExternal('HTTPS://WWW.DROPBOX.COM/developers/apps')).toBe(true);
    expect(electronMock.shell.openExternal).toHaveBeenCalledWith(
      'https://www.dropbox.com/developers/apps',
    );
    for (const url of [
      'https://www.dropbox.com.evil.test/',
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
    ]) {
      expect(await shell.openExternal(url)).toBe(false);
    }
    expect(electronMock.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('opens the App Console in a hardened internal window, and nothing else there', async () => {
    const shell = createElectronShell({ env: {}, getWizardWindow: () => null });
    expect(await shell.openAppConsole!('https://www.dropbox.com/developers/apps')).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const console = FakeBrowserWindow.instances[0]!;
    expect(console.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(console.options.webPreferences?.preload).toBeUndefined();
    expect(console.title).toContain('Dropbox App Console');
    // A second open in the same run shares the in-memory session (the admin stays signed in).
    await shell.openAppConsole!('https://www.dropbox.com/developers/apps');
    expect(FakeBrowserWindow.instances[1]!.options.webPreferences?.session).toBe(
      console.options.webPreferences?.session,
    );
    // A URL off the Dropbox origins gets no window, and the browser fallback refuses it too.
    expect(await shell.openAppConsole!('https://evil.test/developers/apps')).toBe(false);
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(electronMock.shell.openExternal).not.toHaveBeenCalled();
  });

  it('accepts the loopback emulator origin only when DROPBOX_WEB_ORIGIN names it', async () => {
    const emulator = createElectronShell({
      env: { DROPBOX_WEB_ORIGIN: 'http://127.0.0.1:4010' },
      getWizardWindow: () => null,
    });
    expect(await emulator.openExternal('http://127.0.0.1:4010/developers/apps')).toBe(true);
    const plain = createElectronShell({ env: {}, getWizardWindow: () => null });
    expect(await plain.openExternal('http://127.0.0.1:4010/developers/apps')).toBe(false);
  });

  it('reports a failing OS handler as false instead of throwing', async () => {
    electronMock.shell.openExternal.mockRejectedValueOnce(new Error('no handler'));
    const lines: string[] = [];
    expect(
      await openExternalSafely('https://www.dropbox.com/', [], (line) => lines.push(line)),
    ).toBe(false);
    expect(lines).toHaveLength(1);
  });

  it('writes the clipboard from main and clears it after the delay if unchanged', async () => {
    vi.useFakeTimers();
    const shell = createElectronShell({ env: {}, getWizardWindow: () => null });
    shell.writeClipboard!('refresh-token-value', 60);
    await vi.advanceTimersByTimeAsync(0);
    expect(fakes.clipboardText).toBe('refresh-token-value');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fakes.clipboardText).toBe('');
  });

  it('leaves the clipboard alone if the admin copied something else', async () => {
    vi.useFakeTimers();
    const shell = createElectronShell({ env: {}, getWizardWindow: () => null });
    shell.writeClipboard!('refresh-token-value', 60);
    await vi.advanceTimersByTimeAsync(0);
    fakes.clipboardText = 'their own text';
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fakes.clipboardText).toBe('their own text');
    expect(electronMock.clipboard.clear).not.toHaveBeenCalled();
  });

  it('flushClipboard clears a pending secret (quit)', async () => {
    const shell = createElectronShell({ env: {}, getWizardWindow: () => null });
    shell.writeClipboard!('secret', 60);
    await Promise.resolve();
    await shell.flushClipboard();
    expect(fakes.clipboardText).toBe('');
  });

  it('chooses the export path with a save dialog on the wizard window', async () => {
    const win = new FakeBrowserWindow({});
    const shell = createElectronShell({ env: {}, getWizardWindow: () => win as never });
    expect(await shell.chooseExportPath!('/home/admin/rclone.conf')).toBe('/tmp/export.json');
    const [parent, options] = electronMock.dialog.showSaveDialog.mock.calls[0] as unknown as [
      unknown,
      { defaultPath: string },
    ];
    expect(parent).toBe(win);
    expect(options.defaultPath).toBe('/home/admin/rclone.conf');
    electronMock.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await shell.chooseExportPath!('/x')).toBeNull();
  });

  it('opens the sign-in window with the Dropbox origins and the wizard as parent', () => {
    const wizard = new FakeBrowserWindow({});
    const shell = createElectronShell({ env: {}, getWizardWindow: () => wizard as never });
    shell.openSignInWindow!({
      url: 'https://www.dropbox.com/oauth2/authorize?client_id=k',
      redirectUri: 'http://127.0.0.1:53917/oauth/callback',
      onRedirect: vi.fn(),
      onClosed: vi.fn(),
    });
    expect(FakeBrowserWindow.instances.at(-1)!.options.parent).toBe(wizard);
  });
});

describe('the application menu', () => {
  type Item = { label?: string; role?: string; submenu?: Item[]; click?: () => void };
  const flatten = (items: Item[]): Item[] =>
    items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
  const roles = (items: Item[]) =>
    flatten(items)
      .map((item) => item.role)
      .filter(Boolean);

  it('has File Quit, the Edit roles for pasting keys, and Help → App Console', () => {
    const openAppConsole = vi.fn();
    const template = buildMenuTemplate({
      appName: 'W',
      platform: 'linux',
      isPackaged: true,
      openAppConsole,
    }) as Item[];
    expect(template.map((item) => item.label ?? item.role)).toEqual([
      'File',
      'Edit',
      'View',
      'help',
    ]);
    expect(roles(template)).toEqual(
      expect.arrayContaining(['quit', 'cut', 'copy', 'paste', 'selectAll', 'undo']),
    );
    const consoleItem = flatten(template).find((item) => item.label === 'Dropbox App Console')!;
    consoleItem.click!();
    expect(openAppConsole).toHaveBeenCalled();
  });

  it('has no reload or DevTools when packaged, both in development', () => {
    const base = { appName: 'W', platform: 'linux' as const, openAppConsole: vi.fn() };
    const packaged = roles(buildMenuTemplate({ ...base, isPackaged: true }) as Item[]);
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('forceReload');
    const dev = roles(buildMenuTemplate({ ...base, isPackaged: false }) as Item[]);
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('follows the macOS convention (app menu first)', () => {
    const template = buildMenuTemplate({
      appName: 'W',
      platform: 'darwin',
      isPackaged: true,
      openAppConsole: vi.fn(),
    }) as Item[];
    expect(template[0]!.label).toBe('W');
    expect(roles(template)).toContain('quit');
  });
});

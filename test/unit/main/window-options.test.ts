import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronMock));

import { openSignInWindow } from '../../../electron/main/windows/sign-in-window';
import {
  createWizardWindow,
  WIZARD_WINDOW_TITLE,
} from '../../../electron/main/windows/wizard-window';
import { FakeBrowserWindow, fakeEvent, resetFakes } from './fake-electron';

/** Electron security checklist #2–4, 6, 8–11 (electronjs.org/docs/latest/tutorial/security). */
const REQUIRED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  disableBlinkFeatures: 'Auxclick',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('every BrowserWindow has the secure flags', () => {
  beforeEach(() => resetFakes());

  it('the only `new BrowserWindow` calls in electron/main are the two window factories tested here', () => {
    const creators = sourceFiles(path.resolve('electron/main'))
      .filter((file) => /new BrowserWindow\s*\(/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(path.resolve('electron/main'), file).split(path.sep).join('/'))
      .sort();
    expect(creators).toEqual(['windows/sign-in-window.ts', 'windows/wizard-window.ts']);
  });

  it('the wizard window', () => {
    const win = createWizardWindow({
      preloadPath: '/app/out/preload/index.cjs',
      url: 'app://wizard/index.html',
    });
    const options = (win as unknown as FakeBrowserWindow).options;
    expect(options.webPreferences).toMatchObject(REQUIRED);
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences).not.toHaveProperty('partition');
    expect(options).toMatchObject({
      title: WIZARD_WINDOW_TITLE,
      width: 1000,
      height: 760,
      minWidth: 800,
      minHeight: 600,
      show: false,
    });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('the wizard window loads app://wizard, shows on ready-to-show and never navigates', () => {
    const win = createWizardWindow({
      preloadPath: '/p.cjs',
      url: 'app://wizard/index.html',
    }) as unknown as FakeBrowserWindow;
    expect(win.webContents.loadURL).toHaveBeenCalledWith('app://wizard/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
    const event = fakeEvent('https://www.dropbox.com/');
    win.webContents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('the sign-in window', () => {
    openSignInWindow(
      {
        url: 'https://www.dropbox.com/oauth2/authorize',
        redirectUri: null,
        onRedirect: vi.fn(),
        onClosed: vi.fn(),
      },
      { allowedOrigins: ['https://www.dropbox.com'] },
    );
    const options = FakeBrowserWindow.instances.at(-1)!.options;
    expect(options.webPreferences).toMatchObject(REQUIRED);
    expect(options.webPreferences).not.toHaveProperty('preload');
  });
});

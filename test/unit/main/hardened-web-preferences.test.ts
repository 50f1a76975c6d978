import { describe, expect, it } from 'vitest';
import { hardenedWebPreferences } from '../../../electron/main/windows/hardened-web-preferences';

describe('hardenedWebPreferences', () => {
  it('sets every checklist flag (items 2–4, 6, 8–11) and nothing window-specific', () => {
    const base = hardenedWebPreferences();
    expect(base).toMatchObject({
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
    });
    expect(base).not.toHaveProperty('preload');
    expect(base).not.toHaveProperty('session');
    expect(base).not.toHaveProperty('partition');
    expect(base).not.toHaveProperty('enableBlinkFeatures');
  });

  it('hands out a fresh object, so one window cannot weaken the next', () => {
    const first = hardenedWebPreferences();
    first.sandbox = false;
    expect(hardenedWebPreferences().sandbox).toBe(true);
  });
});

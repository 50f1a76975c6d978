import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron').then((m) => m.electronMock));

import { createBridgeHandler, handleBridge } from '../../../electron/main/ipc/ipc-main';
import { createEventSink } from '../../../electron/main/ipc/send-event';
import { isTrustedSender, validateSender } from '../../../electron/main/ipc/sender-validation';
import {
  BRIDGE_METHODS,
  IPC_EVENT_CHANNEL,
  type BridgeApi,
  type BridgeEvent,
} from '../../../electron/shared/contract';
import { ok } from '../../../electron/shared/result';
import { FakeBrowserWindow, electronMock, fakes, resetFakes } from './fake-electron';

const SECRET = 'sl.super-secret-app-secret-value';

function fakeService(): BridgeApi & { calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  const service = { calls } as unknown as BridgeApi & { calls: Array<[string, unknown]> };
  for (const method of BRIDGE_METHODS) {
    (service as unknown as Record<string, unknown>)[method] = vi.fn(async (args: unknown) => {
      calls.push([method, args]);
      return ok({ method });
    });
  }
  return service;
}

const topFrame = (url: string) => ({ senderFrame: { url, parent: null } });

describe('isTrustedSender', () => {
  it.each(['app://wizard/index.html', 'app://wizard/', 'app://wizard/index.html?step=2#x'])(
    'trusts %s',
    (url) => {
      expect(isTrustedSender(url)).toBe(true);
    },
  );

  it.each([
    'https://evil.test/',
    'https://www.dropbox.com/',
    'file:///work/main/out/renderer/index.html',
    'app://evil/index.html',
    'app://wizard.evil.test/index.html',
    'app://user@wizard/index.html',
    'app://wizard:1234/index.html',
    'http://127.0.0.1:5173/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abc/index.html',
    '',
    'not a url',
  ])('rejects %s', (url) => {
    expect(isTrustedSender(url)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(42)).toBe(false);
  });
});

describe('validateSender', () => {
  it('accepts the main frame of app://wizard', () => {
    expect(validateSender(topFrame('app://wizard/index.html'))).toEqual({ ok: true });
  });

  it('rejects a null senderFrame', () => {
    expect(validateSender({ senderFrame: null }).ok).toBe(false);
  });

  it('rejects a senderFrame getter that throws (frame destroyed)', () => {
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    expect(validateSender(event).ok).toBe(false);
  });

  it('rejects a subframe even on app://wizard', () => {
    const parent = { url: 'app://wizard/index.html', parent: null };
    expect(validateSender({ senderFrame: { url: 'app://wizard/index.html', parent } }).ok).toBe(
      false,
    );
  });

  it('rejects the wizard origin from a webContents that is not the wizard window', () => {
    const wizardContents = {};
    const event = { ...topFrame('app://wizard/index.html'), sender: {} };
    expect(validateSender(event, (sender) => sender === wizardContents).ok).toBe(false);
    expect(
      validateSender({ ...event, sender: wizardContents }, (sender) => sender === wizardContents)
        .ok,
    ).toBe(true);
  });
});

describe('the bridge IPC handlers (Electron security checklist #17)', () => {
  beforeEach(() => resetFakes());

  it('registers exactly one bridge: handler per BRIDGE_METHODS entry', () => {
    handleBridge(fakeService());
    expect([...fakes.ipcHandlers.keys()].sort()).toEqual(
      BRIDGE_METHODS.map((m) => `bridge:${m}`).sort(),
    );
  });

  it('removes its handlers again', () => {
    const dispose = handleBridge(fakeService());
    dispose();
    expect(fakes.ipcHandlers.size).toBe(0);
    expect(electronMock.ipcMain.removeHandler).toHaveBeenCalledTimes(BRIDGE_METHODS.length);
  });

  it.each([
    ['an untrusted origin', topFrame('https://evil.test/')],
    ['file://', topFrame('file:///etc/passwd')],
    ['a null senderFrame', { senderFrame: null }],
    [
      'a subframe URL',
      {
        senderFrame: {
          url: 'app://wizard/index.html',
          parent: { url: 'app://wizard/index.html', parent: null },
        },
      },
    ],
    ['the Dropbox sign-in page', topFrame('https://www.dropbox.com/oauth2/authorize')],
  ])(
    'refuses %s with unauthorized, without calling the service or logging arguments',
    async (_label, event) => {
      const service = fakeService();
      const lines: string[] = [];
      handleBridge(service, { log: (line) => lines.push(line) });
      const handler = fakes.ipcHandlers.get('bridge:checkAppCredentials')!;
      const result = (await handler(event, { appKey: 'key', appSecret: SECRET })) as {
        ok: boolean;
        error?: { code: string };
      };
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('unauthorized');
      expect(service.calls).toEqual([]);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('checkAppCredentials');
      expect(lines.join('\n')).not.toContain(SECRET);
      expect(lines.join('\n')).not.toContain('appKey');
      expect(JSON.stringify(result)).not.toContain(SECRET);
    },
  );

  it('dispatches a call from the trusted wizard frame, with validated arguments', async () => {
    const service = fakeService();
    handleBridge(service);
    const handler = fakes.ipcHandlers.get('bridge:selectTarget')!;
    const result = await handler(topFrame('app://wizard/index.html'), { targetId: 'rclone' });
    expect(result).toEqual({ ok: true, value: { method: 'selectTarget' } });
    expect(service.calls).toEqual([['selectTarget', { targetId: 'rclone' }]]);
  });

  it('still validates arguments from the trusted frame (core dispatch)', async () => {
    const service = fakeService();
    const handler = createBridgeHandler(service, 'selectTarget');
    const result = (await handler(topFrame('app://wizard/index.html'), {
      targetId: 'x',
      extra: 1,
    })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid_input');
    expect(service.calls).toEqual([]);
  });
});

describe('the event sink', () => {
  beforeEach(() => resetFakes());
  const event: BridgeEvent = { type: 'authorization', attemptId: 'a1', status: 'arrived' };

  it('sends bridge events to the wizard window on the event channel', () => {
    const win = new FakeBrowserWindow({});
    createEventSink(() => win as never).emit(event);
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, event);
  });

  it('does nothing when there is no window or it is destroyed', () => {
    const win = new FakeBrowserWindow({});
    win.close();
    expect(() => createEventSink(() => win as never).emit(event)).not.toThrow();
    expect(() => createEventSink(() => null).emit(event)).not.toThrow();
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});

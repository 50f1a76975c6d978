import type { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return { exposed, ipc: null as unknown as EventEmitter & { invoke: ReturnType<typeof vi.fn> } };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipc = Object.assign(new Emitter(), {
    invoke: vi.fn(async (channel: string, args: unknown) => ({ channel, args })),
  });
  fake.ipc = ipc as never;
  return {
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => fake.exposed.set(key, api)),
    },
    ipcRenderer: ipc,
  };
});

import {
  BRIDGE_METHODS,
  IPC_EVENT_CHANNEL,
  type BridgeEvent,
} from '../../../electron/shared/contract';
import type { WizardBridgeGlobal } from '../../../electron/shared/preload-api';
import '../../../electron/preload/index';

const bridge = () =>
  fake.exposed.get('wizardBridge') as WizardBridgeGlobal & Record<string, unknown>;

describe('the preload (Electron security checklist #20)', () => {
  it('exposes exactly one global, wizardBridge', () => {
    expect([...fake.exposed.keys()]).toEqual(['wizardBridge']);
  });

  it('has exactly the BRIDGE_METHODS plus onEvent, all functions, frozen', () => {
    const api = bridge();
    expect(Object.keys(api).sort()).toEqual([...BRIDGE_METHODS, 'onEvent'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('exposes nothing generic: no ipcRenderer, invoke, send or on', () => {
    const api = bridge();
    for (const forbidden of [
      'ipcRenderer',
      'invoke',
      'send',
      'sendSync',
      'on',
      'once',
      'removeListener',
      'postMessage',
    ]) {
      expect(api).not.toHaveProperty(forbidden);
    }
    for (const value of Object.values(api)) expect(value).not.toBe(fake.ipc);
  });

  it('each method invokes its own fixed bridge: channel with the arguments', async () => {
    const api = bridge();
    await expect(api.selectTarget({ targetId: 'rclone' })).resolves.toEqual({
      channel: 'bridge:selectTarget',
      args: { targetId: 'rclone' },
    });
    for (const method of BRIDGE_METHODS) {
      await (api[method] as (args: unknown) => Promise<unknown>)({});
      expect(fake.ipc.invoke).toHaveBeenLastCalledWith(`bridge:${method}`, {});
    }
  });

  it('onEvent listeners get the event value only, never the IpcRendererEvent, and can unsubscribe', () => {
    const api = bridge();
    const received: unknown[][] = [];
    const unsubscribe = api.onEvent((...args: unknown[]) => received.push(args));
    const ipcEvent = { sender: fake.ipc, senderId: 0, ports: [] };
    const value: BridgeEvent = { type: 'authorization', attemptId: 'a1', status: 'arrived' };
    fake.ipc.emit(IPC_EVENT_CHANNEL, ipcEvent, value);
    expect(received).toEqual([[value]]);
    expect(received.flat()).not.toContain(ipcEvent);
    unsubscribe();
    fake.ipc.emit(IPC_EVENT_CHANNEL, ipcEvent, value);
    expect(received).toHaveLength(1);
    expect(fake.ipc.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('onEvent refuses a non-function', () => {
    expect(() => bridge().onEvent('nope' as never)).toThrow(TypeError);
  });
});

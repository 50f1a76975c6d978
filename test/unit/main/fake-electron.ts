/**
 * A small stand-in for the parts of `electron` that electron/main uses. The Electron binary is
 * not installed on these machines (its npm install downloads it from GitHub), so main-process tests run in Node with
 * `vi.mock('electron', () => import('./fake-electron').then((m) => m.electronMock))`.
 * Fakes record what main asked for (window options, handlers) so tests can assert on it and
 * fire the events Electron would.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeEvent {
  url: string;
  isMainFrame: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url = '', isMainFrame = true): FakeEvent {
  const event: FakeEvent = {
    url,
    isMainFrame,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  readonly clearStorageData = vi.fn(async () => undefined);
  readonly clearCache = vi.fn(async () => undefined);
  readonly clearAuthCache = vi.fn(async () => undefined);
  constructor(readonly partition: string) {
    super();
  }
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;
  currentUrl = '';
  readonly send = vi.fn();
  readonly loadURL = vi.fn(async (url: string) => {
    this.currentUrl = url;
  });
  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.currentUrl;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export interface CapturedWindowOptions {
  title?: string;
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  show?: boolean;
  webPreferences?: Record<string, unknown> & {
    session?: FakeSession;
    preload?: string;
    partition?: string;
  };
  [key: string]: unknown;
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  destroyed = false;
  title: string;
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  constructor(readonly options: CapturedWindowOptions) {
    super();
    const ses = options.webPreferences?.session ?? fakes.defaultSession;
    this.webContents = new FakeWebContents(ses);
    this.title = options.title ?? '';
    FakeBrowserWindow.instances.push(this);
    // Electron emits web-contents-created for every new webContents.
    fakes.app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  setTitle(title: string): void {
    this.title = title;
  }
  getTitle(): string {
    return this.title;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((win) => !win.destroyed);
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  ready = false;
  singleInstanceLock = true;
  readonly calls: string[] = [];
  private readyResolve: (() => void) | null = null;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.readyResolve = resolve;
  });
  readonly enableSandbox = vi.fn(() => {
    this.calls.push('enableSandbox');
  });
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Test helper: fire `ready`. */
  becomeReady(): Promise<void> {
    this.ready = true;
    this.readyResolve?.();
    return this.readyPromise;
  }
  readonly paths = new Map<string, string>([['userData', '/tmp/fake-user-data']]);
  getPath(name: string): string {
    return this.paths.get(name) ?? `/tmp/fake-${name}`;
  }
  setPath(name: string, value: string): void {
    this.calls.push(`setPath:${name}`);
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return '/tmp/fake-app';
  }
  getName(): string {
    return 'Dropbox Connector Wizard';
  }
  getVersion(): string {
    return '0.1.0';
  }
}

function createFakes() {
  const defaultSession = new FakeSession('');
  const partitions = new Map<string, FakeSession>();
  const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
  return {
    app: new FakeApp(),
    defaultSession,
    partitions,
    ipcHandlers,
    clipboardText: '',
  };
}

export let fakes = createFakes();

export function resetFakes(): void {
  fakes = createFakes();
  FakeBrowserWindow.instances = [];
  vi.clearAllMocks();
}

export const electronMock = {
  get app() {
    return fakes.app;
  },
  BrowserWindow: FakeBrowserWindow,
  session: {
    get defaultSession() {
      return fakes.defaultSession;
    },
    fromPartition: vi.fn((partition: string) => {
      const existing = fakes.partitions.get(partition);
      if (existing) return existing;
      const created = new FakeSession(partition);
      fakes.partitions.set(partition, created);
      return created;
    }),
  },
  ipcMain: {
    handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => {
      fakes.ipcHandlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      fakes.ipcHandlers.delete(channel);
    }),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn(() => {
      fakes.app.calls.push('registerSchemesAsPrivileged');
    }),
    handle: vi.fn(),
  },
  shell: {
    openExternal: vi.fn(async () => undefined),
  },
  clipboard: {
    writeText: vi.fn(async (text: string) => {
      fakes.clipboardText = text;
    }),
    readText: vi.fn(async () => fakes.clipboardText),
    clear: vi.fn(() => {
      fakes.clipboardText = '';
    }),
  },
  dialog: {
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/tmp/export.json' })),
  },
  Menu: {
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
    setApplicationMenu: vi.fn(),
  },
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    encryptString: vi.fn((value: string) => Buffer.from(`enc:${value}`)),
    decryptString: vi.fn((value: Buffer) => value.toString().replace(/^enc:/, '')),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  },
};

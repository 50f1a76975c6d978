/**
 * The bundled main process, run for real in Node with a fake `electron` module.
 *
 * Unit tests import the TypeScript sources through Vitest; this one bundles electron/main with
 * the same esbuild options as scripts/build.mjs and loads the bundle in a child Node process,
 * where a module hook answers `import … from 'electron'` (including electron-store's) with a
 * small fake. That catches what only the bundle shows (ESM/CJS interop, bundled dependencies,
 * start-up order) and drives the real wizard service through the IPC handlers, without the
 * Electron binary these machines lack.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_METHODS } from '../../../electron/shared/contract';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const HOOKS = `
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./fake-electron.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}`;
const REGISTER = `import { register } from 'node:module'; register('./hooks.mjs', import.meta.url);`;
const FAKE_ELECTRON = `
import { EventEmitter } from 'node:events';
const state = { handlers: new Map(), protocolHandler: null, windows: [], opened: [], calls: [], readyResolve: null };
globalThis.__fakeElectron = state;
class Session extends EventEmitter {
  setPermissionRequestHandler(h) { this.request = h; } setPermissionCheckHandler(h) { this.check = h; }
  clearStorageData() { return Promise.resolve(); } clearCache() { return Promise.resolve(); } clearAuthCache() { return Promise.resolve(); }
}
const defaultSession = new Session();
const ready = new Promise((resolve) => { state.readyResolve = resolve; });
class App extends EventEmitter {
  isPackaged = false; paths = { userData: process.env.FAKE_USER_DATA };
  setPath(k, v) { state.calls.push('setPath:' + k); this.paths[k] = v; } getPath(k) { return this.paths[k]; }
  getAppPath() { return process.env.FAKE_APP_PATH; } getName() { return 'Dropbox Connector Wizard'; } getVersion() { return '0.1.0'; }
  enableSandbox() { state.calls.push('enableSandbox'); } requestSingleInstanceLock() { state.calls.push('lock'); return true; }
  whenReady() { return ready; } isReady() { return true; } quit() {} exit(code) { state.calls.push('exit:' + code); }
}
export const app = new App();
class WebContents extends EventEmitter {
  constructor(session) { super(); this.session = session; }
  setWindowOpenHandler(h) { this.windowOpenHandler = h; } loadURL(u) { this.url = u; return Promise.resolve(); }
  getURL() { return this.url; } isDestroyed() { return false; } send() {}
}
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super(); this.options = options; this.webContents = new WebContents(options.webPreferences?.session ?? defaultSession);
    state.windows.push(this); app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(u) { return this.webContents.loadURL(u); } isDestroyed() { return false; } setTitle() {} show() {} focus() {}
  isMinimized() { return false; } close() {}
  static getAllWindows() { return state.windows; }
}
export const session = { defaultSession, fromPartition: () => new Session() };
export const ipcMain = { handle: (c, h) => state.handlers.set(c, h), removeHandler: (c) => state.handlers.delete(c), on() {} };
export const protocol = {
  registerSchemesAsPrivileged: () => state.calls.push('registerSchemesAsPrivileged'),
  handle: (scheme, h) => { state.protocolHandler = h; },
};
export const shell = { openExternal: async (u) => { state.opened.push(u); } };
export const clipboard = { writeText: async () => {}, readText: async () => '', clear() {} };
export const dialog = { showSaveDialog: async () => ({ canceled: true }) };
export const Menu = { buildFromTemplate: (t) => t, setApplicationMenu() {} };
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(s).reverse(),
  decryptString: (b) => Buffer.from(b).reverse().toString(),
  getSelectedStorageBackend: () => 'gnome_libsecret',
};
export default { app, BrowserWindow, session, ipcMain, protocol, shell, clipboard, dialog, Menu, safeStorage };
`;
const RUN = `
await import(process.env.MAIN_BUNDLE);
const f = globalThis.__fakeElectron;
const callsBeforeReady = [...f.calls];
f.readyResolve();
await new Promise((resolve) => setTimeout(resolve, 50));
const win = f.windows[0];
const trusted = { sender: win.webContents, senderFrame: { url: 'app://wizard/index.html', parent: null } };
const call = (method, args, event = trusted) => f.handlers.get('bridge:' + method)(event, args);
const index = await f.protocolHandler(new Request('app://wizard/index.html'));
const traversal = await f.protocolHandler(new Request('app://wizard/%2e%2e/%2e%2e/package.json'));
const session = await call('getSession', {});
const targets = await call('listTargets', {});
const selected = await call('selectTarget', { targetId: targets.value[0].id });
const evil = await call('getSession', {}, { sender: win.webContents, senderFrame: { url: 'https://evil.test/', parent: null } });
const navigate = { url: 'https://evil.test/', preventDefault() { this.prevented = true; } };
win.webContents.emit('will-navigate', navigate);
const popup = win.webContents.windowOpenHandler({ url: 'https://www.dropbox.com/developers/apps' });
const permission = await new Promise((resolve) => f.windows[0].webContents.session.request({}, 'media', resolve));
console.log(JSON.stringify({
  callsBeforeReady,
  handlers: [...f.handlers.keys()],
  window: { url: win.webContents.url, preload: win.options.webPreferences.preload, prefs: win.options.webPreferences },
  index: { status: index.status, csp: index.headers.get('content-security-policy'), body: await index.text() },
  traversal: traversal.status,
  session: { ok: session.ok, mode: session.value?.mode, dataDir: session.value?.dataDir, storage: session.value?.storage },
  selected: selected.ok,
  evil: evil.error?.code,
  navigationPrevented: navigate.prevented === true,
  popup, opened: f.opened, permission,
}));
process.exit(0);
`;

describe('the bundled main process (fake electron, real service)', () => {
  let dir: string;
  let result: {
    callsBeforeReady: string[];
    handlers: string[];
    window: { url: string; preload: string; prefs: Record<string, unknown> };
    index: { status: number; csp: string; body: string };
    traversal: number;
    session: { ok: boolean; mode: string; dataDir: string; storage: { encrypted: boolean } };
    selected: boolean;
    evil: string;
    navigationPrevented: boolean;
    popup: { action: string };
    opened: string[];
    permission: boolean;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'built-main-'));
    const appPath = path.join(dir, 'app');
    const dataDir = path.join(dir, 'data');
    mkdirSync(path.join(appPath, 'out', 'renderer'), { recursive: true });
    writeFileSync(
      path.join(appPath, 'out', 'renderer', 'index.html'),
      '<!doctype html><title>smoke</title>',
    );
    const bundle = path.join(appPath, 'out', 'main', 'index.mjs');
    // The same options as scripts/build.mjs (main).
    await build({
      entryPoints: [path.join(root, 'electron/main/index.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      external: ['electron'],
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      logLevel: 'silent',
      absWorkingDir: root,
    });
    for (const [name, text] of Object.entries({
      'hooks.mjs': HOOKS,
      'register.mjs': REGISTER,
      'fake-electron.mjs': FAKE_ELECTRON,
      'run.mjs': RUN,
    })) {
      writeFileSync(path.join(dir, name), text);
    }
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        path.join(dir, 'register.mjs'),
        path.join(dir, 'run.mjs'),
        '--data-dir',
        dataDir,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          MAIN_BUNDLE: bundle,
          FAKE_APP_PATH: appPath,
          FAKE_USER_DATA: path.join(dir, 'default-user-data'),
        },
        timeout: 30_000,
      },
    );
    const line = stdout.split('\n').find((text) => text.startsWith('{'));
    result = JSON.parse(line ?? '{}');
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('does the pre-ready steps in order and honours --data-dir', () => {
    expect(result.callsBeforeReady).toEqual([
      'setPath:userData',
      'enableSandbox',
      'registerSchemesAsPrivileged',
      'lock',
    ]);
    expect(result.session.dataDir).toBe(path.join(dir, 'data'));
  });

  it('registers every bridge method and creates the wizard window on app://', () => {
    expect(result.handlers.sort()).toEqual(BRIDGE_METHODS.map((m) => `bridge:${m}`).sort());
    expect(result.window.url).toBe('app://wizard/index.html');
    expect(result.window.preload).toBe(path.join(dir, 'app', 'out', 'preload', 'index.cjs'));
    expect(result.window.prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('serves the renderer with the CSP and refuses traversal', () => {
    expect(result.index.status).toBe(200);
    expect(result.index.body).toContain('<title>smoke</title>');
    expect(result.index.csp).toContain("default-src 'none'");
    expect(result.traversal).toBe(404);
  });

  it('answers the trusted window through the real service and refuses another origin', () => {
    expect(result.session).toMatchObject({
      ok: true,
      mode: 'electron',
      storage: { encrypted: true },
    });
    expect(result.selected).toBe(true);
    expect(result.evil).toBe('unauthorized');
  });

  it('persists progress with electron-store in the data dir, owner-only', () => {
    const file = path.join(dir, 'data', 'wizard-state.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('progress');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('installs the guards: navigation denied, popups to the allowlisted browser, permissions denied', () => {
    expect(result.navigationPrevented).toBe(true);
    expect(result.popup).toEqual({ action: 'deny' });
    expect(result.opened).toEqual(['https://www.dropbox.com/developers/apps']);
    expect(result.permission).toBe(false);
  });
});

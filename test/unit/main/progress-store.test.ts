import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// electron-store imports `electron` from node_modules, outside vi.mock's reach. Without the
// binary, `require('electron')` would try to download it; ELECTRON_OVERRIDE_DIST_PATH makes it
// return a path string instead, and electron-store then runs as plain `conf` with our cwd.
vi.hoisted(() => {
  process.env['ELECTRON_OVERRIDE_DIST_PATH'] ??= '/nonexistent-electron-dist';
});

import type { SavedState, SecretName } from '../../../electron/core/platform';
import type { Progress } from '../../../electron/shared/contract';
import {
  ElectronCiphertextStore,
  ElectronProgressStore,
  openStateStore,
  type KeyValueStore,
} from '../../../electron/main/persistence/progress-store';
import { SafeStorageVault } from '../../../electron/main/secrets/safe-storage-vault';
import { createSession } from '../../../electron/core/wizard/session';
import { MemorySecretVault } from '../../../electron/server/memory-secret-vault';

const progress: Progress = {
  targetId: 'rclone',
  inputs: { remote_name: 'dropbox' },
  pkceAllowed: true,
  step: 'authorize',
  completed: ['target', 'create-app', 'permissions'],
  appKey: 'appkey123',
  customScopes: [],
  appChecks: [],
  identity: null,
  tokenKind: null,
  grantedScopes: [],
  verifyChecks: [],
  exportedPath: null,
  redirectMode: 'loopback',
  name: '',
  exportedFormats: [],
  health: null,
  updatedAt: '2026-11-23T00:00:00.000Z',
};

/** What core hands a ProgressStore: every connector's draft, keyed by connector id. */
const state: SavedState = {
  schemaVersion: 2,
  activeConnectorId: 'connector-1',
  connectors: { 'connector-1': progress },
};

function mapStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, value),
    delete: (key) => void data.delete(key),
  };
}

describe('ElectronProgressStore and ElectronCiphertextStore (fake key-value store)', () => {
  it('keeps progress under `progress` and ciphertext under `secrets`, separately', () => {
    const kv = mapStore();
    const progressStore = new ElectronProgressStore(kv);
    const ciphertext = new ElectronCiphertextStore(kv);
    expect(progressStore.load()).toBeNull();
    progressStore.save(state);
    ciphertext.write('appSecret', 'Y2lwaGVy');
    expect(kv.data.get('progress')).toEqual(state);
    expect(kv.data.get('secrets')).toEqual({ appSecret: 'Y2lwaGVy' });
    expect(ciphertext.read('appSecret')).toBe('Y2lwaGVy');
    expect(ciphertext.read('refreshToken')).toBeNull();
    progressStore.clear();
    expect(progressStore.load()).toBeNull();
    expect(ciphertext.read('appSecret')).toBe('Y2lwaGVy');
  });

  it('ignores a damaged secrets entry instead of throwing', () => {
    const kv = mapStore();
    kv.data.set('secrets', ['not', 'a', 'record']);
    const ciphertext = new ElectronCiphertextStore(kv);
    expect(ciphertext.read('appSecret' as SecretName)).toBeNull();
    kv.data.set('secrets', { appSecret: 42 });
    expect(ciphertext.read('appSecret')).toBeNull();
  });

  it('stores the preference as a boolean or removes it', () => {
    const kv = mapStore();
    const ciphertext = new ElectronCiphertextStore(kv);
    expect(ciphertext.readPreference()).toBeNull();
    ciphertext.writePreference(true);
    expect(ciphertext.readPreference()).toBe(true);
    ciphertext.writePreference(null);
    expect(kv.data.has('secretPreference')).toBe(false);
    kv.data.set('secretPreference', 'yes');
    expect(ciphertext.readPreference()).toBeNull();
  });
});

describe('openStateStore (real electron-store on disk)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wizard-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes wizard-state.json in the data dir, owner-only, with no plaintext secret', () => {
    const kv = openStateStore(dir);
    new ElectronProgressStore(kv).save(state);
    const vault = new SafeStorageVault({
      safeStorage: {
        isEncryptionAvailable: () => true,
        encryptString: (value) => Buffer.from([...value].map((c) => c.charCodeAt(0) ^ 0x5a)),
        decryptString: (buffer) => String.fromCharCode(...[...buffer].map((b) => b ^ 0x5a)),
      },
      store: new ElectronCiphertextStore(kv),
      platform: 'darwin',
    });
    vault.set('refreshToken', 'refresh-token-plaintext-marker');

    const file = path.join(dir, 'wizard-state.json');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"progress"');
    expect(text).toContain('"secrets"');
    expect(text).not.toContain('refresh-token-plaintext-marker');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    // A second open (restart) sees the same data.
    const reopened = openStateStore(dir);
    expect(new ElectronProgressStore(reopened).load()).toEqual(state);
  });

  const keptNames = (): string[] =>
    readdirSync(dir).filter((name) => /^wizard-state\.json\.unreadable-\d{8}T\d{6}Z$/.test(name));
  const sessionOn = (kv: KeyValueStore) =>
    createSession({
      store: new ElectronProgressStore(kv),
      vault: new MemorySecretVault({ notice: 'memory only' }),
      now: () => new Date(),
    });

  it('keeps an unparsable file as wizard-state.json.unreadable-<UTC time> and the home screen is told', () => {
    const file = path.join(dir, 'wizard-state.json');
    writeFileSync(file, '{ this is not json');
    const lines: string[] = [];
    const kv = openStateStore(dir, (line) => lines.push(line));
    const session = sessionOn(kv);
    expect(keptNames()).toHaveLength(1);
    const kept = path.join(dir, keptNames()[0]!);
    expect(readFileSync(kept, 'utf8')).toBe('{ this is not json');
    expect(lines.join('\n')).toContain(`kept as ${kept}`);
    expect(session.notices()[0]).toContain(`it was kept as ${kept}`);
    // Reported once: a restart reads the fresh file with no notice and no second copy.
    expect(sessionOn(openStateStore(dir)).notices()).toEqual([]);
    expect(keptNames()).toHaveLength(1);
  });

  it('keeps a copy of a file whose progress is no known saved state; the secrets stay in use', () => {
    const file = path.join(dir, 'wizard-state.json');
    const text = JSON.stringify({ progress: { schemaVersion: 9 }, secrets: { x: 'Y2lwaGVy' } });
    writeFileSync(file, text);
    const kv = openStateStore(dir);
    const session = sessionOn(kv);
    expect(keptNames()).toHaveLength(1);
    expect(readFileSync(path.join(dir, keptNames()[0]!), 'utf8')).toBe(text);
    expect(session.notices()[0]).toContain('could not be read');
    expect(new ElectronCiphertextStore(kv).read('x' as SecretName)).toBe('Y2lwaGVy');
    session.save({ name: 'After' });
    expect(readFileSync(path.join(dir, keptNames()[0]!), 'utf8')).toBe(text);
  });
});

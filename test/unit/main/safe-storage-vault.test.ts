import { describe, expect, it, vi } from 'vitest';
import type { SecretName } from '../../../electron/core/platform';
import {
  SafeStorageVault,
  type CiphertextStore,
  type SafeStorageLike,
} from '../../../electron/main/secrets/safe-storage-vault';

const SECRET = 'app-secret-5f3k2';
const TOKEN = 'refresh-token-9x8y7z';

function memoryCiphertextStore(
  initial: Partial<Record<SecretName, string>> = {},
  preference: boolean | null = null,
) {
  const data = new Map<SecretName, string>(Object.entries(initial) as Array<[SecretName, string]>);
  let pref = preference;
  const store: CiphertextStore & { data: Map<SecretName, string>; pref: () => boolean | null } = {
    data,
    pref: () => pref,
    read: (name) => data.get(name) ?? null,
    write: (name, value) => void data.set(name, value),
    remove: (name) => void data.delete(name),
    names: () => [...data.keys()],
    readPreference: () => pref,
    writePreference: (value) => {
      pref = value;
    },
  };
  return store;
}

/** A reversible fake "encryption" that is visibly not plaintext. */
function fakeSafeStorage(
  options: { available?: boolean; backend?: string; decryptThrows?: boolean } = {},
) {
  const safe: SafeStorageLike & { [K in keyof SafeStorageLike]-?: ReturnType<typeof vi.fn> } = {
    isEncryptionAvailable: vi.fn(() => options.available ?? true),
    encryptString: vi.fn((value: string) => Buffer.from(`ENC(${[...value].reverse().join('')})`)),
    decryptString: vi.fn((buffer: Buffer) => {
      if (options.decryptThrows)
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      const text = buffer.toString();
      return [...text.slice(4, -1)].reverse().join('');
    }),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
  } as never;
  return safe;
}

const decodedCipher = (store: { data: Map<SecretName, string> }, name: SecretName) =>
  Buffer.from(store.data.get(name) ?? '', 'base64').toString();

describe('SafeStorageVault', () => {
  it('keyring available: stores ciphertext (never plaintext) and restores it after a restart', () => {
    const store = memoryCiphertextStore();
    const safe = fakeSafeStorage();
    const vault = new SafeStorageVault({ safeStorage: safe, store, platform: 'linux' });
    vault.set('appSecret', SECRET);
    expect(vault.state('appSecret')).toBe('stored');
    expect(store.data.get('appSecret')).toBeDefined();
    expect(store.data.get('appSecret')).not.toContain(SECRET);
    expect(decodedCipher(store, 'appSecret')).not.toContain(SECRET);
    expect(vault.info()).toMatchObject({ encrypted: true, canOptIn: false, optedIn: false });

    const restarted = new SafeStorageVault({ safeStorage: safe, store, platform: 'linux' });
    expect(restarted.get('appSecret')).toBe(SECRET);
    expect(restarted.state('appSecret')).toBe('stored');
    expect(restarted.state('refreshToken')).toBe('none');
  });

  it('macOS and Windows use the keyring without asking for a Linux backend', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const safe = fakeSafeStorage({ backend: 'basic_text' });
      const vault = new SafeStorageVault({
        safeStorage: safe,
        store: memoryCiphertextStore(),
        platform,
      });
      vault.set('refreshToken', TOKEN);
      expect(vault.state('refreshToken')).toBe('stored');
      expect(safe.getSelectedStorageBackend).not.toHaveBeenCalled();
    }
  });

  it('basic_text: memory only until the admin opts in, then stored', () => {
    const store = memoryCiphertextStore();
    const vault = new SafeStorageVault({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      store,
      platform: 'linux',
    });
    vault.set('appSecret', SECRET);
    vault.set('refreshToken', TOKEN);
    expect(vault.state('appSecret')).toBe('memory');
    expect(store.data.size).toBe(0);
    const before = vault.info();
    expect(before).toMatchObject({ encrypted: false, canOptIn: true, optedIn: false });
    expect(before.notice).toMatch(/no system keyring/);
    expect(before.notice).toMatch(/memory only/);

    vault.setOptIn(true);
    expect(vault.state('appSecret')).toBe('stored');
    expect(vault.state('refreshToken')).toBe('stored');
    expect(store.data.size).toBe(2);
    expect(store.pref()).toBe(true);
    const after = vault.info();
    expect(after).toMatchObject({ encrypted: false, canOptIn: true, optedIn: true });
    expect(after.notice).toMatch(/fixed key/);

    // The choice survives a restart, and so do the secrets.
    const restarted = new SafeStorageVault({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      store,
      platform: 'linux',
    });
    expect(restarted.get('refreshToken')).toBe(TOKEN);
    expect(restarted.info().optedIn).toBe(true);
  });

  it('opting out deletes every ciphertext but keeps the secrets in memory', () => {
    const store = memoryCiphertextStore();
    const vault = new SafeStorageVault({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      store,
      platform: 'linux',
    });
    vault.setOptIn(true);
    vault.set('appSecret', SECRET);
    expect(store.data.size).toBe(1);
    vault.setOptIn(false);
    expect(store.data.size).toBe(0);
    expect(vault.get('appSecret')).toBe(SECRET);
    expect(vault.state('appSecret')).toBe('memory');
    vault.set('refreshToken', TOKEN);
    expect(store.data.size).toBe(0);
  });

  it('keyring: choosing memory only also deletes the ciphertext', () => {
    const store = memoryCiphertextStore();
    const vault = new SafeStorageVault({
      safeStorage: fakeSafeStorage(),
      store,
      platform: 'linux',
    });
    vault.set('appSecret', SECRET);
    vault.setOptIn(false);
    expect(store.data.size).toBe(0);
    expect(vault.state('appSecret')).toBe('memory');
    expect(vault.info().notice).toMatch(/memory only/);
  });

  it('encryption unavailable: memory only, no opt-in, nothing written, setOptIn ignored', () => {
    const store = memoryCiphertextStore();
    const safe = fakeSafeStorage({ available: false });
    const vault = new SafeStorageVault({ safeStorage: safe, store, platform: 'linux' });
    vault.set('appSecret', SECRET);
    vault.setOptIn(true);
    expect(vault.state('appSecret')).toBe('memory');
    expect(store.data.size).toBe(0);
    expect(store.pref()).toBeNull();
    expect(safe.encryptString).not.toHaveBeenCalled();
    expect(vault.info()).toMatchObject({ encrypted: false, canOptIn: false, optedIn: false });
    expect(vault.info().notice).toMatch(/not available/);
  });

  it('decryptString throwing (keyring changed) counts as no secret and never crashes', () => {
    const cipher = Buffer.from('garbage').toString('base64');
    const store = memoryCiphertextStore({ appSecret: cipher, refreshToken: cipher });
    const lines: string[] = [];
    const vault = new SafeStorageVault({
      safeStorage: fakeSafeStorage({ decryptThrows: true }),
      store,
      platform: 'linux',
      log: (line) => lines.push(line),
    });
    expect(vault.get('appSecret')).toBeNull();
    expect(vault.get('refreshToken')).toBeNull();
    expect(vault.state('appSecret')).toBe('none');
    expect(vault.info().notice).toMatch(/enter it again/);
    expect(lines.join('\n')).not.toContain(cipher);
    // Re-entering works and replaces the unreadable ciphertext.
    vault.set('appSecret', SECRET);
    expect(vault.get('appSecret')).toBe(SECRET);
    expect(store.data.get('appSecret')).not.toBe(cipher);
  });

  it('encryptString throwing keeps the secret in memory and says so', () => {
    const safe = fakeSafeStorage();
    safe.encryptString.mockImplementation(() => {
      throw new Error('keyring locked');
    });
    const store = memoryCiphertextStore();
    const vault = new SafeStorageVault({ safeStorage: safe, store, platform: 'linux' });
    vault.set('appSecret', SECRET);
    expect(vault.get('appSecret')).toBe(SECRET);
    expect(vault.state('appSecret')).toBe('memory');
    expect(store.data.size).toBe(0);
    expect(vault.info().notice).toMatch(/memory only for now/);
  });

  it('delete and clear remove memory and disk copies', () => {
    const store = memoryCiphertextStore();
    const vault = new SafeStorageVault({
      safeStorage: fakeSafeStorage(),
      store,
      platform: 'linux',
    });
    vault.set('appSecret', SECRET);
    vault.set('refreshToken', TOKEN);
    vault.delete('appSecret');
    expect(vault.get('appSecret')).toBeNull();
    expect(store.data.has('appSecret')).toBe(false);
    vault.clear();
    expect(vault.get('refreshToken')).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it('no notice ever contains a secret', () => {
    const vault = new SafeStorageVault({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      store: memoryCiphertextStore(),
      platform: 'linux',
    });
    vault.set('appSecret', SECRET);
    vault.setOptIn(true);
    expect(JSON.stringify(vault.info())).not.toContain(SECRET);
  });
});

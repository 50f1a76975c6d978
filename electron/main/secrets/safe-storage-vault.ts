/**
 * SecretVault for Electron: secrets always live in memory, and are written to disk only as
 * safeStorage ciphertext when that really protects them (Electron docs,
 * safe-storage.md: what each platform's backend protects against).
 *
 * - Keyring available (macOS Keychain, Windows DPAPI, a Linux secret service): encrypted with
 *   `safeStorage.encryptString`, stored as base64 next to the progress, restored on restart.
 * - Linux `basic_text` (no secret service): safeStorage "encrypts" with a hard-coded password,
 *   which protects nothing. Memory only, unless the admin opts in after a plain warning.
 * - Encryption unavailable: memory only, no opt-in (there is nothing to opt in to).
 * - `decryptString` throwing (keyring changed or reset): the secret counts as absent and the
 *   admin re-enters it; the app never crashes on it.
 *
 * safeStorage is injected (constructor) so unit tests run with a fake; construct this only after
 * `app.whenReady()`, because before ready Linux reports the backend as `unknown`.
 */
import type { SecretName, SecretVault } from '../../core/platform';
import type { SecretState, SecretStorageInfo } from '../../shared/contract';

/** The slice of Electron's safeStorage this vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent or ignored elsewhere. */
  getSelectedStorageBackend?(): string;
}

/** Where ciphertext and the admin's storage choice are kept (electron-store in the app). */
export interface CiphertextStore {
  read(name: SecretName): string | null;
  write(name: SecretName, base64: string): void;
  remove(name: SecretName): void;
  /** Every stored name (connectors are many; each has `<id>.appSecret` and `<id>.refreshToken`). */
  names(): SecretName[];
  /** The admin's explicit choice: true = keep on disk, false = memory only, null = not chosen. */
  readPreference(): boolean | null;
  writePreference(value: boolean | null): void;
}

export interface SafeStorageVaultOptions {
  readonly safeStorage: SafeStorageLike;
  readonly store: CiphertextStore;
  readonly platform: NodeJS.Platform;
  readonly log?: (line: string) => void;
}

type Backend = 'keyring' | 'basic_text' | 'unavailable';

const NOTICES = {
  keyring: 'Secrets are encrypted with your system keyring and kept between restarts.',
  keyringOptedOut:
    'Secrets stay in memory only, as you chose: you will enter them again after the wizard restarts.',
  basicText:
    'This computer has no system keyring (such as GNOME Keyring or KWallet), so secrets stay in memory only and are gone when the wizard closes. You can choose to keep them on disk anyway, but they would then be protected only by a fixed key built into the app, which anyone who can read your files could undo.',
  basicTextOptedIn:
    'Secrets are kept on disk protected only by a fixed key built into the app, because this computer has no system keyring and you chose to keep them. Anyone who can read your files could recover them. Turn this off to delete them from disk.',
  unavailable:
    'Encryption is not available on this computer, so secrets stay in memory only and are gone when the wizard closes.',
  unreadable:
    ' A secret saved earlier could not be decrypted (the system keyring may have changed), so please enter it again.',
  writeFailed: ' Saving a secret to disk failed, so it is kept in memory only for now.',
} as const;

export class SafeStorageVault implements SecretVault {
  private readonly memory = new Map<SecretName, string>();
  private readonly persisted = new Set<SecretName>();
  private readonly safeStorage: SafeStorageLike;
  private readonly store: CiphertextStore;
  private readonly log: (line: string) => void;
  private readonly backend: Backend;
  private preference: boolean | null;
  private unreadable = false;
  private writeFailed = false;

  constructor(options: SafeStorageVaultOptions) {
    this.safeStorage = options.safeStorage;
    this.store = options.store;
    this.log = options.log ?? (() => {});
    this.backend = detectBackend(options.safeStorage, options.platform);
    this.preference = this.store.readPreference();
    if (this.persistenceAllowed()) this.restore();
  }

  get(name: SecretName): string | null {
    return this.memory.get(name) ?? null;
  }

  set(name: SecretName, value: string): void {
    this.memory.set(name, value);
    if (this.persistenceAllowed()) this.persist(name, value);
    else this.forgetOnDisk(name);
  }

  delete(name: SecretName): void {
    this.memory.delete(name);
    this.forgetOnDisk(name);
  }

  clear(): void {
    for (const name of new Set([...this.memory.keys(), ...this.storedNames()])) this.delete(name);
    this.unreadable = false;
  }

  names(): SecretName[] {
    return [...this.memory.keys()];
  }

  state(name: SecretName): SecretState {
    if (!this.memory.has(name)) return 'none';
    return this.persisted.has(name) ? 'stored' : 'memory';
  }

  info(): SecretStorageInfo {
    let notice: string;
    if (this.backend === 'keyring')
      notice = this.preference === false ? NOTICES.keyringOptedOut : NOTICES.keyring;
    else if (this.backend === 'basic_text')
      notice = this.preference === true ? NOTICES.basicTextOptedIn : NOTICES.basicText;
    else notice = NOTICES.unavailable;
    if (this.unreadable) notice += NOTICES.unreadable;
    if (this.writeFailed) notice += NOTICES.writeFailed;
    return {
      notice,
      encrypted: this.backend === 'keyring',
      canOptIn: this.backend === 'basic_text',
      optedIn: this.backend === 'basic_text' && this.preference === true,
    };
  }

  /**
   * basic_text: opting in stores the secrets held now; opting out deletes every ciphertext.
   * Keyring: `false` means "memory only" (also deletes), `true` returns to the default.
   * Unavailable: nothing can be stored, so the call changes nothing.
   */
  setOptIn(optIn: boolean): void {
    if (this.backend === 'unavailable') return;
    this.preference = optIn;
    this.store.writePreference(optIn);
    if (this.persistenceAllowed()) {
      for (const [name, value] of this.memory) this.persist(name, value);
    } else {
      for (const name of this.storedNames()) this.forgetOnDisk(name);
    }
  }

  private persistenceAllowed(): boolean {
    if (this.backend === 'keyring') return this.preference !== false;
    if (this.backend === 'basic_text') return this.preference === true;
    return false;
  }

  private persist(name: SecretName, value: string): void {
    try {
      const cipher = this.safeStorage.encryptString(value);
      this.store.write(name, cipher.toString('base64'));
      this.persisted.add(name);
      this.writeFailed = false;
    } catch {
      // encryptString throws when the keyring refuses; keep the secret in memory and say so.
      this.persisted.delete(name);
      this.writeFailed = true;
      this.log(`[vault] could not encrypt ${name}; kept in memory only`);
    }
  }

  private forgetOnDisk(name: SecretName): void {
    this.persisted.delete(name);
    try {
      this.store.remove(name);
    } catch {
      this.log(`[vault] could not remove stored ${name}`);
    }
  }

  private storedNames(): SecretName[] {
    try {
      return this.store.names();
    } catch {
      return [];
    }
  }

  private restore(): void {
    for (const name of this.storedNames()) {
      const stored = this.store.read(name);
      if (stored === null || stored === '') continue;
      try {
        const value = this.safeStorage.decryptString(Buffer.from(stored, 'base64'));
        this.memory.set(name, value);
        this.persisted.add(name);
      } catch {
        // Keyring changed or data damaged: treat as absent (the admin re-enters it). The
        // ciphertext stays until a new value overwrites it, in case the keyring comes back.
        this.unreadable = true;
        this.log(`[vault] stored ${name} could not be decrypted; treating it as absent`);
      }
    }
  }
}

function detectBackend(safeStorage: SafeStorageLike, platform: NodeJS.Platform): Backend {
  let available: boolean;
  try {
    available = safeStorage.isEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) return 'unavailable';
  if (platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function') {
    const name = safeStorage.getSelectedStorageBackend();
    if (name === 'basic_text') return 'basic_text';
    // 'unknown' only happens before ready; be safe and treat it like basic_text.
    if (name === 'unknown') return 'basic_text';
  }
  return 'keyring';
}

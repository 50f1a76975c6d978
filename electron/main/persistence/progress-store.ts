/**
 * electron-store persistence for the wizard (the only importer of electron-store).
 *
 * One file, `wizard-state.json` in the data dir, with separate keys:
 * - `progress`: non-secret progress (ProgressStore); core validates and migrates what it loads;
 * - `secrets`: safeStorage ciphertext as base64, never plaintext (CiphertextStore);
 * - `secretPreference`: the admin's keep-on-disk choice for secrets.
 * `clearInvalidConfig: false` so a damaged file is never silently wiped together with the
 * ciphertext; instead it is moved aside as `wizard-state.json.unreadable-<UTC time>` (never
 * deleted), a fresh file is started, and core tells the admin where the copy is.
 * File mode 0600: the ciphertext is useless without the keyring, but there is no reason for other
 * local users to read even the progress.
 */
import path from 'node:path';
import Store from 'electron-store';
import { keepUnreadableFile } from '../../core/keep-unreadable';
import {
  UNREADABLE_FILE,
  type ProgressStore,
  type SavedState,
  type SecretName,
} from '../../core/platform';
import type { CiphertextStore } from '../secrets/safe-storage-vault';

/** The minimal key-value surface used here; electron-store provides it, tests pass a fake. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** The file on disk (electron-store's `path`); tests' fakes have none. */
  readonly path?: string;
  /** Where an unparsable file was moved when the store opened; read by ElectronProgressStore. */
  readonly keptUnreadableAs?: string;
}

export const STATE_FILE_NAME = 'wizard-state';

/** Opens (or creates) the state file in `dataDir`. */
export function openStateStore(
  dataDir: string,
  log: (line: string) => void = () => {},
): KeyValueStore {
  const options = {
    cwd: dataDir,
    name: STATE_FILE_NAME,
    clearInvalidConfig: false,
    configFileMode: 0o600,
  } as const;
  try {
    return new Store<Record<string, unknown>>(options) as unknown as KeyValueStore;
  } catch {
    // Unparsable JSON (a crash mid-write on a filesystem without atomic rename, or a hand edit).
    // Keep the damaged file, start fresh: nothing crashes, and the home screen says where it is.
    const file = path.join(dataDir, `${STATE_FILE_NAME}.json`);
    const kept = keepUnreadableFile(file);
    log(
      `[store] the saved state could not be read; it was kept as ${kept ?? file} and a fresh one started`,
    );
    const fresh = new Store<Record<string, unknown>>(options) as unknown as KeyValueStore;
    return kept === null ? fresh : withKeptCopy(fresh, kept);
  }
}

/** The fresh store, telling ElectronProgressStore where the unreadable file went. */
function withKeptCopy(store: KeyValueStore, kept: string): KeyValueStore {
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    path: store.path,
    keptUnreadableAs: kept,
  };
}

export class ElectronProgressStore implements ProgressStore {
  /** Set once the unreadable file was reported, so it is reported (and kept) once. */
  private reported = false;

  constructor(private readonly store: KeyValueStore) {}

  get location(): string | undefined {
    return this.store.path;
  }

  load(): unknown {
    // The whole file was unparsable when it opened: its progress is in the kept copy.
    if (this.store.keptUnreadableAs !== undefined && !this.reported) return UNREADABLE_FILE;
    return this.store.get('progress') ?? null;
  }

  keepUnreadable(): string | null {
    this.reported = true;
    if (this.store.keptUnreadableAs !== undefined) return this.store.keptUnreadableAs;
    // The file parsed but its progress is no saved state this version knows. Copied, not moved:
    // the same file holds the secrets' ciphertext, which stays in use.
    return this.store.path === undefined
      ? null
      : keepUnreadableFile(this.store.path, { copy: true });
  }

  save(state: SavedState): void {
    this.store.set('progress', state);
  }

  clear(): void {
    this.store.delete('progress');
  }
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

export class ElectronCiphertextStore implements CiphertextStore {
  constructor(private readonly store: KeyValueStore) {}

  private all(): Record<string, string> {
    const value = this.store.get('secrets');
    return isRecordOfStrings(value) ? { ...value } : {};
  }

  read(name: SecretName): string | null {
    return this.all()[name] ?? null;
  }

  write(name: SecretName, base64: string): void {
    this.store.set('secrets', { ...this.all(), [name]: base64 });
  }

  names(): SecretName[] {
    return Object.keys(this.all()) as SecretName[];
  }

  remove(name: SecretName): void {
    const all = this.all();
    if (!(name in all)) return;
    delete all[name];
    this.store.set('secrets', all);
  }

  readPreference(): boolean | null {
    const value = this.store.get('secretPreference');
    return typeof value === 'boolean' ? value : null;
  }

  writePreference(value: boolean | null): void {
    if (value === null) this.store.delete('secretPreference');
    else this.store.set('secretPreference', value);
  }
}

/**
 * electron-store persistence for the wizard (the only importer of electron-store).
 *
 * One file, `wizard-state.json` in the data dir, with separate keys:
 * - `progress`: non-secret progress (ProgressStore); core validates and migrates what it loads;
 * - `secrets`: safeStorage ciphertext as base64, never plaintext (CiphertextStore);
 * - `secretPreference`: the admin's keep-on-disk choice for secrets.
 * `clearInvalidConfig: false` so a damaged file is never silently wiped together with the
 * ciphertext; instead it is moved aside for support and a fresh file is started.
 * File mode 0600: the ciphertext is useless without the keyring, but there is no reason for other
 * local users to read even the progress.
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import Store from 'electron-store';
import type { ProgressStore, SavedState, SecretName } from '../../core/platform';
import type { CiphertextStore } from '../secrets/safe-storage-vault';

/** The minimal key-value surface used here; electron-store provides it, tests pass a fake. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
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
    // Keep the damaged file for support, start fresh: progress is re-entered, nothing crashes.
    const file = path.join(dataDir, `${STATE_FILE_NAME}.json`);
    if (existsSync(file)) renameSync(file, `${file}.damaged-${Date.now()}`);
    log('[store] the saved state could not be read; it was set aside and a fresh one started');
    return new Store<Record<string, unknown>>(options) as unknown as KeyValueStore;
  }
}

export class ElectronProgressStore implements ProgressStore {
  constructor(private readonly store: KeyValueStore) {}

  load(): unknown {
    return this.store.get('progress') ?? null;
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

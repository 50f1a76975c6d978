/**
 * Browser mode's secret vault: secrets in memory only, gone when the server stops (the UI says
 * so). The desktop app has its own vault (electron/main/secrets/safe-storage-vault.ts), which
 * keeps its own in-memory copy when safeStorage cannot protect the values.
 */
import type { SecretState, SecretStorageInfo } from '../shared/contract';
import type { SecretName, SecretVault } from '../core/platform';

export class MemorySecretVault implements SecretVault {
  readonly #values = new Map<SecretName, string>();
  readonly #notice: string;

  constructor(options: { notice: string }) {
    this.#notice = options.notice;
  }

  get(name: SecretName): string | null {
    return this.#values.get(name) ?? null;
  }

  set(name: SecretName, value: string): void {
    this.#values.set(name, value);
  }

  delete(name: SecretName): void {
    this.#values.delete(name);
  }

  clear(): void {
    this.#values.clear();
  }

  names(): SecretName[] {
    return [...this.#values.keys()];
  }

  state(name: SecretName): SecretState {
    return this.#values.has(name) ? 'memory' : 'none';
  }

  info(): SecretStorageInfo {
    return { notice: this.#notice, encrypted: false, canOptIn: false, optedIn: false };
  }

  setOptIn(): void {
    // Nothing to opt in to: memory is the only place this vault keeps secrets.
  }
}

/**
 * What the wizard service needs from its host. Electron main and the browser-mode server each
 * provide one of these; core never imports electron, so everything Electron-specific (safeStorage,
 * windows, clipboard, dialogs) arrives through these ports.
 */
import type {
  BridgeEvent,
  Progress,
  SecretState,
  SecretStorageInfo,
  TransportMode,
} from '../shared/contract';

/**
 * Everything non-secret the wizard keeps, keyed by connector id. `schemaVersion` is bumped with a
 * migration in `wizard/saved-state.ts` whenever the shape changes; an old file migrates, never
 * resets.
 */
export interface SavedState {
  readonly schemaVersion: 2;
  readonly activeConnectorId: string;
  readonly connectors: Readonly<Record<string, Progress>>;
  /**
   * Records this version could not read, kept exactly as the file had them (never deleted): a
   * later version, or a hand repair, may read them again.
   */
  readonly unreadable?: Readonly<Record<string, unknown>>;
}

/**
 * What `ProgressStore.load` returns when the saved file exists but is not JSON at all (truncated
 * by a crash mid-write, or a hand edit): core then asks the store to keep it (`keepUnreadable`).
 */
export const UNREADABLE_FILE = Object.freeze({ unreadableFile: true as const });

/** Non-secret progress persistence (electron-store in Electron, a JSON file in browser mode). */
export interface ProgressStore {
  /**
   * Returns whatever was saved, unvalidated: core validates and migrates it. A file that exists
   * but cannot be parsed returns UNREADABLE_FILE; no file returns null.
   */
  load(): unknown;
  save(state: SavedState): void;
  clear(): void;
  /** The saved file's path, for messages (stores without a file leave it out). */
  readonly location?: string;
  /**
   * The saved file as a whole could not be read (not JSON, or no saved state this version
   * knows): keep it beside itself as `<name>.unreadable-<UTC time>` before the next save
   * overwrites it, never deleting it. Returns the kept copy's path; null when there is nothing
   * to keep. Stores without a file leave it out.
   */
  keepUnreadable?(): string | null;
}

/** The two secrets a connector has. */
export type SecretKind = 'appSecret' | 'refreshToken';
/**
 * A vault entry: `<connectorId>.<kind>`. The bare kinds are the first release's names, read once
 * and moved under the first connector (`wizard/session.ts`).
 */
export type SecretName = `${string}.${SecretKind}` | SecretKind;

/** Secrets: memory always; encrypted at rest only where the platform really can. */
export interface SecretVault {
  get(name: SecretName): string | null;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
  clear(): void;
  /** Every name that holds a value (for migration and deleting a connector). */
  names(): SecretName[];
  state(name: SecretName): SecretState;
  info(): SecretStorageInfo;
  /** Linux basic_text fallback: the admin accepts plain storage after a warning (or withdraws). */
  setOptIn(optIn: boolean): void;
}

export interface SignInWindowHandle {
  close(): void;
}

export interface SignInWindowOptions {
  /** The authorize URL to load. */
  readonly url: string;
  /** Loopback redirect URI; the window intercepts navigation to it before it loads. */
  readonly redirectUri: string | null;
  /** Called once with the full redirect URL (query carries code/state or error). */
  readonly onRedirect: (redirectUrl: string) => void;
  /** Called if the admin closes the window before a redirect. */
  readonly onClosed: () => void;
}

/** Host capabilities. Optional members exist only in Electron. */
export interface HostShell {
  readonly mode: TransportMode;
  /**
   * Open an allow-listed https URL in the system browser. Browser mode returns false: the
   * renderer opens a new tab itself.
   */
  openExternal(url: string): Promise<boolean>;
  /** Electron: the internal sign-in window (the one window allowed to navigate). */
  openSignInWindow?(options: SignInWindowOptions): SignInWindowHandle;
  /** Electron: open the App Console in an internal window. */
  openAppConsole?(url: string): Promise<boolean>;
  /** Electron: write the clipboard from main and clear it after the delay if unchanged. */
  writeClipboard?(value: string, clearAfterSeconds: number): void;
  /** Electron: native save dialog. Returns null when the admin cancels. */
  chooseExportPath?(defaultPath: string): Promise<string | null>;
}

export interface EventSink {
  emit(event: BridgeEvent): void;
}

/**
 * Browser-mode progress: one JSON file in the data dir, written atomically with owner-only
 * permissions. Holds only the non-secret saved state (the service never hands it a secret).
 *
 * Saves are coalesced: `save` keeps the newest state in memory and writes it once the burst is
 * over (SAVE_DELAY_MS later, and always before the process exits), so an import of many
 * connectors writes the file a few times, not once per change; `load` sees the pending state.
 * write-file-atomic leaves `progress.json.<number>` beside the file when the process is killed
 * mid-write; those are removed when the store opens. A file that cannot be read as a whole is
 * moved aside to `progress.json.unreadable-<UTC time>` (never deleted) when core asks.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { keepUnreadableFile } from '../core/keep-unreadable';
import { UNREADABLE_FILE, type ProgressStore, type SavedState } from '../core/platform';

export const PROGRESS_FILE_NAME = 'progress.json';
export const SAVE_DELAY_MS = 50;
/** write-file-atomic's temp name: the file name, a dot, an unsigned 32-bit murmur hash. */
const STALE_TEMP = /^progress\.json\.\d+$/;

/** Stores with a write still to do; one exit hook for all of them. */
const unsaved = new Set<JsonProgressStore>();
let exitHooked = false;

export class JsonProgressStore implements ProgressStore {
  readonly file: string;
  private pending: SavedState | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, PROGRESS_FILE_NAME);
    removeStaleTempFiles(dataDir);
  }

  load(): unknown {
    if (this.pending) return JSON.parse(JSON.stringify(this.pending)) as unknown;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      // No file yet (or none we may open): a fresh start.
      return null;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not JSON: core has it kept aside before the next save would overwrite it.
      return UNREADABLE_FILE;
    }
  }

  get location(): string {
    return this.file;
  }

  keepUnreadable(): string | null {
    // Moved, not copied: the fresh state core saves next starts a new file.
    return keepUnreadableFile(this.file);
  }

  save(state: SavedState): void {
    this.pending = state;
    unsaved.add(this);
    if (!exitHooked) {
      exitHooked = true;
      process.once('exit', () => {
        for (const store of unsaved) store.flush();
      });
    }
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Writes the pending state now (the server calls it on shutdown; exit does too). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const state = this.pending;
    if (!state) return;
    this.pending = null;
    unsaved.delete(this);
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(this.file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    unsaved.delete(this);
    rmSync(this.file, { force: true });
  }
}

function removeStaleTempFiles(dataDir: string): void {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (STALE_TEMP.test(name)) rmSync(path.join(dataDir, name), { force: true });
  }
}

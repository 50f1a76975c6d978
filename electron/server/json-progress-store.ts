/**
 * Browser-mode progress: one JSON file in the data dir, written atomically with owner-only
 * permissions. Holds only the non-secret saved state (the service never hands it a secret).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { ProgressStore, SavedState } from '../core/platform';

const PROGRESS_FILE_NAME = 'progress.json';

export class JsonProgressStore implements ProgressStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, PROGRESS_FILE_NAME);
  }

  load(): unknown {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
    } catch {
      // Missing or unreadable: start fresh. A corrupt file is left in place for support, not
      // deleted, and is overwritten on the next save.
      return null;
    }
  }

  save(state: SavedState): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(this.file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}

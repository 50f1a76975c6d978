/**
 * One wizard process per data folder. Two processes on one folder would each keep their own copy
 * of the saved connectors and overwrite the other's on every save, silently. The lock is a file
 * in the folder holding the owner's pid and the address it can be reached at (never a token);
 * a lock whose pid is no longer running (a crash, a kill -9) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fail, ok, type Result } from '../shared/result';

export const LOCK_FILE_NAME = 'wizard.lock';

export interface LockOwner {
  readonly pid: number;
  /** Where the other wizard can be reached ("http://127.0.0.1:5178", "the desktop app"). */
  readonly address: string;
  readonly startedAt: string;
}

export interface DataLock {
  readonly file: string;
  /** Records the address once it is known (a server learns its port after listening). */
  setAddress(address: string): void;
  release(): void;
}

export interface LockOptions {
  readonly address: string;
  readonly pid?: number;
  readonly now?: () => Date;
  /** Whether a process is running; injectable for tests. */
  readonly isAlive?: (pid: number) => boolean;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof raw.pid !== 'number' || !Number.isInteger(raw.pid) || raw.pid <= 0) return null;
    return {
      pid: raw.pid,
      address: typeof raw.address === 'string' ? raw.address : 'an unknown address',
      startedAt: typeof raw.startedAt === 'string' ? raw.startedAt : '',
    };
  } catch {
    return null;
  }
}

function tryCreate(file: string, owner: LockOwner): boolean {
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeFileSync(fd, `${JSON.stringify(owner)}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the folder's lock, or says which process holds it (the folder is made if missing). A lock file
 * that names a dead process, or that cannot be read, is stale and taken over.
 */
export function acquireDataLock(dataDir: string, options: LockOptions): Result<DataLock> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processIsAlive;
  let owner: LockOwner = {
    pid,
    address: options.address,
    startedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (tryCreate(file, owner)) {
      const lock: DataLock = {
        file,
        setAddress(address) {
          owner = { ...owner, address };
          if (readOwner(file)?.pid === pid) writeFileSync(file, `${JSON.stringify(owner)}\n`);
        },
        release() {
          // Only our own lock: a process that took over a lock we lost keeps its own.
          if (readOwner(file)?.pid !== pid) return;
          try {
            unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
      return ok(lock);
    }
    const other = readOwner(file);
    if (other && other.pid !== pid && isAlive(other.pid)) {
      return fail({
        code: 'invalid_input',
        message: `Another Dropbox Connector Wizard is already using the data folder ${dataDir} (process ${other.pid}, at ${other.address}).`,
        remedy: `Use that wizard (${other.address}), or close it first. To run a second one, give it another data folder (--data-dir). Two wizards on one folder would overwrite each other's connectors.`,
      });
    }
    // Stale (its process is gone) or unreadable: take it over.
    try {
      unlinkSync(file);
    } catch {
      // Someone else removed it first; the next attempt decides.
    }
  }
  return fail({
    code: 'invalid_input',
    message: `The data folder ${dataDir} is being locked by another wizard starting at the same time.`,
    remedy: 'Start the wizard again in a moment.',
  });
}

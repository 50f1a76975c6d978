/**
 * Writes a file that holds secrets: a temp file beside the target, fsync, rename over the target,
 * fsync the folder. A crash or a full disk never leaves a half-written credential file, and an
 * existing export is replaced whole or not at all.
 *
 * Not write-file-atomic (still used for progress.json, which holds no secret): its temp name is
 * `<target>.<murmurhash of pid and a counter>`, predictable, and it opens it with plain `'w'`
 * (no O_EXCL, follows links). In a group-writable folder (`/srv/dropbox-exports`) another local
 * user could plant a link under that name and receive the secrets. Here the temp name has 128
 * random bits, and it is opened O_CREAT|O_EXCL|O_NOFOLLOW with mode 0600: if anything exists
 * under that name, even a dangling link, the open fails and a new name is tried.
 *
 * Only a regular file is ever replaced: a link, a folder, a device node, a FIFO or a socket under
 * the chosen name is refused (as root, Replace on /dev/null would otherwise replace /dev/null).
 */
import { constants, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { WizardError } from '../../shared/result';
import { WizardFailure } from '../failure';

export const SECRET_FILE_MODE = 0o600;
export const SECRET_DIR_MODE = 0o700;

/** Exclusive create, never through a link (O_NOFOLLOW is 0 where the OS has none: Windows). */
export const TEMP_OPEN_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

const TEMP_ATTEMPTS = 8;

export interface SecretWriteOptions {
  /**
   * The file's mode (default 0600). Only for files with no secret that another user must read:
   * the CLI's Prometheus textfile, read by node_exporter.
   */
  readonly mode?: number;
  /** Test seam: the temp file name to try (default: `.<name>.<32 random hex>.tmp`). */
  readonly tempName?: (fileName: string) => string;
}

function randomTempName(fileName: string): string {
  return `.${fileName}.${randomBytes(16).toString('hex')}.tmp`;
}

/** What kind of thing an existing path is, in words for the refusal; null for a regular file. */
function notRegular(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'it is a folder, not a file';
  if (info.isSymbolicLink()) return 'it is a link to another file';
  if (info.isFIFO()) return 'it is a pipe (FIFO), not a regular file';
  if (info.isSocket()) return 'it is a socket, not a regular file';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'it is a device, not a regular file';
  return 'it is not a regular file';
}

/**
 * Resolves to the absolute path written. Rejects with a WizardFailure `export_failed` whose
 * message names the path and the OS reason (never the contents).
 */
export async function writeSecretFileAtomic(
  path: string,
  contents: string,
  options: SecretWriteOptions = {},
): Promise<string> {
  const target = resolve(path);
  try {
    await refuseNonRegular(target);
    const parent = dirname(target);
    // Only folders created here get 0700; an existing folder's permissions are the admin's choice.
    await mkdir(parent, { recursive: true, mode: SECRET_DIR_MODE });
    const { handle, tempPath } = await openExclusiveTemp(parent, basename(target), options);
    try {
      try {
        // The mode given to open is reduced by the umask; fchmod makes it exactly 0600.
        await handle.chmod(options.mode ?? SECRET_FILE_MODE);
        await handle.writeFile(contents, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Checked again right before the rename: something may have appeared meanwhile. rename
      // itself never follows a link, so a link planted after this check is replaced, not used.
      await refuseNonRegular(target);
      await rename(tempPath, target);
    } catch (error) {
      await unlink(tempPath).catch(() => undefined);
      throw error;
    }
    await syncDirectory(parent);
    return target;
  } catch (error) {
    if (error instanceof WizardFailure) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    throw new WizardFailure(exportFailed(target, osReason(code, error), remedyFor(code), code));
  }
}

async function refuseNonRegular(target: string): Promise<void> {
  const existing = await lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  const why = existing ? notRegular(existing) : null;
  if (why === null) return;
  throw new WizardFailure(
    exportFailed(
      target,
      why,
      existing?.isDirectory()
        ? 'Choose a file name inside that folder.'
        : 'Choose a plain file name, or another folder, then export again.',
    ),
  );
}

async function openExclusiveTemp(
  parent: string,
  fileName: string,
  options: SecretWriteOptions,
): Promise<{ handle: FileHandle; tempPath: string }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < TEMP_ATTEMPTS; attempt += 1) {
    const name = (attempt === 0 && options.tempName ? options.tempName : randomTempName)(fileName);
    const tempPath = join(parent, name);
    try {
      return { handle: await open(tempPath, TEMP_OPEN_FLAGS, SECRET_FILE_MODE), tempPath };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Something is already there (a planted file or link): never touch it, take another name.
      if (code !== 'EEXIST' && code !== 'ELOOP') throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** Makes the rename durable on Linux/macOS; Windows cannot open folders this way, and that is fine. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the file itself is complete either way.
  }
}

function osReason(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EBUSY':
      return 'the file is in use by another program';
    default:
      // Node's error messages name the path and the syscall, never the contents.
      return code ?? (error instanceof Error ? error.message : 'unknown error');
  }
}

function remedyFor(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'Choose another folder, or check that your account may write to this one.';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Free some disk space or choose a folder on another disk, then export again.';
    default:
      return 'Choose another folder or file name, then export again.';
  }
}

function exportFailed(path: string, reason: string, remedy: string, detail?: string): WizardError {
  const error: WizardError = {
    code: 'export_failed',
    message: `Could not write ${path}: ${reason}.`,
    remedy,
    action: 'retry',
  };
  return detail === undefined ? error : { ...error, detail };
}

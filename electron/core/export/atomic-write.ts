/**
 * Writes a file that holds secrets. write-file-atomic (npm's own, widely used) writes a temp
 * file beside the target, fsyncs it and renames it over the target, so a crash or full disk
 * never leaves a half-written credential file, and an existing export is replaced whole or not
 * at all. The temp file is created with mode 0600, so the secret is never readable by others,
 * not even for a moment.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { WizardError } from '../../shared/result';
import { WizardFailure } from '../failure';

export const SECRET_FILE_MODE = 0o600;
export const SECRET_DIR_MODE = 0o700;

/**
 * Resolves to the absolute path written. Rejects with a WizardFailure `export_failed` whose
 * message names the path and the OS reason (never the contents).
 */
export async function writeSecretFileAtomic(path: string, contents: string): Promise<string> {
  const target = resolve(path);
  try {
    const existing = await lstat(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (existing?.isDirectory()) {
      throw new WizardFailure(
        exportFailed(
          target,
          'it is a folder, not a file',
          'Choose a file name inside that folder.',
        ),
      );
    }
    // write-file-atomic follows links to their target; a secret must not be steered elsewhere
    // by a link someone left in a shared folder.
    if (existing?.isSymbolicLink()) {
      throw new WizardFailure(
        exportFailed(
          target,
          'it is a link to another file',
          'Choose a plain file name in another folder.',
        ),
      );
    }
    const parent = dirname(target);
    // Only folders created here get 0700; an existing folder's permissions are the admin's choice.
    await mkdir(parent, { recursive: true, mode: SECRET_DIR_MODE });
    await writeFileAtomic(target, contents, {
      mode: SECRET_FILE_MODE,
      encoding: 'utf8',
      fsync: true,
    });
    await syncDirectory(parent);
    return target;
  } catch (error) {
    if (error instanceof WizardFailure) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    throw new WizardFailure(exportFailed(target, osReason(code, error), remedyFor(code), code));
  }
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

/**
 * Turns the command line's paths into the files to check. A folder means every export-named file
 * in it (not its subfolders): *.json, *.env, *.conf. Support copies (`*.redacted.*`) have no
 * secrets to check and are skipped with a note. Every other file with those endings is checked,
 * so a truncated, empty or foreign one is reported (exit 2) instead of skipped: an unattended
 * job must not turn green because an export was corrupted.
 *
 * Nothing here opens a file: only `stat`, so a FIFO, socket or device is reported as what it is
 * and never read (reading a FIFO would hang the job; /dev/zero never ends).
 */
import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';

export interface CollectedFiles {
  /** Paths to check, in command-line order, folders' contents sorted by name. */
  readonly files: string[];
  /** One line each: what was skipped and why. */
  readonly notes: string[];
  /** Paths that could not be read at all: [path, one-line reason]. */
  readonly unreadable: [string, string][];
}

const REDACTED_NAME = /\.redacted\./i;
const EXPORT_NAME = /(\.json|\.env|\.conf)$|^\.env$/i;

/** Why a path is not a regular file, in words; null for a regular file. */
export function notRegularReason(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'is a folder';
  if (info.isFIFO()) return 'is a pipe (FIFO), not a file; it was not opened';
  if (info.isSocket()) return 'is a socket, not a file; it was not opened';
  if (info.isCharacterDevice() || info.isBlockDevice()) {
    return 'is a device, not a file; it was not opened';
  }
  return 'is not a regular file; it was not opened';
}

export async function collectFiles(paths: readonly string[]): Promise<CollectedFiles> {
  const files: string[] = [];
  const notes: string[] = [];
  const unreadable: [string, string][] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };

  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (err) {
      unreadable.push([given, fsReason(err)]);
      continue;
    }
    if (!info.isDirectory()) {
      const why = notRegularReason(info);
      if (why === null) add(given);
      else unreadable.push([given, why]);
      continue;
    }
    let names: string[];
    try {
      names = (await readdir(given)).sort();
    } catch (err) {
      unreadable.push([given, fsReason(err)]);
      continue;
    }
    let found = 0;
    for (const name of names) {
      if (!EXPORT_NAME.test(name)) continue;
      const file = path.join(given, name);
      if (REDACTED_NAME.test(name)) {
        notes.push(`${file}: skipped, the redacted support copy (it has no secrets to check)`);
        continue;
      }
      let entry: Stats;
      try {
        entry = await stat(file);
      } catch (err) {
        unreadable.push([file, fsReason(err)]);
        found += 1;
        continue;
      }
      // A subfolder named like an export is not a file to check: skip it quietly.
      if (entry.isDirectory()) continue;
      const why = notRegularReason(entry);
      if (why !== null) unreadable.push([file, why]);
      else add(file);
      found += 1;
    }
    if (found === 0) notes.push(`${given}: no export files in this folder`);
  }
  return { files, notes, unreadable };
}

/** A one-line reason from a file-system error, without the path (callers name the file). */
export function fsReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ELOOP':
      return 'is a link that loops';
    default:
      return typeof code === 'string' ? `cannot be read (${code})` : 'cannot be read';
  }
}

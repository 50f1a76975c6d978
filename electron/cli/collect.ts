/**
 * Turns the command line's paths into the files to check. A folder means every export file in it
 * (not its subfolders): *.json that are dropbox-connector/v1, *.env, *.conf. Support copies
 * (`*.redacted.*`) have no secrets to check and are skipped with a note; other files in a folder
 * are ignored silently (a folder of exports often holds a README or the field sheet).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { looksLikeGenericJson } from '../core/export/import/generic-json';

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
      add(given);
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
      try {
        if (!(await stat(file)).isFile()) continue;
        // Other JSON files (package.json, a field sheet's data) are not exports: skip quietly.
        if (name.toLowerCase().endsWith('.json')) {
          if (!looksLikeGenericJson(await readFile(file, 'utf8'))) continue;
        }
      } catch {
        // Unreadable now: let the checker report it for this file with its reason.
      }
      add(file);
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
    default:
      return typeof code === 'string' ? `cannot be read (${code})` : 'cannot be read';
  }
}

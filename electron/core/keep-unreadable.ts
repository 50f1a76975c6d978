/**
 * Keeps a saved file that could not be read, beside itself, before anything overwrites it: the
 * admin's connectors may be in it (a hand edit gone wrong, a newer version's format), so it is
 * never deleted. Shared by the browser-mode JSON store and the desktop app's electron-store file.
 */
import { chmodSync, copyFileSync, existsSync, renameSync } from 'node:fs';

/** `20261206T211000Z`: UTC, sortable, and safe in a file name on every platform (no colons). */
export function utcStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Moves (or, with `copy`, copies) `file` to `<file>.unreadable-<UTC time>` owner-only, never
 * over an earlier kept copy. Returns the kept path; null when `file` does not exist.
 */
export function keepUnreadableFile(
  file: string,
  options: { readonly copy?: boolean; readonly now?: Date } = {},
): string | null {
  if (!existsSync(file)) return null;
  const base = `${file}.unreadable-${utcStamp(options.now ?? new Date())}`;
  let kept = base;
  for (let n = 2; existsSync(kept); n += 1) kept = `${base}-${n}`;
  if (options.copy) copyFileSync(file, kept);
  else renameSync(file, kept);
  // The file may hold connector names and (desktop) secret ciphertext: no one else reads it.
  if (process.platform !== 'win32') chmodSync(kept, 0o600);
  return kept;
}

/**
 * Where exports go when the admin does not choose: under the wizard's data folder, named so a
 * second export never overwrites the first and files sort by time.
 */
import { join } from 'node:path';

/** UTC so the name matches the file's created_at. */
function exportTimestamp(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`
  );
}

/** `<target>-dropbox-connector-<YYYYMMDD-HHMMSS>`: the name of every export before its suffix. */
export function exportBaseName(targetId: string, now: Date): string {
  // Target ids are [a-z0-9-]; anything else is replaced so an id can never name another folder.
  const safeTarget = targetId.replace(/[^a-z0-9-]/gi, '-').toLowerCase() || 'export';
  return `${safeTarget}-dropbox-connector-${exportTimestamp(now)}`;
}

/** `<dataDir>/exports/<target>-dropbox-connector-<YYYYMMDD-HHMMSS>.json` */
export function defaultExportPath(dataDir: string, targetId: string, now: Date): string {
  return join(dataDir, 'exports', `${exportBaseName(targetId, now)}.json`);
}

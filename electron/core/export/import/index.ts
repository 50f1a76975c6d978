/**
 * Reading export files back: one entry point that picks the parser by file name, then by content.
 * Every problem is a one-line reason that never quotes the file's values.
 */
import { looksLikeEnv, parseEnvFile } from './env-file';
import { looksLikeGenericJson, parseGenericJson } from './generic-json';
import { looksLikeRcloneConf, parseRcloneConf } from './rclone-conf';
import { invalid, type ImportFormat, type ImportResult } from './types';

/** The format a file name implies, or null when only its content can tell. */
export function formatFromName(fileName: string): ImportFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.json')) return 'generic-json';
  if (name.endsWith('.env') || name === '.env' || /\.env\.[^.]+$/.test(name)) return 'env';
  if (name.endsWith('.conf')) return 'rclone-conf';
  return null;
}

export function sniffFormat(text: string): ImportFormat | null {
  if (text.trimStart().startsWith('{')) return looksLikeGenericJson(text) ? 'generic-json' : null;
  if (looksLikeRcloneConf(text)) return 'rclone-conf';
  if (looksLikeEnv(text)) return 'env';
  return null;
}

/**
 * One result per credential set in the file (rclone files can hold several). `fileName` only
 * chooses the parser; it never appears in a reason (callers name the file themselves).
 */
export function parseExportFile(fileName: string, text: string): ImportResult[] {
  const format = formatFromName(fileName) ?? sniffFormat(text);
  switch (format) {
    case 'generic-json':
      return parseGenericJson(text);
    case 'env':
      return parseEnvFile(text);
    case 'rclone-conf':
      return parseRcloneConf(text);
    default:
      return [
        invalid(
          null,
          'not an export this tool reads (dropbox-connector/v1 JSON, .env or rclone.conf)',
        ),
      ];
  }
}

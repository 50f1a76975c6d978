/**
 * Reads `rclone.conf` (rclone docs, "Dropbox" backend; rclone backend/dropbox/dropbox.go): INI sections `[remote]` with `type = dropbox`,
 * `client_id`, `client_secret` and `token = {"access_token":…,"refresh_token":…,"expiry":…}`.
 * A file may hold several remotes and remotes of other backends: every Dropbox remote is one
 * result, the others are ignored. The target is `rclone`.
 */
import { invalid, redacted, REDACTED_VALUE, type ImportResult } from './types';

export const RCLONE_TARGET = 'rclone';

interface Section {
  readonly name: string;
  readonly line: number;
  readonly values: Map<string, string>;
}

/** Does the text look like an rclone config with a Dropbox remote (folder scans ask)? */
export function looksLikeRcloneConf(text: string): boolean {
  return /^\s*\[[^\]]+\]\s*$/m.test(text) && /^\s*type\s*=\s*dropbox\s*$/m.test(text);
}

export function parseRcloneConf(text: string): ImportResult[] {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*RCLONE_ENCRYPT_V\d+:/m.test(body)) {
    return [
      invalid(
        'rclone-conf',
        'the rclone config is encrypted; check a decrypted copy (rclone config show)',
      ),
    ];
  }
  const sections: Section[] = [];
  let current: Section | null = null;
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = { name: (header[1] as string).trim(), line: i + 1, values: new Map() };
      sections.push(current);
      continue;
    }
    const eq = line.indexOf('=');
    // Line numbers only, never the line: it may be a secret.
    if (eq < 0)
      return [invalid('rclone-conf', `line ${i + 1} is neither [remote] nor key = value`)];
    if (!current)
      return [invalid('rclone-conf', `line ${i + 1} comes before any [remote] section`)];
    current.values.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }

  const dropbox = sections.filter((s) => s.values.get('type')?.toLowerCase() === 'dropbox');
  if (dropbox.length === 0) {
    return [invalid('rclone-conf', 'no [remote] section with type = dropbox')];
  }
  return dropbox.map(readRemote);
}

function readRemote(section: Section): ImportResult {
  const remote = section.name;
  const clientId = section.values.get('client_id') ?? '';
  const clientSecret = section.values.get('client_secret') ?? '';
  const tokenText = section.values.get('token') ?? '';
  if (clientSecret === REDACTED_VALUE || tokenText.includes(REDACTED_VALUE)) {
    return redacted('rclone-conf', remote);
  }
  if (clientId === '' || clientSecret === '') {
    // Without them rclone uses its own Dropbox app, whose secret is not the admin's to check.
    return invalid(
      'rclone-conf',
      `[${remote}] has no client_id or client_secret (it uses rclone's built-in app)`,
      remote,
    );
  }
  if (tokenText === '') return invalid('rclone-conf', `[${remote}] has no token`, remote);
  let token: unknown;
  try {
    token = JSON.parse(tokenText);
  } catch {
    return invalid('rclone-conf', `[${remote}] token is not valid JSON`, remote);
  }
  const refreshToken =
    typeof token === 'object' && token !== null && 'refresh_token' in token
      ? (token as { refresh_token: unknown }).refresh_token
      : undefined;
  if (typeof refreshToken !== 'string' || refreshToken === '') {
    return invalid(
      'rclone-conf',
      `[${remote}] token has no refresh_token (an access token alone expires in 4 hours)`,
      remote,
    );
  }
  return {
    ok: true,
    credentials: {
      format: 'rclone-conf',
      target: RCLONE_TARGET,
      appKey: clientId,
      appSecret: clientSecret,
      refreshToken,
      remote,
    },
  };
}

/**
 * Reads a `.env` export: DROPBOX_APP_KEY, DROPBOX_APP_SECRET, DROPBOX_REFRESH_TOKEN, in the
 * dotenv dialect most tools accept (optional `export `, single or double quotes, `#` comments).
 *
 * The env exporter writes a header comment `# dropbox-connector-wizard: target=<id> format=env/v1`
 * naming the target, then `# token_kind: team|user` and `# scopes: a b c` (formats/env.ts), so an
 * import restores the same target, token kind and scopes. Hand-written or older files lack them:
 * then the target is null and the file is checked as Custom, which is still a useful
 * refresh-and-identity check.
 */
import { invalid, redacted, REDACTED_VALUE, type ImportResult } from './types';

export const ENV_KEYS = {
  appKey: 'DROPBOX_APP_KEY',
  appSecret: 'DROPBOX_APP_SECRET',
  refreshToken: 'DROPBOX_REFRESH_TOKEN',
} as const;

const HEADER = /^#\s*dropbox-connector-wizard:\s*(.*)$/i;
const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
const TARGET_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TOKEN_KIND = /^#\s*token_kind:\s*(team|user)\s*$/;
const SCOPES = /^#\s*scopes:(.*)$/;
const SCOPE_ID = /^[a-z_:]+(\.[a-z_]+)*$/;

/** Does the text look like an env export (folder scans ask)? */
export function looksLikeEnv(text: string): boolean {
  return /^\s*(?:export\s+)?DROPBOX_(APP_KEY|APP_SECRET|REFRESH_TOKEN)\s*=/m.test(text);
}

export function parseEnvFile(text: string): ImportResult[] {
  const values = new Map<string, string>();
  let target: string | null = null;
  let tokenKind: 'team' | 'user' | undefined;
  let scopes: string[] | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const header = HEADER.exec(line);
      if (header) target = headerTarget(header[1] ?? '') ?? target;
      const kind = TOKEN_KIND.exec(line);
      if (kind) tokenKind = kind[1] as 'team' | 'user';
      const listed = SCOPES.exec(line);
      if (listed) scopes = scopeList(listed[1] ?? '') ?? scopes;
      continue;
    }
    const assignment = ASSIGNMENT.exec(line);
    // Line numbers only: the line itself may be a secret pasted without its name.
    if (!assignment) return [invalid('env', `line ${i + 1} is not NAME=value`)];
    const value = unquote(assignment[2] ?? '');
    if (value === null) return [invalid('env', `line ${i + 1} has an unclosed quote`)];
    values.set(assignment[1] as string, value);
  }

  const missing = Object.values(ENV_KEYS).filter((key) => !values.has(key));
  if (missing.length > 0) return [invalid('env', `${missing.join(', ')} missing`)];
  const appKey = values.get(ENV_KEYS.appKey) as string;
  const appSecret = values.get(ENV_KEYS.appSecret) as string;
  const refreshToken = values.get(ENV_KEYS.refreshToken) as string;
  if (appSecret === REDACTED_VALUE || refreshToken === REDACTED_VALUE) return [redacted('env')];
  const empty = Object.entries(ENV_KEYS)
    .filter(([field]) => values.get(ENV_KEYS[field as keyof typeof ENV_KEYS]) === '')
    .map(([, key]) => key);
  if (empty.length > 0) return [invalid('env', `${empty.join(', ')} empty`)];
  return [
    {
      ok: true,
      credentials: {
        format: 'env',
        target,
        appKey,
        appSecret,
        refreshToken,
        ...(scopes !== undefined ? { scopes } : {}),
        ...(tokenKind !== undefined ? { tokenKind } : {}),
      },
    },
  ];
}

/** `a.read b.write` → sorted ids; null when any word is not a scope id (a hand-edited line). */
function scopeList(rest: string): string[] | null {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || !words.every((w) => SCOPE_ID.test(w))) return null;
  return [...new Set(words)].sort();
}

/** `target=<id> format=env/v1` → the id, when it is a well-formed target id. */
function headerTarget(rest: string): string | null {
  for (const pair of rest.trim().split(/\s+/)) {
    const [name, value] = pair.split('=', 2);
    if (name === 'target' && value && TARGET_ID.test(value)) return value;
  }
  return null;
}

/** dotenv value rules; null for an unclosed quote. */
function unquote(raw: string): string | null {
  const quote = raw[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    const end = findClosingQuote(raw, quote);
    if (end < 0) return null;
    const inner = raw.slice(1, end);
    if (quote !== '"') return inner;
    return inner.replace(/\\([\\"nrt$])/g, (_, c: string) =>
      c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
    );
  }
  // Unquoted: a ` #` starts a comment; surrounding blanks are not part of the value.
  return raw.replace(/\s+#.*$/, '').trim();
}

function findClosingQuote(raw: string, quote: string): number {
  for (let i = 1; i < raw.length; i += 1) {
    if (raw[i] === '\\' && quote === '"') {
      i += 1;
      continue;
    }
    if (raw[i] === quote) return i;
  }
  return -1;
}

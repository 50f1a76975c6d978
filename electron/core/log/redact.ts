/**
 * Last line of defence for anything that becomes text: log lines, and Dropbox error bodies we show
 * as `detail` (a 400 can quote our own Authorization header back at us). Two layers:
 *  - exact values the wizard knows are secret (app secret, code, verifier, tokens), added as they
 *    appear, replaced wherever they occur, also in their URL-encoded form;
 *  - patterns for secrets we were never told about: Authorization headers, `sl.` access tokens,
 *    and secret-bearing query/form/JSON fields.
 */

export const REDACTED = '[redacted]';

/** Shorter values are too likely to match ordinary text ("code", "true"). */
const MIN_SECRET_LENGTH = 6;

const SECRET_FIELDS = 'code|code_verifier|refresh_token|access_token|client_secret|id_token';

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // `Authorization: Bearer x`, `"authorization": "Basic x"`, `authorization=x`.
  [/(authorization["']?\s*[:=]\s*["']?)((?:bearer|basic)\s+)?[^\s"',;&]+/gi, `$1$2${REDACTED}`],
  // A bare credential after its scheme, as Dropbox echoes it in 400 texts: `"Bearer sl.xxx"`.
  [/\b(Bearer|Basic)\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${REDACTED}`],
  // Dropbox short-lived access tokens (`sl.` / `sl.u.` prefix).
  [/\bsl\.[A-Za-z0-9._-]{8,}/g, REDACTED],
  // Query strings and form bodies.
  [new RegExp(`\\b(${SECRET_FIELDS}|app_secret)=[^&\\s"'#]+`, 'gi'), `$1=${REDACTED}`],
  // JSON bodies: {"refresh_token": "..."}.
  [
    new RegExp(
      `("(?:${SECRET_FIELDS}|app_secret|appSecret|accessToken|refreshToken)"\\s*:\\s*")[^"]*"`,
      'gi',
    ),
    `$1${REDACTED}"`,
  ],
];

export interface Redactor {
  /** Remember a secret value (ignored when shorter than 6 characters or empty). */
  add(secret: string | null | undefined): void;
  redact(text: string): string;
}

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  let ordered: string[] = [];
  return {
    add(secret) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
      secrets.add(secret);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) secrets.add(encoded);
      // Longest first, so a secret containing another is removed whole.
      ordered = [...secrets].sort((a, b) => b.length - a.length);
    },
    redact(text) {
      let out = text;
      for (const secret of ordered) out = out.split(secret).join(REDACTED);
      for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
      return out;
    },
  };
}

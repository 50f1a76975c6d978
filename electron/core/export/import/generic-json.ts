/**
 * Reads the generic export, `dropbox-connector/v1` (export-format.ts, docs/export-format.schema.json).
 * The zod schema mirrors the JSON Schema; a reader must refuse formats it does not know.
 */
import { z } from 'zod';
import { EXPORT_FORMAT } from '../export-format';
import { invalid, redacted, REDACTED_VALUE, type ImportResult } from './types';

const CHECK = z.strictObject({
  id: z.string().regex(/^[a-z_]+(:[a-z0-9_.:]+)?$/),
  status: z.enum(['pass', 'fail', 'warn', 'info']),
  detail: z.string(),
});

const DOCUMENT = z
  .strictObject({
    format: z.literal(EXPORT_FORMAT),
    target: z
      .string()
      .max(64)
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    created_at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    app_key: z
      .string()
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/),
    app_secret: z.string().min(1).max(256),
    refresh_token: z.string().min(1).max(1024),
    scopes: z.array(z.string().regex(/^[a-z_:]+(\.[a-z_]+)*$/)),
    token_kind: z.enum(['team', 'user']),
    team: z
      .strictObject({ id: z.string().regex(/^dbtid:[A-Za-z0-9_-]+$/), name: z.string().min(1) })
      .nullable(),
    account: z.strictObject({
      id: z.string().regex(/^dbid:[A-Za-z0-9_-]+$/),
      email: z.string().regex(/^[^\s@]+@[^\s@]+$/),
      display_name: z.string(),
    }),
    checks: z.array(CHECK),
  })
  .refine((doc) => (doc.token_kind === 'team') === (doc.team !== null), {
    message: 'team must be an object for a team token and null for a user token',
    path: ['team'],
  });

/** Is this text a JSON object that claims to be `dropbox-connector/v1`? (Folder scans ask.) */
export function looksLikeGenericJson(text: string): boolean {
  const parsed = parseJson(text);
  return isObject(parsed) && parsed.format === EXPORT_FORMAT;
}

export function parseGenericJson(text: string): ImportResult[] {
  const parsed = parseJson(text);
  // JSON.parse's own message quotes the text around the error, which may be a secret.
  if (parsed === undefined) return [invalid('generic-json', 'not valid JSON')];
  if (!isObject(parsed)) return [invalid('generic-json', 'not a JSON object')];
  if (parsed.format !== EXPORT_FORMAT) {
    return [
      invalid(
        'generic-json',
        typeof parsed.format === 'string'
          ? `"format" is not ${EXPORT_FORMAT} (this version reads only that one)`
          : `no "format": ${EXPORT_FORMAT} field; not a Dropbox Connector Wizard export`,
      ),
    ];
  }
  // The support copy is recognised before validation: it has the same shape, minus the secrets.
  if (parsed.app_secret === REDACTED_VALUE || parsed.refresh_token === REDACTED_VALUE) {
    return [redacted('generic-json')];
  }
  const result = DOCUMENT.safeParse(parsed);
  if (!result.success) {
    // Field names only: zod's messages are safe today, but the field list is all an admin needs.
    const fields = [
      ...new Set(result.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)')),
    ];
    return [
      invalid(
        'generic-json',
        `does not match ${EXPORT_FORMAT}: check ${fields.slice(0, 4).join(', ')}`,
      ),
    ];
  }
  const doc = result.data;
  return [
    {
      ok: true,
      credentials: {
        format: 'generic-json',
        target: doc.target,
        appKey: doc.app_key,
        appSecret: doc.app_secret,
        refreshToken: doc.refresh_token,
        scopes: [...doc.scopes],
        tokenKind: doc.token_kind,
      },
    },
  ];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

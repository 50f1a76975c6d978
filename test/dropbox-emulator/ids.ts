/**
 * Identifier and secret formats, as observed on the real service (dropbox-api-spec ID types and
 * values seen in public threads): account ids `dbid:` + 35, team ids `dbtid:` + 35, team member ids
 * `dbmid:` + 35, codes 43 chars, refresh tokens 64 chars `[A-Za-z0-9_-]`, access tokens `sl.`
 * (team: `sl.u.`) + opaque.
 */
import { createHash, randomBytes } from 'node:crypto';

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALNUM_LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Uniform random string over `alphabet` (rejection sampling, so no modulo bias). */
export function randomString(length: number, alphabet: string = URL_SAFE): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A 35-char id body. Real ones start with `AA`, as in `dbid:AACxzyFl3qbXBJc3tx7WmwJ1u4s4XXSz5CQ`. */
const idBody = (): string => `AA${randomString(33)}`;

export const newAccountId = (): string => `dbid:${idBody()}`;
export const newTeamId = (): string => `dbtid:${idBody()}`;
export const newTeamMemberId = (): string => `dbmid:${idBody()}`;
export const newGroupId = (): string => `g:${randomBytes(16).toString('hex')}`;
/** App keys and secrets look like `snowatlasdemo01`: 15 lowercase alphanumerics. */
export const newAppSecret = (): string => randomString(15, ALNUM_LOWER);

/**
 * Authorization codes are 43 chars (observed, e.g. `4EYjTs0eOrkAAAAAAAAATl3m…` in
 * dharshan-kumar-ks/DropboxAPI).
 */
export const newAuthorizationCode = (): string => `${randomString(11)}AAAAAAAAA${randomString(23)}`;

/** Refresh tokens: 64 chars of `[A-Za-z0-9_-]` with a run of `A`s (observed in public threads). */
export const newRefreshToken = (): string => `${randomString(11)}AAAAAAAAAA${randomString(43)}`;

/**
 * Short-lived access tokens: user tokens `sl.B…` (~140 chars), team tokens `sl.u.` (~1,300
 * chars, as in observed token replies). The body never contains a dot, so a user token never starts
 * `sl.u.`.
 */
export function newAccessToken(team: boolean): string {
  return team ? `sl.u.AF${randomString(1293)}` : `sl.B${randomString(136)}`;
}

/** `X-Dropbox-Request-Id`: 32 lowercase hex, e.g. `20bc6a64f49a46f585bf0738eb31d2a2`. */
export const newRequestId = (): string => randomBytes(16).toString('hex');

/** Opaque handles for sessions and pending authorize requests. */
export const newHandle = (): string => randomString(32);

/** Stable hex digest of `parts`, for ids derived from seed data (same seed → same ids). */
export function stableHex(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** Stable decimal string of `digits` digits (first digit non-zero), derived from `parts`. */
export function stableDigits(digits: number, ...parts: string[]): string {
  const hex = stableHex(...parts);
  let out = '';
  for (let i = 0; out.length < digits; i += 2) {
    const n = parseInt(hex.slice(i % 60, (i % 60) + 2), 16);
    out += String(n % 10);
  }
  return out.replace(/^0/, '1');
}

/** Stable URL-safe string of `length`, derived from `parts` (file ids). */
export function stableUrlSafe(length: number, ...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, length);
}

/**
 * The error decoder's vocabulary: what a rule is, how its phrases match the normalised text, and
 * the wording the rules share. The rules themselves are in error-decoder-rules-*.ts, by family.
 */
import type { DecodedError } from '../../shared/contract';
import { classifyDropboxText, DROPBOX_TEXTS, type DropboxTextId } from '../dropbox/error-texts';
export type Check = DecodedError['check'];

export interface Pattern {
  /** Shown to the admin as what was recognised: a fixed phrase, never the pasted text. */
  readonly phrase: string;
  /** Tested against the normalised text (lower case, escaping undone, single spaces). */
  readonly test: RegExp | ((text: string) => boolean);
}

export interface Rule {
  readonly id: string;
  readonly patterns: readonly Pattern[];
  readonly cause: string;
  /** The fix; `scope` is the validated scope id the text names, when it names one. */
  readonly fix: string | ((scope: string | undefined) => string);
  readonly code: DecodedError['code'];
  readonly action: DecodedError['action'];
  readonly check: Check;
  /** Takes the scope id from the text (validated against the catalogue). */
  readonly extractsScope?: boolean;
  /** More general rules this one explains completely; they are left out when this one matches. */
  readonly covers?: readonly string[];
}

/** `phrase` both shown and matched (as a whole phrase, in the normalised text). */
export function phrase(text: string): Pattern {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ _]');
  return { phrase: text, test: new RegExp(`(?<![a-z0-9_])${escaped}(?![a-z0-9_])`) };
}

/**
 * An error tag such as `invalid_grant`, as a whole word (`team_access_denied` is not
 * `access_denied`). `spelled`: also its spelled-out form (`invalid grant`).
 */
export function tag(name: string, spelled = false): Pattern {
  const body = spelled ? name.replace(/_/g, '[ _]') : name;
  return { phrase: name, test: new RegExp(`(?<![a-z0-9_.-])${body}(?![a-z0-9_-])`) };
}

/**
 * A Dropbox text from the one classifier (dropbox/error-texts.ts), so the decoder and the wizard's
 * own Dropbox client recognise a phrase the same way.
 */
export function dropboxText(id: DropboxTextId): Pattern {
  const entry = DROPBOX_TEXTS.find((e) => e.id === id);
  if (entry === undefined) throw new Error(`unknown Dropbox text ${id}`);
  return { phrase: entry.phrase, test: entry.test };
}

/** Dropbox's `unknown field "<field>"` (invalid_request) naming this field, via the classifier. */
export function unknownField(field: string): Pattern {
  return {
    phrase: `unknown field "${field}"`,
    test: (text) =>
      classifyDropboxText(text).some((m) => m.id === 'unknown_field' && m.named === field),
  };
}

export function regex(shown: string, test: RegExp): Pattern {
  return { phrase: shown, test };
}

export function when(shown: string, test: (text: string) => boolean): Pattern {
  return { phrase: shown, test };
}

export const RECONNECT =
  'press Reconnect on this connector’s page, sign in as the same account, then give the product the new refresh token (Export, or Copy next to Refresh token)';

export const TEAM_SCOPE_LIST =
  'team_info.*, team_data.*, members.*, groups.*, sessions.*, events.*';

/** A refresh token value of exactly 43 characters in the text: that is an authorization code. */
export function codeShapedRefreshToken(text: string): boolean {
  return /refresh[ _]token["']?\s*[:=]\s*["']?[a-z0-9_-]{43}(?![a-z0-9_-])/.test(text);
}

/** An `sl.` access token given where a refresh token belongs. */
export function accessTokenAsRefreshToken(text: string): boolean {
  return /refresh[ _]token["']?\s*[:=]\s*["']?sl\.[a-z0-9._-]{8}/.test(text);
}

export const mentionsInvalidGrant = (text: string): boolean =>
  /(?<![a-z0-9_])invalid[ _]grant(?![a-z0-9_])|refresh token (?:is|was|has been) (?:invalid|malformed|revoked)/.test(
    text,
  );

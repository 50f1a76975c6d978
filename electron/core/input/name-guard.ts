/**
 * Names the admin types that end up on disk or on screen: export file names, connector names,
 * rclone remote names. Two rules, shared so every name is guarded the same way:
 *
 * - No character that makes a name display differently from what it is: control characters
 *   (Cc: newline, ESC, BEL), format characters (Cf: bidi marks and overrides U+200E/F, U+202A–E,
 *   U+2066–9, U+061C, zero-width U+200B–D, U+FEFF, soft hyphen U+00AD, U+180E, tags U+E0001…),
 *   line and paragraph separators (U+2028/9), and the other default-ignorable code points
 *   (U+034F combining grapheme joiner, variation selectors, Hangul fillers) which render as
 *   nothing.
 * - Never a held secret: a secret pasted into the wrong box would otherwise be stored in plain
 *   text as a name. The name is refused and not kept; the message never repeats it.
 */

const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
/** A Dropbox short-lived access token (`sl.` + base64url), held or not. */
const ACCESS_TOKEN = /\bsl\.[A-Za-z0-9_-]{20,}/;
/** Shorter held values could match ordinary words; Dropbox secrets are 15+ characters. */
const MIN_SECRET_LENGTH = 8;

export function hasUnsafeNameCharacter(text: string): boolean {
  return UNSAFE.test(text);
}

/**
 * The name as it really is, for a message about it: each unsafe character written as `\u{202E}`,
 * so a reversed or hidden part cannot disguise which name the message means.
 */
export function visibleName(text: string): string {
  return [...text]
    .map((c) =>
      UNSAFE.test(c) ? `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}` : c,
    )
    .join('');
}

/** Does the text contain one of the held secrets, or an access token? */
export function containsSecret(
  text: string,
  held: readonly (string | null | undefined)[],
): boolean {
  if (ACCESS_TOKEN.test(text)) return true;
  return held.some(
    (secret): secret is string =>
      typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH && text.includes(secret),
  );
}

export interface NameProblem {
  readonly message: string;
  readonly remedy: string;
}

/** Why `text` cannot be used as a `what` ("connector name", "remote name"), or null. */
export function nameProblem(
  what: string,
  text: string,
  held: readonly (string | null | undefined)[],
): NameProblem | null {
  if (hasUnsafeNameCharacter(text)) {
    return {
      message: `The ${what} contains control, invisible or direction-changing characters.`,
      remedy: 'Type it again using letters, digits, spaces, dots, dashes and underscores.',
    };
  }
  if (containsSecret(text, held)) {
    return {
      message: `That looks like a secret, not a ${what}, so it was not used or kept.`,
      remedy: `Type a ${what} such as "Snow Atlas (production)".`,
    };
  }
  return null;
}

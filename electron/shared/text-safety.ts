/**
 * Making text that came from outside (Dropbox-supplied team and display names, a product's error
 * text, file names) safe where it is shown: one HTML/XML escaper for every page, report and JUnit
 * file; control characters stripped for terminals; bidi isolated so a U+202E in a team name
 * cannot reverse the text around it; bare URLs kept from becoming Markdown links.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The one HTML escaper: text and attribute values (double- or single-quoted). Also valid XML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Characters XML 1.0 cannot hold at all (C0 controls but tab/newline/CR, lone surrogates,
 * U+FFFE/F): removed before escaping, or a JUnit reader refuses the whole file.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return escapeHtml(text.replace(XML_INVALID, ''));
}

/** C0/C1 controls and DEL: ESC and BEL sequences retitle or clear a terminal. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Line and paragraph separators: a line break to some terminals and editors. */
const SEPARATORS = /[\u2028\u2029]/g;

/**
 * One line for a terminal or log: controls and separators become a space, bidi controls are
 * removed (a terminal cannot be trusted to isolate them).
 */
export function terminalText(text: string): string {
  return text.replace(CONTROL, ' ').replace(SEPARATORS, ' ').replace(BIDI, '');
}

/** FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: whatever is inside cannot reorder the rest. */
export const FSI = '\u2068';
export const PDI = '\u2069';

/**
 * Text that can change direction: bidi controls, or right-to-left letters (Hebrew, Arabic,
 * Syriac, Thaana, NKo, Samaritan…, their presentation forms, and the RTL supplementary blocks).
 * Only such text is isolated: for left-to-right text an isolate changes nothing on screen, and
 * leaving it out keeps ordinary reports byte-for-byte as they were.
 */
const DIRECTIONAL =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

export function needsIsolation(text: string): boolean {
  return DIRECTIONAL.test(text);
}

/**
 * A Dropbox-supplied name in running text (Markdown, plain text): isolated, so a right-to-left
 * override inside ends at the PDI. Controls are removed first; unmatched isolates inside are
 * closed by the PDI too (Unicode bidi algorithm, rule X6a).
 */
export function isolateBidi(text: string): string {
  const clean = text.replace(CONTROL, ' ').replace(SEPARATORS, ' ');
  return needsIsolation(clean) ? `${FSI}${clean}${PDI}` : clean;
}

/** The HTML form: escaped, and in `<bdi>` when it can change direction. */
export function htmlBdi(text: string): string {
  const clean = escapeHtml(text.replace(CONTROL, ' ').replace(SEPARATORS, ' '));
  return needsIsolation(clean) ? `<bdi>${clean}</bdi>` : clean;
}

/**
 * What GFM's autolink extension turns into links: `www.` names, `http(s)://` and `ftp://` URLs,
 * and e-mail addresses (GFM spec, "Autolinks (extension)"); also `<…>` autolinks, which escaping
 * `<` already stops.
 */
const AUTOLINKABLE =
  /(?:\b(?:https?|ftp):\/\/|\bwww\.|\bmailto:|\bxmpp:)[^\s|]*|[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+/gi;

/** Markdown text in a table cell or paragraph: no HTML, no links, no emphasis, no cell breaks. */
export function markdownText(value: string): string {
  const clean = value.replace(CONTROL, ' ').replace(SEPARATORS, ' ');
  let out = '';
  let last = 0;
  for (const match of clean.matchAll(AUTOLINKABLE)) {
    const link = trimTrailing(match[0]);
    out += escapeMarkdown(clean.slice(last, match.index));
    // A code span is never autolinked and shows the text as it is.
    out += markdownCode(link);
    last = match.index + link.length;
  }
  return out + escapeMarkdown(clean.slice(last));
}

/** GFM leaves trailing punctuation and an unbalanced `)` out of an autolink; so does this. */
function trimTrailing(link: string): string {
  let end = link.length;
  for (;;) {
    const c = link[end - 1];
    if (c !== undefined && `?!.,:*_~'"`.includes(c)) end -= 1;
    else if (c === ')') {
      const head = link.slice(0, end);
      if ((head.match(/\(/g) ?? []).length >= (head.match(/\)/g) ?? []).length) break;
      end -= 1;
    } else break;
  }
  return link.slice(0, end);
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>|]/g, (c) => `\\${c}`);
}

/** An identifier as a code span (read literally; a pipe is still escaped inside tables). */
export function markdownCode(value: string): string {
  const clean = value.replace(CONTROL, ' ').replace(SEPARATORS, ' ');
  return `\`${clean.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

/** A Dropbox-supplied value in Markdown: made safe, then isolated (FSI … PDI). */
export function markdownIsolated(value: string): string {
  const text = markdownText(value);
  return needsIsolation(text) ? `${FSI}${text}${PDI}` : text;
}

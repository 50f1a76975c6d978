/**
 * Replies that did not come from Dropbox. A captive portal or a proxy answers any request with
 * its own HTML page, often with 200 (a Wi-Fi login) or 401/407 (a proxy login). Read naively, a
 * 200 page from the authorize pre-flight looks like "redirect URI accepted" and a 401 from
 * check/app like "wrong secret". Both are wrong: the answer says nothing about the app. This
 * module tells such replies apart and words the failure: "something other than Dropbox answered",
 * the HTTP status and a short excerpt of the page, scrubbed of anything credential-like.
 */
import { ERROR_CATALOGUE } from '../errors';
import { createRedactor } from '../log/redact';
import { failure, type WizardFailure } from '../failure';
import { describeReply, type HttpReply } from './http';

/** Visible text of an HTML page: no scripts, styles, comments or tags; entities decoded. */
export function pageText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** An HTML body, by its Content-Type or, when a proxy sends none, by its first characters. */
export function isHtmlReply(reply: HttpReply): boolean {
  const type = (reply.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return true;
  return /^\s*<(?:!doctype|html|head|body)\b/i.test(reply.text);
}

/**
 * An authorize page that is not Dropbox's: every Dropbox page (sign-in, consent, Error (400)) names
 * Dropbox in its title or text; a portal's or proxy's login page does not.
 */
export function isForeignPage(text: string): boolean {
  return !/dropbox/i.test(text);
}

/** At most `max` characters of the page's visible text, secrets scrubbed. */
export function foreignExcerpt(reply: HttpReply, secrets: readonly string[], max = 120): string {
  const redactor = createRedactor();
  for (const secret of secrets) redactor.add(secret);
  const visible = isHtmlReply(reply) ? pageText(reply.text) : reply.text.replace(/\s+/g, ' ');
  const flat = redactor.redact(visible).trim();
  if (flat === '') return 'an empty page';
  return `"${flat.length > max ? `${flat.slice(0, max)}…` : flat}"`;
}

/** The failure for a reply that did not come from Dropbox. */
export function notDropboxFailure(
  operation: string,
  reply: HttpReply,
  secrets: readonly string[],
): WizardFailure {
  return failure(
    'not_dropbox',
    `Something other than Dropbox answered (HTTP ${reply.status}), so nothing about your app could be checked: ${foreignExcerpt(reply, secrets)}.`,
    ERROR_CATALOGUE.not_dropbox.remedy,
    {
      detail: `${describeReply(operation, reply.status, reply.requestId)}: content-type ${reply.headers.get('content-type') ?? 'missing'}, ${reply.text.length} bytes, not from Dropbox`,
      action: 'retry',
    },
  );
}

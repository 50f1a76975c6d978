/**
 * The pages the loopback listener serves in the browser tab: fixed text, or the texts of the
 * wizard's outcome HTML-escaped; nothing from the request is ever shown. Pages pull no third-party
 * resource and never redirect, and go out with no-store / no-referrer / strict CSP headers, so the
 * code cannot leak through history snapshots, Referer or the page itself.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { escapeHtml } from '../../shared/text-safety';

export const PRODUCT_NAME = 'Dropbox Connector Wizard';

type Tone = 'ok' | 'bad' | 'neutral';

export interface Page {
  readonly title: string;
  readonly heading: string;
  /** Paragraphs, plain text (escaped when rendered). */
  readonly text: readonly string[];
  readonly tone: Tone;
}

const RETURN_TO_WIZARD = `Return to ${PRODUCT_NAME} to continue. You can close this tab.`;

export const PAGES = {
  cancelled: {
    title: 'Sign-in cancelled',
    heading: 'You cancelled the Dropbox sign-in',
    text: [
      'No access was granted.',
      `Return to ${PRODUCT_NAME} and sign in again when you are ready. You can close this tab.`,
    ],
    tone: 'neutral',
  },
  stateMismatch: {
    title: 'Not this sign-in',
    heading: 'This answer does not belong to the current sign-in',
    text: [
      'It may come from an older tab or another link. It was ignored and changes nothing: the sign-in you started is still waiting for Dropbox.',
      `Close this tab and finish the sign-in in the tab ${PRODUCT_NAME} opened most recently.`,
    ],
    tone: 'bad',
  },
  failed: {
    title: 'Sign-in failed',
    heading: 'Dropbox did not complete the sign-in',
    text: [`Return to ${PRODUCT_NAME} for what to do next. You can close this tab.`],
    tone: 'bad',
  },
  completeFailed: {
    title: 'Sign-in not finished',
    heading: 'Dropbox answered, but the wizard could not finish the sign-in',
    text: [
      `Return to ${PRODUCT_NAME}: it shows what went wrong and what to do. You can close this tab.`,
    ],
    tone: 'bad',
  },
  finished: {
    title: 'Sign-in already finished',
    heading: 'This sign-in has already finished',
    text: [RETURN_TO_WIZARD],
    tone: 'neutral',
  },
  notFound: {
    title: 'Not found',
    heading: 'Nothing here',
    text: [`This address only receives the Dropbox sign-in answer for ${PRODUCT_NAME}.`],
    tone: 'neutral',
  },
  badHost: {
    title: 'Bad request',
    heading: 'Request refused',
    text: [`Open this address as 127.0.0.1 or localhost on the machine running ${PRODUCT_NAME}.`],
    tone: 'bad',
  },
} as const satisfies Record<string, Page>;

export function successPage(outcome: { readonly title?: string; readonly message?: string }): Page {
  const heading = outcome.title ?? 'Dropbox is connected';
  return {
    title: heading,
    heading,
    text: [...(outcome.message ? [outcome.message] : []), RETURN_TO_WIZARD],
    tone: 'ok',
  };
}

export function failurePage(outcome: { readonly message: string; readonly remedy: string }): Page {
  return {
    title: 'Sign-in not finished',
    heading: 'Dropbox is not connected yet',
    text: [
      outcome.message,
      `What to do: ${outcome.remedy}`,
      `Return to ${PRODUCT_NAME} to continue.`,
    ],
    tone: 'bad',
  };
}

/**
 * One stylesheet for every page, allowed by its hash in the CSP: no 'unsafe-inline', so even if a
 * text ever carried markup, no other style (and no script, image or font) could run or load.
 */
const PAGE_STYLE =
  ':root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1e1919;--muted:#5b5f66;' +
  '--line:#d9dce1;--ok:#0b7a3b;--bad:#b42318;--neutral:#0061fe}' +
  '@media (prefers-color-scheme:dark){:root{--bg:#15171a;--card:#1f2227;--fg:#eceef1;' +
  '--muted:#a4a9b1;--line:#33373e;--ok:#4ade80;--bad:#f87171;--neutral:#7aa7ff}}' +
  '*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);' +
  'font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  'main{max-width:34rem;margin:12vh auto;padding:2rem 2.25rem;background:var(--card);' +
  'border:1px solid var(--line);border-top:4px solid var(--neutral);border-radius:12px}' +
  'main.ok{border-top-color:var(--ok)}main.bad{border-top-color:var(--bad)}' +
  '.brand{margin:0 0 1.25rem;font-size:.8rem;font-weight:600;letter-spacing:.04em;' +
  'text-transform:uppercase;color:var(--muted)}' +
  'h1{margin:0 0 .75rem;font-size:1.4rem;line-height:1.3}p{margin:.5rem 0}';

const STYLE_HASH = createHash('sha256').update(PAGE_STYLE, 'utf8').digest('base64');

export const LOOPBACK_PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'none'; base-uri 'none'; ` +
  "form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': LOOPBACK_PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // One request per connection: the listener can stop right after answering.
  Connection: 'close',
};

function renderPage(page: Page): string {
  const paragraphs = page.text.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="color-scheme" content="light dark">' +
    `<title>${escapeHtml(page.title)} · ${PRODUCT_NAME}</title>` +
    `<style>${PAGE_STYLE}</style></head>` +
    `<body><main class="${page.tone}"><p class="brand">${PRODUCT_NAME}</p>` +
    `<h1>${escapeHtml(page.heading)}</h1>${paragraphs}</main></body></html>`
  );
}

export function sendPage(
  res: ServerResponse,
  status: number,
  page: Page,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  const body = renderPage(page);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extraHeaders,
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

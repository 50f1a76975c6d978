/**
 * A printable page for prerequisites-only targets (Defender for Cloud Apps): the checklist, the
 * product's steps and when it was made. Self-contained (inline CSS, no external resource, a CSP
 * that forbids loading anything) so it prints the same offline and cannot phone home; every
 * value is HTML-escaped. It says plainly that nothing on it was checked against Dropbox, because
 * for these targets nothing can be.
 */
import type { Exporter } from '../exporter';
import { formatCreatedAt } from '../export-format';
import { escapeHtml } from '../../../shared/text-safety';
import { WIZARD_HEADER_PREFIX } from '../wizard-header';

export const PRINTABLE_SUMMARY_FORMAT_VERSION = 'printable-summary/v1';

// The one HTML escaper (shared/text-safety.ts); re-exported for this module's callers.
export { escapeHtml };

const STYLE = `
  body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; max-width: 44em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 1.5em; margin-bottom: 0.2em; }
  h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #999; }
  .notice { border: 2px solid #111; padding: 0.6em 0.8em; }
  ul.checklist { list-style: none; padding-left: 0; }
  ul.checklist li { margin: 0.7em 0; padding-left: 1.8em; text-indent: -1.8em; }
  ul.checklist li::before { content: "\\2610"; display: inline-block; width: 1.8em; text-indent: 0; }
  .detail { display: block; text-indent: 0; }
  footer { margin-top: 2em; font-size: 0.9em; color: #444; }
  @media print { body { margin: 0; } }
`;

export const PRINTABLE_SUMMARY: Exporter = {
  id: 'printable-summary',
  label: 'Printable summary',
  extension: 'html',
  description:
    'A page to print or keep: what must be true before you connect, and the steps to take.',
  requires: [],
  render(input) {
    const { target } = input;
    const created = formatCreatedAt(input.now);
    const header = `target=${target.id} format=${PRINTABLE_SUMMARY_FORMAT_VERSION} created=${created}`;
    const checklist = target.checklist
      .map(
        (item) =>
          `    <li><strong>${escapeHtml(item.title)}</strong>` +
          `<span class="detail">${escapeHtml(item.detail)}</span></li>`,
      )
      .join('\n');
    const steps = target.handoff.map((step) => `    <li>${escapeHtml(step)}</li>`).join('\n');
    return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
  <meta name="${WIZARD_HEADER_PREFIX.replace(/:$/, '')}" content="${escapeHtml(header)}">
  <title>${escapeHtml(target.name)}: Dropbox connection checklist</title>
  <style>${STYLE}  </style>
</head>
<body>
  <h1>${escapeHtml(target.name)}: Dropbox connection checklist</h1>
  <p>${escapeHtml(target.summary)}</p>
  <p class="notice"><strong>Nothing on this page was checked against Dropbox.</strong> The wizard cannot see ${escapeHtml(target.name)} or your Dropbox team from here: tick each item yourself.</p>
  <h2>Before you start</h2>
  <ul class="checklist">
${checklist}
  </ul>
  <h2>Then, in ${escapeHtml(target.name)}</h2>
  <ol>
${steps}
  </ol>
  <footer>Prepared by the Dropbox Connector Wizard on <time datetime="${created}">${created}</time>.</footer>
</body>
</html>
`;
  },
};

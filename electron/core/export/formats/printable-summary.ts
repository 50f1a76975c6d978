/**
 * A printable page for prerequisites-only targets (Defender for Cloud Apps), written for the
 * admin at the product's portal: what they entered (the team admin's email), the portal steps
 * with it filled in, what must be true first, and when it was made. Self-contained (inline CSS,
 * no external resource, a CSP that forbids loading anything) so it prints the same offline and
 * cannot phone home; every value is HTML-escaped. It says plainly that nothing on it was checked
 * against Dropbox, because for these targets nothing can be.
 */
import { handoffFor, inputValue } from '../../targets/rules';
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
  dl.entered { display: grid; grid-template-columns: max-content 1fr; gap: 0.3em 1em; }
  dl.entered dt { font-weight: bold; }
  dl.entered dd { margin: 0; overflow-wrap: anywhere; }
  ol.steps li, ul.before li { margin: 0.5em 0; }
  .detail { display: block; }
  footer { margin-top: 2em; font-size: 0.9em; color: #444; }
  @media print { body { margin: 0; } }
`;

export const PRINTABLE_SUMMARY: Exporter = {
  id: 'printable-summary',
  label: 'Printable summary',
  extension: 'html',
  description:
    'A page to print or keep: the steps to take in the portal with your team admin, and what must be true first.',
  requires: [],
  render(input) {
    const { target } = input;
    const created = formatCreatedAt(input.now);
    const header = `target=${target.id} format=${PRINTABLE_SUMMARY_FORMAT_VERSION} created=${created}`;
    const entered = target.inputs
      .map((field) => {
        const value = inputValue(field, input.inputs[field.id]) ?? 'not given';
        return `    <dt>${escapeHtml(field.label)}</dt><dd>${escapeHtml(value)}</dd>`;
      })
      .join('\n');
    const before = target.checklist
      .map(
        (item) =>
          `    <li><strong>${escapeHtml(item.title)}</strong>` +
          `<span class="detail">${escapeHtml(item.detail)}</span></li>`,
      )
      .join('\n');
    const steps = handoffFor(target, input.inputs)
      .map((step) => `    <li>${escapeHtml(step)}</li>`)
      .join('\n');
    return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
  <meta name="${WIZARD_HEADER_PREFIX.replace(/:$/, '')}" content="${escapeHtml(header)}">
  <title>Connect Dropbox to ${escapeHtml(target.name)}</title>
  <style>${STYLE}  </style>
</head>
<body>
  <h1>Connect Dropbox to ${escapeHtml(target.name)}</h1>
  <p>${escapeHtml(target.summary)}</p>
${entered ? `  <dl class="entered">\n${entered}\n  </dl>\n` : ''}  <h2>In ${escapeHtml(target.name)}</h2>
  <ol class="steps">
${steps}
  </ol>
  <h2>Before you connect</h2>
  <ul class="before">
${before}
  </ul>
  <p class="notice"><strong>Nothing on this page was checked against Dropbox.</strong> ${escapeHtml(target.name)} connects with its own Dropbox app, so the wizard never sees a key or token. The Test API button in the portal is the check.</p>
  <footer>Prepared by the Dropbox Connector Wizard on <time datetime="${created}">${created}</time>.</footer>
</body>
</html>
`;
  },
};

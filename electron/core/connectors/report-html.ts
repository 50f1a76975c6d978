/**
 * The verification report as one self-contained, printable HTML page: inline CSS and a CSP that
 * blocks everything external; every value is escaped.
 */
import { escapeHtml as h, htmlBdi } from '../../shared/text-safety';
import { type Model, NO_SECRET_FOOTER, SCOPE_TEXT, STATUS_TEXT } from './report-model';

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

const CSS = `
  :root { color-scheme: light; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1e1919; background: #fff; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .75rem; }
  h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #d9d6d2; padding-bottom: .25rem; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
  th, td { text-align: left; vertical-align: top; border: 1px solid #d9d6d2; padding: .35rem .5rem; overflow-wrap: anywhere; }
  th { background: #f7f5f2; }
  table.facts th { width: 12rem; }
  code { font: 12.5px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  .summary { list-style: none; padding: 0; margin: 0; }
  .summary li { margin: .15rem 0; }
  .status { font-weight: 600; white-space: nowrap; }
  .pass { color: #0b6b2e; }
  .fail { color: #b00020; }
  .warn { color: #8a5300; }
  .info { color: #3d3a37; }
  .verdict { display: inline-block; padding: .1rem .5rem; border: 2px solid currentColor; border-radius: 4px; font-weight: 700; }
  .fixes li { margin: .35rem 0; }
  footer { margin-top: 2rem; padding-top: .5rem; border-top: 1px solid #d9d6d2; color: #3d3a37; font-size: .9rem; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10.5pt; }
    h2 { break-after: avoid; }
    tr { break-inside: avoid; }
    * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
  @page { margin: 15mm; }
`;

export function renderHtml(m: Model): string {
  const out: string[] = [];
  out.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(m.heading)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${h(m.heading)}</h1>`,
    '<ul class="summary">',
    `<li><strong>Result:</strong> <span class="verdict ${m.verdictClass}">${h(m.verdict)}</span></li>`,
    `<li><strong>Checked:</strong> ${h(m.checked)}</li>`,
    `<li><strong>Generated:</strong> ${h(m.generated)} by ${h(m.wizard)}</li>`,
    '</ul>',
    '<h2>Connector</h2>',
    '<table class="facts"><tbody>',
  );
  for (const [name, value] of m.facts) {
    out.push(`<tr><th scope="row">${h(name)}</th><td>${htmlBdi(value)}</td></tr>`);
  }
  out.push('</tbody></table>', '<h2>Scopes</h2>', `<p>${h(m.scopeSummary)}</p>`);
  if (m.scopes.length > 0) {
    out.push(
      '<table class="scopes">',
      '<thead><tr><th scope="col">Scope</th><th scope="col">Required</th><th scope="col">Granted</th><th scope="col">Result</th></tr></thead>',
      '<tbody>',
    );
    for (const s of m.scopes) {
      const cls = s.state === 'ok' ? 'pass' : s.state === 'missing' ? 'fail' : 'warn';
      out.push(
        `<tr><td><code>${h(s.id)}</code></td><td>${s.required ? 'yes' : 'no'}</td><td>${s.granted ? 'yes' : 'no'}</td><td class="status ${cls}">${h(SCOPE_TEXT[s.state])}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('<h2>Checks</h2>');
  if (m.checks.length === 0) {
    out.push('<p>The connector has not been checked yet.</p>');
  } else {
    out.push(
      '<table class="checks">',
      '<thead><tr><th scope="col">Result</th><th scope="col">Check</th><th scope="col">Detail</th><th scope="col">Dropbox request id</th></tr></thead>',
      '<tbody>',
    );
    for (const c of m.checks) {
      out.push(
        `<tr><td class="status ${c.status}">${h(STATUS_TEXT[c.status])}</td><td>${h(c.label)}</td><td>${htmlBdi(c.detail)}</td><td>${c.requestId ? `<code>${h(c.requestId)}</code>` : '—'}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
    const fixes = m.checks.filter((c) => c.fix !== null || c.supportDetail !== null);
    if (fixes.length > 0) {
      out.push('<h2>What to fix</h2>', '<ul class="fixes">');
      for (const c of fixes) {
        const parts = [`<strong>${h(c.label)}:</strong>`];
        if (c.fix) parts.push(h(c.fix));
        if (c.supportDetail) parts.push(`Support detail: <code>${h(c.supportDetail)}</code>`);
        out.push(`<li>${parts.join(' ')}</li>`);
      }
      out.push('</ul>');
    }
  }
  out.push(`<footer><p>${h(NO_SECRET_FOOTER)}</p></footer>`, '</body>', '</html>', '');
  return out.join('\n');
}

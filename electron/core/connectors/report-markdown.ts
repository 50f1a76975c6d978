/**
 * The verification report as Markdown: tables an admin pastes into a change ticket. Every cell
 * is escaped, so nothing in a value becomes a link (bare URLs and addresses, which GFM would
 * autolink, are shown as code), HTML or a broken table; values that came from Dropbox or the
 * admin (facts, check details) are bidi-isolated (shared/text-safety.ts).
 */
import {
  markdownCode as mdCode,
  markdownIsolated,
  markdownText as md,
} from '../../shared/text-safety';
import { type Model, NO_SECRET_FOOTER, SCOPE_TEXT, STATUS_TEXT } from './report-model';

export function renderMarkdown(m: Model): string {
  const lines: string[] = [];
  lines.push(`# ${md(m.heading)}`, '');
  lines.push(`- **Result:** ${md(m.verdict)}`);
  lines.push(`- **Checked:** ${md(m.checked)}`);
  lines.push(`- **Generated:** ${md(m.generated)} by ${md(m.wizard)}`, '');

  lines.push('## Connector', '', '| | |', '|---|---|');
  for (const [name, value] of m.facts) lines.push(`| ${md(name)} | ${markdownIsolated(value)} |`);
  lines.push('');

  lines.push('## Scopes', '', md(m.scopeSummary), '');
  if (m.scopes.length > 0) {
    lines.push('| Scope | Required | Granted | Result |', '|---|---|---|---|');
    for (const s of m.scopes) {
      lines.push(
        `| ${mdCode(s.id)} | ${s.required ? 'yes' : 'no'} | ${s.granted ? 'yes' : 'no'} | ${SCOPE_TEXT[s.state]} |`,
      );
    }
    lines.push('');
  }

  lines.push('## Checks', '');
  if (m.checks.length === 0) {
    lines.push('The connector has not been checked yet.', '');
  } else {
    lines.push('| Result | Check | Detail | Dropbox request id |', '|---|---|---|---|');
    for (const c of m.checks) {
      lines.push(
        `| ${STATUS_TEXT[c.status]} | ${md(c.label)} | ${markdownIsolated(c.detail)} | ${c.requestId ? mdCode(c.requestId) : '—'} |`,
      );
    }
    lines.push('');
    const fixes = m.checks.filter((c) => c.fix !== null || c.supportDetail !== null);
    if (fixes.length > 0) {
      lines.push('## What to fix', '');
      for (const c of fixes) {
        const parts = [`- **${md(c.label)}:**`];
        if (c.fix) parts.push(md(c.fix));
        if (c.supportDetail) parts.push(`Support detail: ${md(c.supportDetail)}`);
        lines.push(parts.join(' '));
      }
      lines.push('');
    }
  }

  lines.push('---', '', `_${md(NO_SECRET_FOOTER)}_`, '');
  return lines.join('\n');
}

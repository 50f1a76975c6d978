/**
 * The verification report of a connector: a timestamped Markdown or HTML page an admin attaches
 * to a change ticket or a vendor support case. It shows the target, app key, team, the account
 * that signed in, required vs granted scopes and every check with its result and Dropbox's
 * request id.
 *
 * No secret is in it: `ReportInput` has no field for one, and every value is also scrubbed of
 * anything shaped like a Dropbox token (`sl.` access tokens, 43+ character base64url strings)
 * before it is escaped, so a token that slipped into a check's detail does not reach the file.
 * The HTML is self-contained (inline CSS, a CSP that blocks everything external) and printable.
 */
import type { CheckResult, CheckStatus, Identity, TargetProfile } from '../../shared/contract';

export interface ReportInput {
  readonly connectorName: string;
  readonly target: TargetProfile;
  readonly appKey: string;
  readonly identity: Identity | null;
  readonly requiredScopes: readonly string[];
  readonly grantedScopes: readonly string[];
  readonly checks: readonly CheckResult[];
  /** When the checks ran; null when the connector was never checked. */
  readonly checkedAt: Date | null;
  readonly generatedAt: Date;
  readonly wizardVersion: string;
}

export type ReportFormat = 'markdown' | 'html';

export const REPORT_TITLE = 'Dropbox connector verification report';
export const NO_SECRET_FOOTER =
  'No secret is included in this report: no app secret, authorization code, access token or refresh token. Anything that looks like a Dropbox token is removed from check details.';
const TOKEN_REMOVED = '(token removed)';

// ---- Scrubbing and the Dropbox request id --------------------------------------------------

/** `sl.` / `sl.u.` short-lived access tokens. */
const SL_TOKEN = /(?<![A-Za-z0-9])sl\.[A-Za-z0-9._~+/=-]{8,}/g;
/** Refresh tokens (64), authorization codes (43) and anything else that long in base64url. */
const LONG_BASE64URL = /[A-Za-z0-9_-]{43,}={0,2}/g;

/** Removes anything shaped like a Dropbox token, and line breaks (every value is one line). */
export function scrubTokens(value: string): string {
  return value
    .replace(SL_TOKEN, TOKEN_REMOVED)
    .replace(LONG_BASE64URL, TOKEN_REMOVED)
    .replace(/[\r\n\t]+/g, ' ');
}

/** `describeReply` in dropbox/http.ts writes `(X-Dropbox-Request-Id <32 hex>)`. */
const REQUEST_ID =
  /(?:x-dropbox-request-id|request[ _-]?id)[\s:=]{1,3}([0-9a-f]{8,64})(?![0-9a-z])/i;

/** Dropbox's request id from a check's error detail (or its own detail), or null. */
export function requestIdOf(check: CheckResult): string | null {
  for (const text of [check.error?.detail, check.detail]) {
    const id = text ? REQUEST_ID.exec(text)?.[1] : undefined;
    if (id) return id.toLowerCase();
  }
  return null;
}

// ---- The report's content, format-neutral ---------------------------------------------------

type ScopeState = 'ok' | 'missing' | 'extra';

interface ScopeRow {
  readonly id: string;
  readonly required: boolean;
  readonly granted: boolean;
  readonly state: ScopeState;
}

interface CheckRow {
  readonly status: CheckStatus;
  readonly label: string;
  readonly detail: string;
  readonly requestId: string | null;
  /** Failures and warnings that carry an error: what to do, and the detail for support. */
  readonly fix: string | null;
  readonly supportDetail: string | null;
}

interface Model {
  readonly heading: string;
  readonly generated: string;
  readonly checked: string;
  readonly verdict: string;
  readonly verdictClass: 'pass' | 'fail' | 'warn' | 'info';
  readonly facts: readonly (readonly [string, string])[];
  readonly scopeSummary: string;
  readonly scopes: readonly ScopeRow[];
  readonly checks: readonly CheckRow[];
  readonly wizard: string;
}

const STATUS_TEXT: Readonly<Record<CheckStatus, string>> = {
  pass: '✓ Pass',
  fail: '✗ Fail',
  warn: '! Warning',
  info: 'i Info',
};

const SCOPE_TEXT: Readonly<Record<ScopeState, string>> = {
  ok: '✓',
  missing: 'missing',
  extra: 'extra',
};

/** `2026-12-04 10:15:00 UTC`. */
export function utc(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'unknown time';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const clean = (value: string | null | undefined): string => scrubTokens(value ?? '').trim();

function accountFacts(identity: Identity | null): (readonly [string, string])[] {
  if (!identity) {
    return [
      ['Token', 'Not known (no check with a working token yet)'],
      ['Team', 'Not known'],
      ['Signed-in account', 'Not known'],
    ];
  }
  const team = identity.teamId
    ? `${clean(identity.teamName) || 'name not known'} (${clean(identity.teamId)})`
    : identity.tokenKind === 'user'
      ? 'None (personal account)'
      : 'Not known';
  const who = [clean(identity.displayName), clean(identity.email)].filter((v) => v !== '');
  const account =
    (who.length > 0 ? who.join(', ') : 'Name and email not known') +
    (identity.accountId ? ` (${clean(identity.accountId)})` : '');
  const admin = identity.isTeamAdmin === null ? 'Not known' : identity.isTeamAdmin ? 'Yes' : 'No';
  return [
    ['Token', identity.tokenKind === 'team' ? 'Team token' : 'User token'],
    ['Team', team],
    [identity.tokenKind === 'team' ? 'Admin (signed in)' : 'Signed-in account', account],
    ['Team admin', admin],
  ];
}

function scopeRows(required: readonly string[], granted: readonly string[]): ScopeRow[] {
  const grantedSet = new Set(granted.map(clean));
  const requiredIds = [...new Set(required.map(clean))];
  const requiredSet = new Set(requiredIds);
  const extras = [...grantedSet].filter((id) => !requiredSet.has(id)).sort();
  return [
    ...requiredIds.map((id) => {
      const has = grantedSet.has(id);
      return { id, required: true, granted: has, state: has ? 'ok' : 'missing' } as const;
    }),
    ...extras.map((id) => ({ id, required: false, granted: true, state: 'extra' }) as const),
  ];
}

function checkRows(checks: readonly CheckResult[]): CheckRow[] {
  return checks.map((check) => {
    const troubled = check.status === 'fail' || check.status === 'warn';
    const error = troubled ? check.error : undefined;
    const said = clean(error?.detail);
    return {
      status: check.status,
      label: clean(check.label) || clean(check.id),
      detail: clean(check.detail),
      requestId: requestIdOf(check),
      fix: error ? clean(error.remedy) || null : null,
      supportDetail: said !== '' && said !== clean(check.detail) ? said : null,
    };
  });
}

const checksWord = (n: number): string => (n === 1 ? '1 check' : `${n} checks`);

function verdictOf(checks: readonly CheckResult[]): Pick<Model, 'verdict' | 'verdictClass'> {
  if (checks.length === 0) return { verdict: 'Not checked yet', verdictClass: 'info' };
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  const n = checks.length;
  if (failed > 0) {
    return { verdict: `Failed: ${failed} of ${checksWord(n)} failed`, verdictClass: 'fail' };
  }
  if (warned > 0) {
    return {
      verdict: `Passed with ${warned === 1 ? 'a warning' : `${warned} warnings`} (${checksWord(n)})`,
      verdictClass: 'warn',
    };
  }
  return {
    verdict: n === 1 ? 'Passed: the one check passed' : `Passed: all ${n} checks passed`,
    verdictClass: 'pass',
  };
}

function buildModel(input: ReportInput): Model {
  const scopes = scopeRows(input.requiredScopes, input.grantedScopes);
  const count = (state: ScopeState): number => scopes.filter((s) => s.state === state).length;
  const requiredCount = scopes.filter((s) => s.required).length;
  const grantedCount = scopes.filter((s) => s.granted).length;
  const target = `${clean(input.target.name)} (${clean(input.target.id)})`;
  return {
    heading: `${REPORT_TITLE}: ${clean(input.connectorName) || target}`,
    generated: utc(input.generatedAt),
    checked: input.checkedAt ? utc(input.checkedAt) : 'Never',
    ...verdictOf(input.checks),
    facts: [
      ['Connector', clean(input.connectorName) || target],
      ['Target', target],
      ['App key', clean(input.appKey) || 'Not entered'],
      ...accountFacts(input.identity),
    ],
    scopeSummary: `${requiredCount} required, ${grantedCount} granted, ${count('missing')} missing, ${count('extra')} extra.`,
    scopes,
    checks: checkRows(input.checks),
    wizard: `Dropbox Connector Wizard ${clean(input.wizardVersion)}`,
  };
}

// ---- Markdown -------------------------------------------------------------------------------

/** Text in a Markdown table cell: no HTML, no links, no code or bold, no cell breaks. */
function md(value: string): string {
  return value.replace(/[\\`*[\]<>|]/g, (c) => `\\${c}`);
}

/** An identifier in a table cell, as code (read literally; a pipe must still be escaped). */
function mdCode(value: string): string {
  return `\`${value.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

function renderMarkdown(m: Model): string {
  const lines: string[] = [];
  lines.push(`# ${md(m.heading)}`, '');
  lines.push(`- **Result:** ${md(m.verdict)}`);
  lines.push(`- **Checked:** ${md(m.checked)}`);
  lines.push(`- **Generated:** ${md(m.generated)} by ${md(m.wizard)}`, '');

  lines.push('## Connector', '', '| | |', '|---|---|');
  for (const [name, value] of m.facts) lines.push(`| ${md(name)} | ${md(value)} |`);
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
        `| ${STATUS_TEXT[c.status]} | ${md(c.label)} | ${md(c.detail)} | ${c.requestId ? mdCode(c.requestId) : '—'} |`,
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

// ---- HTML -----------------------------------------------------------------------------------

function h(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

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

function renderHtml(m: Model): string {
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
    out.push(`<tr><th scope="row">${h(name)}</th><td>${h(value)}</td></tr>`);
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
        `<tr><td class="status ${c.status}">${h(STATUS_TEXT[c.status])}</td><td>${h(c.label)}</td><td>${h(c.detail)}</td><td>${c.requestId ? `<code>${h(c.requestId)}</code>` : '—'}</td></tr>`,
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

/** The report as Markdown or as a self-contained HTML page. */
export function renderVerificationReport(input: ReportInput, format: ReportFormat): string {
  const model = buildModel(input);
  return format === 'html' ? renderHtml(model) : renderMarkdown(model);
}
